/* SPDX-License-Identifier: MIT */
/* The tracer loop's entry points for the rest of the backend (internal to user/ptrace/). */
#ifndef HY_TRACER_H
#define HY_TRACER_H

struct hy_pt_task;
struct hy_session;
struct hy_task;

/** A deferred held call's handlers have all run: go on with it (struct hy_backend_ops). */
void hy_pt_continue_held(struct hy_session *s, struct hy_task *t);

/**
 * Let @pt go on from its stop with @sig, the way the loop would: to its exit
 * stop when one is wanted, and not while the debugger holds it.
 */
void hy_pt_resume(struct hy_session *s, struct hy_pt_task *pt, int sig);

#endif
