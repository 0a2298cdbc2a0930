/* SPDX-License-Identifier: MIT */
/* The tracer loop's timers, internal to user/ptrace/ (tracer_timer.c). */
#ifndef HY_TRACER_TIMER_H
#define HY_TRACER_TIMER_H

#include <signal.h>
#include <stdint.h>

struct hy_ptrace;

/* The signal of both timers and of a wake-up; blocked outside the loop's wait. */
#define HY_PT_TIMER_SIG (SIGRTMIN + 2)

/**
 * A timer that interrupts the wait every HY_TICK_NS so the ring is drained while
 * no task stops, and the deferral timer beside it. If it cannot be made, the
 * ring is drained at every stop only (pt->timer_on stays false).
 */
void hy_pt_timer_arm(struct hy_ptrace *pt);
/** The periodic timer's period, @ns (the drain's, which quickens in a storm). */
void hy_pt_timer_period(struct hy_ptrace *pt, uint64_t ns);
/** A one-shot signal at @deadline, the earliest hy_resume_after() deadline. */
void hy_pt_defer_timer(struct hy_ptrace *pt, uint64_t deadline);
/** The timers end with the loop, however it ends; the caller's thread gets @caller_mask back. */
void hy_pt_timer_disarm(struct hy_ptrace *pt, const sigset_t *caller_mask);
/**
 * hy_resume() from another thread or a signal handler: interrupt the wait. On
 * the tracer's own thread (a callback resuming at once) the loop runs the
 * resumption right after the callback: a signal would cost a few microseconds.
 */
void hy_pt_wake_tracer(void *ctx);

#endif
