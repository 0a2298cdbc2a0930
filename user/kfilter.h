/* SPDX-License-Identifier: MIT */
/*
 * The kernel filter's configuration (bpf/kfilter.bpf.h): from the tools' watch
 * sets, subscriptions and the one hy_kernel_filter() request, which calls of
 * each syscall the kernel records: all, none, or those the filter keeps.
 */
#ifndef HY_KFILTER_H
#define HY_KFILTER_H

#include <stdbool.h>

#include "kf_request.h"

struct hy_session;

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
