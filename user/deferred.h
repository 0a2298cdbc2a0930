/* SPDX-License-Identifier: MIT */
/*
 * Deferred calls: a held call a tool chose to resume later (hy_defer()). The
 * handles, the queue of resumptions (filled from any thread or signal handler,
 * emptied on the backend's thread), and the timers of hy_resume_after().
 */
#ifndef HY_DEFERRED_H
#define HY_DEFERRED_H

#include <stdbool.h>
#include <stdint.h>

struct hy_deferred;
struct hy_session;
struct hy_task;

/** A new handle for @t's held call, deferred by tool @tool. NULL on ENOMEM. */
struct hy_deferred *hy_deferred_new(struct hy_session *s, struct hy_task *t, int tool);
/** @t is gone: its deferred call (if any) resumes with no task. */
void hy_deferred_task_gone(struct hy_session *s, struct hy_task *t);
/* A resumption that is due: the call's task (NULL when gone), its tool, the cookie. */
struct hy_deferred_due {
	struct hy_task *task;
	int tool;
	void *cookie;
};

/**
 * On the backend's thread: take the next resumption due at @now (those
 * hy_resume() queued, oldest first, then expired timers) and free its handle.
 * False when none is due. The runtime runs it (hy_rt_run_deferred()).
 */
bool hy_deferred_take_due(struct hy_session *s, uint64_t now, struct hy_deferred_due *due);
/** The earliest hy_resume_after() deadline, or 0 when none is pending. */
uint64_t hy_deferred_next_deadline(const struct hy_session *s);
/** Calls held by a deferral right now. */
unsigned int hy_deferred_held(const struct hy_session *s);
/*
 * Calls held in another process (the guest backend's, user/guest/): their
 * handles are small numbers (1..HY_DEFERRED_REMOTE_MAX), never pointers, the
 * same in every process; hy_resume() and hy_resume_after() in hytrace hand
 * them to @resume (@timed: at CLOCK_MONOTONIC @due), and a task that is gone
 * frees its entries by @task_gone. Set while such a run is on (one at a time).
 */
#define HY_DEFERRED_REMOTE_MAX 4096
struct hy_deferred_remote {
	int (*resume)(void *ctx, uintptr_t handle, bool timed, uint64_t due, void *cookie);
	void (*task_gone)(void *ctx, int tid);
	void *ctx;
};
void hy_deferred_set_remote(const struct hy_deferred_remote *r);
/** Free every handle at the end of the run (after the tools' on_end). */
void hy_deferred_free_all(struct hy_session *s);

#endif
