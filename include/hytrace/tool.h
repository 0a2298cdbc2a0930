/* SPDX-License-Identifier: MIT */
/* libhytrace, the tool: its struct, callbacks, and what a callback may ask (every callback, init, a held call). Include "hytrace.h". */
#ifndef HYTRACE_TOOL_H
#define HYTRACE_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <signal.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library exports exactly what this header declares. */
#define HY_API __attribute__((visibility("default")))

/*
 * The layout of struct hy_tool a plugin was built with. The library accepts
 * every version up to its own: version 1 tools simply have no on_resume,
 * on_rdtsc or on_cpuid.
 */
#define HY_TOOL_ABI_VERSION 2

/* The symbol a plugin exports: `const struct hy_tool hytrace_tool = {...};` */
#define HY_TOOL_SYMBOL "hytrace_tool"

/** Syscall ABIs of an x86-64 kernel. */
enum hy_abi {
	HY_ABI_X86_64 = 0,
	HY_ABI_I386 = 1, /* int 0x80 / sysenter, 32-bit programs */
	HY_ABI_X32 = 2,	 /* x86-64 with the 0x40000000 bit */
	HY_ABI_COUNT
};

/** How a stopped syscall goes on after on_syscall_enter. */
enum hy_cont {
	/* Run it; do not stop at its exit (the cheapest; the result is still recorded). */
	HY_CONT_RUN = 0,
	/* Run it and call on_syscall_exit, where the return value may be changed. */
	HY_CONT_RUN_EXIT = 1,
	/* Do not run it; the guest sees the value set with hy_set_return(). */
	HY_CONT_SKIP = 2,
};

/* Opaque context of a callback: a task, and in syscall callbacks the syscall. */
struct hy_ctx;
/* One finished syscall of the merged record (kernel-recorded or escalated). */
struct hy_event;
/* A subscription or display set of syscalls. */
struct hy_sysset;

/* What the handler did to an event's syscall (hy_event_flags()). */
#define HY_EV_ESCALATED 0x01u	/* it stopped in a handler */
#define HY_EV_MODIFIED 0x02u	/* the handler changed arguments or memory */
#define HY_EV_SKIPPED 0x04u	/* the handler elided it; the return value is its choice */
#define HY_EV_INJECTED 0x08u	/* a handler injected this call */
#define HY_EV_RETVAL_SET 0x10u	/* the handler changed the return value at exit */
#define HY_EV_UNFINISHED 0x20u	/* the call never returned (exit, exec, or the task died) */
#define HY_EV_FROM_TRACER 0x40u /* recorded by the tracer, not by the kernel */
#define HY_EV_DELAYED 0x80u	/* a handler deferred it (hy_defer()): it was held a while */
/*
 * A descriptor argument is open on the file of one of hy_kernel_filter()'s
 * paths, found by the file itself (the kernel filter's inode lookup, or
 * /proc/PID/fd at the tracer's entry stop), not by a call that opened it: one
 * inherited from before the run, passed over a socket, or not followed.
 */
#define HY_EV_ON_PATH 0x100u

/** A tool: a subscription, state sizes and callbacks. Unused callbacks are NULL. */
struct hy_tool {
	unsigned int abi_version; /* HY_TOOL_ABI_VERSION */
	const char *name;
	const char *description;

	/* Bytes of state; zero-filled when created. */
	size_t global_size;
	size_t process_size;
	size_t thread_size;
	/* Flags: HY_TOOL_* below. */
	unsigned int flags;

	/*
	 * Called once before the guest starts, with the options given to this tool
	 * (`--tool-opt key=value`, in order). Set the subscription here with
	 * hy_subscribe(). Return 0 or a negative errno to refuse to run.
	 */
	int (*init)(struct hy_ctx *ctx, int nopts, const char *const *keys,
		    const char *const *values);

	/* A subscribed syscall stopped at entry. Return how it continues. */
	enum hy_cont (*on_syscall_enter)(struct hy_ctx *ctx);
	/* Its exit, when on_syscall_enter returned HY_CONT_RUN_EXIT. */
	void (*on_syscall_exit)(struct hy_ctx *ctx);
	/*
	 * Every finished syscall of the tree, read-only, in the order the calls
	 * finished (a fork's own event comes after its child's first calls).
	 */
	void (*on_event)(struct hy_ctx *ctx, const struct hy_event *ev);
	/*
	 * A signal is about to be delivered to the task. Return the signal to deliver
	 * instead: the same number, another, or 0 to suppress it.
	 */
	int (*on_signal)(struct hy_ctx *ctx, int sig);

