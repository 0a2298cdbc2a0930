/* SPDX-License-Identifier: MIT */
/*
 * One run of hy_run(): the tools and their state, the tasks of the guest tree,
 * and the two sources of events (tracer and kernel recorder). No global state:
 * everything a run needs hangs off struct hy_session.
 */
#ifndef HY_SESSION_H
#define HY_SESSION_H

#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "hytrace.h"
#include "record.h"
#include "sysset.h"
#include "tidmap.h"

struct hy_krec;
struct hy_merge;

struct hy_tool_inst {
	const struct hy_tool *tool;
	void *global;
	struct hy_sysset subscription; /* where it stops */
	struct hy_sysset watch;	       /* what its on_event sees */
	bool watch_set;		       /* hy_watch() was called (perhaps with "none") */
	int nopts;
	const char *const *keys;
	const char *const *values;
};

struct hy_proc {
	pid_t tgid, ppid;
	int nthreads;
	bool exited;
	void **state; /* per tool */
};

/* The syscall a task is stopped in, as the handlers see and change it. */
struct hy_stop {
	enum hy_abi abi;
	long nr;     /* without the x32 bit */
	long raw_nr; /* as in the register */
	uint64_t args[6];
	uint64_t orig_args[6];
	int64_t ret;
	bool ret_changed;
	bool at_exit;
	bool modified;
	bool injected;
	uint64_t ts;
	uint64_t sp;
	size_t scratch_used;
	uint32_t exit_tools; /* bit per tool that asked for on_syscall_exit */
	bool record_exit;    /* no kernel recorder: the tracer records the call */
	int entry_op;	     /* PTRACE_SYSCALL_INFO_SECCOMP or _ENTRY */
};

struct hy_task {
	pid_t tid;
	struct hy_proc *proc;
	void **state; /* per tool */
	bool seen_stop;		/* the first ptrace stop after attaching happened */
	bool in_exit_stop;	/* resumed with PTRACE_SYSCALL: the next syscall stop is an exit */
	bool replay;		/* re-running the original call after injections */
	bool started;		/* on_thread_start was called */
	struct hy_stop stop;
	/* the handlers' decision, kept for the replay after injections */
	enum hy_cont cont;
	int64_t skip_ret;
	uint64_t decided_args[6];
	bool decided_modified;
	struct hy_record rec;	/* no kernel recorder: the call being recorded */
	/* injections (syscall_stop.c) */
	bool injecting;
	struct user_regs_struct inj_regs; /* as the original call stopped */
	int inj_sig;			  /* a signal that arrived meanwhile */
	bool dead;			  /* it died during an injection */
	int dead_status;
	/* cpu_affinity.c */
	bool pinned;
	cpu_set_t own_cpus;
	uint64_t last_escalation;
};

struct hy_session {
	const struct hy_run_opts *opts;
	FILE *out;
	unsigned int strsize;
	int ntools;
	int ninit; /* tools whose init was called */
	struct hy_tool_inst *tools;
	struct hy_sysset escalate; /* the seccomp filter's set */
	struct hy_sysset shown;	   /* syscalls whose events some tool wants */
	struct hy_sysset memory;   /* ...with the memory their arguments point to */
	struct hy_krec *krec;
	struct hy_merge *merge;
	struct hy_tidmap tasks;
	struct hy_tidmap procs;
	pid_t first_pid;
	int first_status;
	bool first_done;
	bool attach_mode;    /* guests were attached, not launched: detach, never kill */
	bool syscall_stops;  /* attached with ptrace: every call stops at entry and exit */
	bool detaching;
	int tracer_cpu;		/* the CPU escalating threads are kept on, or -1 */
	/* pidns.c */
	struct hy_pidns pidns;
	uint64_t self_pidns;
	struct pidns_ent *pidns_ent;
	size_t npidns, cap_pidns;
	uint64_t cpu_now;
	bool set_syscall_info; /* the kernel has PTRACE_SET_SYSCALL_INFO */
	struct hy_run_stats stats;
	uint64_t last_drain_ns;
	uint64_t last_flush_ns; /* of out */
	timer_t timer;		/* interrupts waitpid to drain the ring */
	bool timer_on;
	uint64_t drain_period_ns;
};

struct hy_ctx {
	struct hy_session *s;
	struct hy_task *task; /* NULL in init/on_end */
	int tool;
	struct hy_stop *stop; /* in syscall callbacks */
	const siginfo_t *siginfo;
};

