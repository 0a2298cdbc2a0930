/* SPDX-License-Identifier: MIT */
/* The kernel filter as the recorder loads it: kfilter.c builds it, kernel_recorder.c loads it. */
#ifndef HY_KFILTER_CONFIG_H
#define HY_KFILTER_CONFIG_H

#include "hy_event.h"

#define HY_KF_CONFIG_PATHS HY_KF_PATHS_MAX

struct hy_kf_config {
	unsigned int status; /* HY_KF_* kept; 0: every status */
	int npaths;
	char paths[HY_KF_CONFIG_PATHS][HY_KF_PATH_MAX];
	int nfiles; /* the paths' files that exist (user/path_files.h) */
	struct hy_kf_file files[HY_KF_CONFIG_PATHS];
	struct hy_kf_nr nrs[HY_PLAN_ENTRIES];
};

#endif
