/* SPDX-License-Identifier: MIT */
/*
 * A symbolized stack as it travels with its record: one chunk of the record's
 * store (HY_MEM_STACK), so the event writer's queue, copies of the record and
 * the record file carry it with no pointer to anything else. Read back as the
 * public struct hy_frame; printed as strace -k prints it, and as JSON.
 */
#ifndef HY_FRAMES_H
#define HY_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hytrace.h"

struct hy_printer;
struct hy_record;

/* Frames kept per stack (strace keeps 256; a 16 KiB stack copy rarely holds 100). */
#define HY_FRAMES_MAX 128

/* How an unwinding ended (enum hy_unwind_end), as recorded with the frames. */
#define HY_STACK_COMPLETE 0  /* reached the outermost frame */
#define HY_STACK_TRUNCATED 1 /* the frame limit, or the end of the stack copy */
#define HY_STACK_BROKEN 2    /* code the unwinder could not follow */

/** A growable byte buffer, reused from one stack to the next. */
struct hy_bytes {
	uint8_t *p;
	size_t len, cap;
};

/** Serialize @n frames and how the unwinding ended into @out. Returns 0 or -ENOMEM. */
int hy_frames_pack(struct hy_bytes *out, const struct hy_frame *f, int n, int end);
/**
 * The frames of @r into @f (up to @max; their strings point into the record).
 * Returns how many the record has (may exceed @max), or -ENOENT without a stack.
 * @end (may be NULL) receives how the unwinding ended.
 */
int hy_frames_of(const struct hy_record *r, struct hy_frame *f, int max, int *end);
/** The same from a packed stack. */
int hy_frames_unpack(const uint8_t *blob, size_t len, struct hy_frame *f, int max, int *end);
/** Whether @r carries a stack. */
bool hy_frames_present(const struct hy_record *r);

/** " > module(symbol+0x1b) [0x1154]", as strace -k prints a frame (no newline). */
void hy_frames_print_one(struct hy_printer *p, const struct hy_frame *f);
/** One such line per frame of @r. */
void hy_frames_print_text(struct hy_printer *p, const struct hy_record *r);
/*
 * The text of stacks already printed: a storm makes the same few stacks over and
 * over (find /usr: 257k calls, 10 frames each, a handful of distinct stacks),
 * and printing ten frames costs ~1.5 us. For one thread.
 */
struct hy_frames_text_cache;
struct hy_frames_text_cache *hy_frames_text_cache_new(void);
void hy_frames_text_cache_free(struct hy_frames_text_cache *c);
/** hy_frames_print_text(), from @c when @r's stack was printed before (@c may be NULL). */
void hy_frames_print_text_cached(struct hy_printer *p, const struct hy_record *r,
				 struct hy_frames_text_cache *c);

/** ,"stack":[{...},...] (nothing without a stack). */
void hy_frames_print_json(struct hy_printer *p, const struct hy_record *r);

#endif
