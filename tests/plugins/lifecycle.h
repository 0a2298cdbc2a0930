/* SPDX-License-Identifier: MIT */
/*
 * Test plugins for the state lifetimes (lifecycle_copy.c / lifecycle_fresh.c):
 * process state counts getppid events and remembers a value inherited from the
 * parent; thread state counts per thread. Each exit prints a line.
 */
#include <stdio.h>

#include "hytrace.h"

struct proc {
	long calls;
	long inherited; /* the parent's calls when this process was forked */
	int execs;
	int started;
};

struct thread {
	long calls;
};

static void on_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct proc *p = hy_process_state(ctx);
	struct thread *t = hy_thread_state(ctx);

	if (!p || !t || !hy_event_name(ev) || strcmp(hy_event_name(ev), "getppid"))
		return;
	p->calls++;
	t->calls++;
}

static void on_process_start(struct hy_ctx *ctx, const void *parent)
{
	struct proc *p = hy_process_state(ctx);
	const struct proc *pp = parent;

	/* with FORK_COPIES_STATE p is already a copy: count from the copied calls */
	p->inherited = pp ? pp->calls : -1;
	p->started++;
}

static void on_exec(struct hy_ctx *ctx)
{
	struct proc *p = hy_process_state(ctx);

	p->execs++;
}

static void on_thread_exit(struct hy_ctx *ctx)
{
	struct thread *t = hy_thread_state(ctx);

	fprintf(hy_output(ctx), "thread %d calls %ld\n", hy_tid(ctx), t->calls);
}

static void on_process_exit(struct hy_ctx *ctx, int wstatus)
{
	struct proc *p = hy_process_state(ctx);

	(void)wstatus;
	fprintf(hy_output(ctx),
		"process %d parent %d calls %ld inherited %ld execs %d started %d\n", hy_pid(ctx),
		hy_ppid(ctx), p->calls, p->inherited, p->execs, p->started);
}

#define LIFECYCLE_TOOL(tool_name, tool_flags)                                                      \
	const struct hy_tool hytrace_tool = {                                                      \
		.abi_version = HY_TOOL_ABI_VERSION,                                                \
		.name = tool_name,                                                                 \
		.process_size = sizeof(struct proc),                                               \
		.thread_size = sizeof(struct thread),                                              \
		.flags = tool_flags,                                                               \
		.on_event = on_event,                                                              \
		.on_process_start = on_process_start,                                              \
		.on_exec = on_exec,                                                                \
		.on_thread_exit = on_thread_exit,                                                  \
		.on_process_exit = on_process_exit,                                                \
	}
