/* SPDX-License-Identifier: GPL-2.0 */
/*
 * strace -y/-yy's sockets, read from the kernel's own objects (HY_KEV_SOCK):
 * for each descriptor argument of a call that is a socket, at sys_enter (what
 * strace asks sock_diag while the call is stopped before it runs), and for the
 * descriptors a call returns, at sys_exit. User space would ask sock_diag only
 * when it prints the line, after the call changed the socket (bind, connect)
 * or closed it (HACKING.md, "Why -yy reads sockets in the kernel").
 *
 * The kernel structs (sockets, files, a pid) are vmlinux_min.h's.
 */
#ifndef HY_SOCK_ENDS_BPF_H
#define HY_SOCK_ENDS_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include "hy_event.h"
#include "ring.bpf.h"
#include "capture.bpf.h" /* arg_at */
#include "guests.bpf.h"
#include "sock.bpf.h" /* socket_of */

/* Set before load with -y/-yy: with 0 the verifier drops every line below (no cost). */
const volatile __u8 want_socks = 0;

/* Per syscall (abi * HY_PLAN_NR_MAX + nr): its descriptors (user/sock_ends.c fills it). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, HY_PLAN_ENTRIES);
	__type(key, __u32);
	__type(value, struct hy_sock_fd_args);
} sock_fd_args SEC(".maps");

#define SE_AF_UNIX 1
#define SE_AF_INET 2
#define SE_AF_INET6 10

static __always_inline void read_inet(struct sock *sk, struct hy_sock_ends *e)
{
	e->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	e->dport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
	/* sizes given: BPF_CORE_READ_INTO would take an array's element size */
	if (e->family == SE_AF_INET) {
		bpf_core_read(e->src, 4, &sk->__sk_common.skc_rcv_saddr);
		bpf_core_read(e->dst, 4, &sk->__sk_common.skc_daddr);
	} else if (bpf_core_field_exists(sk->__sk_common.skc_v6_daddr)) {
		bpf_core_read(e->src, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		bpf_core_read(e->dst, 16, &sk->__sk_common.skc_v6_daddr);
	}
}

static __always_inline void read_unix(struct sock *sk, struct hy_sock_ends *e)
{
	struct unix_sock *u = (void *)sk;
	struct unix_address *addr = BPF_CORE_READ(u, addr);
	struct sock *peer = BPF_CORE_READ(u, peer);
	int len;

	if (peer)
		e->peer_ino = BPF_CORE_READ(peer, sk_socket, file, f_inode, i_ino);
	if (!addr)
		return;
	/* len counts sun_family; an autobound name is 5 bytes, a path has its NUL */
	len = BPF_CORE_READ(addr, len) - (int)sizeof(unsigned short);
	if (len <= 0)
		return;
	if (len > (int)sizeof(e->path))
		len = sizeof(e->path);
	e->path_len = len;
	bpf_probe_read_kernel(e->path, sizeof(e->path), &addr->name[0].sun_path);
}

/*
 * The process a pidfd refers to, as the initial pid namespace numbers it (the
 * tids of every record are that namespace's too): its struct pid is the pidfs
 * inode's i_private (6.9+), the anon inode file's private_data before.
 */
static __always_inline __s32 pidfd_pid(struct file *file, struct inode *inode, __u32 magic)
{
	struct pid *pid = magic == HY_PIDFS_MAGIC ? BPF_CORE_READ(inode, i_private) :
						    BPF_CORE_READ(file, private_data);

	return pid ? BPF_CORE_READ(pid, numbers[0].nr) : 0;
}

/*
 * A new descriptor that is no socket and has no path the call names: a pipe,
 * an anon inode (eventfd, epoll, signalfd, timerfd, inotify...), a pidfd, a
 * memfd. What /proc/PID/fd/N would say, from its filesystem and dentry name:
 * read as the call returns, since the line is printed later, often after the
 * process closed it or ended. Files with paths (open's, dup's) are named in
 * user space from the record; they are not read here.
 */
