/* SPDX-License-Identifier: MIT */
/*
 * Unwinding a user stack with the call frame information of the code it ran
 * (DWARF CFI: .eh_frame, else .debug_frame), as perf --call-graph dwarf does:
 * from the registers at a syscall and the memory of its stack, given as a copy
 * (the kernel recorder's, taken at sys_enter) and perhaps a reader of live
 * memory (a stopped task). Where code has no CFI, the frame pointer chain is
 * followed instead. Works on any x86-64 code, with or without frame pointers.
 */
#ifndef HY_UNWIND_H
#define HY_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "stack/uregs.h"

struct hy_elfmod;

/*
 * Where the code at @pc comes from: its module and its address in the module's
 * own numbering. Returns false for code in no known file.
 */
typedef bool (*hy_ulookup)(void *ctx, uint64_t pc, struct hy_elfmod **mod, uint64_t *vaddr);

enum hy_unwind_end {
	HY_UNW_OUTERMOST = 0, /* the outermost frame (_start, a thread's start): complete */
	HY_UNW_LIMIT,	      /* as many frames as asked for */
	HY_UNW_NO_MEMORY,     /* the stack copy ended (a deeper stack than was copied) */
	HY_UNW_NO_INFO,	      /* code without CFI or a file, and no frame pointer to follow */
	HY_UNW_BAD,	      /* a frame made no sense (the stack did not grow upwards) */
};

/**
 * The return addresses of up to @max frames, innermost (@regs' own pc) first,
 * into @pcs; returns how many. *@end says why it stopped.
 */
int hy_unwind(const struct hy_uregs *regs, const struct hy_umem *mem, hy_ulookup lookup,
	      void *lookup_ctx, uint64_t *pcs, int max, enum hy_unwind_end *end);

#endif
