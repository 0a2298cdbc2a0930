/* SPDX-License-Identifier: MIT */
/*
 * The tool runtime: which tool callbacks run, in what order, with which state.
 * Backends and the kernel-only loop report what happened (a task appeared, a
 * call was held, a signal came, a call finished); this module alone turns that
 * into callbacks and owns the lifetime of the tools' process and thread state.
 */
#ifndef HY_RUNTIME_H
#define HY_RUNTIME_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "hytrace.h"

struct hy_record;
struct hy_session;
struct hy_task;

/** Allocate global state and call every tool's init; build the run's sets. */
int hy_rt_init(struct hy_session *s);
/** on_end for every tool whose init ran; @ran false: the run never started. */
void hy_rt_end(struct hy_session *s, bool ran);

/**
 * The task of @tid; a new one is registered (in process @tgid made by @ppid, 0
 * when unknown) with fresh or copied state, and its start callbacks run.
 */
struct hy_task *hy_rt_task_get(struct hy_session *s, pid_t tid, pid_t tgid, pid_t ppid);
/**
 * hy_rt_task_get() for a task a fork or clone made at @fork_ns (CLOCK_MONOTONIC
 * ns): a new process knows when (hy_process_fork_ns()).
 */
struct hy_task *hy_rt_task_fork(struct hy_session *s, pid_t tid, pid_t tgid, pid_t ppid,
				uint64_t fork_ns);
/** The task is gone: exit callbacks, then its state and registry entry go. */
void hy_rt_task_exit(struct hy_session *s, struct hy_task *t, int wstatus);
/* hy_rt_task_exit() of a task whose end was seen at @ns (CLOCK_MONOTONIC; 0: unknown) */
void hy_rt_task_exit_at(struct hy_session *s, struct hy_task *t, int wstatus, uint64_t ns);
/** Drop a task no longer traced (detached), without exit callbacks. */
void hy_rt_task_forget(struct hy_session *s, struct hy_task *t);
/**
 * The task @tid of an attached run (-p) was attached or is let go (@what:
 * "attached", "detached"): told through opts.notice as strace tells it,
 * "Process TID attached" (scripts wait for that line).
 */
void hy_rt_note_process(struct hy_session *s, pid_t tid, const char *what);
/**
 * The process of the task now called @tid executed a new program; @old_tid is
 * the tid it had (exec from a non-leader thread takes the leader's). Returns
 * the task, or NULL when neither tid is known.
 */
struct hy_task *hy_rt_exec(struct hy_session *s, pid_t tid, pid_t old_tid);
/** Free every task and process state left at the end of the run. */
void hy_rt_tasks_free(struct hy_session *s);

/**
 * Run the handlers of @t's held call at entry; returns how it continues (also
 * in t->call.cont). When one deferred the call (t->call.deferred), the rest run
 * when it is resumed, and the backend keeps the call held until then.
 */
enum hy_cont hy_rt_call_enter(struct hy_session *s, struct hy_task *t);
/** ...and at its exit, for the tools that asked (the same about deferral). */
void hy_rt_call_exit(struct hy_session *s, struct hy_task *t);
/**
 * A call deferred by @tool was resumed: its on_resume with @cookie, then the
 * handlers of the later tools. @t is NULL when the task is gone.
 */
void hy_rt_call_resume(struct hy_session *s, struct hy_task *t, int tool, void *cookie);
/**
 * On the backend's thread: run every deferred call that is due at @now
 * (hy_rt_call_resume(), then the backend goes on with the call unless it was
 * deferred again). Returns how many.
 */
int hy_rt_run_deferred(struct hy_session *s, uint64_t now);
/** A signal for @t: returns the one to deliver (0: none). @stops: hy_signal_stops()'s. */
int hy_rt_signal(struct hy_session *s, struct hy_task *t, int sig, const siginfo_t *si, uint64_t ip,
		 bool stops);
/** Whether a tool intercepts instructions or wants the vDSO's clocks as syscalls. */
bool hy_rt_wants_insns(const struct hy_session *s);
/** @t executed RDTSC (RDTSCP: @aux not NULL): each tool's on_rdtsc may change what it reads. */
void hy_rt_rdtsc(struct hy_session *s, struct hy_task *t, uint64_t *tsc, uint32_t *aux);
/** @t executed CPUID: each tool's on_cpuid may change @regs (eax, ebx, ecx, edx). */
void hy_rt_cpuid(struct hy_session *s, struct hy_task *t, uint32_t leaf, uint32_t subleaf,
		 uint32_t regs[4]);
/** One finished syscall, to the tools that watch it. */
void hy_rt_event(struct hy_session *s, struct hy_record *r);

#endif
