// SPDX-License-Identifier: MIT
/* The ptrace backend's set-up: its state, its operations, launching the guest. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "error.h"
#include "ptrace/cpu_affinity.h"
#include "ptrace/gdb_server.h"
#include "ptrace/gdb_stop.h"
#include "ptrace/handoff.h"
#include "ptrace/insn_fault.h"
#include "ptrace/pt_task.h"
#include "ptrace/ptrace.h"
#include "ptrace/seccomp_filter.h"
#include "ptrace/spawn.h"
#include "ptrace/stack_regs.h"
#include "ptrace/syscall_stop.h"
#include "ptrace/tracer.h"
#include "runtime.h"
#include "session.h"

const struct hy_backend_ops hy_pt_ops = {
	.name = "ptrace",
	.read_mem = hy_pt_read_mem,
	.write_mem = hy_pt_write_mem,
	.inject = hy_pt_inject,
	.continue_held = hy_pt_continue_held,
	.stack_regs = hy_pt_stack_regs,
	.debug_stop = hy_gdb_debug_stop,
};

int hy_pt_open(struct hy_session *s, bool attached)
{
	s->pt = calloc(1, sizeof(*s->pt));
	if (!s->pt)
		return hy_error(-ENOMEM, "out of memory");
	s->pt->attached = attached;
	s->pt->set_syscall_info = true; /* until the kernel says it has not */
	s->backend = &hy_pt_ops;
	s->pt->cpu.tracer_cpu = -1; /* hy_pt_loop pins the tracer, after the guest has started */
	hy_tasks_init(&s->tasks, sizeof(struct hy_pt_task));
	return hy_insn_setup(s);
}

void hy_pt_close(struct hy_session *s)
{
	hy_gdb_close(s); /* when the loop never ran */
	if (s->pt) {
		hy_tidmap_free(&s->pt->gone_unannounced);
		free(s->pt->handoff);
	}
	free(s->pt);
	s->pt = NULL;
}

/* --gdbserver listens before the guest starts: a busy port fails the run, not gdb. */
static int open_gdbserver(struct hy_session *s)
{
	char where[128], msg[256];
	int err;

	if (!s->opts.gdbserver)
		return 0;
	err = hy_gdb_open(s, s->opts.gdbserver, where, sizeof(where));
	if (err)
		return err;
	snprintf(msg, sizeof(msg),
		 "gdbserver: listening on %s; the guest waits at its first instruction for gdb",
		 where);
	if (s->opts.notice)
		s->opts.notice(s->opts.notice_ctx, msg);
	return 0;
}

int hy_pt_launch(struct hy_session *s, const char *path, char *const argv[])
{
	struct sock_fprog filter = { 0 };
	pid_t pid;
	int err = 0;

	if (!hy_sysset_empty(&s->escalate)) {
		err = hy_seccomp_build(&s->escalate, &filter);
		if (err)
			return hy_error(err, "cannot build the seccomp filter: %s", strerror(-err));
	}
	err = open_gdbserver(s);
	if (!err)
		err = hy_spawn(s, path, argv, filter.filter ? &filter : NULL, &pid);
	hy_seccomp_free(&filter);
	if (err)
		return err;
	s->first_pid = pid;
	hy_rt_task_get(s, pid, pid, getpid());
	return 0;
}

/*
 * No seccomp filter (it could never be removed: the runtime's own calls and
 * every later image would stop too) and no stop before the exec: each call
 * stops (PTRACE_SYSCALL) from the exec event on. Not followed into children:
 * the loader makes none, and the runtime arms each one it makes.
 */
int hy_pt_handoff_seize(struct hy_session *s, pid_t pid, const char *preload)
{
	struct hy_pt_handoff *h = s->pt->handoff ? s->pt->handoff : calloc(1, sizeof(*h));
	struct hy_pt_handoff_task *ht;

	if (!h)
		return hy_error(-ENOMEM, "out of memory");
	s->pt->handoff = h;
	snprintf(h->preload, sizeof(h->preload), "%s", preload);
	ht = hy_pt_handoff_find(h, 0); /* no more hand-offs than the region's slots */
	if (!ht)
		return hy_error(-EBUSY, "more than %d hand-offs at once", HY_PT_HANDOFFS);
	if (ptrace(PTRACE_SEIZE, pid, 0,
		   PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL))
		return hy_error(-errno, "cannot trace the command (ptrace: %s)", strerror(errno));
	memset(ht, 0, sizeof(*ht));
	ht->tid = pid;
	s->backend = &hy_pt_ops; /* its held calls are ptrace's until it is let go */
	return 0;
}

void hy_pt_handoff_runtime(struct hy_session *s, const struct hy_pt_runtime *rt)
{
	s->pt->runtime = rt;
}

void hy_pt_handoff_keep(struct hy_session *s, pid_t tid)
{
	struct hy_pt_handoff_task *ht = s->pt && tid ? hy_pt_handoff_find(s->pt->handoff, tid) :
						       NULL;

	if (ht)
		ht->keep = true;
}

bool hy_pt_holds(const struct hy_session *s, const struct hy_task *t)
{
	return t->proc->ptraced || (s->pt && hy_pt_handoff_each_call(s->pt->handoff, t->tid));
}

bool hy_pt_handoff_seized(const struct hy_session *s, pid_t tid)
{
	struct hy_pt_handoff *h = s->pt ? s->pt->handoff : NULL;

	for (int i = 0; h && i < HY_PT_HANDOFFS; i++)
		if (h->task[i].tid && (!tid || h->task[i].tid == tid))
			return true;
	return false;
}

bool hy_pt_handoff_in_process(const struct hy_session *s, pid_t pid)
{
	struct hy_pt_handoff *h = s->pt ? s->pt->handoff : NULL;

	for (int i = 0; h && i < HY_PT_HANDOFFS; i++) {
		struct hy_task *t = h->task[i].tid ? hy_task_find(&s->tasks, h->task[i].tid) : NULL;

		if (h->task[i].tid && (h->task[i].tid == pid || (t && t->proc->tgid == pid)))
			return true;
	}
	return false;
}

pid_t hy_pt_handoff_armed(const struct hy_session *s)
{
	const struct hy_pt_handoff *h = s->pt ? s->pt->handoff : NULL;

	for (int i = 0; h && i < HY_PT_HANDOFFS; i++)
		if (h->task[i].tid && h->task[i].armed)
			return h->task[i].tid;
	return 0;
}

void hy_pt_handoff_release(struct hy_session *s, pid_t tid)
{
	struct hy_pt_handoff_task *ht = s->pt && tid ? hy_pt_handoff_find(s->pt->handoff, tid) :
						       NULL;

	if (ht && ht->armed)
		ptrace(PTRACE_DETACH, tid, 0, 0); /* the prctl goes on, untraced */
	if (ht)
		memset(ht, 0, sizeof(*ht));
}
