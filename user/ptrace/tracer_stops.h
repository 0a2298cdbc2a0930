/* SPDX-License-Identifier: MIT */
/*
 * The tracer loop's handling of a stop (tracer.c), for the hand-off's steps
 * (handoff.c): its exec event and its stepping between the guest backend's
 * drains go through the loop's handlers (internal to user/ptrace/).
 */
#ifndef HY_PT_TRACER_STOPS_H
#define HY_PT_TRACER_STOPS_H

#include <sys/types.h>

struct hy_session;
struct hy_pt_task;

/**
 * Let the stopped @pt go on with signal @sig, asking for the next stop it
 * needs (a held call's exit, each call of a task handing off or ptraced); the
 * debugger may hold it instead.
 */
void hy_pt_resume(struct hy_session *s, struct hy_pt_task *pt, int sig);
/** Handle what waitpid() reported of @tid (@status: a stop, or its end), as the loop does. */
void hy_pt_handle(struct hy_session *s, pid_t tid, int status);

#endif
