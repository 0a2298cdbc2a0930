// SPDX-License-Identifier: MIT
/*
 * The in-kernel summary's user side: load bpf/aggregate.bpf.c with its scope,
 * and add the per-CPU values up when asked. Nothing here runs per syscall.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "aggregator.h"
#include "load_heap.h"
#include "tracepoint_family.h"
#include "error.h"
#include "hy_event.h"
#include "aggregate.skel.h"

#define DEFAULT_GROUPS 256
/* Keys of one group: the syscalls a program makes (a few dozen) with room. */
#define KEYS_PER_GROUP 64

struct hy_agg {
	struct aggregate_bpf *skel;
	int ncpus;
	enum hy_agg_group group_by;
	bool classic; /* the classic tracepoint programs count, not tp_btf */
	bool started; /* a task was added: skips from now on may be a counted task's */
	uint64_t missed_before;
};

static uint64_t missed_total(const struct hy_agg *a);

/* Quiet, but for whoever debugs a verifier refusal on another kernel (HACKING.md). */
static int quiet_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_DEBUG && getenv("HYTRACE_BPF_LOG"))
		vfprintf(stderr, fmt, ap);
	return 0;
}

static int why_not(int err, const char *what)
{
	if (err == -EPERM || (err == -EACCES && geteuid() != 0))
		return hy_error(err,
				"in-kernel summary unavailable: %s: permission denied (needs "
				"root, or CAP_BPF and CAP_PERFMON)",
				what);
	return hy_error(err,
			"in-kernel summary unavailable: %s: %s (task storage for tracing "
			"programs needs Linux 5.12)",
			what, strerror(-err));
}

static void set_rodata(struct hy_agg *a, const struct hy_agg_opts *o)
{
	unsigned int groups = o->max_groups ? o->max_groups : DEFAULT_GROUPS;
	__u64 keys = o->group_by == HY_AGG_BY_NONE ? 0 : (__u64)groups * KEYS_PER_GROUP;

	a->skel->rodata->scope = o->scope;
	a->skel->rodata->group_by = o->group_by;
	a->skel->rodata->self_tgid = getpid();
	a->skel->rodata->key_limit = keys;
	a->skel->rodata->errno_key_limit = keys ? keys : HY_PLAN_ENTRIES * 4;
	/* room for every syscall of every ABI under the overflow group (or group 0) */
	bpf_map__set_max_entries(a->skel->maps.stats, keys + HY_PLAN_ENTRIES);
	bpf_map__set_max_entries(a->skel->maps.errnos,
				 (keys ? keys : HY_PLAN_ENTRIES * 4) + HY_PLAN_ENTRIES);
	bpf_map__set_max_entries(a->skel->maps.comms, groups + 1);
	/* the tree scope alone needs to follow forks */
	bpf_program__set_autoload(a->skel->progs.agg_fork, o->scope == HY_AGG_TREE);
	/* tp_btf or the classic twins (tracepoint_family.h) */
	a->classic = hy_tracepoints_classic();
	bpf_program__set_autoload(
		a->classic ? a->skel->progs.agg_enter : a->skel->progs.agg_enter_tp, false);
	bpf_program__set_autoload(a->classic ? a->skel->progs.agg_exit : a->skel->progs.agg_exit_tp,
				  false);
	bpf_program__set_autoload(
		a->classic ? a->skel->progs.agg_task_exit : a->skel->progs.agg_task_exit_tp, false);
}

int hy_agg_open(struct hy_agg **out, const struct hy_agg_opts *opts)
{
	struct hy_agg *a = calloc(1, sizeof(*a));
	struct hy_load_heap heap;
	libbpf_print_fn_t old;
	int err;

	if (!a)
		return hy_error(-ENOMEM, "out of memory");
	a->ncpus = libbpf_num_possible_cpus();
	a->group_by = opts->group_by;
	old = libbpf_set_print(quiet_libbpf);
	a->skel = aggregate_bpf__open();
	if (!a->skel || a->ncpus <= 0) {
		err = why_not(a->skel ? a->ncpus : -errno, "opening the BPF object");
		goto fail;
	}
	set_rodata(a, opts);
	if (opts->tune_malloc)
		hy_load_heap_begin(&heap);
	err = aggregate_bpf__load(a->skel);
	if (opts->tune_malloc)
		hy_load_heap_end(&heap);
	if (err) {
		err = why_not(err, "loading the BPF programs");
		goto fail;
	}
	if (opts->scope == HY_AGG_CGROUP &&
	    bpf_map_update_elem(bpf_map__fd(a->skel->maps.scope_cgroup), &(__u32){ 0 },
				&opts->cgroup_fd, BPF_ANY)) {
		err = why_not(-errno, "watching the cgroup");
		goto fail;
	}
	err = aggregate_bpf__attach(a->skel);
	if (err) {
		int tracefs = a->classic ? hy_tracefs_missing(err) : 0;

		err = tracefs ? tracefs : why_not(err, "attaching to the syscall tracepoints");
		goto fail;
	}
	libbpf_set_print(old);
	*out = a;
	return 0;
fail:
	libbpf_set_print(old);
	hy_agg_close(a);
	return err;
}

