// SPDX-License-Identifier: GPL-2.0
/*
 * The summary counted in the kernel: per syscall (and per cgroup or command name
 * on request) calls, errors by errno and a log2 histogram of durations, in
 * per-CPU maps that user space reads and adds up. Nothing goes through a ring,
 * so `hytrace -c` and `--metrics` cost what two map updates cost, not a record.
 *
 * The entry time waits in the task's local storage (5.12+ for tracing
 * programs): it lives and dies with the task, needs no deletion, and a task
 * without it is found with one pointer load. Counting happens at sys_exit,
 * which has the number (orig_ax) and the result; calls that never return
 * (exit_group, a task killed in a call) are counted when the task exits.
 */
#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hy_event.h"
#include "aggregate.h"

char LICENSE[] SEC("license") = "GPL";

/* Not in vmlinux_min.h, which holds what hytrace.bpf.c needs. */
#define MAP_PERCPU_HASH 5
#define MAP_TASK_STORAGE 29
#define STORAGE_CREATE 1
#define TS_COMPAT 0x0002
#define X32_SYSCALL_BIT 0x40000000
#define NR_EXECVE 59
#define NR_EXECVEAT 322

/* Set by user space before load. */
const volatile __u32 scope = HY_AGG_TREE;
const volatile __u32 group_by = HY_AGG_BY_NONE;
const volatile __u32 self_tgid = 0;
/* Keys that are not overflow keys: bounds the label sets (user space adds room for overflow). */
const volatile __u64 key_limit = 4096;
const volatile __u64 errno_key_limit = 4096;

/* The watched cgroup: user space puts its directory's fd at 0. */
struct {
	__uint(type, HY_MAP_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} scope_cgroup SEC(".maps");

struct {
	__uint(type, MAP_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct hy_agg_task);
} tasks SEC(".maps");

/* Allocated as keys come: a preallocated per-CPU hash costs keys * CPUs * 336 bytes. */
struct {
	__uint(type, MAP_PERCPU_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 8192); /* set by user space: key_limit + room for overflow */
	__type(key, struct hy_agg_key);
	__type(value, struct hy_agg_val);
} stats SEC(".maps");

struct {
	__uint(type, MAP_PERCPU_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 8192);
	__type(key, struct hy_agg_key);
	__type(value, __u64);
} errnos SEC(".maps");

/*
 * Without groups, one slot per syscall of the x86-64 ABI (by far the most
 * calls) in an array, whose lookup the verifier inlines: no hash of a key.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HY_AGG_FLAT_NR);
	__type(key, __u32);
	__type(value, struct hy_agg_val);
} flat SEC(".maps");

/* The command name of each comm group (HY_AGG_BY_COMM). */
struct comm {
	char s[16];
};
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u64);
	__type(value, struct comm);
} comms SEC(".maps");

static const struct hy_agg_val zero_val;
static const __u64 zero_u64;

/* Keys inserted (user space takes away those it removes), and health counters. */
__u64 keys_used = 0;
__u64 errno_keys_used = 0;
__u64 overflowed = 0; /* calls counted under the overflow group */
__u64 untracked = 0;  /* tree scope: children whose storage could not be made */
__u64 untimed = 0;    /* calls counted without a duration (no entry seen) */

static __always_inline bool in_scope(void)
{
	if (scope == HY_AGG_CGROUP)
		return bpf_current_task_under_cgroup(&scope_cgroup, 0) == 1;
	return (bpf_get_current_pid_tgid() >> 32) != self_tgid;
}

static __always_inline struct hy_agg_task *task_slot(__u64 flags)
{
	return bpf_task_storage_get(&tasks, bpf_get_current_task_btf(), 0, flags);
}

/* A plain load through the BTF pointer: no bpf_probe_read_kernel() call. */
static __always_inline bool in_compat(void)
{
	return bpf_get_current_task_btf()->thread_info.status & TS_COMPAT;
}

static __always_inline __u8 abi_of(__s32 *nr)
{
	if (in_compat())
		return HY_KABI_I386;
	if (*nr & X32_SYSCALL_BIT) {
		*nr &= ~X32_SYSCALL_BIT;
		return HY_KABI_X32;
	}
	return HY_KABI_X86_64;
}

/* FNV-1a of the command name: a group key that needs no string compare. */
static __always_inline __u64 comm_group(void)
{
	struct comm c = {};
	__u64 h = 0xcbf29ce484222325ull;

	bpf_get_current_comm(c.s, sizeof(c.s));
	for (int i = 0; i < 16 && c.s[i]; i++)
		h = (h ^ (__u8)c.s[i]) * 0x100000001b3ull;
	return h >= HY_AGG_GONE_GROUP || !h ? 1 : h;
}

