// SPDX-License-Identifier: MIT
/*
 * The built-in record tool (--record FILE): every event as one JSON object per
 * line; the schema is in docs/record-format.md. Options: file=PATH, strsize=N.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hytrace.h"

/*
 * Lines are formatted straight into one large buffer that goes out in a single
 * write(2) per FLUSH_AT bytes: a storm makes millions of lines, and stdio's
 * per-call locking and 4 KiB writes cost more than formatting them.
 */
#define BUF_SIZE (1u << 20)
#define FLUSH_AT (BUF_SIZE - 16384)

struct record_state {
	int fd;
	char *path;
	unsigned int strsize;
	char *buf;
	size_t len, cap;
	int err; /* the first write error; nothing is written after it */
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
	g->fd = -1;
	if (!path)
		return hy_fail(ctx, -EINVAL, "no file=PATH option");
	g->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (g->fd < 0)
		return hy_fail(ctx, -errno, "cannot open %s: %s", path, strerror(errno));
	g->path = strdup(path);
	g->buf = malloc(BUF_SIZE);
	if (!g->path || !g->buf)
		return hy_fail(ctx, -ENOMEM, "out of memory");
	g->cap = BUF_SIZE;
	g->strsize = v ? strtoul(v, NULL, 10) : 0;
	return 0;
}

static void flush(struct record_state *g)
{
	size_t done = 0;

	while (done < g->len && !g->err) {
		ssize_t n = write(g->fd, g->buf + done, g->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			g->err = n < 0 ? errno : EIO;
		else
			done += n;
	}
	g->len = 0;
}

static void record_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct record_state *g = hy_global_state(ctx);
	size_t room = g->cap - g->len;
	int n = hy_event_format_json(ev, g->buf + g->len, room, g->strsize);

	if ((size_t)n + 1 >= room) {
		/* did not fit: flush, and make room for a line this long (large -s) */
		flush(g);
		if ((size_t)n + 2 > g->cap) {
			char *b = realloc(g->buf, n + 2);

			if (!b) {
				g->err = ENOMEM;
				return;
			}
			g->buf = b;
			g->cap = n + 2;
		}
		n = hy_event_format_json(ev, g->buf, g->cap, g->strsize);
	}
	g->buf[g->len + n] = '\n';
	g->len += n + 1;
	if (g->len >= FLUSH_AT)
		flush(g);
}

static void record_end(struct hy_ctx *ctx, FILE *out)
{
	struct record_state *g = hy_global_state(ctx);

	if (g->fd >= 0) {
		flush(g);
		if (close(g->fd) && !g->err)
			g->err = errno;
		if (g->err)
			fprintf(out, "hytrace: --record %s: %s: the record is incomplete\n", g->path,
				strerror(g->err));
	}
	g->fd = -1;
	free(g->buf);
	free(g->path);
	g->buf = g->path = NULL;
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
