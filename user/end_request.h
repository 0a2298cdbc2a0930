/* SPDX-License-Identifier: MIT */
/*
 * hy_request_stop(), hy_request_end(): ending a run from a signal handler or
 * another thread. A run that watches (-p, --cgroup, -a) ends at either; a
 * launched command's run passes hy_request_end()'s signal on to the command
 * and kills what is left of its tree after the grace, or at once after
 * hy_request_stop() or a second hy_request_end().
 */
#ifndef HY_END_REQUEST_H
#define HY_END_REQUEST_H

#include <stdbool.h>

/* How long a launched tree has to end by itself after hy_request_end(). */
#define HY_END_GRACE_NS (3 * 1000 * 1000 * 1000ull)

/** Either request was made: a watching run ends now. */
bool hy_end_requested(void);
/** A launched tree is to be killed now: hy_request_stop(), or the grace is over. */
bool hy_end_kill_due(void);
/** hy_request_end() was called and not yet taken: its signal (0: none) to *@sig. */
bool hy_end_take_signal(int *sig);
/** The run is over: a later hy_run() in this process starts with no request. */
void hy_end_reset(void);

#endif
