// SPDX-License-Identifier: MIT
/*
 * Prometheus' text exposition of the kernel's counts. Every family's samples
 * follow its HELP and TYPE lines. Label sets stay bounded: cgroups by the
 * aggregator's group limit (more go under cgroup="(other)", gone ones under
 * "(gone)"), syscalls by the table, errnos by the kernel's few, and durations
 * by HIST_LE fixed buckets.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/names.h"
#include "prometheus.h"
#include "syscall_table.h"

/* Buckets exposed: every other power of two from 256 ns to ~17 s (2^34 ns), then +Inf. */
#define LE_FIRST 8
#define LE_LAST 34
#define LE_STEP 2

struct labels {
	char text[1024]; /* cgroup="...",container="...",syscall="..." */
};

/* A label value with \, " and newlines escaped. */
static size_t put_value(char *dst, size_t size, const char *v)
{
	size_t n = 0;

	for (; *v && n + 3 < size; v++) {
		if (*v == '\\' || *v == '"' || *v == '\n') {
			dst[n++] = '\\';
			dst[n++] = *v == '\n' ? 'n' : *v;
		} else {
			dst[n++] = *v;
		}
	}
	dst[n] = 0;
	return n;
}

static void syscall_label(int abi, int nr, char *buf, size_t size)
{
	const char *name = hy_syscall_name_of(abi, nr);

	if (!name)
		snprintf(buf, size, "syscall_%d", nr);
	else if (abi == HY_ABI_X86_64)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%s@%s", name, hy_abi_name(abi));
}

static void make_labels(struct labels *l, uint64_t group, int abi, int nr, hy_prom_names_fn names,
			void *ctx)
{
	const char *cg = "", *cont = "";
	char sc[64], esc_cg[512], esc_cont[256];

	if (group == HY_AGG_OVERFLOW_GROUP)
		cg = "(other)";
	else if (group == HY_AGG_GONE_GROUP)
		cg = "(gone)";
	else
		names(ctx, group, &cg, &cont);
	put_value(esc_cg, sizeof(esc_cg), cg ? cg : "");
	put_value(esc_cont, sizeof(esc_cont), cont ? cont : "");
	syscall_label(abi, nr, sc, sizeof(sc));
	snprintf(l->text, sizeof(l->text), "cgroup=\"%s\",container=\"%s\",syscall=\"%s\"", esc_cg,
		 esc_cont, sc);
}

