// SPDX-License-Identifier: MIT
/*
 * Totals counted in the kernel for summary tools (HY_TOOL_KERNEL_TOTALS) and
 * the metrics endpoint. The run counts in the kernel when no handler changes
 * calls (a subscription, an injection: the events then say what really ran)
 * and either no other tool wants events (then no record is made at all) or the
 * metrics endpoint needs the counts anyway.
 *
 * Per call on the getppid storm (kernel.bpf_stats_enabled): counting costs the
 * two programs ~70+78 ns, recording ~95+130 ns (HACKING.md, make bench).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "production.h"
#include "session.h"

int hy_totals_group(struct hy_ctx *ctx, const char *by)
{
	struct hy_production *p = ctx->s->prod;
	enum hy_agg_group g;

	if (!by || !strcmp(by, "none"))
		g = HY_AGG_BY_NONE;
	else if (!strcmp(by, "cgroup"))
		g = HY_AGG_BY_CGROUP;
	else if (!strcmp(by, "comm"))
		g = HY_AGG_BY_COMM;
	else
		return hy_error(-EINVAL, "totals are grouped by cgroup or comm, not '%s'", by);
	if (p && ctx->tool < 32)
		p->tool_group[ctx->tool] = g;
	return 0;
}

/* Which tools the kernel can feed, and whether any other tool wants events. */
static uint32_t totals_tools(const struct hy_session *s, bool *others)
{
	uint32_t mask = 0;

	*others = false;
	for (int i = 0; i < s->ntools && i < 32; i++) {
		const struct hy_tool_inst *ti = &s->tools[i];

		/* a tool that filters calls by path counts what the kernel filter keeps */
		if ((ti->tool->flags & HY_TOOL_KERNEL_TOTALS) && !ti->kf.npaths)
			mask |= 1u << i;
		else if (ti->tool->on_event && !hy_sysset_empty(&ti->watch))
			*others = true;
	}
	return mask;
}

/* The grouping the aggregator keeps: the finest any user asked for. */
static enum hy_agg_group group_wanted(const struct hy_session *s, uint32_t mask)
{
	enum hy_agg_group g = s->opts.metrics ? HY_AGG_BY_CGROUP : HY_AGG_BY_NONE;

	for (int i = 0; i < 32; i++) {
		if (!(mask & (1u << i)) || s->prod->tool_group[i] == HY_AGG_BY_NONE)
			continue;
		if (g != HY_AGG_BY_NONE && g != s->prod->tool_group[i])
			return HY_AGG_BY_CGROUP; /* cgroup and comm asked: cgroup wins */
		g = s->prod->tool_group[i];
	}
	return g;
}

/* The tools fed by the kernel see no events: the other tools alone decide what is recorded. */
static void unwatch(struct hy_session *s, uint32_t mask)
{
	hy_sysset_clear(&s->shown);
	hy_sysset_clear(&s->memory);
	for (int i = 0; i < s->ntools; i++) {
		struct hy_tool_inst *ti = &s->tools[i];

		if (i < 32 && (mask & (1u << i)))
			hy_sysset_clear(&ti->watch);
		hy_sysset_union(&s->shown, &ti->watch);
		if (!(ti->tool->flags & HY_TOOL_NO_EVENT_MEMORY) || ti->kf.npaths)
			hy_sysset_union(&s->memory, &ti->watch);
	}
}

int hy_totals_open(struct hy_session *s)
{
	struct hy_production *p = s->prod;
	struct hy_agg_opts ao = { 0 };
	bool others;
	uint32_t mask = totals_tools(s, &others);
	int err;

	if (!hy_sysset_empty(&s->escalate) || s->opts.no_kernel)
		return 0; /* handlers change what runs: the events say what did */
	if (s->opts.nattach)
		return 0; /* -p: threads are watched by tid, which the counting side cannot take */
	/* make bench compares both ways of counting a summary */
	if (getenv("HYTRACE_NO_KERNEL_TOTALS") && !s->opts.metrics)
		return 0;
	if (!s->opts.metrics && (!mask || others))
		return 0; /* the recorder runs anyway: counting its events costs nothing more */
	ao.scope = p->scope;
	ao.cgroup_fd = p->cgroup_fd;
	ao.group_by = group_wanted(s, mask);
	ao.max_groups = s->opts.max_groups;
	ao.tune_malloc = s->opts.tune_malloc;
	err = hy_agg_open(&p->agg, &ao);
	if (err)
		return s->opts.metrics ? err : 0; /* a summary falls back to events */
	p->group_by = ao.group_by;
	p->totals_tools = mask;
	s->stats.kernel_totals = mask != 0;
	unwatch(s, mask);
	return 0;
}

/* ---- cgroups that are gone ---- */

