// SPDX-License-Identifier: MIT
/* The summary's strace formats: see summary_columns.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"
#include "summary_columns.h"

enum { COL_PERCENT, COL_TOTAL, COL_MIN, COL_MAX, COL_AVG, COL_CALLS, COL_ERRORS, COL_NAME };

static const struct {
	const char *name, *alias;
	const char *head;
	int width;
} columns[] = {
	[COL_PERCENT] = { "time-percent", "percent", "% time", 6 },
	[COL_TOTAL] = { "total-time", "time", "seconds", 11 },
	[COL_MIN] = { "min-time", "shortest", "shortest", 8 },
	[COL_MAX] = { "max-time", "longest", "longest", 8 },
	[COL_AVG] = { "avg-time", "usecs/call", "usecs/call", 11 },
	[COL_CALLS] = { "calls", "count", "calls", 9 },
	[COL_ERRORS] = { "errors", "error", "errors", 9 },
	[COL_NAME] = { "name", "syscall", "syscall", 16 },
};

void summary_label(const struct sc_stat *s, char *buf, size_t size)
{
	const char *name = hy_syscall_name_of(s->abi, s->nr);

	if (!name)
		snprintf(buf, size, "syscall_%#x", s->nr);
	else if (s->abi == HY_ABI_X86_64)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%s@%s", name, s->abi == HY_ABI_I386 ? "i386" : "x32");
}

int summary_columns_parse(const char *spec, int cols[9])
{
	int n = 0;
	const char *p = spec;

	while (*p && n < 8) {
		size_t len = strcspn(p, ",");
		int c = -1;

		for (int i = 0; i < 8; i++)
			if ((strlen(columns[i].name) == len && !strncmp(p, columns[i].name, len)) ||
			    (strlen(columns[i].alias) == len && !strncmp(p, columns[i].alias, len)))
				c = i;
		if (c < 0) {
			cols[0] = -1; /* none: what was read so far has no end mark */
			return -1;
		}
		cols[n++] = c;
		p += len + (p[len] == ',');
	}
	cols[n] = -1;
	return n ? 0 : -1;
}

static void cell(FILE *out, int c, const struct sc_stat *s, uint64_t all_ns, const char *label,
		 bool first)
{
	if (!first)
		fputc(' ', out);
	switch (c) {
	case COL_PERCENT:
		fprintf(out, "%6.2f", all_ns ? 100.0 * s->total_ns / all_ns : 0.0);
		break;
	case COL_TOTAL:
		fprintf(out, "%11.6f", s->total_ns / 1e9);
		break;
	case COL_MIN:
		fprintf(out, "%8.6f", s->min_ns / 1e9);
		break;
	case COL_MAX:
		fprintf(out, "%8.6f", s->max_ns / 1e9);
		break;
	case COL_AVG:
		fprintf(out, "%11" PRIu64, s->calls ? s->total_ns / 1000 / s->calls : 0);
		break;
	case COL_CALLS:
		fprintf(out, "%9" PRIu64, s->calls);
		break;
	case COL_ERRORS:
		if (s->errors)
			fprintf(out, "%9" PRIu64, s->errors);
		else
			fprintf(out, "%9s", "");
		break;
	case COL_NAME:
		fprintf(out, "%-16s", label);
		break;
	}
}

static void line(FILE *out, const int *cols, const struct sc_stat *s, uint64_t all_ns,
		 const char *label)
{
	for (int i = 0; cols[i] >= 0; i++)
		cell(out, cols[i], s, all_ns, label, i == 0);
	fputc('\n', out);
}

static void rule(FILE *out, const int *cols)
{
	for (int i = 0; cols[i] >= 0; i++) {
		if (i)
			fputc(' ', out);
		for (int k = 0; k < columns[cols[i]].width; k++)
			fputc('-', out);
	}
	fputc('\n', out);
}

void summary_columns_print(FILE *out, const int *cols, const struct sc_stat *rows, size_t n)
{
	struct sc_stat total = { 0 };
	char label[64];

	for (size_t i = 0; i < n; i++) {
		total.calls += rows[i].calls;
		total.errors += rows[i].errors;
		total.total_ns += rows[i].total_ns;
		if (rows[i].timed && (!total.timed || rows[i].min_ns < total.min_ns))
			total.min_ns = rows[i].min_ns;
		if (rows[i].max_ns > total.max_ns)
			total.max_ns = rows[i].max_ns;
		total.timed += rows[i].timed;
	}
	for (int i = 0; cols[i] >= 0; i++) {
		const char *h = columns[cols[i]].head;
		int w = columns[cols[i]].width;

		if (i)
			fputc(' ', out);
		/* strace: names left, numbers right, the last column unpadded */
		if (cols[i] == COL_NAME || cols[i] == COL_PERCENT)
			fprintf(out, "%-*s", cols[i + 1] < 0 ? 0 : w, h);
		else
			fprintf(out, "%*s", w, h);
	}
	fputc('\n', out);
	rule(out, cols);
	for (size_t i = 0; i < n; i++) {
		summary_label(&rows[i], label, sizeof(label));
		line(out, cols, &rows[i], total.total_ns, label);
	}
	rule(out, cols);
	line(out, cols, &total, total.total_ns, "total");
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? 1 : a > b ? -1 : 0; /* larger first */
}

static int by_name(const void *a, const void *b)
{
	char la[64], lb[64];

	summary_label(a, la, sizeof(la));
	summary_label(b, lb, sizeof(lb));
	return strcmp(la, lb);
}

#define SORTER(fn, expr)                                                                           \
	static int fn(const void *a, const void *b)                                                \
	{                                                                                          \
		const struct sc_stat *x = a, *y = b;                                               \
		int r = cmp_u64(expr(x), expr(y));                                                 \
		return r ? r : by_name(a, b);                                                      \
	}
#define TOTAL(s) ((s)->total_ns)
#define MIN(s) ((s)->min_ns)
#define MAX(s) ((s)->max_ns)
#define AVG(s) ((s)->calls ? (s)->total_ns / (s)->calls : 0)
#define CALLS(s) ((s)->calls)
#define ERRORS(s) ((s)->errors)
SORTER(by_time, TOTAL)
SORTER(by_min, MIN)
SORTER(by_max, MAX)
SORTER(by_avg, AVG)
SORTER(by_calls, CALLS)
SORTER(by_errors, ERRORS)

int (*summary_sorter(const char *by, int *nothing))(const void *, const void *)
{
	static const struct {
		const char *names;
		int (*fn)(const void *, const void *);
	} sorts[] = {
		{ " time time-total total-time time_total total_time ", by_time },
		{ " min-time shortest time-min min_time time_min ", by_min },
		{ " max-time longest time-max max_time time_max ", by_max },
		{ " avg-time time-avg avg_time time_avg ", by_avg },
		{ " calls count ", by_calls },
		{ " errors error ", by_errors },
		{ " name syscall syscall-name ", by_name },
	};
	char key[40];

	*nothing = !strcmp(by, "nothing") || !strcmp(by, "none");
	if (*nothing)
		return by_time; /* unused */
	snprintf(key, sizeof(key), " %.36s ", by);
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strstr(sorts[i].names, key))
			return sorts[i].fn;
	return NULL;
}

int64_t summary_overhead_ns(const char *s)
{
	uint64_t ns;

	/* strace's -O takes up to a second per call */
	return hy_parse_duration_ns(s, 1000000000000ull, &ns) ? -1 : (int64_t)ns;
}
