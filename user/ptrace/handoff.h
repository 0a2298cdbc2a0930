/* SPDX-License-Identifier: MIT */
/*
 * The guest backend's launched command until its runtime arms (handoff.c):
 * every call of the new image stops; the loader's loading of the runtime (and
 * of the plugins preloaded) is hytrace's own and no tool sees it; the runtime's arming ends the loop
 * (internal to user/ptrace/; run.c drives it through ptrace.h).
 */
#ifndef HY_PT_HANDOFF_H
#define HY_PT_HANDOFF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "preload_loading.h"

struct hy_session;
struct hy_task;
struct hy_pt_task;

enum hy_pt_own {
	HY_PT_OWN_NONE,
	HY_PT_OWN_EXPECT,  /* the next openat may be the next preloaded object's */
	HY_PT_OWN_LOADING, /* every call up to the close of its descriptor */
	HY_PT_OWN_RELRO,   /* the mprotects of their RELRO */
};

/* One task being handed off: seized until its new image's runtime arms. */
struct hy_pt_handoff_task {
	pid_t tid;   /* 0: a free entry */
	bool execed; /* its execve happened: each of its calls stops from now */
	bool armed;  /* it stopped at the runtime's arming: it is let go there */
	bool keep;   /* its new image has no runtime: it stays traced (ptraced) */
	enum hy_pt_own own;
	bool own_exit; /* the call held at entry was hytrace's own: its exit too */
	int64_t fd;    /* the object's descriptor while the loader loads it */
	struct hy_preload_loading load;
};

/* As many as the region's hand-off slots (HY_GUEST_MAX_SLOTS: run.c checks). */
#define HY_PT_HANDOFFS 16

struct hy_pt_handoff {
	/* the runtime's file, then the plugins the loader preloads, as LD_PRELOAD's front */
	char preload[PATH_MAX];
	struct hy_pt_handoff_task task[HY_PT_HANDOFFS]; /* concurrent execs, side by side */
};

/** @tid's hand-off, or NULL (@h may be NULL: no guest run). */
struct hy_pt_handoff_task *hy_pt_handoff_find(struct hy_pt_handoff *h, pid_t tid);

/**
 * At a syscall-entry stop of @t: whether the call is no guest's to show the
 * tools (the runtime's loading, or its arming: then its entry's armed).
 */
bool hy_pt_handoff_entry(struct hy_pt_handoff *h, struct hy_task *t);

/** At the exec event of the task handed off: its loader starts, with the first preloaded object. */
void hy_pt_handoff_execed(struct hy_pt_handoff_task *ht);

/** At its exit stop: what the loading returned (an object's descriptor, its mapping). */
void hy_pt_handoff_exit(struct hy_pt_handoff *h, struct hy_task *t);

/**
 * Whether @pid's image (at its exec event) is a dynamic 64-bit program, not
 * executed set-ID (AT_SECURE), which a runtime may go into: a hand-off asked to be kept that executes one after
 * all (the program it was granted for failed to execute) ends as any other.
 */
bool hy_pt_handoff_runtime_image(pid_t pid);

/**
 * Whether @tid is a hand-off's task after its exec, before its runtime
 * arms: each of its calls stops (@h may be NULL: no hand-off).
 */
bool hy_pt_handoff_each_call(struct hy_pt_handoff *h, pid_t tid);

/**
 * An exec event of the guest backend's run: the recorder's exec record runs
 * on_exec (drained now, before the new image's first call). A hand-off's
 * task stops at each call from here until its runtime arms (its slot's
 * owner moved to its new tid); one kept for good (no runtime goes into its
 * program) and every task of a ptraced process also has its forks and
 * clones followed, and the hand-off's slot is free again. @pt goes on.
 */
void hy_pt_handoff_exec(struct hy_session *s, struct hy_pt_task *pt);

/**
 * Task @tid is gone (its exit status): whatever hand-off it held or asked
 * for ends (its entry, and every slot of the region it owns, in any
 * state: an execve of a ptraced process's that took one included), now,
 * before the drain: its parent may exec the moment this wait told it.
 */
void hy_pt_handoff_task_gone(struct hy_session *s, pid_t tid);

#endif