static __always_inline __u64 group_of(void)
{
	if (group_by == HY_AGG_BY_CGROUP)
		return bpf_get_current_cgroup_id();
	if (group_by == HY_AGG_BY_COMM)
		return comm_group();
	return 0;
}

/* The first call of a key: insert it, or count under the overflow group once full. */
static __noinline struct hy_agg_val *new_key(struct hy_agg_key *k)
{
	struct hy_agg_val *v;

	if (k->group && __sync_fetch_and_add(&keys_used, 1) >= key_limit) {
		__sync_fetch_and_add(&keys_used, -1);
		k->group = HY_AGG_OVERFLOW_GROUP;
	}
	if (group_by == HY_AGG_BY_COMM && k->group != HY_AGG_OVERFLOW_GROUP) {
		struct comm c = {};

		bpf_get_current_comm(c.s, sizeof(c.s));
		bpf_map_update_elem(&comms, &k->group, &c, BPF_NOEXIST);
	}
	bpf_map_update_elem(&stats, k, &zero_val, BPF_NOEXIST);
	return bpf_map_lookup_elem(&stats, k);
}

static __always_inline struct hy_agg_val *val_of(struct hy_agg_key *k)
{
	struct hy_agg_val *v;
	__u32 slot = k->nr;

	if (group_by == HY_AGG_BY_NONE && k->abi == HY_KABI_X86_64 && slot < HY_AGG_FLAT_NR)
		return bpf_map_lookup_elem(&flat, &slot);
	v = bpf_map_lookup_elem(&stats, k);
	return v ? v : new_key(k);
}

static __always_inline void count_errno(struct hy_agg_key *k, __u16 err)
{
	struct hy_agg_key ek = *k;
	__u64 *n;

	ek.err = err;
	n = bpf_map_lookup_elem(&errnos, &ek);
	if (!n) {
		if (__sync_fetch_and_add(&errno_keys_used, 1) >= errno_key_limit) {
			__sync_fetch_and_add(&errno_keys_used, -1);
			return; /* the errors column stays exact; the breakdown says "other" */
		}
		bpf_map_update_elem(&errnos, &ek, &zero_u64, BPF_NOEXIST);
		n = bpf_map_lookup_elem(&errnos, &ek);
		if (!n)
			return;
	}
	*n += 1;
}

/*
 * @v at most @max, checked on the very register that indexes: 6.1's verifier
 * loses a bound the compiler checked on a copy ("unbounded memory access").
 */
#define clamp_max(v, max) asm volatile("if %0 <= %1 goto +1; %0 = %1" : "+r"(v) : "i"(max))

/* Bucket i: 2^(i-1) < d <= 2^i ns (bucket 0: d <= 1). */
static __always_inline __u64 bucket_of(__u64 d)
{
	__u64 x = d ? d - 1 : 0;
	__u64 b = 0;

	/* a binary search for the top bit (BPF has no count-leading-zeros) */
	for (int shift = 32; shift; shift >>= 1) {
		if (x >> shift) {
			b += shift;
			x >>= shift;
		}
	}
	b += x; /* bits of d - 1 */
	clamp_max(b, HY_AGG_BUCKETS - 1);
	return b;
}

/*
 * Per-CPU values without atomics: two runs of this program never interleave on
 * one CPU (the kernel skips a program already running there, and counts it in
 * recursion_misses, which the closing statement reports).
 */
static __always_inline void count(__s32 nr, __u8 abi, long ret, __u64 d, bool timed)
{
	struct hy_agg_key k = { .group = group_of(), .nr = nr, .abi = abi };
	struct hy_agg_val *v = val_of(&k);

	if (!v)
		return;
	if (k.group == HY_AGG_OVERFLOW_GROUP)
		__sync_fetch_and_add(&overflowed, 1);
	v->calls++;
	if (abi != HY_KABI_X86_64)
		ret = (int)ret;
	if (ret < 0 && ret >= -4095) {
		v->errors++;
		count_errno(&k, -ret);
	}
	if (!timed) {
		__sync_fetch_and_add(&untimed, 1);
		return;
	}
	v->timed++;
	v->total_ns += d;
	if (v->timed == 1 || d < v->min_ns)
		v->min_ns = d;
	if (d > v->max_ns)
		v->max_ns = d;
	v->hist[bucket_of(d)]++;
}

static __always_inline int on_enter(long id)
{
	struct hy_agg_task *t;

	if (scope == HY_AGG_TREE) {
		t = task_slot(0);
		if (!t)
			return 0;
		if (t->state != HY_AGG_STATE_ACTIVE) {
			/* the launched child counts from its execve of the command on */
			if (t->state != HY_AGG_STATE_PENDING_EXEC ||
			    (id != NR_EXECVE && id != NR_EXECVEAT) || in_compat())
				return 0;
			t->state = HY_AGG_STATE_ACTIVE;
		}
	} else {
		if (!in_scope())
			return 0;
		t = task_slot(STORAGE_CREATE);
		if (!t)
			return 0; /* counted at exit, without a duration */
	}
	t->nr = id;
	t->ts = bpf_ktime_get_ns();
	return 0;
}

