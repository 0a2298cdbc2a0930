// SPDX-License-Identifier: MIT
/*
 * What a tool sees through struct hy_ctx: its task, its state, its options, and
 * the held call. Guest memory and injection go through the backend's operations.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "deferred.h"
#include "error.h"
#include "session.h"

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

uint64_t hy_process_fork_ns(const struct hy_ctx *ctx)
{
	return ctx->task ? ctx->task->proc->fork_ns : 0;
}

uint64_t hy_task_event_ns(const struct hy_ctx *ctx)
{
	return ctx->task_ns;
}

int hy_exec_tid(const struct hy_ctx *ctx)
{
	return ctx->exec_tid;
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
	struct hy_session *s = ctx->s;

	if (!s->out && s->backend && s->backend->output)
		s->out = s->backend->output(s);
	return s->out;
}

const siginfo_t *hy_siginfo(const struct hy_ctx *ctx)
{
	return ctx->siginfo;
}

uint64_t hy_signal_ip(const struct hy_ctx *ctx)
{
	return ctx->sig_ip;
}

bool hy_signal_stops(const struct hy_ctx *ctx)
{
	return ctx->sig_stops;
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

	ctx->failed = true;
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

/* @n strings in one block: the pointers, then the strings (one free()) */
static char **copy_paths(const char *const *paths, int n)
{
	size_t size = n * sizeof(char *);
	char **v, *p;

	for (int i = 0; i < n; i++)
		size += strlen(paths[i]) + 1;
	if (!(v = malloc(size)))
		return NULL;
	p = (char *)(v + n);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(paths[i]) + 1;

		v[i] = memcpy(p, paths[i], len);
		p += len;
	}
	return v;
}

int hy_kernel_filter(struct hy_ctx *ctx, unsigned int statuses, const char *const *paths,
		     int npaths)
{
	struct hy_kf_request *r = &ctx->s->tools[ctx->tool].kf;

	if (ctx->task)
		return hy_error(-EPERM, "hy_kernel_filter is only allowed in init");
	if (statuses & ~(HY_STATUS_SUCCESSFUL | HY_STATUS_FAILED | HY_STATUS_UNFINISHED) ||
	    npaths < 0 || (npaths && !paths))
		return hy_error(-EINVAL, "hy_kernel_filter: bad statuses or paths");
	for (int i = 0; i < npaths; i++)
		if (!paths[i])
			return hy_error(-EINVAL, "hy_kernel_filter: bad statuses or paths");
	/* the keep set is hy_kernel_filter_keep()'s, in whichever order they come */
	free(r->paths);
	r->paths = NULL;
	if (npaths && !(r->paths = copy_paths(paths, npaths)))
		return hy_error(-ENOMEM, "out of memory");
	r->npaths = npaths;
	r->status = statuses;
	r->on = true;
	return 0;
}

int hy_want_ip(struct hy_ctx *ctx)
{
	if (ctx->task)
		return hy_error(-EPERM, "hy_want_ip is only allowed in init");
	ctx->s->want_ip = true;
	return 0;
}

int hy_want_sockets(struct hy_ctx *ctx)
{
	if (ctx->task)
		return hy_error(-EPERM, "hy_want_sockets is only allowed in init");
	ctx->s->want_socks = true;
	return 0;
}

int hy_kernel_filter_keep(struct hy_ctx *ctx, const char *set)
{
	struct hy_kf_request *r = &ctx->s->tools[ctx->tool].kf;

	if (ctx->task)
		return hy_error(-EPERM, "hy_kernel_filter_keep is only allowed in init");
	return hy_sysset_parse(&r->keep, set, NULL, 0);
}

int hy_debug_stop(struct hy_ctx *ctx, const char *why)
{
	if (!ctx->task)
		return -EPERM;
	if (!ctx->s->backend->debug_stop)
		return -ENOSYS;
	return ctx->s->backend->debug_stop(ctx->s, ctx->task, why);
}

/* ---- the held call ---- */

long hy_syscall_nr(const struct hy_ctx *ctx)
{
	return ctx->call ? ctx->call->nr : -1;
}

