// SPDX-License-Identifier: MIT
/*
 * How much heap the run holds when its first process exits (by then every
 * other process of a fork_serial guest has gone): "heap_probe: N bytes in use".
 * A test compares runs with N and 4N processes: what is kept per exited process
 * shows as the difference (allocation counts, not time: robust on a shared machine).
 */
#include <malloc.h>
#include <stdio.h>

#include "hytrace.h"

struct probe {
	size_t in_use;
};

struct proc {
	int first;
};

static void probe_process_start(struct hy_ctx *ctx, const void *parent_state)
{
	struct proc *p = hy_process_state(ctx);

	p->first = parent_state == NULL;
}

static void probe_process_exit(struct hy_ctx *ctx, int wstatus)
{
	struct probe *g = hy_global_state(ctx);
	struct proc *p = hy_process_state(ctx);

	(void)wstatus;
	if (p->first)
		g->in_use = mallinfo2().uordblks;
}

static void probe_end(struct hy_ctx *ctx, FILE *out)
{
	struct probe *g = hy_global_state(ctx);

	fprintf(out, "heap_probe: %zu bytes in use\n", g->in_use);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "heap_probe",
	.description = "heap in use when the first process exits",
	.global_size = sizeof(struct probe),
	.process_size = sizeof(struct proc),
	.on_process_start = probe_process_start,
	.on_process_exit = probe_process_exit,
	.on_end = probe_end,
};
