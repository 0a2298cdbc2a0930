/* SPDX-License-Identifier: MIT */
/* Reading /proc/PID/status. */
#ifndef HY_PROCFS_H
#define HY_PROCFS_H

#include <sys/types.h>

/**
 * The numbers after @field ("Tgid:", "NSpid:") in /proc/@tid/status, up to @max
 * of them, into @values. Returns how many, or -1 (no such task or field).
 */
int hy_proc_status(pid_t tid, const char *field, long *values, int max);

#endif
