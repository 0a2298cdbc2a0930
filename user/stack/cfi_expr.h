/* SPDX-License-Identifier: MIT */
/*
 * The DWARF expressions call frame information uses (register + offset, the
 * CFA, memory loads, the arithmetic of PLT entries and signal frames),
 * evaluated against one frame's registers and the stack memory.
 */
#ifndef HY_CFI_EXPR_H
#define HY_CFI_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <elfutils/libdw.h>

#include "stack/uregs.h"

struct hy_cfi_env {
	const struct hy_uregs *regs;
	const struct hy_umem *mem;
	uint64_t cfa; /* DW_OP_call_frame_cfa */
};

/** Read 8 bytes at @addr from the stack copy or live memory. */
bool hy_umem_read8(const struct hy_umem *mem, uint64_t addr, uint64_t *val);

/**
 * Evaluate @ops. *@is_value is set when the result is the value itself
 * (DW_OP_stack_value, a register), not the address where it is stored.
 * Returns false when an operation is unknown or reads what is not there.
 */
bool hy_cfi_eval(const struct hy_cfi_env *env, const Dwarf_Op *ops, size_t nops, uint64_t *result,
		 bool *is_value);

#endif
