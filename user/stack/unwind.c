// SPDX-License-Identifier: MIT
#include <string.h>

#include "stack/cfi_expr.h"
#include "stack/elf_module.h"
#include "stack/unwind.h"

#define BIT(r) (1u << (r))

enum step { STEP_OK, STEP_END, STEP_NO_MEMORY, STEP_BAD };

/* The registers a caller's frame gets back: the callee-saved ones, its sp and pc. */
static const int followed[] = { HY_UREG_RBX, HY_UREG_RBP, 12, 13, 14, 15, HY_UREG_RSP, HY_UREG_RIP };

/* Recover register @reg of the caller by @frame's rule. */
static enum step recover(Dwarf_Frame *frame, int reg, const struct hy_cfi_env *env,
			 struct hy_uregs *next)
{
	Dwarf_Op ops_mem[3], *ops;
	size_t nops;
	uint64_t v;
	bool is_value;

	if (dwarf_frame_register(frame, reg, ops_mem, &ops, &nops))
		return STEP_BAD;
	if (!nops) {
		if (reg == HY_UREG_RSP) {
			v = env->cfa; /* the x86-64 rule: the caller's sp is the CFA */
		} else if (!ops && env->regs->known & BIT(reg)) {
			v = env->regs->r[reg]; /* same value */
		} else {
			/* undefined: an undefined return address ends the stack */
			return reg == HY_UREG_RIP ? STEP_END : STEP_OK;
		}
	} else if (!hy_cfi_eval(env, ops, nops, &v, &is_value) ||
		   (!is_value && !hy_umem_read8(env->mem, v, &v))) {
		return reg == HY_UREG_RIP || reg == HY_UREG_RSP ? STEP_NO_MEMORY : STEP_OK;
	}
	next->r[reg] = v;
	next->known |= BIT(reg);
	return STEP_OK;
}

static enum step step_cfi(Dwarf_Frame *frame, const struct hy_uregs *cur, const struct hy_umem *mem,
			  struct hy_uregs *next, bool *signal_frame)
{
	struct hy_cfi_env env = { .regs = cur, .mem = mem };
	Dwarf_Op *ops;
	size_t nops;
	bool is_value;

	if (dwarf_frame_cfa(frame, &ops, &nops) || !nops)
		return STEP_BAD;
	if (!hy_cfi_eval(&env, ops, nops, &env.cfa, &is_value))
		return STEP_NO_MEMORY;
	memset(next, 0, sizeof(*next));
	for (size_t i = 0; i < sizeof(followed) / sizeof(followed[0]); i++) {
		enum step s = recover(frame, followed[i], &env, next);

		if (s != STEP_OK)
			return s;
	}
	*signal_frame = false;
	dwarf_frame_info(frame, NULL, NULL, signal_frame);
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
		Dwarf_Frame *frame = NULL;
		enum step s;

		if (!(cur.known & BIT(HY_UREG_RIP)) || !pc) {
			*end = HY_UNW_OUTERMOST;
			break;
		}
		pcs[n++] = pc;
		/* a return address may be just past the end of its function (a noreturn call) */
		if (lookup(lookup_ctx, exact ? pc : pc - 1, &mod, &vaddr))
			frame = hy_elfmod_frame(mod, vaddr);
		s = frame ? step_cfi(frame, &cur, mem, &next, &exact) : step_fp(&cur, mem, &next);
		if (!frame)
			exact = false;
		/* unwinding goes up the stack, except out of a signal frame (sigaltstack) */
		if (s == STEP_OK && !exact && next.r[HY_UREG_RSP] <= cur.r[HY_UREG_RSP])
			s = STEP_BAD;
		if (s != STEP_OK) {
			*end = end_of(s, frame != NULL);
			break;
		}
		cur = next;
	}
	return n;
}
