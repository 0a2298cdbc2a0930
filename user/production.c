// SPDX-License-Identifier: MIT
/*
 * Runs that watch what already runs: a cgroup v2 (--cgroup) or every task of
 * the host but this process (-a). No command, no ptrace, nothing stopped; the
 * kernel decides membership at every call, so tasks that join later count.
 * Syscall events reach the tools as in any run; task callbacks (thread and
 * process start and exit) do not, since no tracer sees the tasks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "drain.h"
#include "end_request.h"
#include "error.h"
#include "kernel_recorder.h"
#include "production.h"
#include "record.h"
#include "session.h"

#define TICK_MS 50
#define SWEEP_NS (10 * 1000000000ull) /* gone cgroups folded, unused names freed */
#define NAME_IDLE_S 60

int hy_prod_init(struct hy_session *s)
{
	struct hy_production *p = calloc(1, sizeof(*p));
	int err;

	if (!p)
		return hy_error(-ENOMEM, "out of memory");
	s->prod = p;
	pthread_mutex_init(&p->lock, NULL);
	p->started_ns = hy_now_ns();
	p->scope = s->opts.all_tasks ? HY_AGG_ALL : s->opts.cgroup ? HY_AGG_CGROUP : HY_AGG_TREE;
	p->cgroup_fd = -1;
	if (p->scope == HY_AGG_CGROUP && (err = hy_cgroup_open(s->opts.cgroup, &p->cgroup_fd)))
		return err;
	if (s->opts.metrics && (err = hy_metrics_check(s->opts.metrics)))
		return err;
	return 0;
}

int hy_prod_setup(struct hy_session *s)
{
	int err = hy_totals_open(s);
	char why[256];

	if (err) {
		snprintf(why, sizeof(why), "%s", hy_last_error());
		return hy_error(err, "--metrics needs the in-kernel counts: %s", why);
	}
	if (s->opts.metrics && (err = hy_metrics_start(s, s->opts.metrics, &s->prod->metrics)))
		return err;
	return 0;
}

bool hy_prod_needs_recorder(const struct hy_session *s)
{
	return !s->prod->agg || !hy_sysset_empty(&s->shown) || !hy_sysset_empty(&s->escalate);
}

static void wait_tick(struct hy_session *s)
{
	struct pollfd pfd = { .fd = s->krec ? hy_krec_fd(s->krec) : -1, .events = POLLIN };

	/* a signal (Ctrl-C, SIGTERM) ends the wait: hy_request_stop() was called */
	poll(&pfd, 1, TICK_MS);
	if (s->krec)
		hy_drain(s);
	fflush(s->out);
}

int hy_prod_watch(struct hy_session *s)
{
	uint64_t last_sweep = hy_now_ns();

	while (!hy_end_requested()) {
		wait_tick(s);
		if (hy_now_ns() - last_sweep < SWEEP_NS)
			continue;
		last_sweep = hy_now_ns();
		hy_cgnames_sweep(&s->prod->event_names, time(NULL) - NAME_IDLE_S);
		if (s->opts.metrics)
			hy_totals_sweep(s);
	}
	if (s->krec)
		hy_drain(s);
	return 0;
}

void hy_prod_annotate(struct hy_session *s, struct hy_record *r)
{
	const struct hy_cgname *n;

	if (!s->prod || s->prod->scope == HY_AGG_TREE || !r->cgroup)
		return;
	n = hy_cgnames_get(&s->prod->event_names, r->cgroup);
	/* copied into the record: a queued line never points at the name table */
	if (n->path)
		hy_rec_add_chunk(r, HY_PHASE_META, HY_META_CGROUP, 0, n->path, strlen(n->path) + 1,
				 0);
	if (n->container)
		hy_rec_add_chunk(r, HY_PHASE_META, HY_META_CONTAINER, 0, n->container,
				 strlen(n->container) + 1, 0);
}

/* Without the recorder, the closing statement's count is the kernel's. */
static void count_events(struct hy_session *s)
{
	struct hy_agg_snap snap;
	uint64_t n = 0;

	if (hy_totals_snapshot(s, &snap))
		return;
	for (size_t i = 0; i < snap.nrows; i++)
		n += snap.rows[i].v.calls + snap.rows[i].v.unfinished;
	s->stats.events = s->stats.kernel_events = n;
	hy_agg_snap_free(&snap);
}

void hy_prod_finish(struct hy_session *s)
{
	struct hy_production *p = s->prod;

	if (!p)
		return;
	hy_metrics_stop(p->metrics);
	p->metrics = NULL;
	if (!p->agg)
		return;
	s->stats.missed += hy_agg_missed(p->agg);
	s->stats.untracked += hy_agg_untracked(p->agg);
	if (!s->krec)
		count_events(s);
}

void hy_prod_free(struct hy_session *s)
{
	struct hy_production *p = s->prod;

	if (!p)
		return;
	hy_metrics_stop(p->metrics);
	hy_agg_close(p->agg);
	if (p->cgroup_fd >= 0)
		close(p->cgroup_fd);
	hy_cgnames_free(&p->event_names);
	free(p->gone.rows);
	free(p->gone.errs);
	pthread_mutex_destroy(&p->lock);
	free(p);
	s->prod = NULL;
}
