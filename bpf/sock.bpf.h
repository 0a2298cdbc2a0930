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
#include "fd_file.bpf.h"

/*
 * One set of socket structs for every reader (sock_meta() here, -yy's ends in
 * sock_ends.bpf.h). The kernel has the addresses and ports in anonymous
 * unions: CO-RE finds them there.
 */
struct in6_addr___hy {
	__u8 b[16]; /* CO-RE only asks that a composite field be a composite */
} __attribute__((preserve_access_index));

struct sock_common___hy {
	__u32 skc_daddr;
	__u32 skc_rcv_saddr;
	__u16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	unsigned char skc_state;
	struct in6_addr___hy skc_v6_daddr;
	struct in6_addr___hy skc_v6_rcv_saddr;
} __attribute__((preserve_access_index));

struct proto___hy {
	char name[32];
} __attribute__((preserve_access_index));

struct socket___hy;

struct sock___hy {
	struct sock_common___hy __sk_common;
	__u16 sk_protocol; /* a bit field before 5.6: CO-RE refuses the read there */
	struct proto___hy *sk_prot_creator;
	struct socket___hy *sk_socket;
} __attribute__((preserve_access_index));

struct socket___hy {
	struct sock___hy *sk;
	struct file___hyf *file;
} __attribute__((preserve_access_index));

/* struct sock is its first member */
struct netlink_sock___hy {
	__u32 portid;
	bool bound;
} __attribute__((preserve_access_index));

#define HY_AF_NETLINK 16

/*
 * The struct socket of descriptor @fd of the current task and its inode
 * number, or NULL. Only a socket's inode has S_IFSOCK (opening a socket's
 * path fails), so its file's private_data is then its struct socket.
 */
static __always_inline struct socket___hy *socket_of(__s64 fd, __u64 *ino)
{
	struct file___hyf *file = file_of_fd(fd);
	struct inode___hyf *inode = file ? BPF_CORE_READ(file, f_inode) : NULL;

	if (!inode || (BPF_CORE_READ(inode, i_mode) & HY_S_IFMT) != HY_S_IFSOCK)
		return NULL;
	*ino = BPF_CORE_READ(inode, i_ino);
	return BPF_CORE_READ(file, private_data);
}

/*
 * Fill @m for descriptor @fd of the current task; false when it is not a
 * netlink socket. A netlink socket not yet bound has no known protocol, as
 * strace's sock_diag query does not find it.
 */
static __always_inline bool sock_meta(__s64 fd, struct hy_sock_meta *m)
{
	struct socket___hy *sock;
	struct sock___hy *sk;
	__u64 ino;

	sock = socket_of(fd, &ino);
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
