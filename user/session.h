/* SPDX-License-Identifier: MIT */
/*
 * One run of hy_run(): its tools, the tasks of the guest tree, the two sources
 * of events (the backend's held calls and the kernel recorder) and where they
 * meet (the merge). No global state: everything a run needs hangs off struct
 * hy_session. This header declares the types only; each module's functions are
 * in its own header.
 */
#ifndef HY_SESSION_H
#define HY_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "hytrace.h"
#include "inherited.h"
#include "kf_request.h"
#include "path_files.h"
#include "pidns.h"
#include "sysset.h"
#include "tasks.h"

struct hy_backend_ops;
struct hy_krec;
struct hy_merge;
struct hy_production;
struct hy_ptrace;
struct hy_guest;
struct hy_stacks;

/* When the kernel's ring was drained and the output flushed (drain.c). */
struct hy_drain_state {
	uint64_t last_ns;	/* of the last drain */
	uint64_t period_ns;	/* how often to drain now */
	uint64_t last_flush_ns; /* of the run's output */
};

/* Deferred calls of the run (deferred.c). */
struct hy_defer_state {
	struct hy_deferred *_Atomic queued; /* resumed, not yet run: a lock-free stack */
	struct hy_deferred *all;	    /* every live handle; the backend's thread only */
	struct hy_deferred *ready;	    /* resumed, taken from the stack: oldest first */
	unsigned int held;
	/* Interrupts the backend's wait (async-signal-safe); set by the backend. */
	void (*wake)(void *ctx);
	void *wake_ctx;
};

struct hy_tool_inst {
	const struct hy_tool *tool; /* points at copy, in this library's layout */
	struct hy_tool copy;
	void *global;
	struct hy_sysset subscription; /* where it stops */
	struct hy_sysset watch;	       /* what its on_event sees */
	bool watch_set;		       /* hy_watch() was called (perhaps with "none") */
	bool want_stacks;	       /* hy_want_stacks(): its events carry their user stack */
	struct hy_kf_request kf;       /* hy_kernel_filter() */
	/* the guest backend: its tasks' start callbacks run in the guests (but ptraced ones') */
	bool starts_in_guest;
	int nopts;
	const char *const *keys;
	const char *const *values;
};

struct hy_session {
	struct hy_run_opts opts; /* the caller's, in this library's layout */
	FILE *out;
	unsigned int strsize;
	/* HY_PLAN_* (capture_plan.h): hy_want_environment(), hy_want_dirents() */
	unsigned int plan_verbose;
	bool want_ip;	 /* hy_want_ip(): each call's instruction pointer is recorded */
	bool want_socks; /* hy_want_sockets(): sockets are read in the kernel (HY_KEV_SOCK) */
	int ntools;
	int ninit; /* tools whose init was called */
	struct hy_tool_inst *tools;
	struct hy_sysset escalate;    /* the calls some tool holds */
	struct hy_sysset shown;	      /* syscalls whose events some tool wants */
	struct hy_sysset memory;      /* ...with the memory their arguments point to */
	struct hy_sysset stack_set;   /* ...with their user stack (-k) */
	struct hy_sysset stack_stops; /* held only so that stacks unwind first (-k), no tool's */
	struct hy_stacks *stacks;     /* unwinding and symbolizing (stack/run_stacks.c), or NULL */
	pid_t stack_live_tid;	      /* whose held call stacks' live frames are of */
	uint64_t stack_live_ts;
	struct hy_krec *krec;
	struct hy_path_files path_files; /* -P's files, by identity (path_files.h) */
	struct hy_merge *merge;
	struct hy_drain_state drain;
	struct hy_defer_state defer;
	struct hy_production *prod; /* production.h: cgroup/-a runs, kernel totals, metrics */
	struct hy_tasks tasks;
	struct hy_pidns_map pidns;
	const struct hy_backend_ops *backend;
	struct hy_ptrace *pt;	/* the ptrace backend's state */
	struct hy_guest *guest; /* the in-guest backend's state (guest/guest.h) */
	/* the command runs on it (decided before the recorder opens; else ptrace) */
	bool guest_run;
	bool guest_auto;       /* the guest backend was `auto`'s choice, not --backend=guest */
	char guest_unfit[256]; /* why `auto`'s guest run could not be set up, said at the launch */
	bool global_shared;    /* tools' global state lives in a shared region, not the heap */
	/* A backend's look at each kernel record first; true: it took it (guest notes). */
	bool (*record_hook)(struct hy_session *s, const void *rec, size_t len);
	/* signals a thread sent itself inside a call, told after it (kernel_signals.c) */
	struct hy_tidmap late_signals;
	struct hy_inherited inherited; /* what a launched guest must start with */
	pid_t first_pid;
	int first_status;
	struct hy_run_stats stats;
	char kernel_unavailable[256];
};

/* What a tool's callback gets: the run, the tool, and the task and call concerned. */
struct hy_ctx {
	struct hy_session *s;
	struct hy_task *task; /* NULL in init/on_end */
	int tool;
	struct hy_call *call; /* in on_syscall_enter/exit */
	const siginfo_t *siginfo;
	uint64_t sig_ip;  /* on_signal: where the task was (hy_want_ip()); 0: unknown */
	bool sig_stops;	  /* on_signal: a stop signal at its default action */
	uint64_t task_ns; /* on_thread_start/exit: when the task began or ended; 0: unknown */
	int exec_tid;	  /* on_exec: the thread that called execve (hy_exec_tid()) */
	bool failed;	  /* the callback called hy_fail() */
};

#endif
