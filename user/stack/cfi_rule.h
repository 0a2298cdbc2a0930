/* SPDX-License-Identifier: MIT */
/*
 * One frame's call frame information, compiled once from libdw's Dwarf_Frame
 * into what an unwinding step needs: the CFA as register + offset, and for each
 * register a caller gets back, where it is. Asking libdw for the rules at every
 * step cost ~60% of the unwinding (find /usr -k: dwarf_frame_register and the
 * expression evaluator were the top two functions of the tracer thread); what
 * is not register + offset (PLT entries, signal frames) still goes through the
 * expression evaluator.
 */
#ifndef HY_CFI_RULE_H
#define HY_CFI_RULE_H

#include <stdbool.h>
#include <stdint.h>
#include <elfutils/libdw.h>

#include "stack/uregs.h"

enum hy_rule_kind {
	HY_RULE_SAME,	 /* the caller's value is this frame's */
	HY_RULE_UNDEF,	 /* lost (an undefined return address ends the stack) */
	HY_RULE_AT_CFA,	 /* saved at CFA + off */
	HY_RULE_VAL_CFA, /* the value is CFA + off */
	HY_RULE_REG,	 /* in register reg */
	HY_RULE_EXPR,	 /* a DWARF expression: evaluated from the frame */
};

/* The registers a caller's frame gets back: the callee-saved ones, its sp and pc. */
#define HY_RULE_REGS 8
extern const int hy_rule_regs[HY_RULE_REGS];

struct hy_cfi_rule {
	Dwarf_Frame *frame; /* owned: for the expressions */
	int cfa_reg;	    /* -1: the CFA is an expression */
	int64_t cfa_off;
	bool signal; /* a signal frame: its caller's pc is exact, not a return address */
	struct {
		uint8_t kind;
		uint8_t reg;
		int64_t off;
	} r[HY_RULE_REGS];
};

/** Compile @frame's rules; the rule owns @frame from now on. NULL: out of memory. */
struct hy_cfi_rule *hy_cfi_rule_new(Dwarf_Frame *frame);
void hy_cfi_rule_free(struct hy_cfi_rule *rule);

#endif
