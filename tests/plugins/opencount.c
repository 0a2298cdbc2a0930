// SPDX-License-Identifier: MIT
/*
 * Test plugin for the guest backend's hand-off: counts openat in its process,
 * thread and global state at each held call, and how often each state was
 * started; at exit_group it writes one line of them. On the ptrace backend
 * every openat of a process is held from its exec; on the guest backend the
 * dynamic loader's are held by ptrace until the runtime arms, then in the
 * guest with the same state: the line must be the same.
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "hytrace.h"

struct proc {
	long openat;
	int started;
};

struct thread {
	long openat;
	int started;
};

struct global {
	long openat;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	(void)nopts, (void)keys, (void)values;
	return hy_subscribe(ctx, "openat,exit_group");
}

static void on_process_start(struct hy_ctx *ctx, const void *parent)
{
	struct proc *p = hy_process_state(ctx);

	(void)parent;
	p->started++;
}

static void on_thread_start(struct hy_ctx *ctx)
{
	struct thread *t = hy_thread_state(ctx);

	t->started++;
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct proc *p = hy_process_state(ctx);
	struct thread *t = hy_thread_state(ctx);
	struct global *g = hy_global_state(ctx);

	if (hy_syscall_nr(ctx) == SYS_openat) {
		p->openat++;
		t->openat++;
		__atomic_add_fetch(&g->openat, 1, __ATOMIC_RELAXED);
	} else {
		fprintf(hy_output(ctx),
			"opencount: process %ld thread %ld global %ld started %d %d\n", p->openat,
			t->openat, __atomic_load_n(&g->openat, __ATOMIC_RELAXED), p->started,
			t->started);
		fflush(hy_output(ctx));
	}
	return HY_CONT_RUN;
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "opencount",
	.global_size = sizeof(struct global),
	.process_size = sizeof(struct proc),
	.thread_size = sizeof(struct thread),
	.init = init,
	.on_process_start = on_process_start,
	.on_thread_start = on_thread_start,
	.on_syscall_enter = enter,
};
