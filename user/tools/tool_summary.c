// SPDX-License-Identifier: MIT
/*
 * The built-in summary tool (strace -c): per syscall, calls, errors and the time
 * spent inside the kernel (sys_enter to sys_exit, wall clock, in ns: what
 * strace -w reports). As in strace, a call is counted when it returns: one that
 * never does (exit_group, a task killed inside a call) has no row. Counted in the kernel where the run can (no per-call
 * record at all), else from every event of the tree. Options: by=cgroup|comm
 * (one table per group), histogram=1 (a log2 histogram of durations per
 * syscall, as bcc's funclatency prints them).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"
#include "log_paths.h"
#include "summary_columns.h"

#define NR_MAX 1024
#define HIST_WIDTH 40

/* One table: a group's syscalls, found through a small index. */
struct table {
	char *name;			     /* NULL: not grouped */
	uint16_t idx[HY_ABI_COUNT * NR_MAX]; /* 1 + row, 0: none yet */
	struct sc_stat *rows;
	size_t n, cap;
};

static int by_time(const void *a, const void *b);

struct summary_state {
	bool histogram;
	const char *by; /* "cgroup", "comm", or NULL */
	struct table **t;
	size_t n, cap;
	struct table *last;			 /* calls come in runs of one group */
	struct hy_sysset *trace;		 /* strace -c -e trace=SET: only SET is counted */
	int (*sort)(const void *, const void *); /* -S; NULL: no sorting */
	int cols[9];		 /* -U: strace's columns; cols[0] < 0: hytrace's table */
	uint64_t overhead_ns;	 /* -O: taken from each call's time */
	struct log_paths *paths; /* -P: only the calls that touch them are counted, as strace */
};

static int summary_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
			const char *const *values)
{
	static const char *const known[] = { "by",	"histogram", "trace", "sort",
					     "columns", "overhead",  "path",  NULL };
	struct summary_state *g = hy_global_state(ctx);
	const char *by = hy_option(ctx, "by"), *v;
	int err, nothing = 0;

	g->cols[0] = -1; /* first: on_end runs even when init fails */
	if ((err = hy_options_known(ctx, known)))
		return err;
	g->histogram = hy_option(ctx, "histogram") != NULL;
	g->sort = by_time;
	if ((v = hy_option(ctx, "sort")) && !(g->sort = summary_sorter(v, &nothing)))
		return hy_fail(
			ctx, -EINVAL,
			"sort=%s: time, min-time, max-time, avg-time, calls, errors, name or "
			"nothing",
			v);
	if (nothing)
		g->sort = NULL;
	if ((v = hy_option(ctx, "columns")) && summary_columns_parse(v, g->cols))
		return hy_fail(
			ctx, -EINVAL,
			"columns=%s: time-percent, total-time, min-time, max-time, avg-time, "
			"calls, errors, name",
			v);
	if ((v = hy_option(ctx, "overhead"))) {
		int64_t ns = summary_overhead_ns(v);

		if (ns < 0)
			return hy_fail(ctx, -EINVAL,
				       "overhead=%s: a time (us, or with s, ms, us, ns)", v);
		g->overhead_ns = ns;
	}
	if ((v = hy_option(ctx, "trace"))) {
		if (!(g->trace = hy_sysset_new(v)))
			return hy_fail(ctx, -EINVAL, "trace=%s: %s", v, hy_last_error());
		if ((err = hy_watch(ctx, v)))
			return err;
	}
	if ((err = log_paths_init(ctx, &g->paths, nopts, keys, values)))
		return err;
	if (g->paths) {
		/* counted from events the kernel filter keeps, not from the kernel's totals */
		int n;
		const char *const *paths = log_paths_list(g->paths, &n);

		if ((err = hy_kernel_filter(ctx, 0, paths, n)))
			return err;
	}
	if (by && (err = hy_totals_group(ctx, by)))
		return hy_fail(ctx, err, "by=%s: cgroup or comm", by);
	g->by = by;
	return 0;
}

static struct table *table_of(struct summary_state *g, const char *name)
{
	struct table *t;

	if (g->last &&
	    (g->last->name == name || (name && g->last->name && !strcmp(g->last->name, name))))
		return g->last;
	for (size_t i = 0; i < g->n; i++)
		if (g->t[i]->name == name ||
		    (name && g->t[i]->name && !strcmp(g->t[i]->name, name)))
			return g->last = g->t[i];
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 8;
		struct table **v = realloc(g->t, cap * sizeof(*v));

		if (!v)
			return NULL;
		g->t = v;
		g->cap = cap;
	}
	t = calloc(1, sizeof(*t));
	if (!t || (name && !(t->name = strdup(name)))) {
		free(t);
		return NULL;
	}
	return g->last = g->t[g->n++] = t;
}

