/* SPDX-License-Identifier: MIT */
/* libhytrace, records (on_event): their fields, user stacks, totals counted in the kernel. Include "hytrace.h". */
#ifndef HYTRACE_EVENT_H
#define HYTRACE_EVENT_H

#include "tool.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Events (on_event) ---- */

HY_API int hy_event_tid(const struct hy_event *ev);
HY_API int hy_event_pid(const struct hy_event *ev);
HY_API enum hy_abi hy_event_abi(const struct hy_event *ev);
HY_API long hy_event_nr(const struct hy_event *ev);
/** The syscall's name, or NULL for an unknown number. */
HY_API const char *hy_event_name(const struct hy_event *ev);
HY_API uint64_t hy_event_arg(const struct hy_event *ev, int i);
/** Return value (>= 0 or -errno); meaningless with HY_EV_UNFINISHED. */
HY_API int64_t hy_event_return(const struct hy_event *ev);
/**
 * The NUL-terminated string argument @i (a path, say) as the call's record
 * captured it, into @buf (at most @size-1 bytes). Returns its length, or -ENOENT
 * when the record holds no string there.
 */
HY_API ssize_t hy_event_str(const struct hy_event *ev, int i, char *buf, size_t size);
/**
 * Up to @len bytes of the guest's memory at @addr as the call's record captured
 * them (a buffer it read or wrote, say), into @buf. Returns how many bytes were
 * captured there (possibly fewer than @len), or -ENOENT when none were.
 */
HY_API ssize_t hy_event_mem(const struct hy_event *ev, uint64_t addr, void *buf, size_t len);
/**
 * Where the call was made: the user instruction pointer after the syscall
 * instruction, as strace -i prints it. 0 unless some tool asked (hy_want_ip())
 * or with the in-guest backend.
 */
HY_API uint64_t hy_event_ip(const struct hy_event *ev);
/** A socket as the kernel held it when a call used it (hy_event_socket()). */
struct hy_socket {
	uint64_t ino;	   /* its inode ("socket:[INO]") */
	uint64_t peer_ino; /* AF_UNIX: its peer's inode; 0: none */
	char proto[32]; /* its protocol's name, as "system.sockprotoname" has it: "TCP", "UNIX-STREAM" */
	int family; /* AF_* */
	/*
	 * sock_diag lists it, as strace -yy asks it (an inet socket bound or
	 * connected, a bound netlink socket, a unix socket bound or with a
	 * peer): the fields below are what it would tell. Otherwise strace
	 * prints "PROTO:[INO]".
	 */
	bool listed;
	uint8_t src[16], dst[16]; /* AF_INET, AF_INET6: network order (AF_INET: 4 bytes) */
	uint16_t sport, dport;	  /* host order */
	unsigned int protocol;	  /* AF_NETLINK: NETLINK_* */
	uint32_t portid;	  /* AF_NETLINK */
	size_t path_len;	  /* AF_UNIX: bytes of its bound name; 0: unbound */
	char path[108];		  /* AF_UNIX: the name (abstract: a NUL first) */
};
/**
 * Socket descriptor @fd of the call as the kernel held it: when @result is 0,
 * as the call began (a descriptor argument: what strace -yy prints, before a
 * bind or connect changed it, even if it is closed by the time the line is
 * printed); when 1, as the call returned (a descriptor it created: socket,
 * accept, socketpair's pair). Only recorded for runs where a tool asked
 * (hy_want_sockets()), on the kernel path. Returns 0, or -ENOENT when the
 * record holds none (not a socket, not asked, an escalated call).
 */
HY_API int hy_event_socket(const struct hy_event *ev, int fd, int result, struct hy_socket *out);
/**
 * Socket descriptor @fd of process @pid as /proc and sock_diag tell it now
 * (strace -yy's query, made in hytrace's network namespace): what
 * hy_event_socket() gives of a call's sockets, for a socket no record holds.
 * Returns 0, or -ENOENT when @fd is no socket (or not open).
 */
HY_API int hy_proc_socket(int pid, int fd, struct hy_socket *out);
/**
 * What /proc/PID/fd/@fd said of descriptor @fd of the call, as the kernel held
 * it (strace -y's name), for the descriptors the record names itself: a
 * socket ("socket:[INO]", as hy_event_socket() reads it), and a descriptor the
 * call returned that has no path of its own (@result 1: the result; 0: one of
 * an array the call filled, pipe's or socketpair's): "pipe:[INO]",
 * "anon_inode:[eventfd]", "anon_inode:inotify", "/memfd:NAME (deleted)".
 * Writes the NUL-terminated name to @buf (cut to @size) and returns its
 * length, or -ENOENT when the record holds none (a file with a path: its
 * call names it; -y not asked: hy_want_sockets()).
 */
HY_API int hy_event_file_name(const struct hy_event *ev, int fd, int result, char *buf,
			      size_t size);
