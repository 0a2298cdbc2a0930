// SPDX-License-Identifier: MIT
/*
 * Test plugin for hy_backtrace(): at each openat of the path in option path=,
 * the stopped call's stack (on_syscall_enter and, asked for, on_syscall_exit)
 * and the event's (on_event, after hy_want_stacks()), each as one line of
 * function names, innermost first: "enter: chain_b chain_a ...".
 */
#include <stdio.h>
#include <string.h>

#include "hytrace.h"

#define MAX 64

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	int err;

	(void)nopts;
	(void)keys;
	(void)values;
	if ((err = hy_subscribe(ctx, "openat")) || (err = hy_watch(ctx, "openat")))
		return err;
	return hy_want_stacks(ctx);
}

static void report(struct hy_ctx *ctx, const char *when, const struct hy_event *ev)
{
	struct hy_frame f[MAX];
	int n = hy_backtrace(ctx, ev, f, MAX);
	char line[2048], one[512];
	size_t len = 0;

	len += snprintf(line, sizeof(line), "%s:", when);
	for (int i = 0; i < n && i < MAX && len < sizeof(line); i++)
		len += snprintf(line + len, sizeof(line) - len, " %s",
				f[i].symbol ? f[i].symbol : "?");
	if (n < 0)
		snprintf(line, sizeof(line), "%s: error %d", when, n);
	fprintf(hy_output(ctx), "%s\n", line);
	if (n > 1 && hy_format_frame(&f[1], one, sizeof(one)) > 0)
		fprintf(hy_output(ctx), "%s frame 1:%s\n", when, one);
}

static bool ours(struct hy_ctx *ctx, uint64_t addr)
{
	const char *want = hy_option(ctx, "path");
	char path[256];

	return want && hy_read_str(ctx, addr, path, sizeof(path)) >= 0 && !strcmp(path, want);
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	if (!ours(ctx, hy_arg(ctx, 1)))
		return HY_CONT_RUN;
	report(ctx, "enter", NULL);
	return HY_CONT_RUN_EXIT;
}

static void leave(struct hy_ctx *ctx)
{
	report(ctx, "exit", NULL);
}

static void event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	const char *want = hy_option(ctx, "path");
	struct hy_frame f[MAX];

	/* the event's own path is not at hand here: its stack tells our call apart */
	if (want && hy_backtrace(ctx, ev, f, MAX) > 1 && f[1].symbol &&
	    !strcmp(f[1].symbol, "chain_b"))
		report(ctx, "event", ev);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "backtrace",
	.description = "test: hy_backtrace at a stop and for events",
	.init = init,
	.on_syscall_enter = enter,
	.on_syscall_exit = leave,
	.on_event = event,
};
