/* SPDX-License-Identifier: MIT */
/*
 * The log tool's strace -P PATH: only calls that name PATH in a path argument
 * (the exact string), or that use a descriptor a matching call of the same
 * process opened on it (open, openat, openat2, creat returning it; dup, dup2,
 * dup3, fcntl F_DUPFD* copying it; close ends it). Which arguments are paths
 * and descriptors is the syscall table's (hy_syscall_file_args()), as in the
 * kernel filter (bpf/kfilter.bpf.h), which drops the other calls before they
 * are recorded wherever it runs: both decide alike. A forked process inherits
 * its parent's (log_paths_fork(), bpf/kfilter.bpf.h's kf_fork()). A call
 * marked HY_EV_ON_PATH matches too: a descriptor no call showed open (opened
 * before the run, passed over a socket) found open on PATH's file, as strace
 * finds it through /proc/PID/fd/N (user/path_files.h). Where it can be wrong: a
 * PATH made during the run has no file at start, so such descriptors of it are
 * not found; the file is compared, not the name, so another hard link or bind
 * mount of it, or a descriptor of it deleted or renamed since, matches where
 * strace's name does not; a process made with CLONE_FILES but not
 * CLONE_THREAD gets a copy, not the shared table; and a path spelled another
 * way (relative, through a symbolic link other than PATH's own resolution)
 * does not match.
 */
#ifndef HY_TOOL_LOG_PATHS_H
#define HY_TOOL_LOG_PATHS_H

#include <stdbool.h>
#include <stdint.h>

#include "hytrace.h"

struct log_paths;

/** The "path" options among the tool's (none: *@out stays NULL, every call matches). */
int log_paths_init(struct hy_ctx *ctx, struct log_paths **out, int nopts, const char *const *keys,
		   const char *const *values);
/** Whether @ev is shown under -P; learns the descriptors it opens and closes. */
bool log_paths_match(struct log_paths *p, const struct hy_event *ev);
/** The paths (PATH and its resolved spelling), *@n of them; NULL without -P. */
const char *const *log_paths_list(const struct log_paths *p, int *n);
/**
 * Process @pid was forked by process @ppid at @at (CLOCK_MONOTONIC ns, 0:
 * unknown): it has the descriptors its parent had then. What a gone process of
 * the same pid had goes. (A process's descriptors are kept after it ends: its
 * children's calls may be told later.)
 */
void log_paths_fork(struct log_paths *p, int ppid, int pid, uint64_t at);
void log_paths_free(struct log_paths *p);

#endif