/* ---- tasks.c ---- */
/** The task of @tid, creating it (and its process) when new. @ppid_hint: parent process. */
struct hy_task *hy_task_get(struct hy_session *s, pid_t tid, pid_t tgid_hint, pid_t ppid_hint);
struct hy_task *hy_task_find(struct hy_session *s, pid_t tid);
/** The task is gone: thread/process exit callbacks and state release. */
void hy_task_exit(struct hy_session *s, struct hy_task *t, int wstatus);
/** The process executed; @t may have a new tid (@old_tid). */
void hy_task_exec(struct hy_session *s, struct hy_task *t);
/** Drop a task we no longer trace (detached), without exit callbacks. */
void hy_task_forget(struct hy_session *s, struct hy_task *t);
/** Change the tid of a task (exec from a non-leader thread). */
struct hy_task *hy_task_rename(struct hy_session *s, pid_t old_tid, pid_t new_tid);
void hy_tasks_free(struct hy_session *s);

/* ---- tool_runtime.c ---- */
int hy_tools_init(struct hy_session *s);
/** on_end for every tool whose init ran; @ran false: the run never started. */
void hy_tools_end(struct hy_session *s, bool ran);
/** Run the handlers of the stopped syscall; returns the continuation. */
enum hy_cont hy_tools_syscall_enter(struct hy_session *s, struct hy_task *t);
void hy_tools_syscall_exit(struct hy_session *s, struct hy_task *t);
int hy_tools_signal(struct hy_session *s, struct hy_task *t, int sig, const siginfo_t *si);
/** Deliver one finished syscall to the tools that want it. */
void hy_tools_event(struct hy_session *s, struct hy_record *r);
void hy_tools_thread_start(struct hy_session *s, struct hy_task *t);
void hy_tools_process_start(struct hy_session *s, struct hy_task *t, struct hy_proc *parent);

/* ---- cpu_affinity.c ---- */
void hy_cpu_init(struct hy_session *s);
/** @t stopped in a handler at @now: keep it on the tracer's CPU while it escalates. */
void hy_cpu_escalated(struct hy_session *s, struct hy_task *t, uint64_t now);
void hy_cpu_inherit(struct hy_task *child, const struct hy_task *parent);
/** Periodic: give threads that stopped escalating their own affinity back. */
void hy_cpu_tick(struct hy_session *s, uint64_t now);

/* ---- pidns.c ---- */
void hy_pidns_init(struct hy_session *s);
/** Remember the namespace and own id of a task that just appeared. */
void hy_pidns_task(struct hy_session *s, pid_t tid);
void hy_pidns_free(struct hy_session *s);

/* ---- attach.c ---- */
/** Attach to every thread of @pid (ptrace when @ptrace, else kernel recorder only). */
int hy_attach(struct hy_session *s, pid_t pid, bool ptrace);
/** Kernel-only attach: drain until every watched task is gone or a stop is asked. */
int hy_watch_loop(struct hy_session *s);
/** hy_request_stop() was called. */
bool hy_stop_requested(void);

/* ---- tracer.c ---- */
/** Follow the tree until every task is gone. */
int hy_trace_loop(struct hy_session *s);
/** Bring the merge up to date with the kernel's records. */
void hy_drain(struct hy_session *s);
uint64_t hy_now_ns(void);

/* ---- syscall_stop.c: backend operations on a stopped task ---- */
/** Read the stopped syscall; returns the PTRACE_SYSCALL_INFO_* kind of stop or -errno. */
int hy_stop_load(struct hy_session *s, struct hy_task *t);
int hy_stop_set_arg(struct hy_task *t, int i, uint64_t v);
int hy_stop_apply(struct hy_session *s, struct hy_task *t, enum hy_cont cont, int64_t skip_ret);
int hy_stop_set_return(struct hy_task *t, int64_t v);
int hy_stop_inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		   int64_t *result);
/** After the handlers injected calls: rewind so the original call enters (and stops) again. */
int hy_stop_inject_finish(struct hy_task *t);
ssize_t hy_guest_read(pid_t tid, uint64_t addr, void *buf, size_t len);
ssize_t hy_guest_write(pid_t tid, uint64_t addr, const void *buf, size_t len);
/** Capture the memory the table says the call's arguments point to, for @phase. */
void hy_capture_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
		     enum hy_phase phase);

#endif