void hy_agg_close(struct hy_agg *a)
{
	if (!a)
		return;
	aggregate_bpf__destroy(a->skel);
	free(a);
}

int hy_agg_add_task(struct hy_agg *a, pid_t pid, bool pending_exec)
{
	struct hy_agg_task t = { .state = pending_exec ? HY_AGG_STATE_PENDING_EXEC :
							 HY_AGG_STATE_ACTIVE };
	int pidfd = syscall(SYS_pidfd_open, pid, 0), err = 0;

	/* task storage is keyed by a pidfd from user space */
	if (pidfd < 0)
		return hy_error(-errno, "cannot count task %d: %s", pid, strerror(errno));
	if (bpf_map_update_elem(bpf_map__fd(a->skel->maps.tasks), &pidfd, &t, BPF_ANY))
		err = hy_error(-errno, "cannot count task %d: %s", pid, strerror(errno));
	close(pidfd);
	/* skips before the first counted task are nobody's (hy_krec_add_guest()) */
	if (!a->started) {
		a->started = true;
		a->missed_before = missed_total(a);
	}
	return err;
}

/* The CPUs' values of one stats key, added up. */
static void sum_val(struct hy_agg_val *dst, const struct hy_agg_val *per_cpu, int ncpus)
{
	memset(dst, 0, sizeof(*dst));
	for (int c = 0; c < ncpus; c++) {
		const struct hy_agg_val *v = &per_cpu[c];

		if (v->timed && (!dst->timed || v->min_ns < dst->min_ns))
			dst->min_ns = v->min_ns;
		if (v->max_ns > dst->max_ns)
			dst->max_ns = v->max_ns;
		dst->calls += v->calls;
		dst->unfinished += v->unfinished;
		dst->errors += v->errors;
		dst->timed += v->timed;
		dst->total_ns += v->total_ns;
		for (int b = 0; b < HY_AGG_BUCKETS; b++)
			dst->hist[b] += v->hist[b];
	}
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	void *p;

	if (n < *cap)
		return 0;
	p = realloc(*arr, (*cap ? *cap * 2 : 64) * elem);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = *cap ? *cap * 2 : 64;
	return 0;
}

/* The x86-64 syscalls of an ungrouped run: one array slot each. */
static int read_flat(struct hy_agg *a, struct hy_agg_snap *snap, size_t *cap)
{
	int fd = bpf_map__fd(a->skel->maps.flat);
	struct hy_agg_val *vals = calloc(a->ncpus, sizeof(*vals));
	int err = 0;

	if (!vals)
		return -ENOMEM;
	for (__u32 nr = 0; nr < HY_AGG_FLAT_NR && !err; nr++) {
		struct hy_agg_row r = { .abi = HY_KABI_X86_64, .nr = nr };

		if (bpf_map_lookup_elem(fd, &nr, vals))
			continue;
		sum_val(&r.v, vals, a->ncpus);
		if (!r.v.calls && !r.v.unfinished)
			continue;
		if (!(err = grow((void **)&snap->rows, cap, snap->nrows, sizeof(*snap->rows))))
			snap->rows[snap->nrows++] = r;
	}
	free(vals);
	return err;
}

static int read_stats(struct hy_agg *a, struct hy_agg_snap *snap)
{
	int fd = bpf_map__fd(a->skel->maps.stats);
	struct hy_agg_val *vals = calloc(a->ncpus, sizeof(*vals));
	struct hy_agg_key key, next, *prev = NULL;
	size_t cap = 0;
	int err = 0;

	if (!vals)
		return -ENOMEM;
	if (a->group_by == HY_AGG_BY_NONE && (err = read_flat(a, snap, &cap))) {
		free(vals);
		return err;
	}
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, vals))
			continue; /* removed meanwhile */
		if ((err = grow((void **)&snap->rows, &cap, snap->nrows, sizeof(*snap->rows))))
			break;
		snap->rows[snap->nrows] =
			(struct hy_agg_row){ .group = key.group, .abi = key.abi, .nr = key.nr };
		sum_val(&snap->rows[snap->nrows++].v, vals, a->ncpus);
	}
	free(vals);
	return err;
}

