/* SPDX-License-Identifier: MIT */
/*
 * The kernel's counts in Prometheus' text exposition format (version 0.0.4):
 * what GET /metrics answers. No I/O here, so a unit test reads the exact text.
 */
#ifndef HY_PROMETHEUS_H
#define HY_PROMETHEUS_H

#include <stdint.h>
#include <stdio.h>

#include "aggregator.h"

/* hytrace's own health, as counters and gauges. */
struct hy_prom_health {
	uint64_t events;     /* syscalls counted */
	uint64_t lost;	     /* records the ring could not take */
	uint64_t missed;     /* program runs the kernel skipped */
	uint64_t untracked;  /* tasks that could not be watched */
	uint64_t untimed;    /* calls counted without a duration */
	uint64_t overflowed; /* calls counted under cgroup="(other)" */
	uint64_t backlog;    /* bytes waiting in the ring */
	double drain_lag_s;  /* since the ring was last drained (0 without one) */
	double uptime_s;
};

/* The cgroup path and container of a group (either may be ""). */
typedef void (*hy_prom_names_fn)(void *ctx, uint64_t group, const char **cgroup,
				 const char **container);

/** Write the exposition of @snap (sorted here) and @h to @out. Returns 0, -ENOMEM or -EIO. */
int hy_prom_write(FILE *out, struct hy_agg_snap *snap, hy_prom_names_fn names, void *ctx,
		  const struct hy_prom_health *h);

#endif
