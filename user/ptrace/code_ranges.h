/* SPDX-License-Identifier: MIT */
/*
 * Where a process's code is (its executable mappings) and what an ELF file
 * loads (internal to user/ptrace/): the ranges a kept filter holds calls
 * from (kept_filter.c), and whether a new program's code meets them
 * (exec_runtime.c).
 */
#ifndef HY_PT_CODE_RANGES_H
#define HY_PT_CODE_RANGES_H

#include <stdbool.h>
#include <sys/types.h>

#include "tasks.h"

/**
 * @pid's executable mappings now (/proc/PID/maps), the vDSO's included, not
 * the legacy vsyscall page (the same address in every process; glibc never
 * calls through it). -errno, or -E2BIG past HY_MAX_CODE_RANGES.
 */
int hy_pt_code_ranges(pid_t pid, struct hy_code_ranges *out);
/** Whether a range of @a meets one of @b (@b's n < 0: it holds everything). */
bool hy_pt_code_meets(const struct hy_code_ranges *a, const struct hy_code_ranges *b);
/** Add @add's ranges to @to; false (@to unchanged) when they do not fit. */
bool hy_pt_code_add(struct hy_code_ranges *to, const struct hy_code_ranges *add);

/* What an ELF file is, for the programs a ptraced process executes. */
struct hy_pt_elf {
	bool elf, is64, interp;	    /* interp: the dynamic loader starts it (PT_INTERP) */
	bool fixed;		    /* ET_EXEC: loaded at its own addresses, below */
	struct hy_code_ranges code; /* ET_EXEC: its executable PT_LOAD segments */
};

/** Read the ELF header and program headers of the open file @fd. */
int hy_pt_elf_read(int fd, struct hy_pt_elf *out);

#endif
