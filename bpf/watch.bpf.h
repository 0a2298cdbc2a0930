/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Production mode's membership for the recorder (hytrace.bpf.c): in a run that
 * watches a cgroup or every task, a task becomes a guest at its first call,
 * decided in the kernel, so tasks that join later count and nothing is
 * attached. Records of such runs carry the task's cgroup id in the header's
 * aux (its low 32 bits: kernfs ids of live cgroups differ there).
 *
 * Included by guests.bpf.h after the guests map and mark_guest(); lost is ring.bpf.h's.
 */
#ifndef HY_WATCH_BPF_H
#define HY_WATCH_BPF_H

#include "aggregate.h"

/* Set by user space before load: enum hy_agg_scope (HY_AGG_TREE: launched/attached only). */
const volatile __u32 watch_scope = HY_AGG_TREE;
const volatile __u32 watch_self = 0;

/*
 * The watched cgroup (user space puts its directory's fd at 0): "under it" is
 * one helper call, which tracing programs have on every kernel (5.10 has no
 * bpf_get_current_ancestor_cgroup_id() for them).
 */
struct {
	__uint(type, HY_MAP_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} watch_cgroups SEC(".maps");

static __always_inline bool watch_wants(void)
{
	if (watch_scope == HY_AGG_CGROUP)
		return bpf_current_task_under_cgroup(&watch_cgroups, 0) == 1;
	return watch_scope == HY_AGG_ALL && (bpf_get_current_pid_tgid() >> 32) != watch_self;
}

/* A task of the watched scope that is no guest yet becomes one (at sys_enter). */
static __always_inline struct hy_guest *watch_adopt(__u32 tid)
{
	struct hy_guest fresh = { .state = HY_GUEST_ACTIVE };

	if (watch_scope == HY_AGG_TREE || !watch_wants())
		return NULL;
	if (bpf_map_update_elem(&guests, &tid, &fresh, BPF_NOEXIST)) {
		__sync_fetch_and_add(&lost, 1); /* no room: this call goes unrecorded */
		return NULL;
	}
	mark_guest(tid, true);
	return bpf_map_lookup_elem(&guests, &tid);
}

/* The record header's aux: the calling task's cgroup, in watching runs. */
static __always_inline __u32 watch_tag(void)
{
	return watch_scope == HY_AGG_TREE ? 0 : (__u32)bpf_get_current_cgroup_id();
}

#endif
