// SPDX-License-Identifier: MIT
/*
 * Attaching to running processes (-p) with a subscription. A seccomp filter
 * cannot be removed from a running process, and one that returns
 * SECCOMP_RET_TRACE with no tracer makes those calls fail with ENOSYS, so attach
 * mode installs none: every thread is seized and stops at each syscall's entry
 * and exit (strace's cost); the handlers run for subscribed calls only, and on
 * SIGINT every thread is detached and runs on. Without a subscription the kernel
 * recorder alone watches (observe.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>

#include "error.h"
#include "kernel_recorder.h"
#include "procfs.h"
#include "ptrace/ptrace.h"
#include "runtime.h"
#include "session.h"

#define SEIZE_OPTIONS                                                                              \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |  \
	 PTRACE_O_TRACEEXEC)

struct adopt_ctx {
	struct hy_session *s;
	pid_t pid;
};

static int seize(void *ctx, pid_t tid)
{
	struct adopt_ctx *a = ctx;
	int err;

	if (hy_task_find(&a->s->tasks, tid))
		return 0;
	if (ptrace(PTRACE_SEIZE, tid, 0, SEIZE_OPTIONS)) {
		int why = errno;
		char state = hy_proc_state(tid);

		errno = why;
		if (errno == ESRCH || state == 'Z' || state == 'X')
			return 0; /* the thread ended (a leader that ended before its threads) */
		return hy_error(-errno, "cannot attach to %d: %s", tid,
				errno == EPERM ? "permission denied (already traced?)" :
						 strerror(errno));
	}
	if (a->s->krec && (err = hy_krec_add_guest(a->s->krec, tid, false, true)))
		return err;
	hy_rt_task_get(a->s, tid, a->pid, 0);
	ptrace(PTRACE_INTERRUPT, tid, 0, 0); /* start stopping at syscalls */
	return 1;
}

int hy_pt_attach(struct hy_session *s, pid_t pid)
{
	struct adopt_ctx a = { s, pid };
	int err = hy_proc_adopt_threads(pid, seize, &a);

	if (err == -ESRCH)
		return hy_error(-ESRCH, "no process %d", pid);
	return err;
}
