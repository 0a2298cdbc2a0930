/* SPDX-License-Identifier: MIT */
/*
 * The registry of the guest tree's tasks and processes: who exists, by tid and
 * tgid. It runs no callbacks; the runtime (runtime.h) decides what a task's
 * arrival, exec and exit mean for the tools.
 *
 * A backend that keeps per-task state of its own embeds struct hy_task at the
 * start of a bigger struct and sets the registry's task size (container_of).
 */
#ifndef HY_TASKS_H
#define HY_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "call.h"
#include "record.h"
#include "tidmap.h"

#define HY_MAX_CODE_RANGES 16

struct hy_proc {
	pid_t tgid, ppid;
	uint64_t fork_ns; /* when its parent forked it (CLOCK_MONOTONIC); 0: unknown */
	int nthreads;
	void **state; /* per tool */
	/*
	 * The guest backend holds its calls through ptrace, not in the guest: a
	 * program no runtime goes into (static, 32-bit) and its descendants (a
	 * process made by one such is one too).
	 */
	bool ptraced;
	/*
	 * ...and hytrace's seccomp filter is in it (installed at the exec that
	 * made it ptraced, inherited by its children): only the held calls stop.
	 */
	bool filtered;
	/*
	 * ...and where the code is whose calls its filters stop (kept_filter.c):
	 * each static program it or an ancestor executed under ptrace left a
	 * filter that holds only the calls made from that program's code, so a
	 * program executed later whose code is elsewhere can go untraced.
	 * n < 0: a filter holds the calls made from anywhere.
	 */
	struct hy_code_ranges {
		int n;
		uint64_t lo[HY_MAX_CODE_RANGES], hi[HY_MAX_CODE_RANGES];
	} filter_code;
};

struct hy_task {
	pid_t tid;
	struct hy_proc *proc;
	void **state;	       /* per tool */
	struct hy_call call;   /* the held call */
	struct hy_record rec;  /* no kernel recorder: the held call as recorded */
	const char *last_call; /* the name of its last call delivered (hy_rt_event) */
};

struct hy_tasks {
	struct hy_tidmap tasks;
	struct hy_tidmap procs;
	size_t task_size; /* bytes allocated per task, >= sizeof(struct hy_task) */
	int nptraced;	  /* processes with ptraced set */
};

void hy_tasks_init(struct hy_tasks *ts, size_t task_size);
/** Free every task and process (their states must be freed already or be NULL). */
void hy_tasks_free(struct hy_tasks *ts);

struct hy_task *hy_task_find(const struct hy_tasks *ts, pid_t tid);
struct hy_proc *hy_proc_find(const struct hy_tasks *ts, pid_t tgid);
/** @p's calls are held through ptrace from now (hy_proc.ptraced), its descendants' too. */
void hy_proc_set_ptraced(struct hy_tasks *ts, struct hy_proc *p);
/** @p's calls are held in it now (a runtime goes into its new program); its filters stay. */
void hy_proc_clear_ptraced(struct hy_tasks *ts, struct hy_proc *p);
/**
 * Add task @tid, zero-filled, to process @tgid (0: read from /proc), made with
 * parent @ppid (0: from /proc) when it is new; *@new_proc says so. NULL on ENOMEM.
 */
struct hy_task *hy_task_add(struct hy_tasks *ts, pid_t tid, pid_t tgid, pid_t ppid, bool *new_proc);
/** Remove @t (and its process with its last thread) and free them. */
void hy_task_remove(struct hy_tasks *ts, struct hy_task *t);
/** Give @t the tid @new_tid (exec from a non-leader thread takes the leader's). */
void hy_task_retid(struct hy_tasks *ts, struct hy_task *t, pid_t new_tid);
/** Call @fn for every task (the registry must not change meanwhile). */
void hy_tasks_each(const struct hy_tasks *ts, void (*fn)(void *ctx, struct hy_task *t), void *ctx);
/** Call @fn for every process. */
void hy_procs_each(const struct hy_tasks *ts, void (*fn)(void *ctx, struct hy_proc *p), void *ctx);
/** Tasks in the registry. */
size_t hy_tasks_count(const struct hy_tasks *ts);

#endif
