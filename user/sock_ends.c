// SPDX-License-Identifier: MIT
/*
 * strace -y/-yy's sockets as the kernel recorder read them (HY_KEV_SOCK): the
 * table of which descriptors to read, and the public view (hy_event_socket()).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <bpf/bpf.h>

#include "decode/format.h"
#include "event.h"
#include "kernel_btf_names.h"
#include "sock_diag.h"
#include "sock_ends.h"
#include "sock_query.h"
#include "syscall_table.h"

int hy_sock_fd_args_load(int map_fd)
{
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		const struct hy_systable *t = hy_systable(abi);

		for (unsigned int nr = 0; nr < t->size && nr < HY_PLAN_NR_MAX; nr++) {
			const struct hy_sysent *e = &t->ent[nr];
			struct hy_sock_fd_args v = { 0 };
			__u32 key = abi * HY_PLAN_NR_MAX + nr;

			if (!e->name)
				continue;
			v.fd_args = (hy_syscall_file_args(abi, nr) >> 8) & 0x3f;
			v.ret_fd = hy_sysent_returns_fd(e);
			/* a msghdr is read at the x86-64 layout's offsets only */
			for (int i = 0; i < e->nargs && i < 6; i++)
				if (e->args[i].kind == HY_A_STRUCT_OUT &&
				    e->args[i].aux == HY_S_FD_PAIR)
					v.pair_arg = i + 1;
				else if (abi == HY_ABI_X86_64 &&
					 e->args[i].kind == HY_A_STRUCT_OUT &&
					 e->args[i].aux == HY_S_MSGHDR)
					v.msg_arg = i + 1;
				else if (abi == HY_ABI_X86_64 &&
					 e->args[i].kind == HY_A_STRUCT_OUT &&
					 e->args[i].aux == HY_S_MMSGHDR)
					v.msg_arg = (i + 1) | HY_SOCK_MSG_VEC;
			if ((v.fd_args || v.ret_fd || v.pair_arg || v.msg_arg) &&
			    bpf_map_update_elem(map_fd, &key, &v, BPF_ANY))
				return -errno;
		}
	}
	return 0;
}

int hy_sock_ends_add(struct hy_record *r, const struct hy_kev_sock *k)
{
	enum hy_sock_read how = HY_SOCK_ARG;

	if (k->hdr.aux & HY_SOCK_AT_EXIT)
		how = (k->hdr.aux & 0xff) == 6 ? HY_SOCK_RESULT : HY_SOCK_ARRAY;
	return hy_rec_add_chunk(r, HY_PHASE_META, HY_META_SOCKET, hy_sock_ends_key(k->s.fd, how),
				&k->s, sizeof(k->s), 0);
}

/*
 * Whether inet_diag lists a TCP socket that is bound but neither listening nor
 * connected: kernels with TCP_BOUND_INACTIVE (6.7) do, when asked for every
 * state as strace asks. A fact of the running kernel, read once from its BTF
 * by name: the enumerator is in an anonymous enum, which CO-RE cannot name.
 */
static bool bound_listed;
static pthread_once_t bound_once = PTHREAD_ONCE_INIT;

static void find_bound_inactive(void)
{
	bound_listed = hy_kernel_btf_has_name("TCP_BOUND_INACTIVE") > 0;
}

#define TCP_CLOSE_STATE 7

/* What the kernel's fields say strace's sock_diag query finds (its request: every state). */
static bool in_dump(const struct hy_sock_ends *s)
{
	switch (s->family) {
	case AF_UNIX:
		/* every one is in the dump, but strace takes one with neither as not found */
		return s->peer_ino || s->path_len;
	case AF_NETLINK:
		return s->bound;
	case AF_INET:
	case AF_INET6:
		if (!strncmp(s->proto, "TCP", 3)) {
			if (s->state != TCP_CLOSE_STATE)
				return true;
			pthread_once(&bound_once, find_bound_inactive);
			return s->sport && bound_listed;
		}
		/* UDP and UDPLITE: in the table once bound (bind, connect, sendto) */
		return !strncmp(s->proto, "UDP", 3) && s->sport;
	default:
		return false; /* strace asks only these families */
	}
}

/* Whether strace would print more than "PROTO:[INODE]" */
static bool listed(const struct hy_sock_ends *s)
{
	if (s->diag) /* the tracer asked sock_diag itself */
		return s->diag == HY_SOCK_DIAG_FOUND;
	return in_dump(s) && hy_sock_diag_answers(s->proto);
}

static bool find(const struct hy_record *r, uint64_t key, struct hy_sock_ends *s)
{
	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *ch = &r->chunk[i];

		if (ch->phase == HY_PHASE_META && ch->arg == HY_META_SOCKET && ch->addr == key &&
		    ch->len == sizeof(*s)) {
			memcpy(s, r->store + ch->off, sizeof(*s));
			return true;
		}
	}
	return false;
}

/* An argument as the call began, or a new one of an array (pipe's, socketpair's) */
static bool lookup(const struct hy_record *r, int fd, int result, struct hy_sock_ends *s)
{
	if (result)
		return find(r, hy_sock_ends_key(fd, HY_SOCK_RESULT), s);
	return find(r, hy_sock_ends_key(fd, HY_SOCK_ARG), s) ||
	       find(r, hy_sock_ends_key(fd, HY_SOCK_ARRAY), s);
}

int hy_event_file_name(const struct hy_event *ev, int fd, int result, char *buf, size_t size)
{
	struct hy_sock_ends s;
	int n;

	if (!size || !lookup(&ev->r, fd, result, &s))
		return -ENOENT;
	s.name[sizeof(s.name) - 1] = 0;
	if (s.family)
		n = snprintf(buf, size, "socket:[%" PRIu64 "]", (uint64_t)s.ino);
	else if (s.magic == HY_PIPEFS_MAGIC)
		n = snprintf(buf, size, "pipe:[%" PRIu64 "]", (uint64_t)s.ino);
	else if (s.magic == HY_ANON_INODE_FS_MAGIC || s.magic == HY_PIDFS_MAGIC)
		/* pidfs (6.9+) names its files as anon_inodefs did */
		n = snprintf(buf, size, "anon_inode:%s",
			     s.magic == HY_PIDFS_MAGIC ? "[pidfd]" : s.name);
	else if (s.magic == HY_TMPFS_MAGIC || s.magic == HY_HUGETLBFS_MAGIC)
		n = snprintf(buf, size, "/%s (deleted)", s.name); /* memfd_create's */
	else
		n = snprintf(buf, size, "%s", s.name); /* magic 0: /proc's link */
	return n > 0 && s.name[0] | s.ino ? (int)strlen(buf) : -ENOENT;
}

int hy_event_fd_cloexec(const struct hy_event *ev, int fd, int result)
{
	struct hy_sock_ends s;

	/* only a descriptor read at exit knows its flag */
	if (!find(&ev->r, hy_sock_ends_key(fd, result ? HY_SOCK_RESULT : HY_SOCK_ARRAY), &s))
		return -ENOENT;
	return s.cloexec;
}

int hy_event_pidfd_pid(const struct hy_event *ev, int fd, int result)
{
	struct hy_sock_ends s;

	if (!lookup(&ev->r, fd, result, &s) || s.family || s.pid <= 0)
		return -ENOENT;
	return s.pid;
}

int hy_event_socket(const struct hy_event *ev, int fd, int result, struct hy_socket *out)
{
	struct hy_sock_ends s;

	if (!lookup(&ev->r, fd, result, &s) || !s.family)
		return -ENOENT;
	hy_sock_ends_public(&s, listed(&s), out);
	return 0;
}
