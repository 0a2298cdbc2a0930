// SPDX-License-Identifier: MIT
/*
 * The hand-off of the guest backend (HACKING.md, "The in-guest backend"):
 * until the preloaded runtime arms Syscall User Dispatch in the launched
 * command, hytrace holds its calls with ptrace, so the tools see the dynamic
 * loader's calls as on the ptrace backend. Two kinds of call are not the
 * guest's. The loader's loading of the runtime itself and of the plugins
 * preloaded after it (each one's openat, the calls up to the close of that
 * descriptor, the mprotect of its RELRO): a guest under ptrace does not make them, and the kernel recorder's records of them
 * are dropped too (guest_own_load.c, the same rule). And the runtime's first
 * call, prctl(PR_SET_SYSCALL_USER_DISPATCH, ON): the runtime is about to take
 * the calls over, so the loop ends with the task held there and hytrace lets
 * go of it. Its steps through the tracer loop are here too: its exec event
 * (where a hand-off of a program no runtime goes into is kept, ptraced), and
 * the stepping of its stops between the guest backend's drains.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "call.h"
#include "drain.h"
#include "procfs.h"
#include "ptrace/code_ranges.h"
#include "ptrace/exec_runtime.h"
#include "ptrace/handoff.h"
#include "ptrace/ptrace.h"
#include "ptrace/pt_task.h"
#include "ptrace/tracer_stops.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif

struct hy_pt_handoff_task *hy_pt_handoff_find(struct hy_pt_handoff *h, pid_t tid)
{
	for (int i = 0; h && i < HY_PT_HANDOFFS; i++)
		if (h->task[i].tid == tid)
			return &h->task[i];
	return NULL;
}

/* Whether @t's openat opens the next preloaded object (its path read from the stopped task). */
static bool opens_next(const struct hy_pt_handoff *h, const struct hy_pt_handoff_task *ht,
		       struct hy_task *t)
{
	const char *name;
	size_t n = hy_preload_loading_next(&ht->load, h->preload, &name);
	char path[PATH_MAX];
	struct iovec local = { path, n + 1 }, remote = { (void *)t->call.args[1], n + 1 };

	if (!n || process_vm_readv(t->tid, &local, 1, &remote, 1, 0) != (ssize_t)n + 1)
		return false;
	return !memcmp(path, name, n) && !path[n];
}

void hy_pt_handoff_execed(struct hy_pt_handoff_task *ht)
{
	ht->execed = true;
	ht->own = HY_PT_OWN_EXPECT;
	hy_preload_loading_start(&ht->load);
}

bool hy_pt_handoff_entry(struct hy_pt_handoff *h, struct hy_task *t)
{
	struct hy_pt_handoff_task *ht = t->tid ? hy_pt_handoff_find(h, t->tid) : NULL;
	const struct hy_call *c = &t->call;
	bool x64 = c->abi == HY_ABI_X86_64, last;

	if (!ht)
		return false;
	ht->own_exit = false;
	if (!ht->execed)
		return false;
	if (x64 && c->nr == SYS_prctl && c->args[0] == PR_SET_SYSCALL_USER_DISPATCH &&
	    c->args[1] == PR_SYS_DISPATCH_ON) {
		ht->armed = true;
		return true;
	}
	switch (ht->own) {
	case HY_PT_OWN_EXPECT:
		if (!x64 || c->nr != SYS_openat)
			return false;
		/*
		 * LD_PRELOAD's objects are the first the loader opens, one after
		 * the other: the runtime, then the plugins preloaded, or nothing
		 */
		ht->own = opens_next(h, ht, t) ? HY_PT_OWN_LOADING : HY_PT_OWN_NONE;
		ht->fd = -1;
		break;
	case HY_PT_OWN_LOADING:
		if (x64 && c->nr == SYS_close && (int64_t)c->args[0] == ht->fd)
			ht->own = hy_preload_loading_closed(&ht->load, h->preload) ?
					  HY_PT_OWN_EXPECT :
					  HY_PT_OWN_RELRO;
		break;
	case HY_PT_OWN_RELRO:
		/* each object's, at its relocation (one each, if it has a RELRO page) */
		if (!x64 || c->nr != SYS_mprotect ||
		    !hy_preload_loading_relro(&ht->load, c->args[0], &last))
			return false;
		if (last)
			ht->own = HY_PT_OWN_NONE;
		return true;
	case HY_PT_OWN_NONE:
		return false;
	}
	ht->own_exit = ht->own != HY_PT_OWN_NONE;
	return ht->own_exit;
}

