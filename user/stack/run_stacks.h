/* SPDX-License-Identifier: MIT */
/*
 * Stacks in a run: where the tracer, the kernel recorder's drain and the tool
 * API meet the stack modules (stacks.h).
 */
#ifndef HY_RUN_STACKS_H
#define HY_RUN_STACKS_H

#include <stdbool.h>
#include <stddef.h>

#include "call.h"
#include "session.h"
#include "stack/stacks.h"

/** After the tools' init: set up unwinding if some tool wants stacks. Returns 0 or -ENOMEM. */
int hy_run_stacks_open(struct hy_session *s);
void hy_run_stacks_close(struct hy_session *s);
/** The run's stack counts into its stats. */
void hy_run_stacks_count(struct hy_session *s);
/**
 * After the kernel recorder opened: the calls a launched guest stops at for -k
 * (those no tool holds: s->stack_stops).
 */
void hy_run_stacks_escalate(struct hy_session *s);
/** Whether a task held at a syscall drains first: its stacks unwind while its code is there. */
bool hy_run_stacks_drain_at_stops(const struct hy_session *s);
/**
 * Whether @c is held only for that (hy_run_stacks_escalate()): it goes on at
 * once, not counted as an escalation nor seen by any tool.
 */
bool hy_run_stacks_stop_only(const struct hy_session *s, const struct hy_call *c);
/** The launched guest runs hytrace's own code until its exec: its mappings are ours. */
void hy_run_stacks_seed(struct hy_session *s);
/**
 * Process @pid was attached to: its mappings, read now (without a stop at its
 * end, its last calls may be unwound after it is gone).
 */
void hy_run_stacks_attached(struct hy_session *s, pid_t pid);
/** A record drained from the kernel, before the merge sees it. */
void hy_run_stacks_kernel(struct hy_session *s, const void *rec, size_t len);
/** A finished call about to go to the tools: add its kernel-recorded stack. */
void hy_run_stacks_event(struct hy_session *s, struct hy_record *r);
/** A record the tracer makes at a stop (no kernel recorder, or a skipped call). */
void hy_run_stacks_record(struct hy_session *s, struct hy_task *t, struct hy_record *r);
/**
 * Unwind a thread of process @tgid held where hytrace has no stop (the guest
 * backend's runtime asks: guest_backtrace.c) from @regs, its memory read by
 * @read: the packed frames, valid until the next unwinding, or NULL.
 */
const struct hy_bytes *hy_run_stacks_unwind(struct hy_session *s, pid_t tgid,
					    const struct hy_stack_regs *regs, hy_stack_read read,
					    void *read_ctx);
/**
 * Leave the frames of the file at @path out of the run's stacks (the guest
 * backend's runtime, which its guests' stacks pass through: a thread's start).
 */
void hy_run_stacks_hide(struct hy_session *s, const char *path);
/** @t executed (seen by the tracer; the kernel recorder has its own record of it). */
void hy_run_stacks_exec(struct hy_session *s, struct hy_task *t);

#endif
