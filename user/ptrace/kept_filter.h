/* SPDX-License-Identifier: MIT */
/*
 * hytrace's seccomp filter put into a program the guest backend holds through
 * ptrace for good (kept_filter.c; internal to user/ptrace/).
 */
#ifndef HY_KEPT_FILTER_H
#define HY_KEPT_FILTER_H

struct hy_pt_task;
struct hy_session;

/**
 * At execve's exit stop of @pt (one thread, no instruction of the new program
 * run yet): install the ptrace backend's filter of the session's escalate set
 * in it, from inside, the calls hytrace's own (not recorded). 0: its process
 * and its later children stop only at the held calls; -errno: nothing
 * changed, each call still stops.
 */
int hy_pt_kept_filter(struct hy_session *s, struct hy_pt_task *pt);

#endif
