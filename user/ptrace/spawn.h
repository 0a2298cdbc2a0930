/* SPDX-License-Identifier: MIT */
/* Starting the guest command under the tracer, with its seccomp filter. */
#ifndef HY_SPAWN_H
#define HY_SPAWN_H

#include <linux/filter.h>
#include <sys/types.h>

struct hy_session;

/**
 * Fork the guest: it waits until the tracer has seized it and the kernel
 * recorder watches it, installs @filter (when non-NULL) and executes @path.
 */
int hy_spawn(struct hy_session *s, const char *path, char *const argv[],
	     const struct sock_fprog *filter, pid_t *pid);

#endif
