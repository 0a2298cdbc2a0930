/* SPDX-License-Identifier: MIT */
/*
 * The in-kernel summary (bpf/aggregate.bpf.c) and its reader (user/aggregator.c):
 * map keys and values, shared by both compilers. Fixed-width types and explicit
 * padding only.
 */
#ifndef HY_AGGREGATE_H
#define HY_AGGREGATE_H

#ifndef __BPF__
#include <linux/types.h>
#endif

/* BPF_MAP_TYPE_CGROUP_ARRAY, which vmlinux_min.h does not name: the watched cgroup. */
#define HY_MAP_CGROUP_ARRAY 8

/* Who is counted (rodata "scope"). */
enum hy_agg_scope {
	HY_AGG_TREE = 0,   /* tasks marked by user space (pidfd) and their descendants */
	HY_AGG_CGROUP = 1, /* tasks in a cgroup v2 or below it */
	HY_AGG_ALL = 2,	   /* every task but hytrace's own process */
};

/* How counts are grouped besides the syscall (rodata "group_by"). */
enum hy_agg_group {
	HY_AGG_BY_NONE = 0,
	HY_AGG_BY_CGROUP = 1, /* group: the task's cgroup v2 id */
	HY_AGG_BY_COMM = 2,   /* group: a hash of the task's command name (see comms) */
};

/* Where calls go once the stats map is full: one key that always exists. */
#define HY_AGG_OVERFLOW_GROUP (~0ull)
/* User space only: the counts of cgroups that are gone, kept once their keys are freed. */
#define HY_AGG_GONE_GROUP (~0ull - 1)

/* x86-64 syscalls below this number are counted in the flat array when not grouped. */
#define HY_AGG_FLAT_NR 512

/* Latency buckets: bucket i holds calls of 2^(i-1) ns < d <= 2^i ns; the last, the rest. */
#define HY_AGG_BUCKETS 36

struct hy_agg_key {
	__u64 group; /* 0, a cgroup id, a comm hash, or HY_AGG_OVERFLOW_GROUP */
	__u16 nr;    /* x32: without the 0x40000000 bit */
	__u8 abi;    /* HY_KABI_* */
	__u8 _pad;
	__u16 err; /* errnos map: the errno; stats map: 0 */
	__u16 _pad2;
};

/* Per CPU: user space adds the CPUs' values up. */
struct hy_agg_val {
	__u64 calls;	  /* returned */
	__u64 unfinished; /* never returned (the task died in them): counted at its exit */
	__u64 errors;	  /* returned -1..-4095 */
	__u64 timed;	  /* calls with a duration (their entry was seen) */
	__u64 total_ns;
	__u64 min_ns; /* 0: none yet */
	__u64 max_ns;
	__u64 hist[HY_AGG_BUCKETS];
};

/* What sys_enter leaves for sys_exit, in the task's local storage. */
#define HY_AGG_STATE_PENDING_EXEC 1 /* launched, not yet at its execve: not counted */
#define HY_AGG_STATE_ACTIVE 2
struct hy_agg_task {
	__u64 ts; /* sys_enter, ns; 0: no call in progress */
	__s32 nr;
	__u8 abi;
	__u8 state;    /* HY_AGG_STATE_*; 0 in cgroup and all scopes */
	__u8 returned; /* a call of the task's returned since it was watched */
	__u8 _pad;
};

#endif