static __always_inline int file_put(__u64 ts, __u64 pid_tgid, __s64 fd, __u32 how)
{
	struct file *file = file_of_fd(fd);
	struct inode *inode = file ? BPF_CORE_READ(file, f_inode) : NULL;
	const unsigned char *name;
	struct hy_kev_sock *r;
	__u32 magic;

	if (!inode)
		return 0;
	magic = BPF_CORE_READ(inode, i_sb, s_magic);
	if (magic != HY_PIPEFS_MAGIC && magic != HY_ANON_INODE_FS_MAGIC &&
	    magic != HY_PIDFS_MAGIC && magic != HY_TMPFS_MAGIC && magic != HY_HUGETLBFS_MAGIC)
		return 0;
	if (!(r = ring_reserve(sizeof(*r))))
		return 0;
	__builtin_memset(&r->s, 0, sizeof(r->s));
	name = BPF_CORE_READ(file, f_path.dentry, d_name.name);
	bpf_probe_read_kernel_str(r->s.name, sizeof(r->s.name), name);
	/* a tmpfs file with a path is open's; memfd_create's is named "memfd:NAME" */
	if ((magic == HY_TMPFS_MAGIC || magic == HY_HUGETLBFS_MAGIC) &&
	    (r->s.name[0] != 'm' || r->s.name[1] != 'e' || r->s.name[2] != 'm' ||
	     r->s.name[3] != 'f' || r->s.name[4] != 'd' || r->s.name[5] != ':')) {
		bpf_ringbuf_discard(r, 0);
		return 0;
	}
	fill_hdr(&r->hdr, ts, pid_tgid, HY_KEV_SOCK, sizeof(*r));
	r->hdr.aux = how;
	r->s.fd = fd;
	r->s.ino = BPF_CORE_READ(inode, i_ino);
	r->s.magic = magic;
	r->s.cloexec = fd_cloexec(fd);
	/* before pidfs, a pidfd is the anon inode "[pidfd]" */
	if (magic == HY_PIDFS_MAGIC ||
	    (magic == HY_ANON_INODE_FS_MAGIC && r->s.name[0] == '[' && r->s.name[1] == 'p' &&
	     r->s.name[2] == 'i' && r->s.name[3] == 'd' && r->s.name[4] == 'f' &&
	     r->s.name[5] == 'd' && r->s.name[6] == ']'))
		r->s.pid = pidfd_pid(file, inode, magic);
	bpf_ringbuf_submit(r, 0);
	return 0;
}

/*
 * HY_KEV_SOCK for descriptor @fd of the current task, when it is a socket
 * (or, for a descriptor the call returned, a file only the kernel names).
 * A global function: verified once, whatever the number of call sites.
 */
__attribute__((noinline)) int sock_ends_put(__u64 ts, __u64 pid_tgid, __s64 fd, __u32 how)
{
	struct socket *sock;
	struct sock *sk;
	struct hy_kev_sock *r;
	__u64 ino = 0;

	sock = socket_of(fd, &ino);
	sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sock && (how & HY_SOCK_AT_EXIT))
		return file_put(ts, pid_tgid, fd, how);
	if (!sk || !(r = ring_reserve(sizeof(*r))))
		return 0;
	__builtin_memset(&r->s, 0, sizeof(r->s));
	fill_hdr(&r->hdr, ts, pid_tgid, HY_KEV_SOCK, sizeof(*r));
	r->hdr.aux = how;
	r->s.fd = fd;
	r->s.ino = ino;
	if (how & HY_SOCK_AT_EXIT)
		r->s.cloexec = fd_cloexec(fd);
	r->s.family = BPF_CORE_READ(sk, __sk_common.skc_family);
	r->s.state = BPF_CORE_READ(sk, __sk_common.skc_state);
	r->s.protocol = BPF_CORE_READ(sk, sk_protocol);
	BPF_CORE_READ_STR_INTO(&r->s.proto, sk, sk_prot_creator, name);
	if (r->s.family == SE_AF_INET || r->s.family == SE_AF_INET6)
		read_inet(sk, &r->s);
	else if (r->s.family == SE_AF_UNIX)
		read_unix(sk, &r->s);
	else if (r->s.family == HY_AF_NETLINK) {
		r->s.portid = BPF_CORE_READ((struct netlink_sock *)sk, portid);
		r->s.bound = BPF_CORE_READ((struct netlink_sock *)sk, bound);
	}
	bpf_ringbuf_submit(r, 0); /* the call's own record wakes the reader */
	return 0;
}

static __always_inline const struct hy_sock_fd_args *sock_fd_args_of(__u8 abi, __s32 nr)
{
	__u32 key = (__u32)abi * HY_PLAN_NR_MAX + (__u32)nr;

	if (nr < 0 || nr >= HY_PLAN_NR_MAX)
		return NULL;
	return bpf_map_lookup_elem(&sock_fd_args, &key);
}