unsigned int hy_calls_before(const struct hy_ctx *ctx)
{
	if (!ctx->call || !ctx->task || !ctx->s->backend || !ctx->s->backend->calls_before)
		return 0;
	return ctx->s->backend->calls_before(ctx->s, ctx->task, ctx->call->abi, ctx->call->nr);
}

enum hy_abi hy_syscall_abi(const struct hy_ctx *ctx)
{
	return ctx->call ? ctx->call->abi : HY_ABI_X86_64;
}

const char *hy_syscall_name(const struct hy_ctx *ctx)
{
	return ctx->call ? hy_syscall_name_of(ctx->call->abi, ctx->call->nr) : NULL;
}

uint64_t hy_arg(const struct hy_ctx *ctx, int i)
{
	return ctx->call && i >= 0 && i < 6 ? ctx->call->args[i] : 0;
}

int hy_set_arg(struct hy_ctx *ctx, int i, uint64_t value)
{
	if (!ctx->call || ctx->call->at_exit)
		return -EPERM;
	if (i < 0 || i >= 6)
		return -EINVAL;
	ctx->call->args[i] = value;
	ctx->call->modified = true;
	return 0;
}

int64_t hy_return(const struct hy_ctx *ctx)
{
	return ctx->call ? ctx->call->ret : 0;
}

int hy_set_return(struct hy_ctx *ctx, int64_t value)
{
	if (!ctx->call)
		return -EPERM;
	ctx->call->ret = value;
	ctx->call->ret_changed = true;
	return 0;
}

ssize_t hy_read_mem(struct hy_ctx *ctx, uint64_t addr, void *buf, size_t len)
{
	if (!ctx->task)
		return -EPERM;
	return ctx->s->backend->read_mem(ctx->s, ctx->task, addr, buf, len);
}

ssize_t hy_read_str(struct hy_ctx *ctx, uint64_t addr, char *buf, size_t size)
{
	ssize_t n;
	char *nul;

	if (!ctx->task)
		return -EPERM;
	if (!size)
		return -EINVAL;
	n = ctx->s->backend->read_mem(ctx->s, ctx->task, addr, buf, size - 1);
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

	if (!ctx->task || !ctx->call)
		return -EPERM;
	n = ctx->s->backend->write_mem(ctx->s, ctx->task, addr, buf, len);
	if (n > 0)
		ctx->call->modified = true;
	return n;
}

int hy_inject(struct hy_ctx *ctx, long nr, const uint64_t args[6], int64_t *result)
{
	if (!ctx->call || ctx->call->at_exit)
		return -EPERM;
	return ctx->s->backend->inject(ctx->s, ctx->task, nr, args, result);
}

uint64_t hy_scratch(struct hy_ctx *ctx, size_t len)
{
	struct hy_call *c = ctx->call;

	/* below the red zone the System V ABI lets leaf functions use */
	if (!c || c->at_exit || !c->sp || len > 65536)
		return 0;
	c->scratch_used += (len + 15) & ~(size_t)15;
	return (c->sp - 128 - c->scratch_used) & ~(uint64_t)15;
}

struct hy_deferred *hy_defer(struct hy_ctx *ctx)
{
	struct hy_call *c = ctx->call;
	struct hy_deferred *d;

	if (!c || !ctx->task || c->deferred) {
		hy_error(-EPERM, "hy_defer: only in on_syscall_enter/exit, once per callback");
		return NULL;
	}
	if (!ctx->s->tools[ctx->tool].tool->on_resume) {
		hy_error(-EINVAL, "hy_defer: tool %s has no on_resume",
			 ctx->s->tools[ctx->tool].tool->name);
		return NULL;
	}
	if (!ctx->s->backend->continue_held) {
		hy_error(-ENOSYS, "hy_defer: the %s backend cannot hold a call",
			 ctx->s->backend->name);
		return NULL;
	}
	d = hy_deferred_new(ctx->s, ctx->task, ctx->tool);
	if (!d) {
		hy_error(-ENOMEM, "out of memory");
		return NULL;
	}
	c->deferred = d;
	c->delayed = true;
	return d;
}
