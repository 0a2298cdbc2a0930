/* SPDX-License-Identifier: MIT */
/*
 * The code mappings of one process over time. Kernel-recorded stacks are
 * unwound after the fact (up to a drain period later, or after the process
 * ended), so a mapping is never forgotten: it is valid for the calls that began
 * in [from, to), and a library unloaded (or a program replaced by exec) before
 * its calls are unwound still resolves. Filled from /proc/PID/maps snapshots,
 * inherited at fork, ended at exec.
 */
#ifndef HY_PROC_MAPS_H
#define HY_PROC_MAPS_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct hy_elfmod;
struct hy_modcache;

#define HY_MAP_FOREVER UINT64_MAX

struct hy_mapping {
	uint64_t start, end, pgoff;
	struct hy_elfmod *mod; /* NULL: no ELF file that could be read */
	char *name;	       /* as /proc/PID/maps names it */
	uint64_t from, to;     /* CLOCK_MONOTONIC ns */
};

struct hy_procmaps {
	struct hy_mapping *v;
	size_t n, cap;
	uint64_t snap_ns; /* the last snapshot (0: none yet) */
};

/**
 * Read the executable mappings of @pid as of @now: new ones are added (valid
 * since the previous snapshot), ones gone are ended. Returns 0, or -ESRCH when
 * the process is gone (or a zombie: no mappings).
 */
int hy_procmaps_snapshot(struct hy_procmaps *pm, struct hy_modcache *mc, pid_t pid, uint64_t now);
/** The same from @f, in the format of /proc/PID/maps (@pid: for map_files). */
int hy_procmaps_read(struct hy_procmaps *pm, struct hy_modcache *mc, FILE *f, pid_t pid,
		     uint64_t now);
/** The mapping of @addr for a call begun at @t, or NULL. */
const struct hy_mapping *hy_procmaps_find(const struct hy_procmaps *pm, uint64_t addr, uint64_t t);
/** The process executed at @t: every mapping so far ends there. */
void hy_procmaps_end_all(struct hy_procmaps *pm, uint64_t t);
/** A forked child starts with its parent's mappings. Returns 0 or -ENOMEM. */
int hy_procmaps_copy(struct hy_procmaps *dst, const struct hy_procmaps *src);
void hy_procmaps_release(struct hy_procmaps *pm);

#endif