/**
 * Whether descriptor @fd, one the call returned (@result 1: its result; 0: one
 * of an array it filled), closes at exec, as the kernel held it when the call
 * returned: 1 or 0; -ENOENT when the record holds none of it (the records
 * hy_event_file_name() names).
 */
HY_API int hy_event_fd_cloexec(const struct hy_event *ev, int fd, int result);
/**
 * The process a pidfd refers to (strace -yy's "pid:N"), for a descriptor of
 * the call that hy_event_file_name() names "anon_inode:[pidfd]" (@result as
 * there): read by the kernel as the call returned (numbered in the initial pid
 * namespace, as the record's tids), or from /proc/PID/fdinfo at the tracer's
 * stop. Returns the pid, or -ENOENT when the record holds none.
 */
HY_API int hy_event_pidfd_pid(const struct hy_event *ev, int fd, int result);
/**
 * The descriptors the call received over a socket (recvmsg's and recvmmsg's
 * SCM_RIGHTS control messages, as the record captured them at exit; x86-64
 * calls): up to @max into @fds. Returns how many (0 for any other call).
 * hy_event_file_name() and hy_event_socket() name them with @result 0.
 */
HY_API int hy_event_received_fds(const struct hy_event *ev, int *fds, size_t max);
/** CLOCK_MONOTONIC ns at entry and exit (exit is 0 when unfinished). */
HY_API uint64_t hy_event_enter_ns(const struct hy_event *ev);
HY_API uint64_t hy_event_exit_ns(const struct hy_event *ev);
/** HY_EV_* bits. */
HY_API unsigned int hy_event_flags(const struct hy_event *ev);
/**
 * The cgroup (v2) of the task as it made the call, as /proc/PID/cgroup shows it
 * ("/system.slice/nginx.service"), or NULL where the run did not record it
 * (runs of a command; runs watching a cgroup or every task do).
 */
HY_API const char *hy_event_cgroup(const struct hy_event *ev);
/**
 * The container that cgroup path names, as Kubernetes writes it
 * ("docker://<64 hex>", "containerd://...", "cri-o://...", "podman://...",
 * "nspawn://<machine>"), or NULL.
 */
HY_API const char *hy_event_container(const struct hy_event *ev);
/**
 * Format the event as strace prints it ("openat(AT_FDCWD, \"x\", O_RDONLY) = 3")
 * into @buf (always NUL-terminated). Returns the length it needed, like snprintf.
 * @strsize is strace's -s (string bytes shown, 0 for the default 32).
 */
HY_API int hy_event_format(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize);
/**
 * The call part ("openat(AT_FDCWD, ...)") into @buf and the result ("3",
 * "-1 ENOENT (No such file or directory)", "?") into @result, for printers that
 * align the result as strace does. Returns the call's length needed.
 */
HY_API int hy_event_format_call(const struct hy_event *ev, char *buf, size_t size,
				unsigned int strsize, char *result, size_t result_size);
/** The record as a JSON object (one line, no newline); returns the length needed. */
HY_API int hy_event_format_json(const struct hy_event *ev, char *buf, size_t size,
				unsigned int strsize);

/* ---- User stacks (hytrace -k) ---- */

/** One frame of a user stack, innermost first (hy_backtrace()). */
struct hy_frame {
	/*
	 * The innermost frame: where the task made the call (just after its
	 * syscall instruction); the others: return addresses.
	 */
	uint64_t pc;
	uint64_t offset;      /* pc as an offset into the module's file (strace -k's [0x...]) */
	const char *module;   /* the mapped file ("/usr/lib/x86_64-linux-gnu/libc.so.6", "[vdso]"),
				 * or NULL for code in no file */
	const char *build_id; /* the module's GNU build-id in hex, or NULL */
	const char *symbol;   /* the function, or NULL when the file names none there */
	uint64_t symbol_offset; /* pc - the function's address */
};

/**
 * In init: the events this tool watches carry their user stack, for
 * hy_backtrace() in on_event (hytrace -k asks this for the calls it shows). Each
 * such call then costs more: the kernel copies the top of its stack (up to
 * hy_run_opts.stack_size bytes, ~1-3 us) and hytrace unwinds it (~0.2 us per
 * frame). Returns 0, or -EPERM outside init.
 */
HY_API int hy_want_stacks(struct hy_ctx *ctx);

/**
 * In init: each call's instruction pointer is recorded (hy_event_ip(), strace
 * -i): 32 bytes more per call in the kernel recorder's ring. Returns 0, or
 * -EPERM outside init.
 */
HY_API int hy_want_ip(struct hy_ctx *ctx);

/**
 * In init: the sockets each call uses and creates are read in the kernel
 * (hy_event_socket(), strace -yy): a 240-byte record more per socket
 * descriptor of a call. Returns 0, or -EPERM outside init.
 */
HY_API int hy_want_sockets(struct hy_ctx *ctx);

