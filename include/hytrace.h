/* SPDX-License-Identifier: MIT */
/*
 * libhytrace: trace and intercept the system calls of a process tree.
 *
 * A *tool* is a struct hy_tool: the syscalls it wants to stop at (its
 * subscription), the sizes of its global, per-process and per-thread state, and
 * callbacks. Subscribed syscalls stop in on_syscall_enter, where the tool may read
 * and change arguments and guest memory, inject syscalls, and choose how the call
 * continues. Every syscall of the tree, subscribed or not, is also recorded (in the
 * kernel when it can be) and handed to on_event, in time order, once.
 *
 * Nothing here exposes ptrace, registers or libbpf: the same tool can run on
 * another backend. Functions return 0 or a value on success and a negative errno
 * on failure, from this set: -EINVAL (bad argument), -ENOENT (no such syscall,
 * task or option), -ENOMEM, -EFAULT (guest memory not accessible), -ESRCH (the task
 * is gone), -EPERM (not allowed in this callback or without privilege), -ENOSYS
 * (this backend or kernel cannot do it), -ERANGE (value or buffer too large),
 * -EIO (anything else, e.g. an unexpected kernel error). The library never prints
 * and never exits on its own.
 */
#ifndef HYTRACE_H
#define HYTRACE_H

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
/** The tool's global state. */
HY_API void *hy_global_state(struct hy_ctx *ctx);
/** The task's process state, or NULL outside task callbacks. */
HY_API void *hy_process_state(struct hy_ctx *ctx);
/** The task's thread state, or NULL outside task callbacks. */
HY_API void *hy_thread_state(struct hy_ctx *ctx);
/** Where the tool should write its report (the run's output stream). */
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
 * with on_event sees every syscall. Each call adds to the set.
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
 * first call; on the guest backend, those before the runtime took the thread
 * (the dynamic loader's, a new thread's first calls in libc) and those of the
 * images it executed before (the runtime starts afresh in each). A tool that
 * counts a thread's calls, as strace's when= does, starts from it.
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
 * In init: execve's and execveat's environment strings are captured (for
 * strace -v, which prints them), not only counted. Each string costs up to
 * hy_run_opts.strsize bytes of the record. Returns 0, or -EPERM outside init.
 */
HY_API int hy_want_environment(struct hy_ctx *ctx);

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
 * close forgets it), as strace -P. Calls no tool watches are dropped too.
 * A hint only: it applies when nothing else wants every call (another tool's
 * watch, a subscription, stacks) and the kernel recorder runs, so the tool
 * still filters what it gets. Returns 0, -EPERM outside init, -EINVAL for a
 * bad status; more than 16 paths, or one of 256 bytes or more, leave the
 * filter to the tool (0).
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
};

/**
 * In on_end: call @cb once per syscall (and group) the kernel counted, in no
 * particular order. Returns 0, or -ENOSYS where the run counted events instead
 * (the tool's on_event saw every call).
 */
HY_API int hy_totals_each(struct hy_ctx *ctx, void (*cb)(void *arg, const struct hy_totals *t),
			  void *arg);

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
/**
 * How syscall @nr of @abi names files, from the syscall table: HY_FILE_PATH(i)
 * and HY_FILE_FD(i) bits for its arguments, and what its result does to
 * descriptors. 0 for a call that names none (or an unknown number).
 */
HY_API unsigned int hy_syscall_file_args(enum hy_abi abi, long nr);

/* ---- Running ---- */

/*
 * Options of hy_run(). Declare them with HY_RUN_OPTS(), which sets sz: the
 * struct may grow in later versions, and the library reads only the fields the
 * caller's version has (libbpf's convention).
 */
struct hy_run_opts {
	size_t sz; /* sizeof(struct hy_run_opts) as the caller was built */
	/* Tools, in order; each sees every callback. */
	const struct hy_tool *const *tools;
	int ntools;
	/* Per tool: its options (may be NULL). */
	const int *tool_nopts;
	const char *const *const *tool_keys;
	const char *const *const *tool_values;