	/* A task joined the tree (new thread or new process) / left it. */
	void (*on_thread_start)(struct hy_ctx *ctx);
	void (*on_thread_exit)(struct hy_ctx *ctx);
	/*
	 * A new process was forked; @parent_state is the parent's process state (NULL for
	 * the first guest). With HY_TOOL_FORK_COPIES_STATE it was already copied.
	 */
	void (*on_process_start)(struct hy_ctx *ctx, const void *parent_state);
	/* The process executed a new program. With HY_TOOL_EXEC_RESETS_STATE its state was zeroed. */
	void (*on_exec)(struct hy_ctx *ctx);
	/* The process ended; @wstatus as from waitpid(2). */
	void (*on_process_exit)(struct hy_ctx *ctx, int wstatus);
	/*
	 * The run ended; global state is still valid. Report to @out. Called once
	 * for every tool whose init was called, even if init failed or the run could
	 * not start (then @out discards what is written): release resources here.
	 */
	void (*on_end)(struct hy_ctx *ctx, FILE *out);

	/* ---- ABI version 2 ---- */

	/*
	 * A call this tool deferred with hy_defer() was resumed with hy_resume():
	 * decide as in the callback that deferred it, with the same call (read and
	 * change arguments, memory, inject, set the return value, or defer again).
	 * At entry, return how the call continues; at exit the value is ignored.
	 * When the task died meanwhile, hy_tid(ctx) is 0: only release @cookie.
	 */
	enum hy_cont (*on_resume)(struct hy_ctx *ctx, void *cookie);
	/*
	 * The guest executed RDTSC, or RDTSCP when @aux is not NULL. *@tsc (and
	 * *@aux) hold what this CPU reads now; the guest reads what they hold when
	 * the callback returns. While some tool has this callback, every RDTSC and
	 * RDTSCP of the tree (the vDSO's clock functions included, see
	 * HY_TOOL_VDSO_SYSCALLS) faults into hytrace: a stop, some microseconds
	 * each. Without one, nothing is armed and the instruction costs nothing.
	 */
	void (*on_rdtsc)(struct hy_ctx *ctx, uint64_t *tsc, uint32_t *aux);
	/*
	 * The guest executed CPUID with eax=@leaf, ecx=@subleaf; @regs holds eax,
	 * ebx, ecx, edx as this CPU answers, and the guest reads what it holds when
	 * the callback returns. Needs CPUID faulting in the CPU and kernel: without
	 * it hy_run() refuses a tool with this callback (-ENOSYS).
	 */
	void (*on_cpuid)(struct hy_ctx *ctx, uint32_t leaf, uint32_t subleaf, uint32_t regs[4]);
};

#define HY_TOOL_FORK_COPIES_STATE 0x1u /* a child's process state starts as a copy */
#define HY_TOOL_EXEC_RESETS_STATE 0x2u /* exec zeroes the process state */
/*
 * on_event uses only numbers (syscall, arguments, result, times), never the
 * strings and buffers a call pointed to: where no tool needs them, the kernel
 * does not capture them (hytrace -c runs at the cost of the bare record).
 */
#define HY_TOOL_NO_EVENT_MEMORY 0x4u
/*
 * The tool needs per-syscall totals only (a summary): where the kernel can count
 * them (nothing subscribed, and no other tool wants events, or --metrics counts
 * anyway), the run counts in the kernel with no per-call record, the tool's
 * on_event is not called, and its on_end reads the totals with hy_totals_each().
 */
#define HY_TOOL_KERNEL_TOTALS 0x8u
/*
 * The vDSO's clock_gettime, gettimeofday and time make the real syscall (each
 * process's vDSO is patched when it executes a program), so a tool subscribed
 * to them sees and decides every call; the vDSO's getrandom reports itself
 * unavailable. Without the flag those functions read the clock in the guest,
 * no syscall is made, and with an on_rdtsc tool they read its TSC through a
 * fault each: a time from the tool's TSC and the kernel's last clock update,
 * neither real nor reproducible. A deterministic tool needs the flag.
 */
