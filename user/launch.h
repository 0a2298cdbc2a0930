/* SPDX-License-Identifier: MIT */
/*
 * Starting the launched command, for every backend: fork; the child waits
 * until hytrace is ready to follow it (a backend's @ready: seize it, tell the
 * kernel recorder), then gets the run's environment back, the backend's
 * @prepare (a seccomp filter, the preloaded runtime), -u's identity, and
 * executes the command. One sequence, so -u, the inherited signal state and
 * the exec error line are the same whichever backend starts it.
 */
#ifndef HY_LAUNCH_H
#define HY_LAUNCH_H

#include <sys/types.h>

struct hy_session;

struct hy_launch_ops {
	/*
	 * In the child, after "go", before -u and the exec (async-signal-safe
	 * code only). Returns 0, or an exit status after writing its own line.
	 */
	int (*prepare)(const struct hy_session *s, void *ctx);
	/* In hytrace, before "go": 0, or an error (the child is then killed). */
	int (*ready)(struct hy_session *s, pid_t pid, void *ctx);
	void *ctx;
};

/** Start @path with @argv as said above; the child's pid in @pid. */
int hy_launch(struct hy_session *s, const char *path, char *const argv[],
	      const struct hy_launch_ops *ops, pid_t *pid);

#endif
