/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The recorder's ring buffer and its one wake-up rule, for every program and
 * header that writes records (hytrace.bpf.c, capture.bpf.h, ustack.bpf.h).
 *
 * The wake-up rule: the reader is woken only once the backlog passes
 * wakeup_bytes. It drains on its own 10 ms timer anyway, so a wake-up per
 * record would only cost the guest an IPI per call.
 *
 * Stands alone; defines the map and the lost counter, so a BPF object includes
 * it once (it is one translation unit, as every BPF object here).
 */
#ifndef HY_RING_BPF_H
#define HY_RING_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>

/* Set by user space before load: wake the reader only past this backlog. */
const volatile __u64 wakeup_bytes = 1 << 20;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 << 20); /* resized by user space */
} events SEC(".maps");

/* Records that did not fit in the ring; user space reports them. */
__u64 lost = 0;

/* The flags a record is handed to the ring with, given the backlog @avail. */
static __always_inline __u64 ring_wakeup(__u64 avail)
{
	return avail >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

/* Hand a reserved record to the reader. Returns the backlog (for backpressure). */
static __always_inline __u64 ring_submit(void *rec)
{
	__u64 avail = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);

	bpf_ringbuf_submit(rec, ring_wakeup(avail));
	return avail;
}

/* Copy a record of variable size into the ring; a record that does not fit is counted. */
static __always_inline void ring_output(void *data, __u64 size)
{
	if (bpf_ringbuf_output(&events, data, size,
			       ring_wakeup(bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA))))
		__sync_fetch_and_add(&lost, 1);
}

/* Reserve a fixed-size record; NULL (counted as lost) when the ring is full. */
static __always_inline void *ring_reserve(__u64 size)
{
	void *rec = bpf_ringbuf_reserve(&events, size, 0);

	if (!rec)
		__sync_fetch_and_add(&lost, 1);
	return rec;
}

#endif
