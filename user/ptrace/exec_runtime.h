/* SPDX-License-Identifier: MIT */
/*
 * A ptraced process of the guest backend (a static program and its forks)
 * executes a dynamic program: the runtime goes into it and it is handed off
 * as a guest's own execve is (exec_runtime.c; internal to user/ptrace/).
 */
#ifndef HY_PT_EXEC_RUNTIME_H
#define HY_PT_EXEC_RUNTIME_H

#include <stdbool.h>

struct hy_session;
struct hy_pt_task;

/**
 * At the stop of an execve or execveat of @pt (ptraced, its filter ranged),
 * its arguments as they will run: when it executes a dynamic 64-bit program
 * whose code cannot be where the process's filters hold calls, and the
 * region has a free hand-off slot, the runtime's variables go into its
 * environment (after the guest's own entries, the record told) and the slot
 * is taken (its task's end frees it: hy_pt_handoff_task_gone()). @preload: the objects LD_PRELOAD gets in front. True when they did.
 */
bool hy_pt_exec_runtime_entry(struct hy_session *s, struct hy_pt_task *pt, const char *preload);
/** At that execve's exit stop, failed: its register and the slot given back. */
void hy_pt_exec_runtime_failed(struct hy_session *s, struct hy_pt_task *pt);
/** At its exec event: whether its execve got them (asked once: false after). */
bool hy_pt_exec_runtime_took(struct hy_session *s, struct hy_pt_task *pt);

#endif