/**
 * In init: execve's and execveat's environment strings are captured (for
 * strace -v, which prints them), not only counted. Each string costs up to
 * hy_run_opts.strsize bytes of the record. Returns 0, or -EPERM outside init.
 */
HY_API int hy_want_environment(struct hy_ctx *ctx);

/**
 * In init: getdents' and getdents64's records are captured (for strace -v,
 * which prints them), not only counted: up to 4 KiB of each call's result
 * (HY_CAP_MAX). Returns 0, or -EPERM outside init.
 */
HY_API int hy_want_dirents(struct hy_ctx *ctx);

/* hy_kernel_filter()'s statuses (strace's -e status=). */
#define HY_STATUS_SUCCESSFUL 1u
#define HY_STATUS_FAILED 2u
#define HY_STATUS_UNFINISHED 4u
/**
 * In init: let the kernel recorder drop, before they reach the ring, the calls
 * this tool's on_event would drop itself, so they cost neither a copy nor a
 * format: with @statuses (HY_STATUS_* bits; 0 for any), the calls whose status
 * is not one of them; with @npaths, the calls that name none of @paths in a
 * path argument (the exact string) and use no descriptor that a call of the
 * same process the filter kept opened on one (hy_syscall_file_args(); a kept
 * close forgets it) nor one open on the file of one of @paths (found by its
 * inode: descriptors from before the run or passed over a socket; such a
 * call is marked HY_EV_ON_PATH), as strace -P. Calls no tool watches are
 * dropped too.
 * A hint only: it applies when nothing else wants every call (another tool's
 * watch, a subscription, stacks) and the kernel recorder runs, so the tool
 * still filters what it gets. Several tools' requests are joined (what any
 * keeps is kept). Paths of any length and number: a path of 256 bytes or more
 * keeps every call whose path begins with its first 255; with more than 128
 * paths in all, the calls of the syscalls watched are all kept (and the run
 * says so in one line). Returns 0, -EPERM outside init, -EINVAL for a bad
 * status or a NULL path, -ENOMEM.
 */
HY_API int hy_kernel_filter(struct hy_ctx *ctx, unsigned int statuses, const char *const *paths,
			    int npaths);
/**
 * In init: the calls of @set (hy_watch()'s grammar) that this tool watches are
 * recorded whatever its hy_kernel_filter() says, because the tool learns from
 * them (strace -y's descriptor table follows the opens and closes that -P or
 * -Z would not show); the path filter still follows the descriptors they open
 * and close. Returns 0, -EPERM outside init, -ENOENT for an unknown name.
 */
HY_API int hy_kernel_filter_keep(struct hy_ctx *ctx, const char *set);
/**
 * The user stack, innermost frame first, into @frames (at most @max): in
 * on_event, that of @ev (there only when this tool called hy_want_stacks());
 * in on_syscall_enter and on_syscall_exit, with @ev NULL, that of the stopped
 * call, unwound now. The strings stay valid until the callback returns.
 * Returns how many frames the stack has (possibly more than @max), -ENOENT (no
 * stack for this event; i386 calls have none), -EPERM (@ev NULL outside a
 * syscall stop), -ENOSYS (an i386 call; on the guest backend, a call of a
 * site --guest-rewrite rewrote) or -ESRCH.
 */
HY_API int hy_backtrace(struct hy_ctx *ctx, const struct hy_event *ev, struct hy_frame *frames,
			int max);
/**
 * A frame as strace -k prints it, without the newline:
 * " > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x1b) [0xf818f]". Returns the
 * length needed, like snprintf.
 */
HY_API int hy_format_frame(const struct hy_frame *f, char *buf, size_t size);

/* ---- Totals counted in the kernel (HY_TOOL_KERNEL_TOTALS tools) ---- */

/* Duration buckets: bucket i holds calls of 2^(i-1) < ns <= 2^i; the last, longer ones. */
#define HY_HIST_BUCKETS 36

/** One syscall's totals (per group when the tool asked with hy_totals_group()). */
struct hy_totals {
	enum hy_abi abi;
	long nr;
	const char *group;     /* cgroup path or command name; NULL: not grouped */
	const char *container; /* as hy_event_container(), or NULL */
	uint64_t calls;	       /* including those that never returned */
	uint64_t errors;       /* returned -1..-4095 */
	uint64_t timed;	       /* calls with a duration (their start was seen) */
	uint64_t total_ns, min_ns, max_ns;
	uint64_t hist[HY_HIST_BUCKETS];
	uint64_t returned; /* calls that returned, timed or not (strace -c's count) */
};

/**
 * In on_end: call @cb once per syscall (and group) the kernel counted, in no
 * particular order. Returns 0, or -ENOSYS where the run counted events instead
 * (the tool's on_event saw every call).
 */
HY_API int hy_totals_each(struct hy_ctx *ctx, void (*cb)(void *arg, const struct hy_totals *t),
			  void *arg);

#ifdef __cplusplus
}
#endif
#endif
