/* SPDX-License-Identifier: MIT */
/*
 * The ptrace backend: a launched guest under a seccomp filter whose subscribed
 * calls stop in a seccomp stop, or attached processes that stop at every call.
 * One thread waits for the stops of the whole tree and hands each held call to
 * the runtime. This is the backend's whole interface to the core (run.c).
 */
#ifndef HY_PTRACE_H
#define HY_PTRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct hy_backend_ops;
struct hy_session;
struct hy_task;

/**
 * Make @s a ptrace session: its backend state, task size and operations.
 * @attached: the guests are attached processes (every call stops; never killed).
 */
int hy_pt_open(struct hy_session *s, bool attached);
void hy_pt_close(struct hy_session *s);

/** Start @path with @argv under ptrace and the filter of the session's escalate set. */
int hy_pt_launch(struct hy_session *s, const char *path, char *const argv[]);
/** Seize every thread of process @pid. */
int hy_pt_attach(struct hy_session *s, pid_t pid);
/** Follow the tree until every task is gone (or, handing off, until the runtime arms). */
int hy_pt_loop(struct hy_session *s);

/**
 * The guest backend's hand-off (handoff.c): trace the launched @pid (in the
 * launch's "ready", before it executes) so that each call of its new image
 * stops until the preloaded runtime arms; hy_pt_loop() then returns with
 * the task held at that arming. @preload: the objects hytrace puts in front
 * of LD_PRELOAD (the runtime, then the plugins preloaded, ':' between),
 * whose loading is no call of the guest's.
 */
int hy_pt_handoff_seize(struct hy_session *s, pid_t pid, const char *preload);
/**
 * A hand-off's task held at its runtime's arming (the launch's, once
 * hy_pt_loop() returned), or 0: none (the command ended first).
 */
pid_t hy_pt_handoff_armed(const struct hy_session *s);
/** Let go of @tid there: the runtime takes its calls over (PTRACE_DETACH, its task kept). */
void hy_pt_handoff_release(struct hy_session *s, pid_t tid);
/**
 * Between the guest backend's drains, the execs' hand-offs (each task seized
 * by hy_pt_handoff_seize() while it runs; several side by side): handle
 * their stops for up to @ms (and those of ptraced processes, waiting for
 * none); a task held at its runtime's arming, or 0.
 */
pid_t hy_pt_handoff_step(struct hy_session *s, int ms);
/** Whether @tid is being handed off (seized, not let go); @tid 0: any task. */
bool hy_pt_handoff_seized(const struct hy_session *s, pid_t tid);
/** Whether a task of process @pid (or the task @pid) is being handed off. */
bool hy_pt_handoff_in_process(const struct hy_session *s, pid_t pid);
/**
 * @tid, seized for an execve that then failed (its runtime says so, at its
 * next call): let go of it before its exec (PTRACE_INTERRUPT, then
 * PTRACE_DETACH with the signal it stopped for, if any). No hand-off after.
 */
void hy_pt_handoff_let_go(struct hy_session *s, pid_t tid);
/**
 * @tid, seized, has no runtime to hand off to (a static or 32-bit program):
 * from its exec on its process and descendants stay traced, each call
 * stopping, their forks and clones followed (hy_proc.ptraced).
 */
void hy_pt_handoff_keep(struct hy_session *s, pid_t tid);
/*
 * What the guest backend lends the hand-off so that a dynamic program a
 * ptraced process executes gets the runtime, and a task's end frees what it
 * held of the region (run.c joins the two).
 */
struct hy_pt_runtime {
	/* take a free hand-off slot of the region for @tid: false when every one is taken */
	bool (*claim)(struct hy_session *s, pid_t tid);
	/* @from's slot is @to's now (its exec may have moved it), or free again (@to 0) */
	void (*moved)(struct hy_session *s, pid_t from, pid_t to);
	/* @tid is gone: every slot it owns, in any state, is free */
	void (*gone)(struct hy_session *s, pid_t tid);
	/* the variable that names the region, "NAME=PATH" */
	const char *(*region_var)(struct hy_session *s);
	/* @tid's next execve record shows the guest's @n own entries, at @envp */
	void (*env_note)(struct hy_session *s, pid_t tid, uint64_t n, uint64_t envp);
};
/** Lend @rt to the hand-off of the guest backend's run @s (after hy_pt_open()). */
void hy_pt_handoff_runtime(struct hy_session *s, const struct hy_pt_runtime *rt);
/** Whether @t's calls stop in hytrace now (a hand-off after its exec, or ptraced). */
bool hy_pt_holds(const struct hy_session *s, const struct hy_task *t);
/** The ptrace backend's operations, for the tasks it holds in a guest run. */
extern const struct hy_backend_ops hy_pt_ops;

#endif
