/* SPDX-License-Identifier: MIT */
/* libhytrace, writing many lines (strace text, JSON) on a thread of their own. Include "hytrace.h". */
#ifndef HYTRACE_WRITER_H
#define HYTRACE_WRITER_H

#include "event.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Writing many lines: formatted on a thread of their own ---- */

struct hy_writer;

#define HY_WRITER_JSON 0x1u	 /* JSON Lines (hy_event_format_json), not strace's text */
#define HY_WRITER_DURATIONS 0x2u /* text: " <0.000012>" after the result, as strace -T */
/* the call's user stack, when the event carries one (hy_want_stacks()): text, a line per
 * frame after the call's, as strace -k; JSON, a "stack" array */
#define HY_WRITER_STACKS 0x4u
/* no thread: each line formatted and written through the stream at once (many small
 * writers, e.g. one file per task for strace -ff) */
#define HY_WRITER_SYNC 0x8u
/* text: strings with a byte that is neither printable nor whitespace in \x hex (strace -x) */
#define HY_WRITER_HEX 0x10u
/* text: every string in \x hex (strace -xx) */
#define HY_WRITER_HEX_ALL 0x20u
/* text: named constants as numbers, "0x80000" for O_RDONLY|O_CLOEXEC (strace -X raw);
 * errno names, signal lines' headers and, as in strace, some results' notes ("(flags
 * O_RDWR)", "(SIGUSR1)") keep their names */
#define HY_WRITER_CONSTS_RAW 0x40u
/* text: named constants as numbers and names, "0x80000 / * O_RDONLY|O_CLOEXEC * /"
 * (unspaced; strace -X verbose); the result as with HY_WRITER_CONSTS_RAW */
#define HY_WRITER_CONSTS_VERBOSE 0x80u

/**
 * An output for event lines. Events are queued and formatted, in order, on a
 * thread of the writer's own, so a storm costs the tracer a copy per event;
 * lines reach @f within about 10 ms. Nothing else may write to @f until
 * hy_writer_close(). A stream without a file descriptor is written at once.
 * @strsize as in hy_event_format(). Returns NULL with hy_last_error() set.
 */
HY_API struct hy_writer *hy_writer_open(FILE *f, unsigned int flags, unsigned int strsize);
/**
 * Queue @ev as one line: text lines start with @prefix (e.g. "[pid 42] ", or
 * NULL) and align the result at column 40 as strace does. Returns 0 or -ENOMEM.
 */
HY_API int hy_writer_event(struct hy_writer *w, const struct hy_event *ev, const char *prefix);
/**
 * strace -y: @name(@ctx, pid, fd, result, buf, size) says what descriptor fd of
 * process pid refers to ("/etc/passwd", "pipe:[42]"; fd AT_FDCWD: the working
 * directory), or NULL; text lines then show "3</etc/passwd>" for descriptor
 * arguments and, with result 1, for a call's new descriptor (dup2's target has
 * its old name as an argument, its new one as the result). Each line is then
 * formatted at hy_writer_event(), on the caller's thread, so @name answers for
 * the moment of that event. Call before the first line.
 */
HY_API void hy_writer_set_fd_names(struct hy_writer *w,
				   const char *(*name)(void *ctx, int pid, int fd, int result,
						       char *buf, size_t size),
				   void *ctx);
/**
 * strace -v and -e abbrev=: text lines of the calls in @full show their structures
 * in full (struct stat's every field, execve's environment) instead of strace's
 * abbreviated form; NULL (the default): every call abbreviated. @full must live
 * until hy_writer_close(). Call before the first line.
 */
HY_API void hy_writer_set_unabbreviated(struct hy_writer *w, const struct hy_sysset *full);
/**
 * strace -e verbose=SET: text lines of the calls in @terse (the calls not in
 * SET) print their structures, arrays and argv as addresses, as strace does
 * for calls it does not "verbose"; NULL (the default): none. @terse must live
 * until hy_writer_close(). Call before the first line.
 */
HY_API void hy_writer_set_terse(struct hy_writer *w, const struct hy_sysset *terse);
/** Align text lines' results at @column (strace -a; default 40). Call before the first line. */
HY_API void hy_writer_set_column(struct hy_writer *w, unsigned int column);
/** Queue @len bytes of text as they are, in order with the events. Returns 0. */
HY_API int hy_writer_text(struct hy_writer *w, const char *text, size_t len);
/**
 * Write out everything queued, end the thread and free @w (@f stays open).
 * Returns 0 or the first write error as -errno (e.g. -ENOSPC).
 */
