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
 * memory for one. The requests of several tools are joined (what any keeps
 * is kept); in runs where something needs every call (a subscription: a held
 * call's note is matched to the next recorded call; -k stacks; the guest
 * backend) the filter drops nothing and only marks the calls -P finds by a
 * descriptor's file.
 */
struct hy_kf_config *hy_kfilter_new(const struct hy_session *s);

/**
 * The paths of every tool's hy_kernel_filter() request, each once, in the
 * tools' order: the first @max to @out (pointing into the requests). Returns
 * how many there are: more than @max are more than the kernel compares.
 */
int hy_kfilter_paths(const struct hy_session *s, const char **out, int max);

#endif