static struct sc_stat *stat_of(struct summary_state *g, struct table *t, int abi, long nr)
{
	size_t k = (size_t)abi * NR_MAX + nr;
	struct sc_stat *s;

	if (!t || nr < 0 || nr >= NR_MAX || abi < 0 || abi >= HY_ABI_COUNT)
		return NULL;
	if (t->idx[k])
		return &t->rows[t->idx[k] - 1];
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 32;
		struct sc_stat *v = realloc(t->rows, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->rows = v;
		t->cap = cap;
	}
	s = &t->rows[t->n];
	memset(s, 0, sizeof(*s));
	s->abi = abi;
	s->nr = nr;
	if (g->histogram && !(s->hist = calloc(HY_HIST_BUCKETS, sizeof(*s->hist))))
		return NULL;
	t->idx[k] = ++t->n;
	return s;
}

/* A row of the kernel's totals, into the same tables events fill. */
static void from_kernel(void *arg, const struct hy_totals *k)
{
	struct summary_state *g = arg;
	char name[4200];
	struct sc_stat *s;

	if (g->trace && !hy_sysset_contains(g->trace, k->abi, k->nr))
		return;
	if (k->container)
		snprintf(name, sizeof(name), "%s (%s)", k->group, k->container);
	if (!k->returned)
		return; /* only calls that never returned: strace shows no row for them */
	s = stat_of(g, table_of(g, !g->by ? NULL : k->container ? name : k->group), k->abi, k->nr);

	if (!s)
		return;
	if (k->timed && (!s->timed || k->min_ns < s->min_ns))
		s->min_ns = k->min_ns;
	if (k->max_ns > s->max_ns)
		s->max_ns = k->max_ns;
	/* as strace, the calls that returned: with those whose entry was not seen (HACKING.md) */
	s->calls += k->returned;
	s->errors += k->errors;
	s->total_ns += k->total_ns;
	/* -O: the overhead of each timed call (the kernel's min and max are left as counted) */
	s->total_ns -= s->total_ns > g->overhead_ns * k->timed ? g->overhead_ns * k->timed :
								 s->total_ns;
	s->timed += k->timed;
	for (int b = 0; s->hist && b < HY_HIST_BUCKETS; b++)
		s->hist[b] += k->hist[b];
}

/* Bucket i: 2^(i-1) < ns <= 2^i, as the kernel counts them. */
static int bucket_of(uint64_t d)
{
	int b = d > 1 ? 64 - __builtin_clzll(d - 1) : 0;

	return b < HY_HIST_BUCKETS ? b : HY_HIST_BUCKETS - 1;
}

static void summary_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct summary_state *g = hy_global_state(ctx);
	const char *group = g->by && !strcmp(g->by, "cgroup") ? hy_event_cgroup(ev) : NULL;
	char name[4200];
	struct sc_stat *s;
	int64_t ret = hy_event_return(ev);
	uint64_t d;

	if (g->trace && !hy_sysset_contains(g->trace, hy_event_abi(ev), hy_event_nr(ev)))
		return;
	if (!log_paths_match(g->paths, ev))
		return;
	if (!hy_event_exit_ns(ev))
		return; /* never returned (exit_group, a killed task): strace counts it not either */
	/* events know their cgroup (in watching runs), not their command name */
	if (group && hy_event_container(ev))
		snprintf(name, sizeof(name), "%s (%s)", group, hy_event_container(ev));
	s = stat_of(g,
		    table_of(g, !g->by		       ? NULL :
				!group		       ? "?" :
				hy_event_container(ev) ? name :
							 group),
		    hy_event_abi(ev), hy_event_nr(ev));
	if (!s)
		return;
	s->calls++;
	if (hy_event_abi(ev) != HY_ABI_X86_64)
		ret = (int32_t)ret;
	if (ret < 0 && ret >= -4095)
		s->errors++;
	d = hy_event_exit_ns(ev) - hy_event_enter_ns(ev);
	d = d > g->overhead_ns ? d - g->overhead_ns : 0;
	s->total_ns += d;
	if (!s->timed || d < s->min_ns)
		s->min_ns = d;
	if (d > s->max_ns)
		s->max_ns = d;
	s->timed++;
	if (s->hist)
		s->hist[bucket_of(d)]++;
}

static int by_time(const void *a, const void *b)
{
	const struct sc_stat *x = a, *y = b;
	char lx[64], ly[64];

	if (x->total_ns != y->total_ns)
		return x->total_ns < y->total_ns ? 1 : -1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	summary_label(x, lx, sizeof(lx));
	summary_label(y, ly, sizeof(ly));
	return strcmp(lx, ly);
}

static const char dashes[] = "------ ------------ ------------ ------------ ------------ "
			     "---------- --------- ----------------\n";

