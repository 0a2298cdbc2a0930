// SPDX-License-Identifier: MIT
/*
 * Test plugin: CPUID leaf=L (default 0x40000000, the hypervisor's leaf, which
 * no loader reads: a changed leaf 0 makes ld.so refuse libc) answers the vendor
 * vendor=V (12 characters, default "HytraceTests") in ebx, ecx, edx; other leaves
 * stay as the CPU answers. Reports how many CPUIDs of that leaf and of others it saw.
 */
#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hytrace.h"

struct g {
	char vendor[12];
	uint32_t leaf;
	unsigned long hits, others;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	struct g *g = hy_global_state(ctx);
	const char *v = hy_option(ctx, "vendor");

	(void)nopts, (void)keys, (void)values;
	if (v && strlen(v) != 12)
		return hy_fail(ctx, -EINVAL, "vendor=%s: want 12 characters", v);
	memcpy(g->vendor, v ? v : "HytraceTests", 12);
	g->leaf = (v = hy_option(ctx, "leaf")) ? strtoul(v, NULL, 0) : 0x40000000;
	return 0;
}

static void on_cpuid(struct hy_ctx *ctx, uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	struct g *g = hy_global_state(ctx);

	(void)subleaf;
	if (leaf != g->leaf) {
		g->others++;
		return;
	}
	g->hits++;
	/* a hypervisor's signature is ebx, ecx, edx */
	memcpy(&regs[1], g->vendor, 4);
	memcpy(&regs[2], g->vendor + 4, 4);
	memcpy(&regs[3], g->vendor + 8, 4);
}

static void on_end(struct hy_ctx *ctx, FILE *out)
{
	struct g *g = hy_global_state(ctx);

	fprintf(out, "cpuid_vendor: leaf 0x%x %lu other %lu\n", g->leaf, g->hits, g->others);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "cpuid_vendor",
	.description = "a CPUID leaf answers another vendor (tests)",
	.global_size = sizeof(struct g),
	.init = init,
	.on_end = on_end,
	.on_cpuid = on_cpuid,
};
