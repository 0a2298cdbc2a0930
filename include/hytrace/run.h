/* SPDX-License-Identifier: MIT */
/* libhytrace, running: hy_run()'s options, the syscall table, the built-in tools. Include "hytrace.h". */
#ifndef HYTRACE_RUN_H
#define HYTRACE_RUN_H

#include "writer.h"

#ifdef __cplusplus
extern "C" {
#endif

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
	 * may assume there), or NULL / "auto": the guest backend when a held call
	 * is one programs make in bulk (read, write, recv, poll, futex...) and the
	 * command, the kernel and every tool allow it (no HY_TOOL_ENFORCES tool,
	 * no on_rdtsc/on_cpuid, a plugin file, not a static or set-user-ID
	 * command, Linux 5.11+: notice() says which one failed), else ptrace.
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
	/*
	 * This process's malloc is glibc's and hytrace may tune it (mallopt(3)):
	 * while the BPF programs load, blocks of up to 32 MiB come from the heap
	 * and the stretch libbpf's big buffers land in is advised for transparent
	 * huge pages (~40 ms less per start here: HACKING.md, "Start-up and
	 * end"). Afterwards M_MMAP_THRESHOLD and M_TRIM_THRESHOLD stay fixed, at
	 * the size of the kernel's BTF and twice it, where glibc's own rule puts
	 * them in a run without this. A command's own process sets it; a program
	 * that embeds libhytrace and tunes malloc itself leaves it off.
	 */
	bool tune_malloc;
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

/**
 * Ask a running hy_run() (from a signal handler or another thread) to end as
 * strace does when it is interrupted: @sig (0: none, as when the terminal sent
 * it to the command's process group already) goes to the launched command, whose
 * handlers run with its calls still traced, and what is left of its tree after
 * a grace of 3 s, or at a second request, is killed. Attached and watched tasks
 * are let go at once, as by hy_request_stop().
 */
HY_API void hy_request_end(int sig);

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
