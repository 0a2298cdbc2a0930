/* SPDX-License-Identifier: MIT */
/* A tool's hy_kernel_filter() request, kept in the session (kfilter.h makes the filter of it). */
#ifndef HY_KF_REQUEST_H
#define HY_KF_REQUEST_H

#include <stdbool.h>

#include "sysset.h"

/*
 * Paths the kernel compares (HY_KF_PATHS_MAX of bpf/hy_event.h, which the
 * session's users cannot include: its struct hy_guest is not guest/'s); bytes
 * of each it compares, with its NUL (HY_KF_PATH_MAX)
 */
#define HY_KF_MAX_PATHS 128
#define HY_KF_PATH_BYTES 256

/* A tool's hy_kernel_filter() (struct hy_tool_inst). */
struct hy_kf_request {
	bool on;
	unsigned int status;   /* HY_KF_*; 0: every status */
	int npaths;	       /* all of the tool's, however many and long */
	char **paths;	       /* their copies, in one block the session frees */
	struct hy_sysset keep; /* hy_kernel_filter_keep(): recorded whatever the filter says */
};

#endif