#define HY_TOOL_VDSO_SYSCALLS 0x10u
/*
 * The tool enforces a policy the guest must not get around (a sandbox): the
 * default backend (`auto`) then keeps the run on ptrace, whose stops the
 * guest cannot skip. On the guest backend the tool's code runs inside the
 * guest, which can flip its dispatch selector or write the shared state;
 * an explicit --backend=guest still runs such a tool (for trusted guests).
 */
#define HY_TOOL_ENFORCES 0x20u

/* ---- In every callback ---- */

/** Thread id of the task (as seen by hytrace). 0 in init and on_end. */
HY_API int hy_tid(const struct hy_ctx *ctx);
/** Process (thread-group) id of the task. */
HY_API int hy_pid(const struct hy_ctx *ctx);
/** Parent process id of the task's process, or 0 if unknown. */
HY_API int hy_ppid(const struct hy_ctx *ctx);
/**
 * When the task's process was forked (CLOCK_MONOTONIC ns, the clock of
 * hy_event_enter_ns()): what its parent had then, it inherited. 0 when unknown
 * (the first guest, an attached process).
 */
HY_API uint64_t hy_process_fork_ns(const struct hy_ctx *ctx);
/**
 * In on_thread_start and on_thread_exit: when the task was made or ended
 * (CLOCK_MONOTONIC ns, the clock of hy_event_enter_ns()), which may be well
 * before the callback runs (the kernel's records are read later). 0 when
 * unknown (an attached task, a path that does not know).
 */
HY_API uint64_t hy_task_event_ns(const struct hy_ctx *ctx);
/**
 * In on_exec: the thread that called execve. When it was not the leader it
 * takes the leader's tid as the new program starts (the kernel's de_thread:
 * the old leader is gone, strace's "+++ superseded by execve in pid N +++"),
 * so this differs from hy_tid() then. 0 outside on_exec.
 */
HY_API int hy_exec_tid(const struct hy_ctx *ctx);
/** The tool's global state. */
HY_API void *hy_global_state(struct hy_ctx *ctx);
/** The task's process state, or NULL outside task callbacks. */
HY_API void *hy_process_state(struct hy_ctx *ctx);
/** The task's thread state, or NULL outside task callbacks. */
HY_API void *hy_thread_state(struct hy_ctx *ctx);
/**
 * Where the tool should write its report (the run's output stream). A line
 * written by one call (one fprintf) is never cut by the log's lines, which the
 * log's writer thread writes to the same file (a line longer than the
 * stream's buffer, 256 KiB in the CLI, may be).
 */
HY_API FILE *hy_output(struct hy_ctx *ctx);

/* ---- In init ---- */

/**
 * Add syscalls to the tool's subscription, in the --subscribe grammar
 * ("openat,read", "%file", "*stat*", "all,!futex"). Returns -ENOENT for an
 * unknown name (hy_last_error() then names it and suggests the nearest).
 */
HY_API int hy_subscribe(struct hy_ctx *ctx, const char *set);
/**
 * Limit on_event to the syscalls of @set (same grammar); without a call, a tool
 * with on_event sees every syscall. Each call adds to the set. A number the
 * syscall table does not name (hy_event_name() NULL: none defines it, or newer
 * than the table) is in every set that is not empty, as strace traces such
 * calls whatever -e trace= says.
 */
HY_API int hy_watch(struct hy_ctx *ctx, const char *set);
/**
 * Fail with @err and a one-line message (printf-style) that hy_run() reports as
 * "tool NAME: message". Returns @err, so init can `return hy_fail(ctx, -EINVAL, ...)`.
 * In on_end it says the tool's output is incomplete (a write error): hy_run()
 * passes the message to opts.notice and counts it in stats.output_errors.
 */
