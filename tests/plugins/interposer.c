// SPDX-License-Identifier: MIT
/*
 * Test plugin that exports a function named as libc's getppid(), which
 * answers 4242. A preloaded object is in the guest's global scope, where
 * that function would take the guest's own getppid() calls: the guest
 * backend must load this plugin with dlopen() (user/guest/guest_preload.c),
 * so the guest's getppid() stays libc's. Holds getppid and counts the calls
 * in global state; on_end says how many.
 */
#include <stdio.h>
#include <sys/types.h>

#include "hytrace.h"

struct g {
	unsigned long held;
};

/* exported on purpose: what a plugin built without -fvisibility=hidden does */
pid_t getppid(void)
{
	return 4242;
}

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	(void)nopts, (void)keys, (void)values;
	return hy_subscribe(ctx, "getppid");
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct g *g = hy_global_state(ctx);

	__atomic_add_fetch(&g->held, 1, __ATOMIC_RELAXED);
	return HY_CONT_RUN;
}

static void end(struct hy_ctx *ctx, FILE *out)
{
	struct g *g = hy_global_state(ctx);

	fprintf(out, "interposer: held %lu\n", g->held);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "interposer",
	.global_size = sizeof(struct g),
	.init = init,
	.on_syscall_enter = enter,
	.on_end = end,
};
