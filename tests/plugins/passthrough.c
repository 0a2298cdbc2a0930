// SPDX-License-Identifier: MIT
/*
 * Test plugin that holds every call (option set=, default all) and lets it run
 * unchanged: with it the tree, signal and tool tests run their guests through
 * the guest backend's handler (tests/integration/lib.sh, BACKEND=guest), so a
 * guest must behave there as it does natively. Counts in global state only.
 */
#include "hytrace.h"

struct g {
	unsigned long held;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	const char *set = hy_option(ctx, "set");

	(void)nopts, (void)keys, (void)values;
	return hy_subscribe(ctx, set ? set : "all");
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct g *g = hy_global_state(ctx);

	__atomic_add_fetch(&g->held, 1, __ATOMIC_RELAXED);
	return HY_CONT_RUN;
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "passthrough",
	.global_size = sizeof(struct g),
	.init = init,
	.on_syscall_enter = enter,
};
