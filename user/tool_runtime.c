// SPDX-License-Identifier: MIT
/*
 * The tool runtime: what a tool sees through struct hy_ctx, and the order in
 * which its callbacks run. Backend details stay behind the hy_stop_* calls.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "session.h"
#include "syscall_table.h"

int hy_tid(const struct hy_ctx *ctx)
{
	return ctx->task ? ctx->task->tid : 0;
}

int hy_pid(const struct hy_ctx *ctx)
{
	return ctx->task ? ctx->task->proc->tgid : 0;
}

int hy_ppid(const struct hy_ctx *ctx)
{
	return ctx->task ? ctx->task->proc->ppid : 0;
}

void *hy_global_state(struct hy_ctx *ctx)
{
	return ctx->s->tools[ctx->tool].global;
}

void *hy_process_state(struct hy_ctx *ctx)
{
	return ctx->task ? ctx->task->proc->state[ctx->tool] : NULL;
}

void *hy_thread_state(struct hy_ctx *ctx)
{
	return ctx->task ? ctx->task->state[ctx->tool] : NULL;
}

FILE *hy_output(struct hy_ctx *ctx)
{
	return ctx->s->out;
}

const siginfo_t *hy_siginfo(const struct hy_ctx *ctx)
{
	return ctx->siginfo;
}

const char *hy_option(struct hy_ctx *ctx, const char *key)
{
	const struct hy_tool_inst *ti = &ctx->s->tools[ctx->tool];
	const char *v = NULL;

	for (int i = 0; i < ti->nopts; i++)
		if (!strcmp(ti->keys[i], key))
			v = ti->values[i] ? ti->values[i] : "";
	return v;
}

int hy_fail(struct hy_ctx *ctx, int err, const char *fmt, ...)
{
	char prefix[80];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "tool %s: ", ctx->s->tools[ctx->tool].tool->name);
	va_start(ap, fmt);
	hy_verror(err, prefix, fmt, ap);
	va_end(ap);
	return err;
}

int hy_subscribe(struct hy_ctx *ctx, const char *set)
{
	if (ctx->task)
		return hy_error(-EPERM, "hy_subscribe is only allowed in init");
	return hy_sysset_parse(&ctx->s->tools[ctx->tool].subscription, set, NULL, 0);
}

int hy_watch(struct hy_ctx *ctx, const char *set)
{
	struct hy_tool_inst *ti = &ctx->s->tools[ctx->tool];

	if (ctx->task)
		return hy_error(-EPERM, "hy_watch is only allowed in init");
	ti->watch_set = true;
	return hy_sysset_parse(&ti->watch, set, NULL, 0);
}

/* ---- the stopped syscall ---- */

long hy_syscall_nr(const struct hy_ctx *ctx)
{
	return ctx->stop ? ctx->stop->nr : -1;
}

enum hy_abi hy_syscall_abi(const struct hy_ctx *ctx)
{
	return ctx->stop ? ctx->stop->abi : HY_ABI_X86_64;
}

const char *hy_syscall_name(const struct hy_ctx *ctx)
{
	return ctx->stop ? hy_sysname(ctx->stop->abi, ctx->stop->nr) : NULL;
}

uint64_t hy_arg(const struct hy_ctx *ctx, int i)
{
	return ctx->stop && i >= 0 && i < 6 ? ctx->stop->args[i] : 0;
}

int hy_set_arg(struct hy_ctx *ctx, int i, uint64_t value)
{
	if (!ctx->stop || ctx->stop->at_exit)
		return -EPERM;
	if (i < 0 || i >= 6)
		return -EINVAL;
	return hy_stop_set_arg(ctx->task, i, value);
}

int64_t hy_return(const struct hy_ctx *ctx)
{
	return ctx->stop ? ctx->stop->ret : 0;
}

int hy_set_return(struct hy_ctx *ctx, int64_t value)
{
	if (!ctx->stop)
		return -EPERM;
	ctx->stop->ret = value;
	ctx->stop->ret_changed = true;
	return 0;
}

ssize_t hy_read_mem(struct hy_ctx *ctx, uint64_t addr, void *buf, size_t len)
{
	if (!ctx->task)
		return -EPERM;
	return hy_guest_read(ctx->task->tid, addr, buf, len);
}

ssize_t hy_read_str(struct hy_ctx *ctx, uint64_t addr, char *buf, size_t size)
{
	ssize_t n;
	char *nul;

	if (!ctx->task)
		return -EPERM;
	if (!size)
		return -EINVAL;
	n = hy_guest_read(ctx->task->tid, addr, buf, size - 1);
	if (n < 0)
		return n;
	buf[n] = 0;
	nul = memchr(buf, 0, n);
	if (!nul && (size_t)n == size - 1)
		return -ERANGE;
	return nul ? nul - buf : n;
}

ssize_t hy_write_mem(struct hy_ctx *ctx, uint64_t addr, const void *buf, size_t len)
{
	ssize_t n;

	if (!ctx->task || !ctx->stop)
		return -EPERM;
	n = hy_guest_write(ctx->task->tid, addr, buf, len);
	if (n > 0)
		ctx->stop->modified = true;
	return n;
}

int hy_inject(struct hy_ctx *ctx, long nr, const uint64_t args[6], int64_t *result)
{
	if (!ctx->stop || ctx->stop->at_exit)
		return -EPERM;
	return hy_stop_inject(ctx->s, ctx->task, nr, args, result);
}

