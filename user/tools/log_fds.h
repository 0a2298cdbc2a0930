/* SPDX-License-Identifier: MIT */
/*
 * The log tool's strace -y: what each descriptor of each process refers to,
 * kept from the calls themselves as the log sees them (open, openat, creat and
 * their paths; dup, dup2, dup3, fcntl F_DUPFD copies; close and close_range;
 * execve dropping close-on-exec descriptors; fork, vfork and clone copying the
 * parent's table; which calls do what is the syscall table's fd=, through
 * hy_syscall_file_args()), so the name is the one the call had when it ran, even after
 * the descriptor was closed or the process ended. The first process's table is
 * read from /proc/PID/fd when it starts (or is attached to), close-on-exec
 * descriptors left out (a launched command is seeded before its exec). A new
 * descriptor without a path (a pipe, an eventfd, an epoll, a pidfd, a memfd,
 * a socket...) is named from its call's record (hy_event_file_name(): read as
 * the call returned, with its close-on-exec flag, hy_event_fd_cloexec()); one
 * no call named (inherited from outside the run, passed over a socket) is
 * read from /proc/PID/fd when it is first printed, and kept. dup2/dup3's
 * target is named as it was before the call (not open, if the map never saw
 * it open).
 *
 * A socket comes with the call's record (hy_event_socket(): read as the call
 * ran), so -y names it socket:[INODE] and -yy (decode-fds=socket,dev,pidfd)
 * by its endpoints (log_sockets.h) even after it closed; with -yy a device's
 * numbers come from stat() of its path when the line is printed; a pidfd's
 * process from its call's record (hy_event_pidfd_pid(), kept as "pid:N" in
 * the map), else from /proc/PID/fdinfo then.
 *
 * Where it can be wrong: a descriptor first printed after its process closed or
 * reused it (the line is formatted up to ~10 ms after the call) shows nothing
 * or the new file (not when the call failed with EBADF on it: not open then); a child's calls printed before its parent's clone line
 * start from the parent's table as the log had it then (its calls still
 * unprinted, from another thread say, are missing); a file with a path
 * received over a socket (SCM_RIGHTS: hy_event_received_fds(); its sockets,
 * pipes and anon inodes the record names) is named from /proc when first
 * printed; openat2's close-on-exec flag is not seen in the record; relative
 * paths are joined to /proc/PID/cwd at the call's line.
 */
#ifndef HY_TOOL_LOG_FDS_H
#define HY_TOOL_LOG_FDS_H

#include <stddef.h>

#include "hytrace.h"

struct log_fds;

/* what -e decode-fds= asks for (-y: path; -yy: all) */
enum {
	LOG_FDS_PATH = 1,   /* 3</etc/passwd> */
	LOG_FDS_SOCKET = 2, /* 3<TCP:[127.0.0.1:40000->127.0.0.1:8080]> (log_sockets.h) */
	LOG_FDS_DEV = 4,    /* 1</dev/null<char 1:3>> */
	LOG_FDS_PIDFD = 8,  /* 3<pid:1234> */
};

/** Parse a decode-fds set ("path,socket", "all", "none") into @what; -1 if unknown. */
int log_fds_what(const char *set, unsigned int *what);
/** A map that names descriptors as @what (LOG_FDS_*) asks. */
struct log_fds *log_fds_new(unsigned int what);
/**
 * The calls the map follows, watched with -y whatever -e trace= shows: those
 * the syscall table says open, copy, close or make descriptors, execs, forks
 * and chdirs (hy_syscall_file_args()), as a syscall set.
 */
const char *log_fds_calls(const struct log_fds *t);
void log_fds_free(struct log_fds *t);
/**
 * The first process of the run (launched or attached): its descriptors as
 * /proc shows them now. Later processes start from their parent's copy.
 */
void log_fds_seed(struct log_fds *t, int pid);
/**
 * Before the first line of process @pid, child of @ppid: a copy of the parent's
 * table as the log has it now (the child's calls often finish before the
 * parent's fork returns, whose line copies it otherwise). Nothing when @pid
 * has a table already.
 */
void log_fds_inherit(struct log_fds *t, int pid, int ppid);
/** Before @ev's line: the descriptors it created (its result's name). */
void log_fds_before(struct log_fds *t, const struct hy_event *ev);
/** After @ev's line: the descriptors it closed, execve's close-on-exec, a child's copy. */
void log_fds_after(struct log_fds *t, const struct hy_event *ev);
/** Process or task @pid ended: its table goes. */
void log_fds_forget(struct log_fds *t, int pid);
/** For hy_writer_set_fd_names(): the name of @fd in @pid, or NULL. */
const char *log_fds_name(void *ctx, int pid, int fd, int result, char *buf, size_t size);

#endif
