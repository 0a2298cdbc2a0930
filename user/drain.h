/* SPDX-License-Identifier: MIT */
/*
 * Draining the kernel recorder's ring into the merge. The ring is drained every
 * HY_TICK_NS, and every HY_FAST_DRAIN_NS while records flow: in a storm, small
 * frequent batches keep the tracer and the writer thread busy side by side
 * instead of in turns; an idle guest costs 100 wake-ups a second. The BPF side
 * wakes nobody per event.
 */
#ifndef HY_DRAIN_H
#define HY_DRAIN_H

#include <stddef.h>
#include <stdint.h>

#define HY_TICK_NS (10 * 1000 * 1000ull)
#define HY_FAST_DRAIN_NS (1 * 1000 * 1000ull)

struct hy_session;

/** Bring the merge up to date with the kernel's records; returns how many. */
size_t hy_drain(struct hy_session *s);
/** Periodic work at @now: drain when due (period or backlog), flush the output each tick. */
void hy_drain_tick(struct hy_session *s, uint64_t now);

#endif
