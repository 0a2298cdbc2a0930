/* SPDX-License-Identifier: MIT */
/*
 * Production mode: watching a cgroup or every task (no command, no ptrace),
 * totals counted in the kernel for summary tools, the cgroup of each event, and
 * the metrics endpoint. One struct hangs off the session for all of it.
 */
#ifndef HY_PRODUCTION_H
#define HY_PRODUCTION_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "aggregator.h"
#include "cgroup.h"

struct hy_session;
struct hy_record;
struct hy_metrics;

/* Counts of cgroups that are gone, kept per syscall once their kernel keys are freed. */
struct hy_gone {
	struct hy_agg_row *rows;
	size_t nrows, cap;
	struct hy_agg_errno_row *errs;
	size_t nerrs, ecap;
};

struct hy_production {
	enum hy_agg_scope scope;
	int cgroup_fd; /* --cgroup: its directory, open; -1 */
	struct hy_agg *agg;
	enum hy_agg_group group_by; /* what the aggregator keeps apart */
	uint32_t totals_tools;	    /* bit per tool fed by the kernel's totals */
	enum hy_agg_group tool_group[32];
	struct hy_cgnames event_names; /* the run thread's: for events */
	struct hy_metrics *metrics;
	pthread_mutex_t lock; /* gone: the metrics thread folds, on_end reads */
	struct hy_gone gone;
	uint64_t started_ns;
};

/* ---- production.c ---- */
/** Before the tools' init: the scope of a --cgroup / -a run. */
int hy_prod_init(struct hy_session *s);
/** After the tools' init: the kernel's totals and the metrics endpoint, if wanted. */
int hy_prod_setup(struct hy_session *s);
/** Whether the kernel recorder is needed at all (some tool still wants events). */
bool hy_prod_needs_recorder(const struct hy_session *s);
/** A --cgroup / -a run: until hy_request_stop(). */
int hy_prod_watch(struct hy_session *s);
/** An event of a watching run: its cgroup and container, as chunks of the record. */
void hy_prod_annotate(struct hy_session *s, struct hy_record *r);
/** The run's end: health into the stats, the endpoint closed. */
void hy_prod_finish(struct hy_session *s);
void hy_prod_free(struct hy_session *s);

/* ---- kernel_totals.c ---- */
/** Open the aggregator when some tool can be fed by it (or --metrics wants it). */
int hy_totals_open(struct hy_session *s);
/** Every row now, the gone cgroups' folded in. */
int hy_totals_snapshot(struct hy_session *s, struct hy_agg_snap *snap);
/** Fold the counts of cgroups that no longer exist and free their kernel keys. */
void hy_totals_sweep(struct hy_session *s);
/** Count a call a stop ended with @ret (-errno), which the kernel could not count. */
void hy_totals_count_ended(struct hy_session *s, int abi, int nr, int64_t ret);

/* ---- metrics_server.c ---- */
/** Whether @addr is "IP:PORT" or "[IPv6]:PORT": 0 or -EINVAL with hy_last_error() set. */
int hy_metrics_check(const char *addr);
/** Serve GET /metrics at @addr ("IP:PORT") on a thread of its own. */
int hy_metrics_start(struct hy_session *s, const char *addr, struct hy_metrics **out);
void hy_metrics_stop(struct hy_metrics *m);

#endif
