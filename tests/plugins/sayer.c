// SPDX-License-Identifier: MIT
/*
 * Test plugin that writes a line to hy_output() at each getppid it holds (the
 * thread's count and a tail longer than one guest note, so the line travels in
 * pieces): the text must reach the run's output (-o FILE) on both backends,
 * never the guest's stderr (tests/integration/test_guest_backend.sh). With
 * --tool-opt tail=N the tail is N bytes long (ending in '.'): long lines that
 * fill the output's buffer while the log writes too (test_output.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"

#define TAIL_MAX 65536

struct g {
	char tail[TAIL_MAX + 1];
};

struct t {
	unsigned long n;
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	static const char pat[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct g *g = hy_global_state(ctx);
	size_t len = 0;

	for (int i = 0; i < nopts; i++)
		if (!strcmp(keys[i], "tail") && values[i])
			len = strtoul(values[i], NULL, 10);
	if (len > TAIL_MAX)
		len = TAIL_MAX;
	if (!len) {
		snprintf(g->tail, sizeof(g->tail), "%s%s.", pat, pat);
	} else {
		for (size_t i = 0; i + 1 < len; i++)
			g->tail[i] = pat[i % (sizeof(pat) - 1)];
		g->tail[len - 1] = '.';
		g->tail[len] = 0;
	}
	return hy_subscribe(ctx, "getppid");
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct g *g = hy_global_state(ctx);
	struct t *t = hy_thread_state(ctx);

	fprintf(hy_output(ctx), "sayer: tid %d call %lu %s\n", hy_tid(ctx), ++t->n, g->tail);
	return HY_CONT_RUN;
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "sayer",
	.global_size = sizeof(struct g),
	.thread_size = sizeof(struct t),
	.init = init,
	.on_syscall_enter = enter,
};
