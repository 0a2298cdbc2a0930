/* SPDX-License-Identifier: MIT */
/*
 * The bottom of the decoders: a record's arguments and captured memory, read
 * as the calling ABI sees them (widths, signedness, pointer and time_t sizes).
 */
#ifndef HY_DECODE_ARGS_H
#define HY_DECODE_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/** The call returned, successfully: what it wrote to memory is worth showing. */
static inline bool hy_exit_ok(const struct hy_record *r)
{
	return !(r->flags & HY_EV_UNFINISHED) && r->ret >= 0;
}

/** An i386 call: 32-bit arguments, longs and pointers. */
static inline bool hy_compat32(const struct hy_record *r)
{
	return r->abi == HY_ABI_I386;
}

/** Argument @i as a signed long of the calling ABI. */
static inline int64_t hy_sarg(const struct hy_record *r, int i)
{
	return hy_compat32(r) ? (int32_t)r->args[i] : (int64_t)r->args[i];
}

/** Argument @i as an unsigned long of the calling ABI. */
static inline uint64_t hy_uarg(const struct hy_record *r, int i)
{
	return hy_compat32(r) ? (uint32_t)r->args[i] : r->args[i];
}

/** Bytes of a pointer (and long) inside the structs of this call. */
unsigned int hy_ptr_size(const struct hy_record *r);
/** The call takes 32-bit time_t structs (i386, except the *64 calls). */
bool hy_time32(const struct hy_record *r);

/** Exactly @len bytes at @addr as of @phase; false when not all were captured. */
bool hy_read(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf, size_t len);
/** One pointer-sized word of the call's ABI. */
bool hy_read_word(const struct hy_record *r, enum hy_phase phase, uint64_t addr, uint64_t *val);

#endif