void hy_pt_handoff_exit(struct hy_pt_handoff *h, struct hy_task *t)
{
	struct hy_pt_handoff_task *ht = t->tid ? hy_pt_handoff_find(h, t->tid) : NULL;
	const struct hy_call *c = &t->call;

	if (!ht || !ht->own_exit)
		return;
	ht->own_exit = false;
	if (c->nr == SYS_openat && ht->fd < 0) {
		ht->fd = c->ret;
		hy_preload_loading_opened(&ht->load);
	} else if (c->nr == SYS_mmap) {
		hy_preload_loading_mmap(&ht->load, c->ret, c->args[1]);
	}
	if (ht->own == HY_PT_OWN_LOADING && ht->fd < 0)
		ht->own = HY_PT_OWN_NONE; /* the openat failed: nothing is loaded */
}

/* Whether @pid's exec was a secure one (AT_SECURE): its loader ignores LD_PRELOAD. */
static bool secure_exec(pid_t pid)
{
	return hy_proc_auxv(pid, AT_SECURE) != 0;
}

bool hy_pt_handoff_runtime_image(pid_t pid)
{
	struct hy_pt_elf elf;
	char exe[64];
	int fd, err;

	snprintf(exe, sizeof(exe), "/proc/%d/exe", pid);
	fd = open(exe, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	err = hy_pt_elf_read(fd, &elf);
	close(fd);
	/* -E2BIG (more code segments than a filter's ranges) still read the header */
	return (!err || err == -E2BIG) && elf.elf && elf.is64 && elf.interp && !secure_exec(pid);
}

/*
 * The guest backend's hand-off task after its exec, before its runtime arms:
 * each of its calls stops (no filter). Only its own: a filtered ptraced task
 * resumed with PTRACE_SYSCALL would stop at a held call's entry, then again
 * at its seccomp stop.
 */
bool hy_pt_handoff_each_call(struct hy_pt_handoff *h, pid_t tid)
{
	const struct hy_pt_handoff_task *ht = tid ? hy_pt_handoff_find(h, tid) : NULL;

	return ht && ht->execed;
}

/*
 * A ptraced process whose execve got the runtime's variables executed: when
 * the new image is one a runtime arms in, it is a hand-off's task from now
 * (no longer ptraced, its forks not followed, each call stopping until its
 * runtime arms, then let go), its slot's owner @from (its tid at the
 * execve) moved to its tid. Not one after all (the file changed since its
 * check): kept as any program a ptraced one executes, hytrace's variables
 * left in an environment no loader of such an image reads, the slot freed.
 */
static bool from_ptraced(struct hy_session *s, struct hy_pt_task *pt, pid_t from)
{
	struct hy_pt_handoff_task *ht = hy_pt_handoff_find(s->pt->handoff, 0);
	pid_t tid = pt->t.tid;

	if (!hy_pt_exec_runtime_took(s, pt))
		return false;
	if (!ht || !hy_pt_handoff_runtime_image(tid)) {
		s->pt->runtime->moved(s, from, 0);
		return false;
	}
	ptrace(PTRACE_SETOPTIONS, tid, 0,
	       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
	hy_proc_clear_ptraced(&s->tasks, pt->t.proc);
	memset(ht, 0, sizeof(*ht));
	ht->tid = tid;
	hy_pt_handoff_execed(ht);
	s->pt->runtime->moved(s, from, tid); /* a thread's exec gave it the leader's pid */
	return true;
}

void hy_pt_handoff_exec(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_pt_handoff_task *ht;
	pid_t tid = pt->t.tid,
	      from = tid; /* after a thread's exec, the leader's task may be gone */
	unsigned long old = 0;
	struct hy_task *t;

	/* a thread (not the leader) executed: it has its leader's pid now */
	if (!ptrace(PTRACE_GETEVENTMSG, tid, 0, &old) && old && (pid_t)old != tid)
		from = old;
	ht = hy_pt_handoff_find(s->pt->handoff, from);
	if (ht)
		ht->tid = tid;
	hy_drain(s);
	/* after the drain: the old leader's end (in it) frees the slots it owned, not this one */
	if (ht && from != tid && s->pt->runtime)
		s->pt->runtime->moved(s, from, tid);
	t = hy_task_find(&s->tasks, tid);
	/*
	 * kept when asked, or when no runtime can arm after all (a secure exec
	 * the runtime did not foresee, a script's static interpreter): waiting
	 * for an arming that never comes, each call would stop for good
	 */
	if (!ht && t && t->proc->ptraced && from_ptraced(s, pt_task(t), from)) {
		/* a dynamic program a ptraced one executed: the runtime's hand-off (exec_runtime.c) */
	} else if (!ht && t && t->proc->ptraced && t->proc->filtered &&
		   t->proc->filter_code.n >= 0) {
		/* its filters hold the calls of its former programs' code only: one for this one */
		pt_task(t)->filter_at_exit = true;
	} else if (ht && !hy_pt_handoff_runtime_image(tid)) {
		ptrace(PTRACE_SETOPTIONS, tid, 0,
		       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL |
			       PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
			       PTRACE_O_TRACESECCOMP);
		if (t) {
			hy_proc_set_ptraced(&s->tasks, t->proc);
			pt_task(t)->filter_at_exit = true; /* kept_filter.c */
		}
		/* the hand-off is over: its task is a ptraced one, its slot free */
		memset(ht, 0, sizeof(*ht));
		if (s->pt->runtime)
			s->pt->runtime->moved(s, tid, 0);
	} else if (ht) {
		hy_pt_handoff_execed(ht);
	}
	if (t)
		hy_pt_resume(s, pt_task(t), 0);
	else
		ptrace(PTRACE_SYSCALL, tid, 0, 0);
}

void hy_pt_handoff_task_gone(struct hy_session *s, pid_t tid)
{
	struct hy_pt_handoff_task *ht = tid ? hy_pt_handoff_find(s->pt->handoff, tid) : NULL;

	if (ht)
		memset(ht, 0, sizeof(*ht));
	if (tid && s->pt->runtime)
		s->pt->runtime->gone(s, tid);
}

pid_t hy_pt_handoff_step(struct hy_session *s, int ms)
{
	struct timespec to = { 0, (long)ms * 1000000 };
	sigset_t chld, old;
	siginfo_t si;
	int status;
	pid_t tid, armed;

	if (!s->pt->handoff)
		return 0;
	/* blocked first: a SIGCHLD of a stop reported after the waitpid below is kept */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &chld, &old);
	for (;;) {
		/* the hand-offs' stops, and those of ptraced processes (hy_pt_handoff_keep) */
		while (!hy_pt_handoff_armed(s) &&
		       (tid = waitpid(-1, &status, WNOHANG | __WALL)) > 0)
			hy_pt_handle(s, tid, status);
		/* a loader's call a tool deferred: no timer here, the caller comes back each ms */
		if (s->defer.all || atomic_load(&s->defer.queued))
			hy_rt_run_deferred(s, hy_now_ns());
		armed = hy_pt_handoff_armed(s);
		if (armed || !hy_pt_handoff_seized(s, 0) || sigtimedwait(&chld, &si, &to) < 0)
			break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return armed;
}

void hy_pt_handoff_let_go(struct hy_session *s, pid_t tid)
{
	struct hy_pt_handoff_task *ht = s->pt && tid ? hy_pt_handoff_find(s->pt->handoff, tid) :
						       NULL;
	int status;

	if (!ht || ht->execed)
		return;
	ptrace(PTRACE_INTERRUPT, tid, 0, 0);
	for (;;) {
		pid_t p = waitpid(tid, &status, __WALL);

		if (p < 0 && errno == EINTR)
			continue;
		if (p < 0 || !WIFSTOPPED(status)) {
			if (p == tid)
				hy_pt_handle(s, tid, status); /* it ended meanwhile */
			break;
		}
		/* the interrupt's stop, a group-stop, or a signal it goes on with */
		ptrace(PTRACE_DETACH, tid, 0,
		       status >> 16 == PTRACE_EVENT_STOP ? 0 : WSTOPSIG(status));
		break;
	}
	memset(ht, 0, sizeof(*ht));
}