static struct hy_agg_row *gone_row(struct hy_gone *g, int abi, int nr)
{
	for (size_t i = 0; i < g->nrows; i++)
		if (g->rows[i].abi == abi && g->rows[i].nr == nr)
			return &g->rows[i];
	if (g->nrows == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 32;
		struct hy_agg_row *r = realloc(g->rows, cap * sizeof(*r));

		if (!r)
			return NULL;
		g->rows = r;
		g->cap = cap;
	}
	g->rows[g->nrows] = (struct hy_agg_row){ .group = HY_AGG_GONE_GROUP, .abi = abi, .nr = nr };
	return &g->rows[g->nrows++];
}

/* @src's counts added to @dst (min and max as the smaller and larger). */
static void add_val(struct hy_agg_val *dst, const struct hy_agg_val *src)
{
	if (src->timed && (!dst->timed || src->min_ns < dst->min_ns))
		dst->min_ns = src->min_ns;
	if (src->max_ns > dst->max_ns)
		dst->max_ns = src->max_ns;
	dst->calls += src->calls;
	dst->unfinished += src->unfinished;
	dst->errors += src->errors;
	dst->timed += src->timed;
	dst->total_ns += src->total_ns;
	for (int b = 0; b < HY_AGG_BUCKETS; b++)
		dst->hist[b] += src->hist[b];
}

static void gone_errno(struct hy_gone *g, const struct hy_agg_errno_row *e)
{
	for (size_t i = 0; i < g->nerrs; i++) {
		if (g->errs[i].abi == e->abi && g->errs[i].nr == e->nr &&
		    g->errs[i].err == e->err) {
			g->errs[i].count += e->count;
			return;
		}
	}
	if (g->nerrs == g->ecap) {
		size_t cap = g->ecap ? g->ecap * 2 : 32;
		struct hy_agg_errno_row *r = realloc(g->errs, cap * sizeof(*r));

		if (!r)
			return;
		g->errs = r;
		g->ecap = cap;
	}
	g->errs[g->nerrs] = *e;
	g->errs[g->nerrs++].group = HY_AGG_GONE_GROUP;
}

/* Whether the rows of @group may be folded: a cgroup that no longer exists. */
static bool group_gone(const struct hy_production *p, uint64_t group)
{
	char path[8];

	return p->group_by == HY_AGG_BY_CGROUP && group != HY_AGG_OVERFLOW_GROUP &&
	       group != HY_AGG_GONE_GROUP && hy_cgroup_path(group, path, sizeof(path)) == -ESTALE;
}

/* Fold one gone group: its rows into the gone table, its keys out of the kernel. */
static void fold(struct hy_production *p, const struct hy_agg_snap *snap, uint64_t group)
{
	for (size_t i = 0; i < snap->nrows; i++) {
		struct hy_agg_row *g;

		if (snap->rows[i].group == group &&
		    (g = gone_row(&p->gone, snap->rows[i].abi, snap->rows[i].nr)))
			add_val(&g->v, &snap->rows[i].v);
	}
	for (size_t i = 0; i < snap->nerrs; i++)
		if (snap->errs[i].group == group)
			gone_errno(&p->gone, &snap->errs[i]);
	hy_agg_forget_group(p->agg, group);
}

/*
 * A dead cgroup has no task left to make calls, so nothing is counted for it
 * between the snapshot and the deletion of its keys.
 */
void hy_totals_sweep(struct hy_session *s)
{
	struct hy_production *p = s->prod;
	struct hy_agg_snap snap;

	if (!p->agg || p->group_by != HY_AGG_BY_CGROUP)
		return;
	/* held from the snapshot on: two sweeps must not fold one group twice */
	pthread_mutex_lock(&p->lock);
	if (hy_agg_snapshot(p->agg, &snap)) {
		pthread_mutex_unlock(&p->lock);
		return;
	}
	for (size_t i = 0; i < snap.nrows; i++) {
		uint64_t g = snap.rows[i].group;
		bool first = true;

		for (size_t j = 0; j < i && first; j++)
			first = snap.rows[j].group != g;
		if (first && group_gone(p, g))
			fold(p, &snap, g);
	}
	hy_agg_snap_free(&snap);
	pthread_mutex_unlock(&p->lock);
}

/*
 * A call that hytrace ended at a stop (the guest's own seccomp filter's TRACE:
 * ENOSYS, as with no tracer) has the number -1 by sys_exit, so the kernel
 * never counts it. Kept with the gone cgroups' rows, which are in user space
 * already: only a run grouped by nothing has such stops (a cgroup or the host
 * is not ptraced), so their group is never shown.
 */
void hy_totals_count_ended(struct hy_session *s, int abi, int nr, int64_t ret)
{
	struct hy_production *p = s->prod;
	struct hy_agg_errno_row e = { .abi = abi, .nr = nr, .err = (int)-ret, .count = 1 };
	struct hy_agg_row *g;

	if (!p || !p->agg || p->group_by != HY_AGG_BY_NONE)
		return;
	pthread_mutex_lock(&p->lock);
	if ((g = gone_row(&p->gone, abi, nr))) {
		g->v.calls++;
		g->v.errors += ret < 0;
	}
	if (ret < 0)
		gone_errno(&p->gone, &e);
	pthread_mutex_unlock(&p->lock);
}