static void family(FILE *out, const char *name, const char *type, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void calls(FILE *out, const struct hy_agg_snap *snap, const struct labels *l)
{
	family(out, "hytrace_syscalls_total", "counter",
	       "System calls made (including those that never returned).");
	for (size_t i = 0; i < snap->nrows; i++)
		fprintf(out, "hytrace_syscalls_total{%s} %" PRIu64 "\n", l[i].text,
			(uint64_t)(snap->rows[i].v.calls + snap->rows[i].v.unfinished));
}

/* Rows and errno rows in one order (group, abi, nr), walked side by side. */
static int cmp_key(uint64_t ga, int aa, int na, uint64_t gb, int ab, int nb)
{
	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (aa != ab)
		return aa < ab ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

static int by_row(const void *a, const void *b)
{
	const struct hy_agg_row *x = a, *y = b;

	return cmp_key(x->group, x->abi, x->nr, y->group, y->abi, y->nr);
}

static int by_errno(const void *a, const void *b)
{
	const struct hy_agg_errno_row *x = a, *y = b;
	int c = cmp_key(x->group, x->abi, x->nr, y->group, y->abi, y->nr);

	return c ? c : x->err - y->err;
}

/* Errors by errno; errors the errno map had no room for are errno="other". */
static void errors(FILE *out, const struct hy_agg_snap *snap, const struct labels *l)
{
	size_t j = 0;

	family(out, "hytrace_syscall_errors_total", "counter",
	       "System calls that returned an error, by errno.");
	for (size_t i = 0; i < snap->nrows; i++) {
		const struct hy_agg_row *r = &snap->rows[i];
		uint64_t named = 0;

		while (j < snap->nerrs && cmp_key(snap->errs[j].group, snap->errs[j].abi,
						  snap->errs[j].nr, r->group, r->abi, r->nr) < 0)
			j++;
		for (; j < snap->nerrs; j++) {
			const struct hy_agg_errno_row *e = &snap->errs[j];
			const char *en;

			if (e->group != r->group || e->abi != r->abi || e->nr != r->nr)
				break;
			named += e->count;
			en = hy_errno_name(e->err);
			if (en)
				fprintf(out,
					"hytrace_syscall_errors_total{%s,errno=\"%s\"} %" PRIu64
					"\n",
					l[i].text, en, e->count);
			else
				fprintf(out,
					"hytrace_syscall_errors_total{%s,errno=\"%d\"} %" PRIu64
					"\n",
					l[i].text, e->err, e->count);
		}
		if (r->v.errors > named)
			fprintf(out,
				"hytrace_syscall_errors_total{%s,errno=\"other\"} %" PRIu64 "\n",
				l[i].text, (uint64_t)(r->v.errors - named));
	}
}

static void durations(FILE *out, const struct hy_agg_snap *snap, const struct labels *l)
{
	family(out, "hytrace_syscall_duration_seconds", "histogram",
	       "Time from a system call's entry to its exit.");
	for (size_t i = 0; i < snap->nrows; i++) {
		const struct hy_agg_val *v = &snap->rows[i].v;
		uint64_t below = 0;
		int b = 0;

		if (!v->timed)
			continue;
		/* kernel bucket b holds 2^(b-1) < ns <= 2^b: "le" 2^b ns is exact */
		for (int le = LE_FIRST; le <= LE_LAST; le += LE_STEP) {
			for (; b <= le && b < HY_AGG_BUCKETS; b++)
				below += v->hist[b];
			fprintf(out,
				"hytrace_syscall_duration_seconds_bucket{%s,le=\"%.9g\"} %" PRIu64
				"\n",
				l[i].text, (double)((uint64_t)1 << le) / 1e9, below);
		}
		fprintf(out,
			"hytrace_syscall_duration_seconds_bucket{%s,le=\"+Inf\"} %" PRIu64 "\n",
			l[i].text, (uint64_t)v->timed);
		fprintf(out, "hytrace_syscall_duration_seconds_sum{%s} %.9f\n", l[i].text,
			v->total_ns / 1e9);
		fprintf(out, "hytrace_syscall_duration_seconds_count{%s} %" PRIu64 "\n", l[i].text,
			(uint64_t)v->timed);
	}
}

static void counter(FILE *out, const char *name, const char *help, uint64_t v)
{
	family(out, name, "counter", help);
	fprintf(out, "%s %" PRIu64 "\n", name, v);
}

static void gauge(FILE *out, const char *name, const char *help, double v)
{
	family(out, name, "gauge", help);
	fprintf(out, "%s %.9g\n", name, v);
}

static void health(FILE *out, const struct hy_prom_health *h)
{
	counter(out, "hytrace_events_total", "System calls hytrace counted.", h->events);
	counter(out, "hytrace_lost_total", "Records the kernel could not write (ring full).",
		h->lost);
	counter(out, "hytrace_skipped_runs_total",
		"Runs of hytrace's syscall programs the kernel skipped (recursion on a CPU).",
		h->missed);
	counter(out, "hytrace_untracked_tasks_total", "Tasks the kernel could not start watching.",
		h->untracked);
	counter(out, "hytrace_untimed_total",
		"System calls counted without a duration (their entry was not seen).", h->untimed);
	counter(out, "hytrace_label_overflow_total",
		"System calls counted under cgroup=\"(other)\": the cgroup limit was reached.",
		h->overflowed);
	gauge(out, "hytrace_ring_backlog_bytes", "Bytes waiting in the ring buffer.",
	      (double)h->backlog);
	gauge(out, "hytrace_drain_lag_seconds", "Time since the ring buffer was last drained.",
	      h->drain_lag_s);
	gauge(out, "hytrace_uptime_seconds", "Time since hytrace started.", h->uptime_s);
}

int hy_prom_write(FILE *out, struct hy_agg_snap *snap, hy_prom_names_fn names, void *ctx,
		  const struct hy_prom_health *h)
{
	struct labels *l = calloc(snap->nrows ? snap->nrows : 1, sizeof(*l));

	if (!l)
		return -ENOMEM;
	/* a stable order: scrapes read alike, and errnos meet their rows in one walk */
	/* an empty list may have no array: qsort's base must not be NULL */
	if (snap->nrows)
		qsort(snap->rows, snap->nrows, sizeof(*snap->rows), by_row);
	if (snap->nerrs)
		qsort(snap->errs, snap->nerrs, sizeof(*snap->errs), by_errno);
	for (size_t i = 0; i < snap->nrows; i++)
		make_labels(&l[i], snap->rows[i].group, snap->rows[i].abi, snap->rows[i].nr, names,
			    ctx);
	calls(out, snap, l);
	errors(out, snap, l);
	durations(out, snap, l);
	health(out, h);
	free(l);
	return ferror(out) ? -EIO : 0;
}
