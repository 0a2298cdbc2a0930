// SPDX-License-Identifier: MIT
/*
 * Test plugin for the handler operations: at each openat it injects getpid and a
 * write of "injected\n" to stderr (the string placed in guest scratch memory),
 * and rewrites a path argument equal to option from= into option to=. Reports
 * what the injected calls returned.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "hytrace.h"

struct g {
	long getpid_ret[8];
	long write_ret[8];
	int n;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	(void)nopts;
	(void)keys;
	(void)values;
	return hy_subscribe(ctx, "openat");
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct g *g = hy_global_state(ctx);
	const char *from = hy_option(ctx, "from"), *to = hy_option(ctx, "to");
	uint64_t args[6] = { 0 }, msg;
	int64_t r1 = 0, r2 = 0;
	char path[256];

	if (from && to && hy_read_str(ctx, hy_arg(ctx, 1), path, sizeof(path)) >= 0 &&
	    !strcmp(path, from)) {
		uint64_t p = hy_scratch(ctx, strlen(to) + 1);

		if (!p || hy_write_mem(ctx, p, to, strlen(to) + 1) < 0 || hy_set_arg(ctx, 1, p))
			return HY_CONT_RUN;
	}
	if (g->n >= 8)
		return HY_CONT_RUN;
	hy_inject(ctx, SYS_getpid, args, &r1);
	msg = hy_scratch(ctx, 16);
	if (msg && hy_write_mem(ctx, msg, "injected\n", 9) == 9) {
		args[0] = 2;
		args[1] = msg;
		args[2] = 9;
		hy_inject(ctx, SYS_write, args, &r2);
	}
	g->getpid_ret[g->n] = r1;
	g->write_ret[g->n] = r2;
	g->n++;
	return HY_CONT_RUN;
}

static void end(struct hy_ctx *ctx, FILE *out)
{
	struct g *g = hy_global_state(ctx);

	for (int i = 0; i < g->n; i++)
		fprintf(out, "injector: getpid=%ld write=%ld\n", g->getpid_ret[i], g->write_ret[i]);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "injector",
	.global_size = sizeof(struct g),
	.init = init,
	.on_syscall_enter = enter,
	.on_end = end,
};
