/* SPDX-License-Identifier: MIT */
/* The kernel filter as the recorder loads it: kfilter.c builds it, kernel_recorder.c loads it. */
#ifndef HY_KFILTER_CONFIG_H
#define HY_KFILTER_CONFIG_H

#include "hy_event.h"
#include "kfilter.h"

_Static_assert(HY_KF_PATH_BYTES == HY_KF_PATH_MAX, "kfilter.h and hy_event.h disagree");

struct hy_kf_config {
	unsigned int status;		 /* HY_KF_* kept; 0: every status */
	const struct hy_kf_request *req; /* its paths */
	struct hy_kf_nr nrs[HY_PLAN_ENTRIES];
};

#endif
