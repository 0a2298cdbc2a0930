// SPDX-License-Identifier: MIT
/*
 * strace -y/-yy's sockets for calls the tracer stops (escalated, --no-kernel):
 * asked of the kernel's sock_diag interface at the stop, as strace asks it
 * (sock_query.c, in hytrace's network namespace), into the kernel recorder's
 * struct hy_sock_ends. At the entry stop the call has not run: a bind or
 * connect shows the socket before it, as strace shows it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>

#include "decode/format.h"
#include "sock_diag.h"
#include "sock_query.h"
#include "received_fds.h"
#include "syscall_table.h"

/*
 * A new descriptor that is no socket: what /proc says of it now, while the
 * task is stopped, for the files the kernel path reads too (file_put in
 * bpf/sock_ends.bpf.h: those without a path the call names).
 */
static bool proc_file(pid_t tid, int fd, struct hy_sock_ends *e)
{
	memset(e, 0, sizeof(*e));
	if (hy_proc_fd_name(tid, fd, e->name, sizeof(e->name)) <= 0 ||
	    (strncmp(e->name, "pipe:", 5) && strncmp(e->name, "anon_inode:", 11) &&
	     strncmp(e->name, "/memfd:", 7)))
		return false;
	e->fd = fd;
	return true;
}

/*
 * fdinfo: whether a new descriptor closes at exec (the kernel path's
 * fd_cloexec), and a pidfd's process (its "Pid:" line; the kernel path's
 * pidfd_pid)
 */
static void proc_fdinfo(pid_t tid, int fd, struct hy_sock_ends *e)
{
	long v;

	e->cloexec = !hy_proc_fdinfo(tid, fd, "flags:", 8, &v) && (v & O_CLOEXEC);
	if (!hy_proc_fdinfo(tid, fd, "Pid:", 10, &v))
		e->pid = (int)v;
}

static void add(struct hy_record *r, pid_t tid, int fd, enum hy_sock_read how)
{
	struct hy_sock_ends e;

	if (!hy_sock_ends_proc(tid, fd, &e) && (how == HY_SOCK_ARG || !proc_file(tid, fd, &e)))
		return;
	if (how != HY_SOCK_ARG)
		proc_fdinfo(tid, fd, &e);
	hy_rec_add_chunk(r, HY_PHASE_META, HY_META_SOCKET, hy_sock_ends_key(fd, how), &e, sizeof(e),
			 0);
}

void hy_sock_ends_live(pid_t tid, struct hy_record *r, enum hy_phase phase)
{
	unsigned int fds = (hy_syscall_file_args(r->abi, r->nr) >> 8) & 0x3f;
	int32_t pair[2];
	int got[HY_SOCK_MSG_FDS * HY_SOCK_MSG_VLEN];
	size_t n;

	if (!r->ent)
		return;
	if (phase == HY_PHASE_ENTER) {
		for (int i = 0; i < 6; i++)
			if (fds & (1u << i))
				add(r, tid, (int)r->args[i], HY_SOCK_ARG);
		return;
	}
	if (r->ret < 0)
		return;
	if (hy_sysent_returns_fd(r->ent))
		add(r, tid, (int)r->ret, HY_SOCK_RESULT);
	for (int i = 0; i < r->ent->nargs && i < 6; i++)
		if (r->ent->args[i].kind == HY_A_STRUCT_OUT &&
		    r->ent->args[i].aux == HY_S_FD_PAIR &&
		    hy_rec_read(r, HY_PHASE_EXIT, r->args[i], pair, sizeof(pair)) ==
			    (ssize_t)sizeof(pair)) {
			add(r, tid, pair[0], HY_SOCK_ARRAY);
			add(r, tid, pair[1], HY_SOCK_ARRAY);
		}
	/* received over a socket (SCM_RIGHTS): as many as the kernel path reads */
	n = hy_rec_received_fds(r, got, sizeof(got) / sizeof(got[0]));
	for (size_t i = 0; i < n; i++)
		add(r, tid, got[i], HY_SOCK_ARRAY);
}
