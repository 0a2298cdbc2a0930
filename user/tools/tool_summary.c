// SPDX-License-Identifier: MIT
/*
 * The built-in summary tool (strace -c): per syscall, calls, errors and the time
 * spent inside the kernel (sys_enter to sys_exit, wall clock, in ns: what
 * strace -w reports), counted from every event of the tree.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"

#define NR_MAX 1024

struct sc_stat {
	uint64_t calls, errors, total_ns, min_ns, max_ns, timed;
};

struct summary_state {
	struct sc_stat st[HY_ABI_COUNT][NR_MAX];
};

static void summary_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct summary_state *g = hy_global_state(ctx);
	long nr = hy_event_nr(ev);
	struct sc_stat *s;
	int64_t ret = hy_event_return(ev);

	if (nr < 0 || nr >= NR_MAX)
		return;
	s = &g->st[hy_event_abi(ev)][nr];
	s->calls++;
	if (!hy_event_exit_ns(ev))
		return; /* never returned: counted, not timed */
	if (hy_event_abi(ev) != HY_ABI_X86_64)
		ret = (int32_t)ret;
	if (ret < 0 && ret >= -4095)
		s->errors++;
	uint64_t d = hy_event_exit_ns(ev) - hy_event_enter_ns(ev);

	s->total_ns += d;
	if (!s->timed || d < s->min_ns)
		s->min_ns = d;
	if (d > s->max_ns)
		s->max_ns = d;
	s->timed++;
}

struct row {
	const char *name;
	char label[64];
	const struct sc_stat *s;
};

static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->s->total_ns != y->s->total_ns)
		return x->s->total_ns < y->s->total_ns ? 1 : -1;
	if (x->s->calls != y->s->calls)
		return x->s->calls < y->s->calls ? 1 : -1;
	return strcmp(x->label, y->label);
}

static const char dashes[] = "------ ------------ ------------ ------------ ------------ "
			     "---------- --------- ----------------\n";

static void summary_end(struct hy_ctx *ctx, FILE *out)
{
	struct summary_state *g = hy_global_state(ctx);
	struct row *rows = calloc(HY_ABI_COUNT * NR_MAX, sizeof(*rows));
	struct sc_stat total = { 0 };
	int n = 0;

	if (!rows)
		return;
	for (int a = 0; a < HY_ABI_COUNT; a++) {
		for (int nr = 0; nr < NR_MAX; nr++) {
			const struct sc_stat *s = &g->st[a][nr];
			const char *name;

			if (!s->calls)
				continue;
			rows[n].s = s;
			name = hy_syscall_name_of(a, nr);
			if (a == HY_ABI_X86_64)
				snprintf(rows[n].label, sizeof(rows[n].label), "%s", name ? name : "?");
			else
				snprintf(rows[n].label, sizeof(rows[n].label), "%s@%s",
					 name ? name : "?", a == HY_ABI_I386 ? "i386" : "x32");
			if (!name)
				snprintf(rows[n].label, sizeof(rows[n].label), "syscall_%#x", nr);
			total.calls += s->calls;
			total.errors += s->errors;
			total.total_ns += s->total_ns;
			n++;
		}
	}
	qsort(rows, n, sizeof(*rows), by_time);
	fprintf(out, "%% time     total ns       avg ns       min ns       max ns      calls    errors syscall\n");
	fputs(dashes, out);
	for (int i = 0; i < n; i++) {
		const struct sc_stat *s = rows[i].s;
		double pct = total.total_ns ? 100.0 * s->total_ns / total.total_ns : 0;

		fprintf(out, "%6.2f %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64
			     " %10" PRIu64 " ",
			pct, s->total_ns, s->timed ? s->total_ns / s->timed : 0, s->min_ns, s->max_ns,
			s->calls);
		if (s->errors)
			fprintf(out, "%9" PRIu64 " %s\n", s->errors, rows[i].label);
		else
			fprintf(out, "%9s %s\n", "", rows[i].label);
	}
	fputs(dashes, out);
	fprintf(out, "100.00 %12" PRIu64 " %12s %12s %12s %10" PRIu64 " ", total.total_ns, "", "", "",
		total.calls);
	if (total.errors)
		fprintf(out, "%9" PRIu64 " total\n", total.errors);
	else
		fprintf(out, "%9s total\n", "");
	free(rows);
}

const struct hy_tool hy_tool_summary = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "summary",
	.description = "per-syscall counts, errors and time (strace -c)",
	.global_size = sizeof(struct summary_state),
	.flags = HY_TOOL_NO_EVENT_MEMORY,
	.on_event = summary_event,
	.on_end = summary_end,
};