HY_API int hy_writer_close(struct hy_writer *w);
/**
 * Rotate @w's file, opened at @path, by size: once @max_bytes were written to it,
 * between two lines (within the writer's 1 MiB buffer), @path becomes @path.1
 * (@path.1 becomes @path.2, and so on; @keep old files stay, the oldest is
 * removed) and a new @path goes on. Call before the first line. Returns 0, or
 * -EINVAL for a stream the writer writes at once (no file descriptor).
 */
HY_API int hy_writer_rotate(struct hy_writer *w, const char *path, uint64_t max_bytes,
			    unsigned int keep);

/*
 * hy_output_open(): replace an existing regular file (a new inode with the old
 * one's mode) instead of truncating it: ext4 flushes a file truncated to zero
 * when it is closed (auto_da_alloc), tens of ms for a large record.
 */
#define HY_OUTPUT_REPLACE 0x1u
/* hy_output_open(): append to an existing file (strace -A) instead of truncating it. */
#define HY_OUTPUT_APPEND 0x2u

/**
 * Open @path for a log or a record as hytrace opens its own outputs: a new file
 * is created 0600 (traced data is sensitive; the umask may take more away), an
 * existing one keeps its mode and is truncated. Refused: a symbolic link as the
 * last component (-ELOOP) and, as the kernel's protected_regular does, another
 * user's file in a sticky world-writable directory such as /tmp (-EACCES).
 * Returns a stream opened for writing (close-on-exec), or NULL with errno and
 * hy_last_error() set.
 */
HY_API FILE *hy_output_open(const char *path, unsigned int flags);

/**
 * A signal as strace shows it between dashes: "SIGCHLD {si_signo=SIGCHLD,
 * si_code=CLD_EXITED, si_pid=42, ...}" (@si may be NULL: just the name).
 */
HY_API int hy_format_siginfo(const siginfo_t *si, int sig, char *buf, size_t size);
/**
 * hy_format_siginfo() with the siginfo's constants as @flags says: 0 (names),
 * HY_WRITER_CONSTS_RAW or HY_WRITER_CONSTS_VERBOSE (strace -X: "SIGUSR1
 * {si_signo=10, si_code=0, ...}"; the leading name stays, as strace prints it).
 */
HY_API int hy_format_siginfo_flags(const siginfo_t *si, int sig, unsigned int flags, char *buf,
				   size_t size);
/** The errno named @name ("ENOENT", or "2"), or -1. */
HY_API int hy_errno_number(const char *name);
/** The signal named @name ("SIGUSR1", "USR1", or "10"), or -1. */
HY_API int hy_signal_number(const char *name);
/** "SIGKILL", "SIGRTMIN+2", or the number, into @buf; returns @buf. */
HY_API const char *hy_signal_name_r(int sig, char *buf, size_t size);

/**
 * @s as a whole decimal number from @min to @max, strictly (the parser behind
 * hy_option_int(), for a tool's own syntax): 0, -EINVAL when @s is not exactly
 * a number (empty, blanks, trailing characters), -ERANGE when it is out of range
 * or overflows. *@value is set only on success.
 */
HY_API int hy_parse_int(const char *s, int64_t min, int64_t max, int64_t *value);
/** The same for a finite real number. */
HY_API int hy_parse_double(const char *s, double min, double max, double *value);
/**
 * A duration as strace writes one ("D" or "D.F" with a unit s, ms, us or ns;
 * microseconds without one) into nanoseconds, strictly: 0, -EINVAL for
 * anything else ("-1", "1e9", ""), -ERANGE above @max_ns.
 */
HY_API int hy_parse_duration_ns(const char *s, uint64_t max_ns, uint64_t *ns);

/**
 * A syscall set in the --subscribe grammar, for tools that decide per call.
 * Returns NULL with hy_last_error() set when @spec is invalid.
 */
HY_API struct hy_sysset *hy_sysset_new(const char *spec);
/** Whether syscall @nr of @abi is in @set. */
HY_API bool hy_sysset_contains(const struct hy_sysset *set, enum hy_abi abi, long nr);
/**
 * Whether a call of syscall @nr of @abi is shown by @set: a member, or, when
 * @set is not empty, a number the syscall table does not name (no set can hold
 * it; strace shows such a call whatever -e trace= says: syscall_0x3e7(...)).
 */
HY_API bool hy_sysset_shows(const struct hy_sysset *set, enum hy_abi abi, long nr);
HY_API void hy_sysset_free(struct hy_sysset *set);

