/* SPDX-License-Identifier: MIT */
/*
 * A return address as strace -k prints it: the file it lies in, its offset in
 * that file, and the function. The modules cache their symbol tables, so each
 * library's symbols are read once per run, whatever the number of processes.
 */
#ifndef HY_SYMBOLIZE_H
#define HY_SYMBOLIZE_H

#include <stdbool.h>
#include <stdint.h>

#include "hytrace.h"

struct hy_mapping;
struct hy_procmaps;

/**
 * Describe @pc of a call begun at @t into @f (its strings belong to the
 * modules and mappings, valid for the run). @innermost: @pc is where the task
 * is, not a return address (which is looked up one byte earlier: a call may be
 * the last instruction of its function).
 */
void hy_symbolize(const struct hy_procmaps *pm, uint64_t pc, uint64_t t, bool innermost,
		  struct hy_frame *f);

/** The same when the mapping @pc lies in (or NULL) is known. */
void hy_symbolize_in(const struct hy_mapping *m, uint64_t pc, bool innermost, struct hy_frame *f);

#endif
