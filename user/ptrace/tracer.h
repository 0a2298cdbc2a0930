/* SPDX-License-Identifier: MIT */
/* The tracer loop's entry points for the rest of the backend (internal to user/ptrace/). */
#ifndef HY_TRACER_H
#define HY_TRACER_H

struct hy_session;
struct hy_task;

/** A deferred held call's handlers have all run: go on with it (struct hy_backend_ops). */
void hy_pt_continue_held(struct hy_session *s, struct hy_task *t);

#endif
