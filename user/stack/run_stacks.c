// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "backend.h"
#include "capture_plan.h"
#include "decode/printer.h"
#include "error.h"
#include "hy_event.h"
#include "stack/dw_lib.h"
#include "stack/frames.h"
#include "stack/run_stacks.h"
#include "stack/stacks.h"
#include "tasks.h"

int hy_run_stacks_open(struct hy_session *s)
{
	int err;

	if (s->opts.stack_size > HY_STACK_MAX)
		return hy_error(-EINVAL, "hy_run: stack_size %u is more than %u bytes",
				s->opts.stack_size, HY_STACK_MAX);
	if (hy_sysset_empty(&s->stack_set))
		return 0;
	/* said before the run starts, not as frames that stay unnamed */
	err = hy_dw_open();
	if (err)
		return err;
	s->stacks = hy_stacks_new();
	return s->stacks ? 0 : hy_error(-ENOMEM, "out of memory");
}

/*
 * Launched guests with the kernel recorder: stop at the calls after which a
 * process's code may be gone (munmap: dlclose; execve), to unwind the stacks
 * recorded before them while their code is still mapped. A stop costs ~10-25
 * us; the exit of each task stops too (PTRACE_O_TRACEEXIT, spawn.c).
 */
void hy_run_stacks_escalate(struct hy_session *s)
{
	static const char *const calls[] = { "munmap", "execve", "execveat" };

	if (!s->stacks || !s->krec)
		return;
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		long nr = hy_syscall_number(HY_ABI_X86_64, calls[i]);

		if (hy_sysset_contains(&s->escalate, HY_ABI_X86_64, nr))
			continue; /* a tool holds it anyway */
		hy_sysset_add(&s->escalate, HY_ABI_X86_64, nr);
		hy_sysset_add(&s->stack_stops, HY_ABI_X86_64, nr);
	}
}

bool hy_run_stacks_drain_at_stops(const struct hy_session *s)
{
	return s->stacks && s->krec;
}

bool hy_run_stacks_stop_only(const struct hy_session *s, const struct hy_call *c)
{
	return s->stacks && hy_sysset_contains(&s->stack_stops, c->abi, c->nr);
}

void hy_run_stacks_count(struct hy_session *s)
{
	struct hy_stacks_stats st;

	if (!s->stacks)
		return;
	hy_stacks_get_stats(s->stacks, &st);
	s->stats.stacks = st.unwound;
	s->stats.stacks_truncated = st.truncated;
}

void hy_run_stacks_close(struct hy_session *s)
{
	hy_stacks_free(s->stacks);
	s->stacks = NULL;
}

void hy_run_stacks_seed(struct hy_session *s)
{
	if (s->stacks && s->first_pid)
		hy_stacks_read_maps(s->stacks, s->first_pid, getpid());
}

void hy_run_stacks_attached(struct hy_session *s, pid_t pid)
{
	if (s->stacks)
		hy_stacks_read_maps(s->stacks, pid, pid);
}

void hy_run_stacks_kernel(struct hy_session *s, const void *rec, size_t len)
{
	if (s->stacks)
		hy_stacks_kernel(s->stacks, rec, len);
}

void hy_run_stacks_event(struct hy_session *s, struct hy_record *r)
{
	if (s->stacks && !(r->flags & HY_EV_FROM_TRACER))
		hy_stacks_attach(s->stacks, r);
}

struct live_read {
	struct hy_session *s;
	struct hy_task *t;
};

static ssize_t read_live(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct live_read *l = ctx;

	return l->s->backend->read_mem(l->s, l->t, addr, buf, len);
}

/* The held task's stack, unwound once per held call however many ask. */
static const struct hy_bytes *live(struct hy_session *s, struct hy_task *t)
{
	struct live_read lr = { s, t };
	struct hy_stack_regs regs;
	const struct hy_bytes *b;

	/* x86-64 code only: an i386 task's registers and files are 32-bit */
	if (!s->backend || !s->backend->stack_regs || t->call.abi == HY_ABI_I386)
		return NULL;
	if (!s->stacks && !(s->stacks = hy_stacks_new()))
		return NULL;
	if (s->stack_live_tid == t->tid && s->stack_live_ts == t->call.ts)
		return hy_stacks_last_live(s->stacks);
	if (s->backend->stack_regs(s, t, &regs))
		return NULL;
	b = hy_stacks_live(s->stacks, t->proc->tgid, &regs, read_live, &lr, hy_now_ns());
	s->stack_live_tid = b ? t->tid : 0;
	s->stack_live_ts = t->call.ts;
	return b;
}

const struct hy_bytes *hy_run_stacks_unwind(struct hy_session *s, pid_t tgid,
					    const struct hy_stack_regs *regs, hy_stack_read read,
					    void *read_ctx)
{
	if (!s->stacks && !(s->stacks = hy_stacks_new()))
		return NULL;
	s->stack_live_tid = 0; /* live()'s last stack is no longer the one kept */
	return hy_stacks_live(s->stacks, tgid, regs, read, read_ctx, hy_now_ns());
}

void hy_run_stacks_hide(struct hy_session *s, const char *path)
{
	/* -k's stacks only: hy_backtrace() in a guest drops them there (rt_backtrace.c) */
	if (s->stacks)
		hy_stacks_hide(s->stacks, path);
}

void hy_run_stacks_record(struct hy_session *s, struct hy_task *t, struct hy_record *r)
{
	const struct hy_bytes *b;

	if (!s->stacks || !hy_sysset_contains(&s->stack_set, r->abi, r->nr) || !(b = live(s, t)))
		return;
	hy_rec_add_chunk(r, HY_PHASE_ENTER, HY_STACK_ARG, 0, b->p, b->len, HY_MEM_STACK);
}

void hy_run_stacks_exec(struct hy_session *s, struct hy_task *t)
{
	if (s->stacks && !s->krec)
		hy_stacks_exec(s->stacks, t->proc->tgid, hy_now_ns());
}

int hy_want_environment(struct hy_ctx *ctx)
{
	if (ctx->task)
		return hy_error(-EPERM, "hy_want_environment is only allowed in init");
	ctx->s->plan_verbose |= HY_PLAN_ENV;
	return 0;
}

int hy_want_dirents(struct hy_ctx *ctx)
{
	if (ctx->task)
		return hy_error(-EPERM, "hy_want_dirents is only allowed in init");
	ctx->s->plan_verbose |= HY_PLAN_DIRENTS;
	return 0;
}

int hy_want_stacks(struct hy_ctx *ctx)
{
	if (ctx->task)
		return hy_error(-EPERM, "hy_want_stacks is only allowed in init");
	ctx->s->tools[ctx->tool].want_stacks = true;
	return 0;
}

int hy_backtrace(struct hy_ctx *ctx, const struct hy_event *ev, struct hy_frame *frames, int max)
{
	const struct hy_bytes *b;

	if (max < 0 || (max && !frames))
		return -EINVAL;
	if (ev)
		return hy_frames_of(&ev->r, frames, max, NULL);
	if (!ctx->task || !ctx->call)
		return -EPERM;
	if (ctx->call->abi == HY_ABI_I386)
		return -ENOSYS;
	b = live(ctx->s, ctx->task);
	return b ? hy_frames_unpack(b->p, b->len, frames, max, NULL) : -ESRCH;
}

int hy_format_frame(const struct hy_frame *f, char *buf, size_t size)
{
	struct hy_printer p;

	hy_pr_init(&p, buf, size, 0);
	hy_frames_print_one(&p, f);
	return p.len;
}
