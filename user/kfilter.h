/* SPDX-License-Identifier: MIT */
/*
 * The kernel filter's configuration (bpf/kfilter.bpf.h): from the tools' watch
 * sets, subscriptions and the one hy_kernel_filter() request, which calls of
 * each syscall the kernel records: all, none, or those the filter keeps.
 */
#ifndef HY_KFILTER_H
#define HY_KFILTER_H

#include <stdbool.h>

#define HY_KF_MAX_PATHS 16
/* bytes of a path the kernel compares, with its NUL (HY_KF_PATH_MAX of bpf/hy_event.h,
 * which the session's users cannot include: its struct hy_guest is not guest/'s) */
#define HY_KF_PATH_BYTES 256

struct hy_session;

/* A tool's hy_kernel_filter() (struct hy_tool_inst). */
struct hy_kf_request {
	bool on;
	unsigned int status; /* HY_KF_*; 0: every status */
	int npaths;
	char paths[HY_KF_MAX_PATHS][HY_KF_PATH_BYTES];
};

/* The filter as the recorder loads it (kfilter_config.h). */
struct hy_kf_config;

/**
 * The filter of @s's run, for hy_krec_opts.filter; free() it after the
 * recorder is open. NULL: no filter (the kernel records every call), or no
 * memory for one. Only one tool's request can be honoured, and only in
 * runs where nothing else needs every call: no subscription (a held call's
 * note is matched to the next recorded call), no -k stacks, the ptrace
 * backend.
 */
struct hy_kf_config *hy_kfilter_new(const struct hy_session *s);

#endif