HY_API int hy_fail(struct hy_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** The option @key given to this tool, or NULL (the last one wins). */
HY_API const char *hy_option(struct hy_ctx *ctx, const char *key);
/**
 * HY_TOOL_KERNEL_TOTALS tools: keep the kernel's totals apart per "cgroup" (the
 * task's cgroup v2) or per "comm" (its command name), besides per syscall.
 * Returns -EINVAL for another word. Grouping by comm needs the kernel's totals:
 * where the run counts events instead, its groups are NULL.
 */
HY_API int hy_totals_group(struct hy_ctx *ctx, const char *by);

/**
 * Refuse options this tool does not take: @known is a NULL-terminated list of
 * its keys. An unknown key fails with -EINVAL and "unknown option 'x' (it takes:
 * a, b)". Call it first in init; a typo then never passes as a default.
 */
HY_API int hy_options_known(struct hy_ctx *ctx, const char *const *known);
/**
 * Option @key as a whole decimal number from @min to @max into *@value, which is
 * left alone when the option is absent (so it holds the default). Strict: an
 * empty value, blanks, a trailing character, a sign where @min >= 0 would wrap,
 * or an overflow fail with -EINVAL and "key=value: want a whole number from
 * MIN to MAX" (hy_fail). Returns 0 otherwise.
 */
HY_API int hy_option_int(struct hy_ctx *ctx, const char *key, int64_t min, int64_t max,
			 int64_t *value);
/** The same for a real number ("0.25", "1e-3"; never nan or inf). */
HY_API int hy_option_double(struct hy_ctx *ctx, const char *key, double min, double max,
			    double *value);

/* ---- In on_syscall_enter and on_syscall_exit ---- */

/** The syscall number (x32: without the 0x40000000 bit). */
HY_API long hy_syscall_nr(const struct hy_ctx *ctx);
/** The syscall ABI. */
HY_API enum hy_abi hy_syscall_abi(const struct hy_ctx *ctx);
/** The syscall name, e.g. "openat", or NULL for an unknown number. */
HY_API const char *hy_syscall_name(const struct hy_ctx *ctx);
/**
 * How many calls of this syscall (same ABI and number) the thread made before
 * the tools could see its calls: 0 under ptrace, which holds a thread from its
 * first call; on the guest backend, 0 for a thread whose image's loader was
 * handed off (held with ptrace until its runtime arms, its state then going on
 * in the guest: the launched command, a single-threaded process's execve),
 * else those before the runtime took the thread (a new thread's first calls in
 * libc, the loader's of an image executed without the hand-off) and those of
 * the images it executed before. A tool that counts a thread's calls, as
 * strace's when= does, starts from it.
 */
HY_API unsigned int hy_calls_before(const struct hy_ctx *ctx);
/** Argument @i (0..5) as the guest passed it, or as changed by hy_set_arg(). */
HY_API uint64_t hy_arg(const struct hy_ctx *ctx, int i);
/** Change argument @i (entry only). */
HY_API int hy_set_arg(struct hy_ctx *ctx, int i, uint64_t value);
/** The signal's details (on_signal only), or NULL. */
HY_API const siginfo_t *hy_siginfo(const struct hy_ctx *ctx);
/**
 * on_signal: where the signal interrupts the task (its instruction pointer,
 * as strace -i prints it) when some tool asked for hy_want_ip(); else 0, as
 * with the in-guest backend.
 */
HY_API uint64_t hy_signal_ip(const struct hy_ctx *ctx);
/**
 * on_signal: whether this delivery stops the process: SIGSTOP, SIGTSTP, SIGTTIN
 * or SIGTTOU meeting its default action (strace's "--- stopped by SIG ---"
 * line). Known when the signal is dequeued, before a later tool may change
 * it; the kernel drops the last three in an orphaned process group, which is
 * not seen here. False outside on_signal.
 */
HY_API bool hy_signal_stops(const struct hy_ctx *ctx);
/** The return value (exit only): >= 0, or -errno. */
HY_API int64_t hy_return(const struct hy_ctx *ctx);
/** At entry with HY_CONT_SKIP: the value the guest sees. At exit: replace the result. */
HY_API int hy_set_return(struct hy_ctx *ctx, int64_t value);

/** Read @len bytes of guest memory at @addr. Returns bytes read or -EFAULT. */
HY_API ssize_t hy_read_mem(struct hy_ctx *ctx, uint64_t addr, void *buf, size_t len);
/** Read a NUL-terminated string of at most @size-1 bytes. Returns its length or -errno. */
HY_API ssize_t hy_read_str(struct hy_ctx *ctx, uint64_t addr, char *buf, size_t size);
/** Write @len bytes to guest memory. Returns bytes written or -errno. */
HY_API ssize_t hy_write_mem(struct hy_ctx *ctx, uint64_t addr, const void *buf, size_t len);
/**
 * Run syscall @nr (the task's ABI) with @args in the guest, now, before the
 * stopped syscall continues. Its result (>= 0 or -errno) goes to @result. The
 * guest's registers are restored afterwards. Entry only.
 */
HY_API int hy_inject(struct hy_ctx *ctx, long nr, const uint64_t args[6], int64_t *result);
/*
 * Deferring a held call. A handler that must wait (a delay, a lookup on its own
 * thread, a server's answer) defers the call instead of blocking: the task stays
 * held, hytrace serves every other task meanwhile, and the tool resumes the call
 * later. Callbacks still run one at a time on hytrace's thread; only hy_resume()
 * and hy_resume_after() may be called from elsewhere (docs/writing-tools.md).
 */
struct hy_deferred;

/**
 * In on_syscall_enter or on_syscall_exit: keep the call held after the callback
 * returns (the callback's return value is then ignored) until the tool resumes
 * it; its on_resume then decides. Later tools' callbacks for the call run after
 * the resumption. Returns the handle, or NULL outside those callbacks or where
 * the backend cannot hold a call (hy_last_error() says which).
 */
HY_API struct hy_deferred *hy_defer(struct hy_ctx *ctx);
/**
 * Resume @d: on_resume(ctx, @cookie) runs on hytrace's thread soon after. Call it
 * exactly once per handle, from any callback, from any thread of the tool, or
 * from a signal handler (it is async-signal-safe), until the tool's on_end
 * returns. Returns 0, or -EINVAL when @d was already resumed.
 */
HY_API int hy_resume(struct hy_deferred *d, void *cookie);
/** Resume @d after @ns nanoseconds, by a timer of hytrace's (no thread needed). */
HY_API int hy_resume_after(struct hy_deferred *d, uint64_t ns, void *cookie);

/**
 * Hand the task to the debugger (hytrace --gdbserver): it stops as at a
 * breakpoint once this callback's held call goes on (at once in on_signal and
 * on_rdtsc/on_cpuid), and gdb shows @why (may be NULL). Every other task runs
 * on. Returns 0, -ENOSYS when the run has no debugger, or -ESRCH when the task
 * is not in the debugged process.
 */
HY_API int hy_debug_stop(struct hy_ctx *ctx, const char *why);

/**
 * Reserve @len bytes of scratch memory in the guest (below its stack pointer,
 * valid until the syscall continues), e.g. for a rewritten path. Returns the
 * guest address, or 0 when it cannot.
 */
HY_API uint64_t hy_scratch(struct hy_ctx *ctx, size_t len);

/* ---- The clock of the records (anywhere: any callback, any thread, no ctx needed) ---- */

/**
 * Now, in CLOCK_MONOTONIC ns: the clock of every time the API gives
 * (hy_event_enter_ns(), hy_event_exit_ns(), hy_process_fork_ns(),
 * hy_task_event_ns()), so a time a tool takes compares with them. The same
 * on both backends (one clock system-wide: a time taken in a handler in the
 * guest compares with hytrace's).
 */
HY_API uint64_t hy_now_ns(void);

/* ---- /proc: what a task's descriptors are now (any thread, no ctx needed) ---- */

/**
 * What descriptor @fd of process @pid links to now, as /proc/@pid/fd/@fd says
 * ("/etc/passwd", "pipe:[42]", "socket:[7]"; @fd AT_FDCWD: the working
 * directory, /proc/@pid/cwd): NUL-terminated in @buf, cut to @size. Returns
 * its length, or a negative errno (-ENOENT: not open, or no such process).
 */
HY_API int hy_proc_fd_name(int pid, int fd, char *buf, size_t size);
/**
 * A number field of /proc/@pid/fdinfo/@fd ("flags:", in octal: @base 8;
 * "Pid:" of a pidfd: 10) into *@value. Returns 0, or a negative errno
 * (-ENOENT: no such descriptor, or no such field in it).
 */
HY_API int hy_proc_fdinfo(int pid, int fd, const char *field, int base, long *value);

#ifdef __cplusplus
}
#endif
#endif
