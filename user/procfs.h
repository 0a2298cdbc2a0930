/* SPDX-License-Identifier: MIT */
/* Reading /proc: a task's status fields, a process's threads. */
#ifndef HY_PROCFS_H
#define HY_PROCFS_H

#include <stdbool.h>
#include <sys/types.h>

/**
 * The numbers after @field ("Tgid:", "NSpid:") in /proc/@tid/status, up to @max
 * of them, into @values. Returns how many, or -1 (no such task or field).
 */
int hy_proc_status(pid_t tid, const char *field, long *values, int max);

/** Whether @sig meets its default action in task @tid (neither ignored nor caught). */
bool hy_proc_sig_default(pid_t tid, int sig);

/** The state letter of task @tid ('R', 'S', 'Z' for a zombie...), or 0 when it is gone. */
char hy_proc_state(pid_t tid);

/**
 * Whether process @pid still runs: 1, 0 for a zombie (every thread has ended,
 * nobody reaped it yet), -ESRCH when there is no such process.
 */
int hy_proc_liveness(pid_t pid);

/**
 * Call @adopt for each thread of process @pid, pass after pass over
 * /proc/@pid/task, until a pass finds none new: threads made meanwhile are
 * caught by the next pass. @adopt returns 1 for a thread it took, 0 for one
 * known or gone, or a negative errno, which ends the walk and is returned.
 * Returns 0, or -ESRCH when there is no such process.
 */
int hy_proc_adopt_threads(pid_t pid, int (*adopt)(void *ctx, pid_t tid), void *ctx);

/**
 * The value of entry @type (AT_SECURE, AT_SYSINFO_EHDR...) of task @tid's
 * auxiliary vector (a 64-bit process's), or 0 when it has none or is gone.
 */
unsigned long hy_proc_auxv(pid_t tid, unsigned long type);

/**
 * Whether task @tid's next images are placed without address randomization:
 * its personality has ADDR_NO_RANDOMIZE (setarch -R; kept across exec) or
 * the host's kernel.randomize_va_space is 0. A PIE program, its loader and
 * the vDSO then land where the image before them was.
 */
bool hy_proc_aslr_off(pid_t tid);

#endif