static void print_row(FILE *out, const struct sc_stat *s, uint64_t all_ns)
{
	double pct = all_ns ? 100.0 * s->total_ns / all_ns : 0;
	char label[64];

	summary_label(s, label, sizeof(label));
	fprintf(out, "%6.2f %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %10" PRIu64 " ",
		pct, s->total_ns, s->timed ? s->total_ns / s->timed : 0, s->min_ns, s->max_ns,
		s->calls);
	if (s->errors)
		fprintf(out, "%9" PRIu64 " %s\n", s->errors, label);
	else
		fprintf(out, "%9s %s\n", "", label);
}

static void print_table(FILE *out, struct table *t, struct summary_state *g)
{
	struct sc_stat total = { 0 };

	if (g->sort && t->n) /* an empty table may have no array: qsort's base must not be NULL */
		qsort(t->rows, t->n, sizeof(*t->rows), g->sort);
	if (g->cols[0] >= 0) {
		summary_columns_print(out, g->cols, t->rows, t->n);
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		total.calls += t->rows[i].calls;
		total.errors += t->rows[i].errors;
		total.total_ns += t->rows[i].total_ns;
	}
	fprintf(out,
		"%% time     total ns       avg ns       min ns       max ns      calls    errors syscall\n");
	fputs(dashes, out);
	for (size_t i = 0; i < t->n; i++)
		print_row(out, &t->rows[i], total.total_ns);
	fputs(dashes, out);
	fprintf(out, "100.00 %12" PRIu64 " %12s %12s %12s %10" PRIu64 " ", total.total_ns, "", "",
		"", total.calls);
	if (total.errors)
		fprintf(out, "%9" PRIu64 " total\n", total.errors);
	else
		fprintf(out, "%9s total\n", "");
}

/* "getppid: durations (ns)" and one line per bucket from the first used to the last. */
static void print_histogram(FILE *out, const struct sc_stat *s)
{
	int first = HY_HIST_BUCKETS, last = -1;
	uint64_t most = 0;
	char label[64], bar[HIST_WIDTH + 1];

	for (int b = 0; b < HY_HIST_BUCKETS; b++) {
		if (!s->hist[b])
			continue;
		first = first < b ? first : b;
		last = b;
		most = s->hist[b] > most ? s->hist[b] : most;
	}
	if (last < 0)
		return;
	summary_label(s, label, sizeof(label));
	fprintf(out, "\n%s: durations (ns)\n%24s : %-9s %s\n", label, "ns", "count",
		"distribution");
	for (int b = first; b <= last; b++) {
		int w = (int)(s->hist[b] * HIST_WIDTH / most);

		memset(bar, '*', w);
		memset(bar + w, ' ', HIST_WIDTH - w);
		bar[HIST_WIDTH] = 0;
		fprintf(out, "%11" PRIu64 " -> %-9" PRIu64 " : %-9" PRIu64 " |%s|\n",
			b ? (uint64_t)1 << (b - 1) : 0, (uint64_t)1 << b, s->hist[b], bar);
	}
}

/* -P: a child has its parent's descriptors (told before any call of its own) */
static void summary_process_start(struct hy_ctx *ctx, const void *parent_state)
{
	struct summary_state *g = hy_global_state(ctx);

	(void)parent_state;
	log_paths_fork(g->paths, hy_ppid(ctx), hy_pid(ctx), hy_process_fork_ns(ctx));
}

static void summary_end(struct hy_ctx *ctx, FILE *out)
{
	struct summary_state *g = hy_global_state(ctx);

	hy_totals_each(ctx, from_kernel, g); /* -ENOSYS: on_event counted them */
	if (!g->n)
		table_of(g, NULL); /* an empty table all the same, as strace prints one */
	for (size_t i = 0; i < g->n; i++) {
		struct table *t = g->t[i];

		if (t->name)
			fprintf(out, "%s%s %s\n", i ? "\n" : "", g->by, t->name);
		print_table(out, t, g);
		for (size_t r = 0; r < t->n && g->histogram; r++)
			print_histogram(out, &t->rows[r]);
		for (size_t r = 0; r < t->n; r++)
			free(t->rows[r].hist);
		free(t->rows);
		free(t->name);
		free(t);
	}
	free(g->t);
	g->t = NULL;
	hy_sysset_free(g->trace);
	g->trace = NULL;
	log_paths_free(g->paths);
	g->paths = NULL;
	g->n = g->cap = 0;
	g->last = NULL;
}

const struct hy_tool hy_tool_summary = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "summary",
	.description = "per-syscall counts, errors and time (strace -c)",
	.global_size = sizeof(struct summary_state),
	.flags = HY_TOOL_NO_EVENT_MEMORY | HY_TOOL_KERNEL_TOTALS,
	.init = summary_init,
	.on_event = summary_event,
	.on_process_start = summary_process_start,
	.on_end = summary_end,
};
