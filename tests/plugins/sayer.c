// SPDX-License-Identifier: MIT
/*
 * Test plugin that writes a line to hy_output() at each getppid it holds (the
 * thread's count and a tail longer than one guest note, so the line travels in
 * pieces): the text must reach the run's output (-o FILE) on both backends,
 * never the guest's stderr (tests/integration/test_guest_backend.sh).
 */
#include <stdio.h>

#include "hytrace.h"

struct t {
	unsigned long n;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	(void)nopts, (void)keys, (void)values;
	return hy_subscribe(ctx, "getppid");
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct t *t = hy_thread_state(ctx);

	fprintf(hy_output(ctx), "sayer: tid %d call %lu %s\n", hy_tid(ctx), ++t->n,
		"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz.");
	return HY_CONT_RUN;
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "sayer",
	.thread_size = sizeof(struct t),
	.init = init,
	.on_syscall_enter = enter,
};
