// SPDX-License-Identifier: MIT
/* The text exposition: families, labels, escaping, errnos, exact histogram buckets. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hy_event.h"
#include "prometheus.h"

static void names(void *ctx, uint64_t group, const char **cgroup, const char **container)
{
	(void)ctx;
	*cgroup = group == 7 ? "/system.slice/docker-x.scope" : "/odd \"name\"\\";
	*container = group == 7 ? "docker://x" : "";
}

/* The exposition of @snap as one string (freed by the caller). */
static char *expose(struct hy_agg_snap *snap, const struct hy_prom_health *h)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(hy_prom_write(f, snap, names, NULL, h), 0);
	fclose(f);
	return text;
}

static void has_line(const char *text, const char *line)
{
	const char *p = text;
	size_t n = strlen(line);

	while ((p = strstr(p, line))) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return;
		p++;
	}
	fail_msg("no line '%s' in:\n%s", line, text);
}

static void test_counters_errnos_and_health(void **state)
{
	struct hy_agg_row rows[2] = {
		{ .group = 7, .abi = HY_KABI_X86_64, .nr = 257, .v = { .calls = 5, .errors = 3 } },
		{ .group = HY_AGG_OVERFLOW_GROUP,
		  .abi = HY_KABI_I386,
		  .nr = 20,
		  .v = { .calls = 2 } },
	};
	struct hy_agg_errno_row errs[1] = {
		{ .group = 7, .abi = HY_KABI_X86_64, .nr = 257, .err = 2, .count = 2 }
	};
	struct hy_agg_snap snap = { rows, 2, errs, 1 };
	struct hy_prom_health h = { .events = 7, .lost = 1, .drain_lag_s = 0.25 };
	char *t;

	(void)state;
	t = expose(&snap, &h);
	has_line(t, "# TYPE hytrace_syscalls_total counter");
	has_line(
		t,
		"hytrace_syscalls_total{cgroup=\"/system.slice/docker-x.scope\",container=\"docker://x\",syscall=\"openat\"} 5");
	has_line(
		t,
		"hytrace_syscalls_total{cgroup=\"(other)\",container=\"\",syscall=\"getpid@i386\"} 2");
	/* two of the three errors have an errno; the third had no room in the kernel's map */
	has_line(
		t,
		"hytrace_syscall_errors_total{cgroup=\"/system.slice/docker-x.scope\",container=\"docker://x\",syscall=\"openat\",errno=\"ENOENT\"} 2");
	has_line(
		t,
		"hytrace_syscall_errors_total{cgroup=\"/system.slice/docker-x.scope\",container=\"docker://x\",syscall=\"openat\",errno=\"other\"} 1");
	has_line(t, "hytrace_events_total 7");
	has_line(t, "hytrace_lost_total 1");
	has_line(t, "hytrace_drain_lag_seconds 0.25");
	/* no durations were counted: no histogram samples */
	assert_null(strstr(t, "hytrace_syscall_duration_seconds_bucket"));
	free(t);
}

static void test_histogram_buckets_are_exact(void **state)
{
	struct hy_agg_row row = { .group = 9,
				  .abi = HY_KABI_X86_64,
				  .nr = 110,
				  .v = { .calls = 4, .timed = 4, .total_ns = 3000 } };
	struct hy_agg_snap snap = { &row, 1, NULL, 0 };
	struct hy_prom_health h = { 0 };
	const char *l = "cgroup=\"/odd \\\"name\\\"\\\\\",container=\"\",syscall=\"getppid\"";
	char line[512], *t;

	(void)state;
	row.v.hist[8] = 1;  /* 128 < ns <= 256 */
	row.v.hist[9] = 2;  /* 256 < ns <= 512: in le=1024 ns, not le=256 */
	row.v.hist[11] = 1; /* 1024 < ns <= 2048 */
	t = expose(&snap, &h);
	snprintf(line, sizeof(line),
		 "hytrace_syscall_duration_seconds_bucket{%s,le=\"2.56e-07\"} 1", l);
	has_line(t, line);
	snprintf(line, sizeof(line),
		 "hytrace_syscall_duration_seconds_bucket{%s,le=\"1.024e-06\"} 3", l);
	has_line(t, line);
	snprintf(line, sizeof(line),
		 "hytrace_syscall_duration_seconds_bucket{%s,le=\"4.096e-06\"} 4", l);
	has_line(t, line);
	snprintf(line, sizeof(line), "hytrace_syscall_duration_seconds_bucket{%s,le=\"+Inf\"} 4",
		 l);
	has_line(t, line);
	snprintf(line, sizeof(line), "hytrace_syscall_duration_seconds_sum{%s} 0.000003000", l);
	has_line(t, line);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counters_errnos_and_health),
		cmocka_unit_test(test_histogram_buckets_are_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
