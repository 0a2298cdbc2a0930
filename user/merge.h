/* SPDX-License-Identifier: MIT */
/*
 * The merge: kernel records (enter/exit pairs per thread) and the tracer's notes
 * (what a handler did to an escalated call) become one event per syscall, handed
 * to a sink in completion order. A note is matched to the kernel record of the
 * same thread that follows it in time: the tracer takes a note's timestamp
 * before it lets the thread go on, and the kernel stamps the call's sys_enter
 * after that.
 */
#ifndef HY_MERGE_H
#define HY_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

struct hy_merge;

typedef void (*hy_merge_sink)(void *ctx, struct hy_record *r);

struct hy_merge *hy_merge_new(hy_merge_sink sink, void *ctx);
void hy_merge_free(struct hy_merge *m);

/*
 * Tasks seen by the kernel recorder (HY_KEV_FORK/EXEC/TASK_EXIT with tid, tgid,
 * aux), for runs where no tracer sees them (kernel-only attach).
 */
typedef void (*hy_merge_task_sink)(void *ctx, int type, int tid, int tgid, int aux, uint64_t ts);
void hy_merge_set_task_sink(struct hy_merge *m, hy_merge_task_sink sink, void *ctx);

/*
 * Reads into @r, from its held task, the entry memory the kernel recorder
 * could not read (an exit record with HY_SYS_LIVE: the task is held by a
 * SIGSTOP its tracer swallows, so its memory is as the call left it).
 */
typedef void (*hy_merge_reader)(void *ctx, struct hy_record *r);
void hy_merge_set_reader(struct hy_merge *m, hy_merge_reader reader, void *ctx);

/** One ring buffer record (enum hy_kev_type). */
void hy_merge_kernel(struct hy_merge *m, const void *rec, size_t len);

/**
 * The tracer let an escalated call run; it was held at @ts. @flags:
 * HY_EV_ESCALATED plus HY_EV_MODIFIED / HY_EV_INJECTED / HY_EV_DELAYED (the
 * call then began when it was held: the delay is part of its time, as in
 * strace); @want_exit: a handler will report a replacement return value with
 * hy_merge_note_exit().
 */
void hy_merge_note_run(struct hy_merge *m, int tid, uint64_t ts, unsigned int flags,
		       bool want_exit);

/*
 * A note's flag of the merge's own: the call is hytrace's, made in the guest
 * for itself (the seccomp filter it installs at a static program's exec):
 * never emitted, as a ptrace guest never made it.
 */
#define HY_MERGE_OWN 0x80000000u

/**
 * The tracer skipped a call: @r holds its number, arguments and entry memory;
 * the kernel reports only its exit (number -1), which carries the return value.
 */
void hy_merge_note_skip(struct hy_merge *m, const struct hy_record *r, uint64_t ts);
/* The instruction pointer (-i) the kernel recorded for @tid's call begun at @ts, or 0. */
uint64_t hy_merge_ip_at(struct hy_merge *m, int tid, uint64_t ts);

/** A handler's exit result for the call noted with want_exit; @flags: HY_EV_DELAYED or 0. */
void hy_merge_note_exit(struct hy_merge *m, int tid, int64_t ret, bool changed, unsigned int flags);

/** A complete record made by the tracer (no kernel recorder). */
void hy_merge_tracer_record(struct hy_merge *m, struct hy_record *r);

/** The thread is gone: its pending call (if any) never returns. */
void hy_merge_task_gone(struct hy_merge *m, int tid);

/** End of the run: everything pending is emitted as unfinished. */
void hy_merge_finish(struct hy_merge *m);

#endif