uint64_t hy_scratch(struct hy_ctx *ctx, size_t len)
{
	struct hy_stop *st = ctx->stop;

	/* below the red zone the System V ABI lets leaf functions use */
	if (!st || st->at_exit || !st->sp || len > 65536)
		return 0;
	st->scratch_used += (len + 15) & ~(size_t)15;
	return (st->sp - 128 - st->scratch_used) & ~(uint64_t)15;
}

/* ---- dispatch ---- */

int hy_tools_init(struct hy_session *s)
{
	for (int i = 0; i < s->ntools; i++) {
		struct hy_tool_inst *ti = &s->tools[i];
		const struct hy_tool *tool = ti->tool;
		struct hy_ctx ctx = { .s = s, .tool = i };
		int err;

		if (tool->global_size) {
			ti->global = calloc(1, tool->global_size);
			if (!ti->global)
				return hy_error(-ENOMEM, "out of memory");
		}
		s->ninit = i + 1; /* its on_end will run, whatever init says */
		if (tool->init) {
			hy_error_clear();
			err = tool->init(&ctx, ti->nopts, ti->keys, ti->values);
			if (err) {
				if (!strcmp(hy_last_error(), "no error"))
					hy_error(err, "tool %s: initialisation failed: %s", tool->name,
						 strerror(-err));
				return err;
			}
		}
		if (tool->on_event && !ti->watch_set)
			hy_sysset_fill(&ti->watch);
		hy_sysset_union(&s->escalate, &ti->subscription);
		hy_sysset_union(&s->shown, &ti->watch);
		if (!(tool->flags & HY_TOOL_NO_EVENT_MEMORY))
			hy_sysset_union(&s->memory, &ti->watch);
	}
	return 0;
}

void hy_tools_end(struct hy_session *s, bool ran)
{
	/* a run that never started reports nothing, but its tools still clean up */
	FILE *out = ran ? s->out : fopen("/dev/null", "we");
	char saved[512];

	snprintf(saved, sizeof(saved), "%s", hy_last_error());
	for (int i = 0; i < s->ninit && out; i++) {
		struct hy_ctx ctx = { .s = s, .tool = i };

		if (s->tools[i].tool->on_end)
			s->tools[i].tool->on_end(&ctx, out);
	}
	if (out && !ran)
		fclose(out);
	if (!ran)
		hy_error(0, "%s", saved); /* the reason the run failed stays the last error */
	for (int i = 0; i < s->ntools; i++) {
		free(s->tools[i].global);
		s->tools[i].global = NULL;
	}
	s->ninit = 0;
}

enum hy_cont hy_tools_syscall_enter(struct hy_session *s, struct hy_task *t)
{
	struct hy_stop *st = &t->stop;
	struct hy_ctx ctx = { .s = s, .task = t, .stop = st };

	st->exit_tools = 0;
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;
		enum hy_cont c;

		if (!tool->on_syscall_enter || !hy_sysset_has(&s->tools[i].subscription, st->abi, st->nr))
			continue;
		ctx.tool = i;
		c = tool->on_syscall_enter(&ctx);
		if (c == HY_CONT_SKIP)
			return HY_CONT_SKIP;
		if (c == HY_CONT_RUN_EXIT && tool->on_syscall_exit)
			st->exit_tools |= 1u << i;
	}
	return st->exit_tools ? HY_CONT_RUN_EXIT : HY_CONT_RUN;
}

void hy_tools_syscall_exit(struct hy_session *s, struct hy_task *t)
{
	struct hy_ctx ctx = { .s = s, .task = t, .stop = &t->stop };

	for (int i = 0; i < s->ntools; i++) {
		if (!(t->stop.exit_tools & (1u << i)))
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_syscall_exit(&ctx);
	}
}

int hy_tools_signal(struct hy_session *s, struct hy_task *t, int sig, const siginfo_t *si)
{
	struct hy_ctx ctx = { .s = s, .task = t, .siginfo = si };

	for (int i = 0; i < s->ntools && sig; i++) {
		if (!s->tools[i].tool->on_signal)
			continue;
		ctx.tool = i;
		sig = s->tools[i].tool->on_signal(&ctx, sig);
	}
	return sig;
}

void hy_tools_event(struct hy_session *s, struct hy_record *r)
{
	struct hy_ctx ctx = { .s = s, .task = hy_task_find(s, r->tid) };
	const struct hy_event *ev = (const struct hy_event *)r;

	s->stats.events++;
	r->pidns = s->opts->pidns_translation ? &s->pidns : NULL;
	if (!(r->flags & HY_EV_FROM_TRACER))
		s->stats.kernel_events++;
	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_event || !hy_sysset_has(&s->tools[i].watch, r->abi, r->nr))
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_event(&ctx, ev);
	}
}

void hy_tools_thread_start(struct hy_session *s, struct hy_task *t)
{
	struct hy_ctx ctx = { .s = s, .task = t };

	t->started = true;
	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_thread_start)
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_thread_start(&ctx);
	}
}

void hy_tools_process_start(struct hy_session *s, struct hy_task *t, struct hy_proc *parent)
{
	struct hy_ctx ctx = { .s = s, .task = t };

	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_process_start)
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_process_start(&ctx, parent ? parent->state[i] : NULL);
	}
}
