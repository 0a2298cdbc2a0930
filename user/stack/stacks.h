/* SPDX-License-Identifier: MIT */
/*
 * The stacks of a run (hytrace -k): the kernel recorder's stack records are
 * unwound and symbolized as they are drained, while their process most likely
 * still runs (a library it mapped since the last look can then still be read),
 * and wait per thread for their call's record; a stopped task is unwound from
 * its live registers and memory. Keeps every process's code mappings in step
 * with its forks, execs and exits.
 */
#ifndef HY_STACKS_H
#define HY_STACKS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "stack/frames.h"

struct hy_record;
struct hy_stacks;

/* The registers unwinding starts from: the frame's pc and sp and the callee-saved ones. */
struct hy_stack_regs {
	uint64_t ip, sp, bp, bx, r12, r13, r14, r15;
};

/* Reads a held task's memory: bytes read (possibly fewer), or a negative errno. */
typedef ssize_t (*hy_stack_read)(void *ctx, uint64_t addr, void *buf, size_t len);

struct hy_stacks_stats {
	uint64_t unwound; /* stacks */
	uint64_t frames;
	uint64_t truncated; /* ended by the copy's end or the frame limit */
	uint64_t snapshots; /* /proc/PID/maps reads */
};

struct hy_stacks *hy_stacks_new(void);
void hy_stacks_free(struct hy_stacks *st);

/** A kernel record: stacks are unwound now; forks, execs and exits update the mappings. */
void hy_stacks_kernel(struct hy_stacks *st, const void *rec, size_t len);
/** Add the stack the kernel recorded for @r's call to @r, if there is one. */
void hy_stacks_attach(struct hy_stacks *st, struct hy_record *r);
/**
 * Unwind a held task of process @tgid at @now from its registers and its live
 * memory: its packed frames, valid until the next call, or NULL.
 */
const struct hy_bytes *hy_stacks_live(struct hy_stacks *st, pid_t tgid,
				      const struct hy_stack_regs *regs, hy_stack_read read,
				      void *read_ctx, uint64_t now);
/** What the last hy_stacks_live() returned. */
const struct hy_bytes *hy_stacks_last_live(const struct hy_stacks *st);
/** The process executed, when no kernel record says so (no kernel recorder). */
void hy_stacks_exec(struct hy_stacks *st, pid_t tgid, uint64_t now);
/**
 * Read the mappings of process @of as those of @tgid now: a process attached to
 * (its own), or the launched guest, which runs hytrace's code until its exec
 * (ours).
 */
void hy_stacks_read_maps(struct hy_stacks *st, pid_t tgid, pid_t of);
/**
 * Leave the frames of the file at @path out of every stack from now on (the
 * in-guest runtime's, which a guest's stack passes through but ptrace's does
 * not show). Returns 0 or a negative errno (the path cannot be resolved).
 */
int hy_stacks_hide(struct hy_stacks *st, const char *path);
void hy_stacks_get_stats(const struct hy_stacks *st, struct hy_stacks_stats *out);

#endif
