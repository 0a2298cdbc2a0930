/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who is a guest, and the header of its records: the guests map (each guest
 * task's state), the byte per tid that tells most tasks of the system apart in
 * one load, and production mode's adoption (watch.bpf.h). Stands alone (make
 * check-bpf-headers); used by hytrace.bpf.c's syscall programs and by
 * tasks.bpf.h's lifecycle and signal programs.
 */
#ifndef HY_GUESTS_BPF_H
#define HY_GUESTS_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include "hy_event.h"
#include "ring.bpf.h" /* lost, which watch.bpf.h counts */

/*
 * Allocated as guests come: preallocating 65536 entries cost every start-up
 * ~12 ms. Entries are only added at fork and removed at exit, never on the
 * per-syscall path, which only looks them up.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, struct hy_guest);
} guests SEC(".maps");

/*
 * One byte per tid (for tids below 2^21; above, every task takes the hash
 * lookup): the tracepoints run for every task of the system, and this load
 * costs a non-guest almost nothing where the hash lookup cost it ~50 ns per
 * tracepoint. Bytes, not bits: a plain store is atomic, and atomic or/and on
 * maps need kernel 5.12. Kept in step with the guests map, which holds each
 * guest's state. HY_GUEST_BYTE_THROTTLED (a guest held back by backpressure)
 * lives here too, so the tracer reads and clears it through its mapping: a
 * bpf(2) map operation would hold the kernel's bpf_prog_active up while it
 * runs, and a preemption inside it would make the classic tracepoint
 * programs skip every call on that CPU (HACKING.md).
 */
#define TID_FAST (1u << 21)
struct guest_bytes {
	__u8 b[TID_FAST];
};

/*
 * Its own mmapable map, not a global: libbpf copies the initial .bss into the
 * kernel at load, and 2 MiB of it cost every start-up ~12 ms. User space maps
 * it and marks the first guest directly.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct guest_bytes);
} fast SEC(".maps");

static __always_inline struct guest_bytes *guest_bytes(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&fast, &zero);
}

static __always_inline bool maybe_guest(__u32 tid)
{
	struct guest_bytes *gb = guest_bytes();
	__u64 i = tid;

	/* the bound must be on the index the load uses, for the verifier */
	barrier_var(i);
	if (i >= TID_FAST || !gb)
		return true;
	return gb->b[i];
}

/* The guest state of @tid, or NULL: most tasks of the system stop at the byte. */
static __always_inline struct hy_guest *find_guest(__u32 tid)
{
	return maybe_guest(tid) ? bpf_map_lookup_elem(&guests, &tid) : NULL;
}

static __always_inline void mark_guest(__u32 tid, bool on)
{
	struct guest_bytes *gb = guest_bytes();
	__u64 i = tid;

	barrier_var(i);
	if (i < TID_FAST && gb)
		gb->b[i] = on ? HY_GUEST_BYTE_ON : 0;
}

/* Guests that could not be added to the guests map (full). */
__u64 untracked = 0;

#include "watch.bpf.h"

/* The one place a record header is filled. */
static __always_inline void fill_hdr(struct hy_kev_hdr *h, __u64 ts, __u64 pid_tgid, __u16 type,
				     __u16 size)
{
	h->ts = ts;
	h->tid = (__u32)pid_tgid;
	h->tgid = pid_tgid >> 32;
	h->type = type;
	h->size = size;
	h->aux = watch_tag();
}

/* A call kept in the map value, as one record (HY_KEV_CALL). */
static __always_inline void fill_call(struct hy_kev_call *c, const struct hy_guest *g, __u64 ts,
				      __u64 pid_tgid, __s64 ret, __u16 flags, __u32 size)
{
	fill_hdr(&c->hdr, ts, pid_tgid, HY_KEV_CALL, size);
	c->nr = g->nr;
	c->abi = g->abi;
	c->ncap = 0;
	c->flags = flags;
	c->ret = ret;
	c->enter_ts = g->ts;
	__builtin_memcpy(c->args, g->args, sizeof(c->args));
}

#endif
