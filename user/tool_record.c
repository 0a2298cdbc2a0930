// SPDX-License-Identifier: MIT
/*
 * The built-in record tool (--record FILE): every event as one JSON object per
 * line; the schema is in docs/record-format.md. Options: file=PATH, strsize=N.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"

struct record_state {
	FILE *f;
	unsigned int strsize;
	unsigned long long n;
};

static int record_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		       const char *const *values)
{
	struct record_state *g = hy_global_state(ctx);
	const char *path = hy_option(ctx, "file");
	const char *v = hy_option(ctx, "strsize");

	(void)nopts;
	(void)keys;
	(void)values;
	if (!path)
		return hy_fail(ctx, -EINVAL, "no file=PATH option");
	g->f = fopen(path, "we");
	if (!g->f)
		return hy_fail(ctx, -errno, "cannot open %s: %s", path, strerror(errno));
	g->strsize = v ? strtoul(v, NULL, 10) : 0;
	return 0;
}

static void record_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct record_state *g = hy_global_state(ctx);
	char line[16384];

	hy_event_format_json(ev, line, sizeof(line), g->strsize);
	fputs(line, g->f);
	fputc('\n', g->f);
	g->n++;
}

static void record_end(struct hy_ctx *ctx, FILE *out)
{
	struct record_state *g = hy_global_state(ctx);

	(void)out;
	if (g->f)
		fclose(g->f);
	g->f = NULL;
}

const struct hy_tool hy_tool_record = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "record",
	.description = "every syscall event as JSON Lines",
	.global_size = sizeof(struct record_state),
	.init = record_init,
	.on_event = record_event,
	.on_end = record_end,
};