	/* Output for reports and logs (default stderr). */
	FILE *out;
	/* Do not use the kernel recorder (escalate everything to be shown). */
	bool no_kernel;
	/* Ignored: kept for callers built before pin_cpu (pinning is now asked for). */
	bool no_pin;
	/*
	 * Show process ids a guest in another PID namespace saw with the ids hytrace
	 * sees: "getpid() = 1 / * 4242 in hytrace's PID NS * /".
	 */
	bool pidns_translation;
	/* Bytes of strings and buffers captured (strace -s); 0 means 32. */
	unsigned int strsize;
	/* Called with one-line notices (a fallback, a hint); NULL: dropped. */
	void (*notice)(void *ctx, const char *msg);
	void *notice_ctx;
	/* Existing processes to attach to (all their threads) instead of argv. */
	const int *attach_pids;
	int nattach;
	/*
	 * Keep escalating threads on the tracer's CPU while they escalate: a stop
	 * costs several times less (HACKING.md, "CPU placement"), but the guest can
	 * see it (sched_getaffinity, Cpus_allowed in /proc), so it is off unless asked.
	 */
	bool pin_cpu;
	/*
	 * Signals a launched guest starts with ignored (SIG_IGN), as it would have
	 * inherited them had the caller not put handlers of its own in their place
	 * (a handler becomes SIG_DFL at execve; SIG_IGN survives it). NULL: none.
	 */
	const sigset_t *guest_ignores;
	/*
	 * Bytes of user stack the kernel copies per call for stacks (hy_want_stacks):
	 * a power of two from 512 to 16384; 0 means 16384. Deeper stacks than this
	 * holds end early (the frames are marked truncated).
	 */
	unsigned int stack_size;
	/*
	 * Instead of argv: every task in this cgroup v2 directory or below it (a
	 * path, absolute or relative to where cgroup v2 is mounted), including
	 * tasks that join later; no ptrace, nothing stopped. The run ends at
	 * hy_request_stop().
	 */
	const char *cgroup;
	/* Instead of argv: every task of the host but this process. Ends likewise. */
	bool all_tasks;
	/*
	 * Serve the kernel's counts over HTTP at "IP:PORT" (GET /metrics) in
	 * Prometheus' text format while the run goes on: per cgroup, container,
	 * syscall and errno, plus hytrace's own health.
	 */
	const char *metrics;
	/* Cgroups kept apart in the counts (more go under "other"); 0: 256. */
	unsigned int max_groups;
	/*
	 * "HOST:PORT" (port 0: any free one): serve the first guest process to gdb
	 * (`target remote HOST:PORT`). It stops before its first instruction until
	 * gdb connects and continues; notice() gives the address it listens on.
	 */
	const char *gdbserver;
	/*
	 * How subscribed calls are handled: "ptrace" (a stop in hytrace per call),
	 * "guest" (the tools' syscall callbacks run inside the guest's own thread,
	 * reached by Syscall User Dispatch from a preloaded runtime: no stop; a
	 * launched dynamic executable only; docs/writing-tools.md says what a tool
	 * may assume there), or NULL / "auto": ptrace for now (the guest backend
	 * does not pass the whole suite yet).
	 */
	const char *backend;
	/*
	 * Run the command as this user (strace -u): its uid, gid and supplementary
	 * groups (@ngroups of @groups), set after hytrace's seccomp filter is
	 * installed and before the command is executed. @run_as_user false: as
	 * hytrace's own user.
	 */
	bool run_as_user;
	uid_t uid;
	gid_t gid;
	const gid_t *groups;
	int ngroups;
	/*
	 * With the guest backend: the site of a call no tool holds is rewritten
	 * at its first trap (`mov $NR,%eax; syscall` jumps to a stub that makes
	 * the call), so its later calls do not trap. It patches the guest's
	 * program and library text (HACKING.md says what is guaranteed).
	 */
	bool guest_rewrite;
};

/** Declare options @name for hy_run(): `HY_RUN_OPTS(o, .out = f, .strsize = 64);` */
#define HY_RUN_OPTS(name, ...)                                                                     \
	struct hy_run_opts name = { .sz = sizeof(struct hy_run_opts), __VA_ARGS__ }

/** Run-wide results of hy_run(). Declare them with HY_RUN_STATS(), which sets sz. */
struct hy_run_stats {
	size_t sz;		/* sizeof(struct hy_run_stats) as the caller was built */
	uint64_t events;	/* syscall events delivered */
	uint64_t kernel_events; /* of which recorded by the kernel */
	uint64_t escalations;	/* stops in a handler */
	uint64_t lost;		/* events the kernel could not record */
	uint64_t throttled;	/* times a guest thread was held back to drain the ring */
	uint64_t untracked;	/* tasks the kernel could not watch (their calls are missing) */
	uint64_t missed;	/* syscall program runs the kernel skipped (any task's) */
	bool kernel_recorder;	/* the kernel recorder ran */
	/* Why it did not, when it did not (valid until this thread's next hy_run()). */
	const char *kernel_unavailable;
	/* Tools whose output is incomplete (a write error, told with hy_fail in on_end). */
	uint64_t output_errors;
	uint64_t stacks;	   /* user stacks unwound (hy_want_stacks, hy_backtrace) */
	uint64_t stacks_truncated; /* of which deeper than the copy (stack_size) or 128 frames */
	bool kernel_totals;	   /* the summary was counted in the kernel, without records */
};

/** Declare results @name for hy_run(). */
#define HY_RUN_STATS(name) struct hy_run_stats name = { .sz = sizeof(struct hy_run_stats) }

/**
 * Run @argv (argv[0] looked up in PATH) under the tools of @opts and wait for the
 * whole tree. On success returns 0 and sets *@wstatus to the first process's
 * status as from waitpid(2). Returns a negative errno when the run could not start
 * (-EINVAL also for opts or stats without sz); hy_last_error() then says why in
 * one line. @stats may be NULL.
 */
HY_API int hy_run(const struct hy_run_opts *opts, char *const argv[], int *wstatus,
		  struct hy_run_stats *stats);

/**
 * Find @name as a shell would (PATH unless it contains '/') and check that it can
 * be executed; the path goes to @path. Returns 0, -ENOENT (not found) or -EACCES
 * / -EISDIR (found, cannot be executed), with hy_last_error() set. hy_run() does
 * the same; a CLI calls it first to exit 127/126 like a shell.
 */
HY_API int hy_which(const char *name, char *path, size_t size);

/**
 * Ask a running hy_run() (from a signal handler or another thread) to stop: launched
 * guests are killed, attached ones are detached, and the run ends normally.
 */
HY_API void hy_request_stop(void);

/** One line describing the last error of this thread (never NULL). */
HY_API const char *hy_last_error(void);

/* Built-in tools; the hytrace CLI is made of these and plugins. */
extern HY_API const struct hy_tool hy_tool_log;	    /* strace-style log (opts: format, time) */
extern HY_API const struct hy_tool hy_tool_summary; /* strace -c table */
extern HY_API const struct hy_tool hy_tool_record;  /* JSON Lines record file */
extern HY_API const struct hy_tool hy_tool_inject;  /* --inject rules */
extern HY_API const struct hy_tool hy_tool_stacks;  /* folded stacks (opts: file, trace, weight) */

#ifdef __cplusplus
}
#endif
#endif
