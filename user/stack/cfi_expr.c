// SPDX-License-Identifier: MIT
#include <dwarf.h>
#include <string.h>

#include "stack/cfi_expr.h"

#define EXPR_STACK 16

bool hy_umem_read8(const struct hy_umem *mem, uint64_t addr, uint64_t *val)
{
	if (addr >= mem->base && addr - mem->base + 8 <= mem->len) {
		memcpy(val, mem->stack + (addr - mem->base), 8);
		return true;
	}
	return mem->read && mem->read(mem->ctx, addr, val, 8) == 8;
}

static bool reg_value(const struct hy_uregs *regs, uint64_t reg, uint64_t *v)
{
	if (reg >= HY_UREG_N || !(regs->known & (1u << reg)))
		return false;
	*v = regs->r[reg];
	return true;
}

static bool binary_op(uint8_t atom, uint64_t a, uint64_t b, uint64_t *r)
{
	switch (atom) {
	case DW_OP_and:
		*r = a & b;
		return true;
	case DW_OP_or:
		*r = a | b;
		return true;
	case DW_OP_xor:
		*r = a ^ b;
		return true;
	case DW_OP_plus:
		*r = a + b;
		return true;
	case DW_OP_minus:
		*r = a - b;
		return true;
	case DW_OP_mul:
		*r = a * b;
		return true;
	case DW_OP_shl:
		*r = b < 64 ? a << b : 0;
		return true;
	case DW_OP_shr:
		*r = b < 64 ? a >> b : 0;
		return true;
	case DW_OP_shra:
		*r = b < 64 ? (uint64_t)((int64_t)a >> b) : 0;
		return true;
	case DW_OP_ge:
		*r = (int64_t)a >= (int64_t)b;
		return true;
	case DW_OP_gt:
		*r = (int64_t)a > (int64_t)b;
		return true;
	case DW_OP_le:
		*r = (int64_t)a <= (int64_t)b;
		return true;
	case DW_OP_lt:
		*r = (int64_t)a < (int64_t)b;
		return true;
	case DW_OP_eq:
		*r = a == b;
		return true;
	case DW_OP_ne:
		*r = a != b;
		return true;
	}
	return false;
}

/* One operation that pushes a value, or false if @op is not one. */
static bool push_op(const struct hy_cfi_env *env, const Dwarf_Op *op, uint64_t *v, bool *ok)
{
	uint8_t a = op->atom;

	*ok = true;
	if (a >= DW_OP_lit0 && a <= DW_OP_lit31)
		*v = a - DW_OP_lit0;
	else if (a >= DW_OP_breg0 && a <= DW_OP_breg31)
		*ok = reg_value(env->regs, a - DW_OP_breg0, v) && (*v += op->number, true);
	else if (a == DW_OP_bregx)
		*ok = reg_value(env->regs, op->number, v) && (*v += op->number2, true);
	else if (a == DW_OP_call_frame_cfa)
		*v = env->cfa;
	else if (a == DW_OP_const1u || a == DW_OP_const1s || a == DW_OP_const2u ||
		 a == DW_OP_const2s || a == DW_OP_const4u || a == DW_OP_const4s ||
		 a == DW_OP_const8u || a == DW_OP_const8s || a == DW_OP_constu || a == DW_OP_consts)
		*v = op->number;
	else
		return false;
	return true;
}

bool hy_cfi_eval(const struct hy_cfi_env *env, const Dwarf_Op *ops, size_t nops, uint64_t *result,
		 bool *is_value)
{
	uint64_t st[EXPR_STACK], v;
	int sp = 0;
	bool ok;

	*is_value = false;
	for (size_t i = 0; i < nops; i++) {
		uint8_t a = ops[i].atom;

		if (push_op(env, &ops[i], &v, &ok)) {
			if (!ok || sp == EXPR_STACK)
				return false;
			st[sp++] = v;
			continue;
		}
		if (a >= DW_OP_reg0 && a <= DW_OP_reg31) {
			/* the register holds the value itself */
			if (sp == EXPR_STACK || !reg_value(env->regs, a - DW_OP_reg0, &st[sp++]))
				return false;
			*is_value = true;
			continue;
		}
		switch (a) {
		case DW_OP_nop:
			continue;
		case DW_OP_stack_value:
			*is_value = true;
			continue;
		case DW_OP_plus_uconst:
			if (!sp)
				return false;
			st[sp - 1] += ops[i].number;
			continue;
		case DW_OP_deref:
			if (!sp || !hy_umem_read8(env->mem, st[sp - 1], &st[sp - 1]))
				return false;
			continue;
		case DW_OP_dup:
			if (!sp || sp == EXPR_STACK)
				return false;
			st[sp] = st[sp - 1];
			sp++;
			continue;
		case DW_OP_drop:
			if (!sp)
				return false;
			sp--;
			continue;
		case DW_OP_neg:
		case DW_OP_not:
			if (!sp)
				return false;
			st[sp - 1] = a == DW_OP_neg ? -st[sp - 1] : ~st[sp - 1];
			continue;
		}
		if (sp < 2 || !binary_op(a, st[sp - 2], st[sp - 1], &st[sp - 2]))
			return false;
		sp--;
	}
	if (!sp)
		return false;
	*result = st[sp - 1];
	return true;
}
