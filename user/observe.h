/* SPDX-License-Identifier: MIT */
/*
 * Watching without a backend: the kernel recorder alone follows tasks (attached
 * with -p and no subscription). Nothing is stopped and nothing is left behind
 * when hytrace ends.
 */
#ifndef HY_OBSERVE_H
#define HY_OBSERVE_H

#include <sys/types.h>

struct hy_session;

/** Watch every thread of process @pid with the kernel recorder. */
int hy_observe_attach(struct hy_session *s, pid_t pid);
/**
 * Follow a launched tree without ptrace (the guest backend): task @tid of
 * process @tgid, made by @ppid, and every task the kernel recorder reports.
 */
int hy_observe_follow(struct hy_session *s, pid_t tid, pid_t tgid, pid_t ppid);
/** Drain until every watched task is gone or the run is asked to end. */
int hy_observe_loop(struct hy_session *s);

#endif
