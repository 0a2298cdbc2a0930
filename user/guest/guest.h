/* SPDX-License-Identifier: MIT */
/*
 * The in-guest backend (--backend=guest), hytrace's side: the guest runs
 * without ptrace, with build/libhytrace-guest.so preloaded (user/guest/rt/),
 * which handles the subscribed calls in the guest's own threads. hytrace keeps
 * the tools' global state in a region every guest process maps, runs the
 * tools' other callbacks from the kernel recorder's records, and waits for the
 * tree as its subreaper. This is the backend's whole interface to the core.
 */
#ifndef HY_GUEST_H
#define HY_GUEST_H

#include <stdbool.h>

struct hy_session;

/** Whether the run asks for the guest backend (hy_run_opts.backend); -EINVAL for a bad name. */
int hy_guest_wanted(const struct hy_session *s, bool *wanted);
/** Before the tools' init: the shared region, with their global state in it. */
int hy_guest_prepare(struct hy_session *s);
/** After it: what the guests' runtime needs (subscriptions, options, tool files). */
int hy_guest_publish(struct hy_session *s);
/** Start @path (a dynamic executable) with the runtime preloaded. */
int hy_guest_launch(struct hy_session *s, const char *path, char *const argv[]);
/** Record and wait until the whole tree is gone. */
int hy_guest_loop(struct hy_session *s);
void hy_guest_close(struct hy_session *s);

#endif