static int append(struct hy_agg_snap *snap, const struct hy_gone *g)
{
	struct hy_agg_row *r = realloc(snap->rows, (snap->nrows + g->nrows + 1) * sizeof(*r));
	struct hy_agg_errno_row *e = realloc(snap->errs, (snap->nerrs + g->nerrs + 1) * sizeof(*e));

	if (r)
		snap->rows = r;
	if (e)
		snap->errs = e;
	if (!r || !e)
		return -ENOMEM;
	/* an empty list may have no array at all: memcpy's source must not be NULL */
	if (g->nrows)
		memcpy(snap->rows + snap->nrows, g->rows, g->nrows * sizeof(*r));
	snap->nrows += g->nrows;
	if (g->nerrs)
		memcpy(snap->errs + snap->nerrs, g->errs, g->nerrs * sizeof(*e));
	snap->nerrs += g->nerrs;
	return 0;
}

int hy_totals_snapshot(struct hy_session *s, struct hy_agg_snap *snap)
{
	struct hy_production *p = s->prod;
	int err;

	pthread_mutex_lock(&p->lock);
	err = hy_agg_snapshot(p->agg, snap);
	if (!err && (err = append(snap, &p->gone)))
		hy_agg_snap_free(snap);
	pthread_mutex_unlock(&p->lock);
	return err;
}

/* ---- what a summary tool reads in on_end ---- */

static void group_name(struct hy_session *s, enum hy_agg_group g, uint64_t id, struct hy_totals *t,
		       char *buf, size_t size, char *cont, size_t csize)
{
	t->group = t->container = NULL;
	if (g == HY_AGG_BY_NONE)
		return;
	if (id == HY_AGG_OVERFLOW_GROUP || id == HY_AGG_GONE_GROUP) {
		t->group = id == HY_AGG_GONE_GROUP ? "(gone)" : "(other)";
		return;
	}
	if (g == HY_AGG_BY_COMM) {
		t->group = hy_agg_comm(s->prod->agg, id, buf, size);
		return;
	}
	if (hy_cgroup_path(id, buf, size))
		snprintf(buf, size, "(cgroup %llu)", (unsigned long long)id);
	t->group = buf;
	if (hy_container_of(buf, cont, csize))
		t->container = cont;
}

static void to_totals(const struct hy_agg_row *r, struct hy_totals *t)
{
	t->abi = r->abi;
	t->nr = r->nr;
	t->calls = r->v.calls + r->v.unfinished;
	t->returned = r->v.calls;
	t->errors = r->v.errors;
	t->timed = r->v.timed;
	t->total_ns = r->v.total_ns;
	t->min_ns = r->v.min_ns;
	t->max_ns = r->v.max_ns;
	_Static_assert(HY_HIST_BUCKETS == HY_AGG_BUCKETS, "one bucket layout");
	memcpy(t->hist, r->v.hist, sizeof(t->hist));
}

/* Rows of the aggregator's groups merged per syscall, for a tool that asked for none. */
static void merge_groups(struct hy_agg_snap *snap)
{
	size_t k = 0;

	for (size_t i = 0; i < snap->nrows; i++) {
		size_t j;

		for (j = 0; j < k; j++)
			if (snap->rows[j].abi == snap->rows[i].abi &&
			    snap->rows[j].nr == snap->rows[i].nr)
				break;
		if (j < k) {
			add_val(&snap->rows[j].v, &snap->rows[i].v);
			continue;
		}
		snap->rows[k] = snap->rows[i];
		snap->rows[k++].group = 0;
	}
	snap->nrows = k;
}

int hy_totals_each(struct hy_ctx *ctx, void (*cb)(void *arg, const struct hy_totals *t), void *arg)
{
	struct hy_session *s = ctx->s;
	struct hy_production *p = s->prod;
	enum hy_agg_group g;
	struct hy_agg_snap snap;
	int err;

	if (!p || !p->agg || ctx->tool >= 32 || !(p->totals_tools & (1u << ctx->tool)))
		return -ENOSYS;
	if ((err = hy_totals_snapshot(s, &snap)))
		return err;
	g = p->tool_group[ctx->tool] == HY_AGG_BY_NONE ? HY_AGG_BY_NONE : p->group_by;
	if (g == HY_AGG_BY_NONE)
		merge_groups(&snap);
	for (size_t i = 0; i < snap.nrows; i++) {
		char name[4096], cont[128];
		struct hy_totals t;

		if (!snap.rows[i].v.calls && !snap.rows[i].v.unfinished)
			continue;
		to_totals(&snap.rows[i], &t);
		group_name(s, g, snap.rows[i].group, &t, name, sizeof(name), cont, sizeof(cont));
		cb(arg, &t);
	}
	hy_agg_snap_free(&snap);
	return 0;
}
