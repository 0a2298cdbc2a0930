/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A socket call's descriptor as the decoders need it (HY_CAP_SOCK): a netlink
 * socket's family and protocol, read from the calling task's descriptor
 * table at sys_enter, as strace asks the kernel while the call is stopped.
 * The structs are flavoured (___hy) so CO-RE relocates the few fields read
 * here against the running kernel's BTF without vmlinux_min.h growing them.
 */
#ifndef HY_SOCK_BPF_H
#define HY_SOCK_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include "hy_event.h"

struct inode___hy {
	unsigned short i_mode;
} __attribute__((preserve_access_index));

struct file___hy {
	struct inode___hy *f_inode;
	void *private_data;
} __attribute__((preserve_access_index));

struct fdtable___hy {
	unsigned int max_fds;
	struct file___hy **fd;
} __attribute__((preserve_access_index));

struct files_struct___hy {
	struct fdtable___hy *fdt;
} __attribute__((preserve_access_index));

struct task_struct___hy {
	struct files_struct___hy *files;
} __attribute__((preserve_access_index));

struct sock_common___hy {
	unsigned short skc_family;
} __attribute__((preserve_access_index));

struct sock___hy {
	struct sock_common___hy __sk_common;
	__u16 sk_protocol; /* a bit field before 5.6: CO-RE refuses the read there */
} __attribute__((preserve_access_index));

struct socket___hy {
	struct sock___hy *sk;
} __attribute__((preserve_access_index));

/* struct sock is its first member */
struct netlink_sock___hy {
	bool bound;
} __attribute__((preserve_access_index));

#define HY_S_IFMT 00170000
#define HY_S_IFSOCK 0140000
#define HY_AF_NETLINK 16

/*
 * Fill @m for descriptor @fd of the current task; false when it is not a
 * netlink socket. Only a socket's inode has S_IFSOCK (opening a socket's path
 * fails), so its file's private_data is then its struct socket. A netlink
 * socket not yet bound has no known protocol, as strace's sock_diag query
 * does not find it.
 */
static __always_inline bool sock_meta(__s64 fd, struct hy_sock_meta *m)
{
	struct task_struct___hy *task = (void *)bpf_get_current_task();
	struct fdtable___hy *fdt = BPF_CORE_READ(task, files, fdt);
	struct file___hy *file = NULL, **fds;
	struct socket___hy *sock;
	struct sock___hy *sk;
	unsigned int max;

	if (!fdt || fd < 0)
		return false;
	max = BPF_CORE_READ(fdt, max_fds);
	fds = BPF_CORE_READ(fdt, fd);
	if ((__u64)fd >= max || bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]) || !file)
		return false;
	if ((BPF_CORE_READ(file, f_inode, i_mode) & HY_S_IFMT) != HY_S_IFSOCK)
		return false;
	sock = BPF_CORE_READ(file, private_data);
	sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_family) != HY_AF_NETLINK)
		return false;
	m->family = HY_AF_NETLINK;
	m->protocol = HY_SOCK_PROTO_UNKNOWN;
	if (BPF_CORE_READ((struct netlink_sock___hy *)sk, bound))
		m->protocol = BPF_CORE_READ(sk, sk_protocol);
	return true;
}

#endif