/*
 * Each syscall program exists twice, as tp_btf and as a classic tracepoint
 * program that the kernel runs with preemption off where it runs tp_btf
 * preemptibly (HACKING.md, "Lossless on every kernel"); user space loads one.
 */
SEC("tp_btf/sys_enter")
int BPF_PROG(agg_enter, struct pt_regs *regs, long id)
{
	return on_enter(id);
}

SEC("tracepoint/raw_syscalls/sys_enter")
int agg_enter_tp(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(ctx->id);
}

/* A new task's first return from fork, clone or vfork: its parent's call counts it. */
static __always_inline bool fork_child(__s32 nr, __u8 abi, long ret)
{
	if (ret != 0)
		return false;
	if (abi == HY_KABI_I386)
		return nr == 2 || nr == 120 || nr == 190 || nr == 435;
	return nr == 56 || nr == 57 || nr == 58 || nr == 435; /* x32 shares these */
}

/* @nr: orig_ax, the call's number (x32's with its bit). */
static __always_inline int on_exit(__s32 nr, long ret)
{
	struct hy_agg_task *t;
	__u64 ts = 0;
	bool returned = false;
	__u8 abi;

	if (scope == HY_AGG_TREE) {
		t = task_slot(0);
		if (!t || t->state != HY_AGG_STATE_ACTIVE)
			return 0;
	} else {
		if (!in_scope())
			return 0;
		t = task_slot(0);
	}
	if (t) {
		if (t->nr == nr)
			ts = t->ts;
		t->ts = 0;
		returned = t->returned;
		t->returned = 1;
	}
	if (nr < 0)
		return 0; /* a tracer skipped the call: it was never entered */
	/*
	 * A child's first return from fork, or a call in flight when the task was
	 * attached. Once a call returned, an exit without an entry is a call the
	 * task's own seccomp filter ended before sys_enter: counted, untimed.
	 */
	if (!ts && !returned && scope == HY_AGG_TREE)
		return 0;
	abi = abi_of(&nr);
	if (!ts && fork_child(nr, abi, ret))
		return 0;
	count(nr, abi, ret, ts ? bpf_ktime_get_ns() - ts : 0, ts != 0);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(agg_exit, struct pt_regs *regs, long ret)
{
	return on_exit(regs->orig_ax, ret);
}

/* the event's id is syscall_get_nr(): orig_ax as well */
SEC("tracepoint/raw_syscalls/sys_exit")
int agg_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(ctx->id, ctx->ret);
}

/*
 * A child of a watched task is watched before its first instruction. tp_btf
 * in both families: a classic program has the child's pid, not the task its
 * storage hangs on. A skip here is counted (recursion_misses) like the others.
 */
SEC("tp_btf/task_newtask")
int BPF_PROG(agg_fork, struct task_struct *child, unsigned long clone_flags)
{
	struct hy_agg_task *p, *c;

	if (scope != HY_AGG_TREE)
		return 0;
	p = task_slot(0);
	if (!p || p->state != HY_AGG_STATE_ACTIVE)
		return 0;
	c = bpf_task_storage_get(&tasks, child, 0, STORAGE_CREATE);
	if (c)
		c->state = HY_AGG_STATE_ACTIVE;
	else
		__sync_fetch_and_add(&untracked, 1);
	return 0;
}

/* The task dies in a call (exit_group, a kill): it never returns, and is counted here. */
static __always_inline int on_task_exit(void)
{
	struct hy_agg_task *t = task_slot(0);
	struct hy_agg_key k = {};
	struct hy_agg_val *v;
	__s32 nr;

	if (!t || !t->ts || (scope == HY_AGG_TREE ? t->state != HY_AGG_STATE_ACTIVE : !in_scope()))
		return 0; /* (a task that left the cgroup in a call is counted no more) */
	nr = t->nr;
	t->ts = 0;
	if (nr < 0)
		return 0;
	k.abi = abi_of(&nr);
	k.nr = nr;
	k.group = group_of();
	v = val_of(&k);
	if (!v)
		return 0;
	/* its own field: this program and sys_exit's may interleave on a CPU */
	v->unfinished++;
	__sync_fetch_and_add(&untimed, 1);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(agg_task_exit, struct task_struct *p)
{
	return on_task_exit();
}

SEC("tracepoint/sched/sched_process_exit")
int agg_task_exit_tp(void *ctx)
{
	return on_task_exit();
}
