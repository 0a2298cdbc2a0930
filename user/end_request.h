/* SPDX-License-Identifier: MIT */
/* hy_request_stop(): ending a run from a signal handler or another thread. */
#ifndef HY_END_REQUEST_H
#define HY_END_REQUEST_H

#include <stdbool.h>

/** hy_request_stop() was called: the running loop should end the run. */
bool hy_end_requested(void);

#endif
