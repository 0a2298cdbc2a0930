// SPDX-License-Identifier: MIT
/*
 * The built-in stacks tool (--folded FILE): calls aggregated by the user stack
 * that made them, written as folded stacks ("main;a;b;__open64;openat 12"), one
 * line per distinct stack, outermost frame first and the syscall last: what
 * flamegraph.pl, inferno and speedscope read. Which code paths make the most
 * calls (weight=calls, the default) or spend the most time in them
 * (weight=time: nanoseconds). Options: file=PATH ("-": the run's output, after
 * the other reports), trace=SET (the calls counted; default all),
 * weight=calls|time. Written against the public API only.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"

#define FRAMES 128

struct folded {
	char *key;
	uint64_t calls, ns;
};

struct stacks_state {
	FILE *f;
	bool to_out; /* file=-: written to the run's output at the end */
	bool by_time;
	struct folded *v; /* open addressing on the key's hash */
	size_t cap, n;
	char *buf; /* the key being built */
	size_t buf_cap;
};

static int stacks_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		       const char *const *values)
{
	static const char *const known[] = { "file", "trace", "weight", NULL };
	struct stacks_state *g = hy_global_state(ctx);
	const char *path = hy_option(ctx, "file"), *v;
	int err;

	(void)nopts;
	(void)keys;
	(void)values;
	if ((err = hy_options_known(ctx, known)))
		return err;
	if (!path)
		return hy_fail(ctx, -EINVAL, "no file=PATH option");
	if ((v = hy_option(ctx, "weight")) && strcmp(v, "calls") && strcmp(v, "time"))
		return hy_fail(ctx, -EINVAL, "weight=%s: calls or time", v);
	g->by_time = v && !strcmp(v, "time");
	if ((v = hy_option(ctx, "trace")) && (err = hy_watch(ctx, v)))
		return err;
	g->to_out = !strcmp(path, "-");
	g->f = g->to_out ? NULL : hy_output_open(path, HY_OUTPUT_REPLACE);
	if (!g->f && !g->to_out) {
		char why[512];

		err = -errno;
		snprintf(why, sizeof(why), "%s", hy_last_error());
		return hy_fail(ctx, err, "%s", why);
	}
	return hy_want_stacks(ctx);
}

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

static bool grow(struct stacks_state *g)
{
	size_t cap = g->cap ? 2 * g->cap : 1024;
	struct folded *v = calloc(cap, sizeof(*v));

	if (!v)
		return false;
	for (size_t i = 0; i < g->cap; i++) {
		size_t j = hash(g->v[i].key ? g->v[i].key : "") & (cap - 1);

		if (!g->v[i].key)
			continue;
		while (v[j].key)
			j = (j + 1) & (cap - 1);
		v[j] = g->v[i];
	}
	free(g->v);
	g->v = v;
	g->cap = cap;
	return true;
}

static struct folded *slot(struct stacks_state *g, const char *key)
{
	size_t i;

	if ((g->n + 1) * 2 > g->cap && !grow(g))
		return NULL;
	for (i = hash(key) & (g->cap - 1); g->v[i].key; i = (i + 1) & (g->cap - 1))
		if (!strcmp(g->v[i].key, key))
			return &g->v[i];
	g->v[i].key = strdup(key);
	if (!g->v[i].key)
		return NULL;
	g->n++;
	return &g->v[i];
}

static void append(struct stacks_state *g, size_t *len, const char *s, size_t n)
{
	if (*len + n + 1 > g->buf_cap) {
		size_t cap = g->buf_cap ? 2 * g->buf_cap : 4096;
		char *b;

		while (cap < *len + n + 1)
			cap *= 2;
		b = realloc(g->buf, cap);
		if (!b)
			return;
		g->buf = b;
		g->buf_cap = cap;
	}
	memcpy(g->buf + *len, s, n);
	*len += n;
	g->buf[*len] = 0;
}

/* A frame's name: its function, else "file+0xoffset"; the separators made safe. */
static void frame_name(const struct hy_frame *f, char *out, size_t size)
{
	const char *base = f->module ? strrchr(f->module, '/') : NULL;

	if (f->symbol)
		snprintf(out, size, "%s", f->symbol);
	else if (f->module)
		snprintf(out, size, "%s+0x%" PRIx64, base ? base + 1 : f->module, f->offset);
	else
		snprintf(out, size, "0x%" PRIx64, f->pc);
	for (char *c = out; *c; c++)
		if (*c == ';' || *c == ' ')
			*c = '_';
}

static void stacks_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct stacks_state *g = hy_global_state(ctx);
	struct hy_frame f[FRAMES];
	int n = hy_backtrace(ctx, ev, f, FRAMES);
	const char *name = hy_event_name(ev);
	struct folded *e;
	size_t len = 0;
	char tmp[512];

	if (n > FRAMES)
		n = FRAMES;
	for (int i = n - 1; i >= 0; i--) {
		frame_name(&f[i], tmp, sizeof(tmp));
		append(g, &len, tmp, strlen(tmp));
		append(g, &len, ";", 1);
	}
	if (!name) {
		snprintf(tmp, sizeof(tmp), "syscall_%ld", hy_event_nr(ev));
		name = tmp;
	}
	append(g, &len, name, strlen(name));
	if (!g->buf || !(e = slot(g, g->buf)))
		return;
	e->calls++;
	if (hy_event_exit_ns(ev))
		e->ns += hy_event_exit_ns(ev) - hy_event_enter_ns(ev);
}

static int by_key(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static void stacks_end(struct hy_ctx *ctx, FILE *out)
{
	struct stacks_state *g = hy_global_state(ctx);
	FILE *f = g->to_out ? out : g->f;
	size_t n = 0;

	for (size_t i = 0; i < g->cap; i++)
		if (g->v[i].key)
			g->v[n++] = g->v[i];
	if (n)
		qsort(g->v, n, sizeof(*g->v), by_key);
	for (size_t i = 0; f && i < n; i++)
		fprintf(f, "%s %" PRIu64 "\n", g->v[i].key,
			g->by_time ? g->v[i].ns : g->v[i].calls);
	if (g->f) {
		int err = ferror(g->f) ? EIO : 0;

		if (fclose(g->f) && !err)
			err = errno;
		if (err)
			hy_fail(ctx, -err, "--folded: %s: the folded stacks are incomplete",
				strerror(err));
	}
	for (size_t i = 0; i < n; i++)
		free(g->v[i].key);
	free(g->v);
	free(g->buf);
	memset(g, 0, sizeof(*g));
}

const struct hy_tool hy_tool_stacks = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "stacks",
	.description = "calls aggregated by user stack, as folded stacks (flame graphs)",
	.global_size = sizeof(struct stacks_state),
	.flags = HY_TOOL_NO_EVENT_MEMORY,
	.init = stacks_init,
	.on_event = stacks_event,
	.on_end = stacks_end,
};
