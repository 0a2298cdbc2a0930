// SPDX-License-Identifier: MIT
/*
 * Attaching to running processes (-p). A seccomp filter cannot be removed from a
 * running process, and one that returns SECCOMP_RET_TRACE with no tracer makes
 * those calls fail with ENOSYS, so attach mode installs none:
 *  - with nothing subscribed, the kernel recorder alone watches the process: no
 *    ptrace, no stop, and nothing is left behind when hytrace ends;
 *  - with a subscription, every thread is seized with ptrace and stops at each
 *    syscall's entry and exit (strace's cost); the handler runs for subscribed
 *    calls only, and on SIGINT every thread is detached and runs on.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "error.h"
#include "kernel_recorder.h"
#include "merge.h"
#include "session.h"

#define SEIZE_OPTIONS                                                                    \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |               \
	 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC)

/* One pass over /proc/PID/task; returns how many threads were new. */
static int attach_threads(struct hy_session *s, pid_t pid, bool use_ptrace, int *err)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int added = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir) {
		*err = hy_error(-ESRCH, "no process %d", pid);
		return 0;
	}
	while ((d = readdir(dir))) {
		pid_t tid = atoi(d->d_name);

		if (tid <= 0 || hy_task_find(s, tid))
			continue;
		if (use_ptrace && ptrace(PTRACE_SEIZE, tid, 0, SEIZE_OPTIONS)) {
			if (errno == ESRCH)
				continue; /* the thread just ended */
			*err = hy_error(-errno, "cannot attach to %d: %s", tid,
					errno == EPERM ? "permission denied (already traced?)"
						       : strerror(errno));
			break;
		}
		if (s->krec && (*err = hy_krec_add_guest(s->krec, tid, false, use_ptrace)))
			break;
		hy_task_get(s, tid, pid, 0);
		if (use_ptrace)
			ptrace(PTRACE_INTERRUPT, tid, 0, 0); /* start stopping at syscalls */
		added++;
	}
	closedir(dir);
	return added;
}

int hy_attach(struct hy_session *s, pid_t pid, bool use_ptrace)
{
	int err = 0;

	/* threads created meanwhile are caught by the next pass */
	while (attach_threads(s, pid, use_ptrace, &err) > 0 && !err)
		;
	return err;
}

bool hy_stop_requested(void);

int hy_watch_loop(struct hy_session *s)
{
	while (!hy_stop_requested()) {
		struct pollfd pfd = { .fd = hy_krec_fd(s->krec), .events = POLLIN };

		poll(&pfd, 1, 50);
		hy_drain(s);
		if (!hy_krec_guests(s->krec))
			break;
	}
	hy_drain(s);
	return 0;
}
