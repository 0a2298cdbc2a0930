// SPDX-License-Identifier: MIT
/*
 * The built-in record tool (--record FILE): every event as one JSON object per
 * line; the schema is in docs/record-format.md. Options: file=PATH, strsize=N,
 * stack=1 (each event with its user stack), max_size=BYTES (rotate: FILE becomes
 * FILE.1 ... past that size), keep=N (old files kept, default 5).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hytrace.h"

struct record_state {
	FILE *f;
	char *path;
	struct hy_writer *w;
};

static int record_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		       const char *const *values)
{
	struct record_state *g = hy_global_state(ctx);
	const char *path = hy_option(ctx, "file");

	static const char *const known[] = { "file", "strsize", "stack", "max_size", "keep", NULL };
	int64_t strsize = 0, max_size = 0, keep = 5;
	int err;

	(void)nopts;
	(void)keys;
	(void)values;
	if ((err = hy_options_known(ctx, known)) ||
	    (err = hy_option_int(ctx, "strsize", 0, 4096, &strsize)) ||
	    (err = hy_option_int(ctx, "max_size", 1, INT64_MAX, &max_size)) ||
	    (err = hy_option_int(ctx, "keep", 1, 1000, &keep)))
		return err;
	if (!path)
		return hy_fail(ctx, -EINVAL, "no file=PATH option");
	if (hy_option(ctx, "stack") && (err = hy_want_stacks(ctx)))
		return err;
	g->f = hy_output_open(path, HY_OUTPUT_REPLACE);
	if (!g->f) {
		char why[512];

		err = -errno;
		snprintf(why, sizeof(why), "%s", hy_last_error());
		return hy_fail(ctx, err, "%s", why);
	}
	g->path = strdup(path);
	g->w = hy_writer_open(
		g->f, HY_WRITER_JSON | (hy_option(ctx, "stack") ? HY_WRITER_STACKS : 0), strsize);
	if (!g->path || !g->w)
		return hy_fail(ctx, -ENOMEM, "out of memory");
	if (max_size && hy_writer_rotate(g->w, path, max_size, keep))
		return hy_fail(ctx, -EINVAL, "%s cannot be rotated (not a file?)", path);
	return 0;
}

static void record_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct record_state *g = hy_global_state(ctx);

	hy_writer_event(g->w, ev, NULL);
}

static void record_end(struct hy_ctx *ctx, FILE *out)
{
	struct record_state *g = hy_global_state(ctx);
	int err = hy_writer_close(g->w);

	if (g->f && fclose(g->f) && !err)
		err = -errno;
	(void)out; /* the report goes to stderr: out may be where the record went */
	if (err)
		hy_fail(ctx, err, "--record %s: %s: the record is incomplete", g->path,
			strerror(-err));
	g->w = NULL;
	g->f = NULL;
	free(g->path);
	g->path = NULL;
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