/* At sys_enter: the call's descriptor arguments that are sockets. */
static __always_inline void sock_ends_enter(__u8 abi, __s32 nr, const __u64 *args, __u64 ts,
					    __u64 pid_tgid)
{
	const struct hy_sock_fd_args *a = sock_fd_args_of(abi, nr);
	__u8 bits = a ? a->fd_args : 0;

	if (!bits)
		return;
#pragma unroll
	for (int i = 0; i < 6; i++)
		if (bits & (1u << i))
			sock_ends_put(ts, pid_tgid, (__s32)arg_at(args, i), i);
}

/*
 * The descriptors a received message passed (SCM_RIGHTS, in its first control
 * message: where a sender puts them), read as the call returns: the line is
 * printed later, often after the receiver closed them. Each goes as one of an
 * array the call filled (HY_SOCK_AT_EXIT | 7). The msghdr at @msg is the
 * user's, its msg_controllen set by the kernel to what it wrote. A global
 * function: verified once for recvmsg and every recvmmsg entry.
 */
__attribute__((noinline)) int msg_fds_put(__u64 ts, __u64 pid_tgid, __u64 msg)
{
	struct {
		__u64 len;
		__s32 level, type;
		__s32 fds[HY_SOCK_MSG_FDS];
	} c;
	__u64 ctl[2]; /* msg_control, msg_controllen */
	__u64 n, got = sizeof(c);

	if (!msg || bpf_probe_read_user(ctl, sizeof(ctl), (void *)(msg + 32)) || ctl[1] < 20 ||
	    !ctl[0])
		return 0;
	/*
	 * A constant size for the verifier: past msg_controllen is the user's
	 * memory too (only c.len's bytes are used); a buffer at the end of its
	 * mapping gets the header and one descriptor.
	 */
	if (bpf_probe_read_user(&c, sizeof(c), (void *)ctl[0])) {
		got = 20;
		if (bpf_probe_read_user(&c, 20, (void *)ctl[0]))
			return 0;
	}
	if (c.level != 1 || c.type != 1 /* SOL_SOCKET, SCM_RIGHTS */ || c.len < 20 ||
	    c.len > ctl[1])
		return 0;
	n = ((c.len < got ? c.len : got) - 16) / 4;
#pragma unroll
	for (int i = 0; i < HY_SOCK_MSG_FDS; i++)
		if ((__u64)i < n)
			sock_ends_put(ts, pid_tgid, c.fds[i], HY_SOCK_AT_EXIT | 7);
	return 0;
}

/*
 * recvmsg's msghdr at @addr (@vlen -1), or recvmmsg's first @vlen entries (64
 * bytes each): global, so each exit program's call sites cost one call.
 */
__attribute__((noinline)) int msgs_fds_put(__u64 ts, __u64 pid_tgid, __u64 addr, __s64 vlen)
{
	if (vlen < 0)
		return msg_fds_put(ts, pid_tgid, addr);
#pragma unroll
	for (int i = 0; i < HY_SOCK_MSG_VLEN; i++)
		if (i < vlen)
			msg_fds_put(ts, pid_tgid, addr + i * 64);
	return 0;
}

/* At sys_exit of a call that succeeded: the descriptors it returned. */
static __always_inline void sock_ends_exit(__u8 abi, __s32 nr, const __u64 *args, __s64 ret,
					   __u64 ts, __u64 pid_tgid)
{
	const struct hy_sock_fd_args *a = sock_fd_args_of(abi, nr);
	__s32 pair[2] = {};
	__u8 p;

	if (!a || ret < 0)
		return;
	if (a->ret_fd)
		sock_ends_put(ts, pid_tgid, ret, HY_SOCK_AT_EXIT | 6);
	p = a->pair_arg;
	if (p >= 1 && p <= 6 &&
	    !bpf_probe_read_user(pair, sizeof(pair), (void *)arg_at(args, p - 1))) {
		sock_ends_put(ts, pid_tgid, pair[0], HY_SOCK_AT_EXIT | 7);
		sock_ends_put(ts, pid_tgid, pair[1], HY_SOCK_AT_EXIT | 7);
	}
	p = a->msg_arg & ~HY_SOCK_MSG_VEC;
	if (p >= 1 && p <= 6)
		msgs_fds_put(ts, pid_tgid, arg_at(args, p - 1),
			     a->msg_arg & HY_SOCK_MSG_VEC ? ret : -1);
}

#endif