/**
 * Check a syscall set spec without keeping it: 0 or -EINVAL (hy_last_error() names
 * the bad item and suggests the nearest names). @hint (may be NULL) receives a
 * one-line note for names programs no longer call on x86-64 (open -> openat), or "".
 */
HY_API int hy_sysset_check(const char *spec, char *hint, size_t size);

/** The name of syscall @nr of @abi ("openat"), or NULL. */
HY_API const char *hy_syscall_name_of(enum hy_abi abi, long nr);
/** The number of syscall @name in @abi, or -1. */
HY_API long hy_syscall_number(enum hy_abi abi, const char *name);
/** How many arguments syscall @nr of @abi takes (0 to 6), or -1 for an unknown one. */
HY_API int hy_syscall_nargs(enum hy_abi abi, long nr);

/* hy_syscall_file_args(): how a syscall names files, as strace -P follows them. */
#define HY_FILE_PATH(i) (1u << (i))	/* argument i is a path */
#define HY_FILE_FD(i) (1u << (8 + (i))) /* argument i is a descriptor (or a dirfd) */
#define HY_FILE_OPENS 0x10000u	    /* returns a descriptor for its path (open, openat, creat) */
#define HY_FILE_DUPS 0x20000u	    /* returns a copy of a descriptor (dup, dup2, dup3) */
#define HY_FILE_FCNTL_DUPS 0x40000u /* fcntl: a copy for F_DUPFD and F_DUPFD_CLOEXEC */
#define HY_FILE_CLOSES 0x80000u	    /* closes its first argument (close) */
#define HY_FILE_NEW_FD 0x100000u    /* returns a new descriptor of no path (socket, eventfd...) */
#define HY_FILE_CLOSES_RANGE 0x200000u /* closes arguments 0..1, or marks them (close_range) */
#define HY_FILE_EXECS 0x400000u	       /* drops the close-on-exec descriptors (execve, execveat) */
#define HY_FILE_FORKS 0x800000u	       /* a child may start with a copy of them (fork, clone...) */
#define HY_FILE_CHDIRS 0x1000000u      /* changes the working directory (chdir, fchdir) */
#define HY_FILE_PAIR(i) (1u << (25 + (i))) /* argument i gets two new ones, int[2] (pipe...) */
/**
 * How syscall @nr of @abi names files, from the syscall table: HY_FILE_PATH(i)
 * and HY_FILE_FD(i) bits for its arguments, HY_FILE_PAIR(i) for an array of
 * two new descriptors, and what the call does to the process's descriptors
 * (one of the other bits). 0 for a call that does none of it (or an unknown
 * number).
 */
HY_API unsigned int hy_syscall_file_args(enum hy_abi abi, long nr);
/**
 * Which argument of syscall @nr of @abi makes the descriptors it opens, copies
 * or fills in a pair close-on-exec by its O_CLOEXEC bit (open's and openat's
 * flags, dup3's, pipe2's, socketpair's type; SOCK_CLOEXEC is O_CLOEXEC), from
 * the syscall table; -1 for a call that has none (creat, dup2, pipe, openat2,
 * whose flags are in a struct).
 */
HY_API int hy_syscall_cloexec_arg(enum hy_abi abi, long nr);

/* hy_syscall_data(): where a call's data is, as strace's -e read= and -e write= dump it. */
#define HY_DATA_BUF 1u	   /* argument 1, its length argument 2 (given) or the result (returned) */
#define HY_DATA_IOVEC 2u   /* an iovec array at argument 1, its count argument 2 */
#define HY_DATA_MSGHDR 3u  /* a struct msghdr at argument 1: its msg_iov */
#define HY_DATA_MMSGHDR 4u /* a struct mmsghdr array at argument 1: the returned count of entries */
#define HY_DATA_KIND 0xffu /* the kind's bits */
#define HY_DATA_GIVEN                                                                              \
	0x100u /* the data goes to the kernel (-e write=), else it comes back (-e read=) */
/**
 * Where syscall @nr of @abi carries data that strace's -e read=SET / -e
 * write=SET dump, from the syscall table: an HY_DATA_* kind, with
 * HY_DATA_GIVEN for the write direction. 0 for a call strace dumps nothing of.
 * Argument 0 is the descriptor the sets name.
 */
HY_API unsigned int hy_syscall_data(enum hy_abi abi, long nr);

#ifdef __cplusplus
}
#endif
#endif
