/* SPDX-License-Identifier: MIT */
/* A tool's hy_kernel_filter() request, kept in the session (kfilter.h makes the filter of it). */
#ifndef HY_KF_REQUEST_H
#define HY_KF_REQUEST_H

#include <stdbool.h>

#include "sysset.h"

#define HY_KF_MAX_PATHS 16
/* bytes of a path the kernel compares, with its NUL (HY_KF_PATH_MAX of bpf/hy_event.h,
 * which the session's users cannot include: its struct hy_guest is not guest/'s) */
#define HY_KF_PATH_BYTES 256

/* A tool's hy_kernel_filter() (struct hy_tool_inst). */
struct hy_kf_request {
	bool on;
	unsigned int status; /* HY_KF_*; 0: every status */
	int npaths;
	char paths[HY_KF_MAX_PATHS][HY_KF_PATH_BYTES];
	struct hy_sysset keep; /* hy_kernel_filter_keep(): recorded whatever the filter says */
};

#endif
