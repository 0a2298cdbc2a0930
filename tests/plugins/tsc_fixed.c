// SPDX-License-Identifier: MIT
/*
 * Test plugin: RDTSC reads tsc=N (default 1000), then N+step, N+2*step...
 * (step=, default 1); RDTSCP reads the same sequence and aux=A (default 7).
 * Reports how many of each it answered.
 */
#include <stdio.h>
#include <stdlib.h>

#include "hytrace.h"

struct g {
	uint64_t next, step;
	uint32_t aux;
	unsigned long rdtsc, rdtscp;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	struct g *g = hy_global_state(ctx);
	const char *v;

	(void)nopts, (void)keys, (void)values;
	g->next = (v = hy_option(ctx, "tsc")) ? strtoull(v, NULL, 0) : 1000;
	g->step = (v = hy_option(ctx, "step")) ? strtoull(v, NULL, 0) : 1;
	g->aux = (v = hy_option(ctx, "aux")) ? strtoul(v, NULL, 0) : 7;
	return 0;
}

static void on_rdtsc(struct hy_ctx *ctx, uint64_t *tsc, uint32_t *aux)
{
	struct g *g = hy_global_state(ctx);

	*tsc = g->next;
	g->next += g->step;
	if (aux) {
		*aux = g->aux;
		g->rdtscp++;
	} else {
		g->rdtsc++;
	}
}

static void on_end(struct hy_ctx *ctx, FILE *out)
{
	struct g *g = hy_global_state(ctx);

	fprintf(out, "tsc_fixed: rdtsc %lu rdtscp %lu\n", g->rdtsc, g->rdtscp);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "tsc_fixed",
	.description = "RDTSC reads a fixed sequence (tests)",
	.global_size = sizeof(struct g),
	.init = init,
	.on_end = on_end,
	.on_rdtsc = on_rdtsc,
};
