// SPDX-License-Identifier: MIT
#include <string.h>

#include "stack/cfi_expr.h"
#include "stack/cfi_rule.h"
#include "stack/dw_lib.h"
#include "stack/elf_module.h"
#include "stack/unwind.h"

#define BIT(r) (1u << (r))

enum step { STEP_OK, STEP_END, STEP_NO_MEMORY, STEP_BAD };

/* A register the compiled rule left to its DWARF expression. */
static enum step recover_expr(Dwarf_Frame *frame, int reg, const struct hy_cfi_env *env,
			      uint64_t *v)
{
	Dwarf_Op ops_mem[3], *ops;
	size_t nops;
	bool is_value;

	if (hy_dw.frame_register(frame, reg, ops_mem, &ops, &nops) || !nops)
		return STEP_BAD;
	if (!hy_cfi_eval(env, ops, nops, v, &is_value) ||
	    (!is_value && !hy_umem_read8(env->mem, *v, v)))
		return STEP_NO_MEMORY;
	return STEP_OK;
}

/* Register i of hy_rule_regs in the caller, by @rule; STEP_OK with it unknown is fine. */
static enum step recover(const struct hy_cfi_rule *rule, int i, const struct hy_cfi_env *env,
			 struct hy_uregs *next)
{
	int reg = hy_rule_regs[i], from = rule->r[i].reg;
	enum step s = STEP_OK;
	uint64_t v = 0;

	switch (rule->r[i].kind) {
	case HY_RULE_SAME:
	case HY_RULE_UNDEF:
		if (reg == HY_UREG_RSP) {
			v = env->cfa; /* the x86-64 rule: the caller's sp is the CFA */
			break;
		}
		if (rule->r[i].kind == HY_RULE_UNDEF || !(env->regs->known & BIT(reg)))
			return reg == HY_UREG_RIP ? STEP_END : STEP_OK;
		v = env->regs->r[reg];
		break;
	case HY_RULE_AT_CFA:
		if (!hy_umem_read8(env->mem, env->cfa + rule->r[i].off, &v))
			s = STEP_NO_MEMORY;
		break;
	case HY_RULE_VAL_CFA:
		v = env->cfa + rule->r[i].off;
		break;
	case HY_RULE_REG:
		if (!(env->regs->known & BIT(from)))
			return STEP_OK;
		v = env->regs->r[from];
		break;
	default:
		s = recover_expr(rule->frame, reg, env, &v);
	}
	if (s != STEP_OK) /* only the return address and sp are needed to go on */
		return reg == HY_UREG_RIP || reg == HY_UREG_RSP ? s : STEP_OK;
	next->r[reg] = v;
	next->known |= BIT(reg);
	return STEP_OK;
}

static enum step cfa_of(const struct hy_cfi_rule *rule, struct hy_cfi_env *env)
{
	Dwarf_Op *ops;
	size_t nops;
	bool is_value;

	if (rule->cfa_reg >= 0) {
		if (!(env->regs->known & BIT(rule->cfa_reg)))
			return STEP_BAD;
		env->cfa = env->regs->r[rule->cfa_reg] + rule->cfa_off;
		return STEP_OK;
	}
	if (hy_dw.frame_cfa(rule->frame, &ops, &nops) || !nops)
		return STEP_BAD;
	return hy_cfi_eval(env, ops, nops, &env->cfa, &is_value) ? STEP_OK : STEP_NO_MEMORY;
}

static enum step step_cfi(const struct hy_cfi_rule *rule, const struct hy_uregs *cur,
			  const struct hy_umem *mem, struct hy_uregs *next)
{
	struct hy_cfi_env env = { .regs = cur, .mem = mem };
	enum step s = cfa_of(rule, &env);

	if (s != STEP_OK)
		return s;
	memset(next, 0, sizeof(*next));
	for (int i = 0; i < HY_RULE_REGS; i++)
		if ((s = recover(rule, i, &env, next)) != STEP_OK)
			return s;
	return next->known & BIT(HY_UREG_RIP) ? STEP_OK : STEP_END;
}

/* Code without CFI: follow the frame pointer, if there is one. */
static enum step step_fp(const struct hy_uregs *cur, const struct hy_umem *mem,
			 struct hy_uregs *next)
{
	uint64_t bp = cur->r[HY_UREG_RBP], saved_bp, ra;

	if (!(cur->known & BIT(HY_UREG_RBP)) || bp <= cur->r[HY_UREG_RSP] || bp & 7)
		return STEP_BAD;
	if (!hy_umem_read8(mem, bp, &saved_bp) || !hy_umem_read8(mem, bp + 8, &ra))
		return STEP_NO_MEMORY;
	memset(next, 0, sizeof(*next));
	next->r[HY_UREG_RBP] = saved_bp;
	next->r[HY_UREG_RSP] = bp + 16;
	next->r[HY_UREG_RIP] = ra;
	next->known = BIT(HY_UREG_RBP) | BIT(HY_UREG_RSP) | BIT(HY_UREG_RIP);
	return STEP_OK;
}

static enum hy_unwind_end end_of(enum step s, bool had_info)
{
	switch (s) {
	case STEP_END:
		return HY_UNW_OUTERMOST;
	case STEP_NO_MEMORY:
		return HY_UNW_NO_MEMORY;
	default:
		return had_info ? HY_UNW_BAD : HY_UNW_NO_INFO;
	}
}

int hy_unwind(const struct hy_uregs *regs, const struct hy_umem *mem, hy_ulookup lookup,
	      void *lookup_ctx, uint64_t *pcs, int max, enum hy_unwind_end *end)
{
	struct hy_uregs cur = *regs, next;
	bool exact = true; /* the first pc is where the task is, later ones are return addresses */
	int n = 0;

	*end = HY_UNW_LIMIT;
	while (n < max) {
		uint64_t pc = cur.r[HY_UREG_RIP], vaddr;
		struct hy_elfmod *mod;
		const struct hy_cfi_rule *rule = NULL;
		enum step s;

		if (!(cur.known & BIT(HY_UREG_RIP)) || !pc) {
			*end = HY_UNW_OUTERMOST;
			break;
		}
		pcs[n++] = pc;
		/* a return address may be just past the end of its function (a noreturn call) */
		if (lookup(lookup_ctx, exact ? pc : pc - 1, &mod, &vaddr))
			rule = hy_elfmod_rule(mod, vaddr);
		s = rule ? step_cfi(rule, &cur, mem, &next) : step_fp(&cur, mem, &next);
		exact = rule && rule->signal;
		/* unwinding goes up the stack, except out of a signal frame (sigaltstack) */
		if (s == STEP_OK && !exact && next.r[HY_UREG_RSP] <= cur.r[HY_UREG_RSP])
			s = STEP_BAD;
		if (s != STEP_OK) {
			*end = end_of(s, rule != NULL);
			break;
		}
		cur = next;
	}
	return n;
}
