/* SPDX-License-Identifier: MIT */
/*
 * The in-kernel summary: loads bpf/aggregate.bpf.c and reads its per-CPU maps
 * into totals per (group, syscall) and per errno. Only this module and the
 * kernel recorder know libbpf.
 */
#ifndef HY_AGGREGATOR_H
#define HY_AGGREGATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "aggregate.h"

struct hy_agg;

struct hy_agg_opts {
	enum hy_agg_scope scope;
	enum hy_agg_group group_by;
	int cgroup_fd;		 /* HY_AGG_CGROUP: the cgroup v2 directory, open */
	unsigned int max_groups; /* groups (cgroups, commands) kept apart; 0: 256 */
	bool tune_malloc;	 /* huge pages under the load (load_heap.h) */
};

/** One key's values, summed over the CPUs. */
struct hy_agg_row {
	uint64_t group;
	int abi, nr;
	struct hy_agg_val v;
};

struct hy_agg_errno_row {
	uint64_t group;
	int abi, nr, err;
	uint64_t count;
};

/** A copy of every count at one moment. */
struct hy_agg_snap {
	struct hy_agg_row *rows;
	size_t nrows;
	struct hy_agg_errno_row *errs;
	size_t nerrs;
};

/**
 * Load and attach the programs. Returns 0, or a negative errno with
 * hy_last_error() saying why (privilege, BTF, a kernel without task storage
 * for tracing programs: before 5.12).
 */
int hy_agg_open(struct hy_agg **out, const struct hy_agg_opts *opts);
void hy_agg_close(struct hy_agg *a);

/** Count process @pid (tree scope), from its next execve on if @pending_exec. */
int hy_agg_add_task(struct hy_agg *a, pid_t pid, bool pending_exec);

/** Every count now; free it with hy_agg_snap_free(). Returns 0 or -errno. */
int hy_agg_snapshot(struct hy_agg *a, struct hy_agg_snap *snap);
void hy_agg_snap_free(struct hy_agg_snap *snap);

/**
 * Forget the keys of group @group (a cgroup that is gone): their counts must
 * already be kept elsewhere. Returns how many keys were removed.
 */
size_t hy_agg_forget_group(struct hy_agg *a, uint64_t group);

/** The command name of a comm group (HY_AGG_BY_COMM) into @buf, or "?". */
const char *hy_agg_comm(struct hy_agg *a, uint64_t group, char *buf, size_t size);

/** Health: runs the kernel skipped, children not watched, calls without a duration. */
uint64_t hy_agg_missed(const struct hy_agg *a);
uint64_t hy_agg_untracked(const struct hy_agg *a);
uint64_t hy_agg_untimed(const struct hy_agg *a);
/** Calls counted under the overflow group because the group limit was reached. */
uint64_t hy_agg_overflowed(const struct hy_agg *a);

#endif
