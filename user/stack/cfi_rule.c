// SPDX-License-Identifier: MIT
#include <dwarf.h>
#include <stdlib.h>

#include "stack/cfi_rule.h"
#include "stack/dw_lib.h"

const int hy_rule_regs[HY_RULE_REGS] = { HY_UREG_RBX, HY_UREG_RBP, 12,		13,
					 14,	      15,	   HY_UREG_RSP, HY_UREG_RIP };

/* Register + offset (DW_OP_bregN, DW_OP_bregx): the register, or -1. */
static int breg(const Dwarf_Op *op, int64_t *off)
{
	if (op->atom >= DW_OP_breg0 && op->atom <= DW_OP_breg31) {
		*off = (int64_t)op->number;
		return op->atom - DW_OP_breg0;
	}
	if (op->atom == DW_OP_bregx && op->number < HY_UREG_N) {
		*off = (int64_t)op->number2;
		return (int)op->number;
	}
	return -1;
}

static void compile_reg(Dwarf_Frame *frame, int i, struct hy_cfi_rule *rule)
{
	Dwarf_Op ops_mem[3], *ops;
	size_t nops, k = 1;
	int64_t off = 0;
	int reg;

	rule->r[i].kind = HY_RULE_EXPR;
	if (hy_dw.frame_register(frame, hy_rule_regs[i], ops_mem, &ops, &nops))
		return;
	if (!nops) {
		rule->r[i].kind = ops ? HY_RULE_UNDEF : HY_RULE_SAME;
		return;
	}
	if (ops[0].atom == DW_OP_call_frame_cfa) {
		if (k < nops && ops[k].atom == DW_OP_plus_uconst)
			off = (int64_t)ops[k++].number;
		if (k == nops || (k + 1 == nops && ops[k].atom == DW_OP_stack_value)) {
			rule->r[i].kind = k == nops ? HY_RULE_AT_CFA : HY_RULE_VAL_CFA;
			rule->r[i].off = off;
		}
		return;
	}
	if (nops == 2 && ops[1].atom == DW_OP_stack_value && (reg = breg(&ops[0], &off)) >= 0 &&
	    !off && reg < HY_UREG_N) {
		rule->r[i].kind = HY_RULE_REG;
		rule->r[i].reg = reg;
	}
}

struct hy_cfi_rule *hy_cfi_rule_new(Dwarf_Frame *frame)
{
	struct hy_cfi_rule *rule = calloc(1, sizeof(*rule));
	Dwarf_Op *ops;
	size_t nops;

	if (!rule)
		return NULL;
	rule->frame = frame;
	rule->cfa_reg = -1;
	if (!hy_dw.frame_cfa(frame, &ops, &nops) && nops == 1)
		rule->cfa_reg = breg(&ops[0], &rule->cfa_off);
	if (rule->cfa_reg >= HY_UREG_N)
		rule->cfa_reg = -1;
	for (int i = 0; i < HY_RULE_REGS; i++)
		compile_reg(frame, i, rule);
	hy_dw.frame_info(frame, NULL, NULL, &rule->signal);
	return rule;
}

void hy_cfi_rule_free(struct hy_cfi_rule *rule)
{
	if (!rule)
		return;
	free(rule->frame);
	free(rule);
}
