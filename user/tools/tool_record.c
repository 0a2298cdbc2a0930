// SPDX-License-Identifier: MIT
/*
 * The built-in record tool (--record FILE): every event as one JSON object per
 * line; the schema is in docs/record-format.md. Options: file=PATH, strsize=N.
 */
#include <errno.h>
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

/*
 * An existing regular file is replaced, not truncated: ext4 flushes a file
 * truncated to zero when it is closed (its auto_da_alloc), which for a record
 * of a few hundred MiB adds tens of milliseconds to every run that overwrites.
 */
static FILE *create(const char *path)
{
	struct stat st;

	if (!lstat(path, &st) && S_ISREG(st.st_mode) && st.st_size > 0)
		unlink(path);
	return fopen(path, "we");
}

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
	g->f = create(path);
	if (!g->f)
		return hy_fail(ctx, -errno, "cannot open %s: %s", path, strerror(errno));
	g->path = strdup(path);
	g->w = hy_writer_open(g->f, HY_WRITER_JSON, v ? strtoul(v, NULL, 10) : 0);
	if (!g->path || !g->w)
		return hy_fail(ctx, -ENOMEM, "out of memory");
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
	if (err)
		fprintf(out, "hytrace: --record %s: %s: the record is incomplete\n", g->path,
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
