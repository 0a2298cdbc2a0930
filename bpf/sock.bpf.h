/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A socket call's descriptor as the decoders need it (HY_CAP_SOCK): a netlink
 * socket's family and protocol, read from the calling task's descriptor
 * table at sys_enter, as strace asks the kernel while the call is stopped.
 * The socket structs are vmlinux_min.h's, shared with sock_ends.bpf.h.
 */
#ifndef HY_SOCK_BPF_H
#define HY_SOCK_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include "hy_event.h"
#include "fd_file.bpf.h"

#define HY_AF_NETLINK 16

/*
 * The struct socket of descriptor @fd of the current task and its inode
 * number, or NULL. Only a socket's inode has S_IFSOCK (opening a socket's
 * path fails), so its file's private_data is then its struct socket.
 */
static __always_inline struct socket *socket_of(__s64 fd, __u64 *ino)
{
	struct file *file = file_of_fd(fd);
	struct inode *inode = file ? BPF_CORE_READ(file, f_inode) : NULL;

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
	struct socket *sock;
	struct sock *sk;
	__u64 ino;

	sock = socket_of(fd, &ino);
	sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_family) != HY_AF_NETLINK)
		return false;
	m->family = HY_AF_NETLINK;
	m->protocol = HY_SOCK_PROTO_UNKNOWN;
	if (BPF_CORE_READ((struct netlink_sock *)sk, bound))
		m->protocol = BPF_CORE_READ(sk, sk_protocol);
	return true;
}

#endif