static int read_errnos(struct hy_agg *a, struct hy_agg_snap *snap)
{
	int fd = bpf_map__fd(a->skel->maps.errnos);
	__u64 *vals = calloc(a->ncpus, sizeof(*vals));
	struct hy_agg_key key, next, *prev = NULL;
	size_t cap = 0;
	int err = 0;

	if (!vals)
		return -ENOMEM;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct hy_agg_errno_row *r;

		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, vals))
			continue;
		if ((err = grow((void **)&snap->errs, &cap, snap->nerrs, sizeof(*snap->errs))))
			break;
		r = &snap->errs[snap->nerrs++];
		*r = (struct hy_agg_errno_row){
			.group = key.group, .abi = key.abi, .nr = key.nr, .err = key.err
		};
		for (int c = 0; c < a->ncpus; c++)
			r->count += vals[c];
	}
	free(vals);
	return err;
}

int hy_agg_snapshot(struct hy_agg *a, struct hy_agg_snap *snap)
{
	int err;

	memset(snap, 0, sizeof(*snap));
	err = read_stats(a, snap);
	if (!err)
		err = read_errnos(a, snap);
	if (err)
		hy_agg_snap_free(snap);
	return err;
}

void hy_agg_snap_free(struct hy_agg_snap *snap)
{
	free(snap->rows);
	free(snap->errs);
	memset(snap, 0, sizeof(*snap));
}

/* Delete every key of @group from map @fd; returns how many. */
static size_t forget_in(int fd, uint64_t group)
{
	struct hy_agg_key key, next, *prev = NULL;
	size_t n = 0;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		if (key.group == group && !bpf_map_delete_elem(fd, &key)) {
			n++;
			continue; /* the walk goes on from the deleted key's successor */
		}
		prev = &key;
	}
	return n;
}

size_t hy_agg_forget_group(struct hy_agg *a, uint64_t group)
{
	size_t n = forget_in(bpf_map__fd(a->skel->maps.stats), group);
	size_t e = forget_in(bpf_map__fd(a->skel->maps.errnos), group);

	__atomic_fetch_sub(&a->skel->bss->keys_used, n, __ATOMIC_RELAXED);
	__atomic_fetch_sub(&a->skel->bss->errno_keys_used, e, __ATOMIC_RELAXED);
	if (a->group_by == HY_AGG_BY_COMM)
		bpf_map_delete_elem(bpf_map__fd(a->skel->maps.comms), &group);
	return n;
}

const char *hy_agg_comm(struct hy_agg *a, uint64_t group, char *buf, size_t size)
{
	char name[17] = { 0 };

	if (bpf_map_lookup_elem(bpf_map__fd(a->skel->maps.comms), &group, name))
		snprintf(buf, size, "?");
	else
		snprintf(buf, size, "%s", name);
	return buf;
}

static uint64_t missed_total(const struct hy_agg *a)
{
	const struct bpf_program *progs[] = {
		a->classic ? a->skel->progs.agg_enter_tp : a->skel->progs.agg_enter,
		a->classic ? a->skel->progs.agg_exit_tp : a->skel->progs.agg_exit,
		a->classic ? a->skel->progs.agg_task_exit_tp : a->skel->progs.agg_task_exit,
		a->skel->progs.agg_fork,
	};
	uint64_t missed = 0;

	/* as for the recorder (hy_krec_missed()): runs the kernel skipped */
	for (size_t i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);

		if (!bpf_obj_get_info_by_fd(bpf_program__fd(progs[i]), &info, &len))
			missed += info.recursion_misses;
	}
	return missed;
}

uint64_t hy_agg_missed(const struct hy_agg *a)
{
	return missed_total(a) - a->missed_before;
}

uint64_t hy_agg_untracked(const struct hy_agg *a)
{
	return __atomic_load_n(&a->skel->bss->untracked, __ATOMIC_RELAXED);
}

uint64_t hy_agg_untimed(const struct hy_agg *a)
{
	return __atomic_load_n(&a->skel->bss->untimed, __ATOMIC_RELAXED);
}

uint64_t hy_agg_overflowed(const struct hy_agg *a)
{
	return __atomic_load_n(&a->skel->bss->overflowed, __ATOMIC_RELAXED);
}
