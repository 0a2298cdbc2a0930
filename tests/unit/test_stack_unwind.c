// SPDX-License-Identifier: MIT
/*
 * stack/cfi_expr, stack/unwind, stack/stacks: the DWARF expressions CFI uses
 * (a PLT entry's CFA, a register saved at CFA-8), and a whole unwinding of this
 * test's own stack from its registers and memory, symbolized: the functions
 * come out in call order.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/uio.h>
#include <cmocka.h>
#include <dwarf.h>

#include "stack/cfi_expr.h"
#include "stack/frames.h"
#include "stack/stacks.h"

static struct hy_uregs regs_with(uint64_t rsp, uint64_t rip)
{
	struct hy_uregs r = { 0 };

	r.r[HY_UREG_RSP] = rsp;
	r.r[HY_UREG_RIP] = rip;
	r.known = 1u << HY_UREG_RSP | 1u << HY_UREG_RIP;
	return r;
}

/* The CFA of a PLT entry: rsp + 8, plus 8 more once past its push (pc & 15 >= 11). */
static void plt_cfa(void **state)
{
	const Dwarf_Op ops[] = {
		{ .atom = DW_OP_breg7, .number = 8 },
		{ .atom = DW_OP_breg16, .number = 0 },
		{ .atom = DW_OP_lit15 },
		{ .atom = DW_OP_and },
		{ .atom = DW_OP_lit11 },
		{ .atom = DW_OP_ge },
		{ .atom = DW_OP_lit3 },
		{ .atom = DW_OP_shl },
		{ .atom = DW_OP_plus },
	};
	struct hy_umem mem = { 0 };
	struct hy_uregs r = regs_with(1000, 0x401020 + 12);
	struct hy_cfi_env env = { .regs = &r, .mem = &mem };
	uint64_t v;
	bool is_value;

	(void)state;
	assert_true(hy_cfi_eval(&env, ops, 9, &v, &is_value));
	assert_int_equal(v, 1016);
	assert_false(is_value);
	r = regs_with(1000, 0x401020 + 6);
	assert_true(hy_cfi_eval(&env, ops, 9, &v, &is_value));
	assert_int_equal(v, 1008);
}

/* A register saved at CFA-8, read from the stack copy; an unknown register fails. */
static void saved_register(void **state)
{
	uint64_t stack[4] = { 11, 22, 33, 44 };
	struct hy_umem mem = { (const uint8_t *)stack, 0x7000, sizeof(stack), NULL, NULL };
	struct hy_uregs r = regs_with(0x7000, 0);
	struct hy_cfi_env env = { .regs = &r, .mem = &mem, .cfa = 0x7018 };
	const Dwarf_Op at[] = { { .atom = DW_OP_call_frame_cfa },
				{ .atom = DW_OP_plus_uconst, .number = (uint64_t)-8 } };
	const Dwarf_Op rbx[] = { { .atom = DW_OP_breg3, .number = 0 } };
	uint64_t v;
	bool is_value;

	(void)state;
	assert_true(hy_cfi_eval(&env, at, 2, &v, &is_value));
	assert_int_equal(v, 0x7010);
	assert_true(hy_umem_read8(&mem, v, &v));
	assert_int_equal(v, 33);
	assert_false(hy_umem_read8(&mem, 0x7020, &v)); /* past the copy, no reader */
	assert_false(hy_cfi_eval(&env, rbx, 1, &v, &is_value));
}

/* This thread's stack as it was in unwind_here(): the frames above are gone by the time it unwinds. */
static uint8_t snap[16384];
static size_t snap_len;
static uint64_t snap_base;

static ssize_t read_snap(void *ctx, uint64_t addr, void *buf, size_t len)
{
	(void)ctx;
	if (addr < snap_base || addr - snap_base >= snap_len)
		return -1;
	if (len > snap_len - (addr - snap_base))
		len = snap_len - (addr - snap_base);
	memcpy(buf, snap + (addr - snap_base), len);
	return len;
}

/* The registers and the stack here. */
__attribute__((noinline)) void unwind_here(struct hy_stack_regs *r)
{
	struct iovec local = { snap, sizeof(snap) }, remote;
	ssize_t n;

	__asm__ volatile("lea 0(%%rip), %%rax\n\t"
			 "mov %%rax, 0(%0)\n\t"
			 "mov %%rsp, 8(%0)\n\t"
			 "mov %%rbp, 16(%0)\n\t"
			 "mov %%rbx, 24(%0)\n\t"
			 "mov %%r12, 32(%0)\n\t"
			 "mov %%r13, 40(%0)\n\t"
			 "mov %%r14, 48(%0)\n\t"
			 "mov %%r15, 56(%0)"
			 :
			 : "r"(r)
			 : "rax", "memory");
	/* up to the stack's top: process_vm_readv stops at the first unmapped page */
	remote = (struct iovec){ (void *)(uintptr_t)r->sp, sizeof(snap) };
	n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	snap_len = n > 0 ? n : 0;
	snap_base = r->sp;
}

__attribute__((noinline)) void unwind_b(struct hy_stack_regs *r)
{
	unwind_here(r);
	__asm__ volatile("" ::: "memory"); /* not a tail call */
}

__attribute__((noinline)) void unwind_a(struct hy_stack_regs *r)
{
	unwind_b(r);
	__asm__ volatile("" ::: "memory");
}

static void self_unwind(void **state)
{
	struct hy_stacks *st = hy_stacks_new();
	struct hy_stack_regs regs;
	const struct hy_bytes *b;
	struct hy_frame f[HY_FRAMES_MAX];
	struct timespec now;
	int n, end;

	(void)state;
	assert_non_null(st);
	unwind_a(&regs);
	clock_gettime(CLOCK_MONOTONIC, &now);
	b = hy_stacks_live(st, getpid(), &regs, read_snap, NULL,
			   now.tv_sec * 1000000000ull + now.tv_nsec);
	assert_non_null(b);
	n = hy_frames_unpack(b->p, b->len, f, HY_FRAMES_MAX, &end);
	assert_true(n >= 5);
	assert_string_equal(f[0].symbol, "unwind_here");
	assert_string_equal(f[1].symbol, "unwind_b");
	assert_string_equal(f[2].symbol, "unwind_a");
	assert_string_equal(f[3].symbol, "self_unwind");
	assert_int_equal(f[0].pc, regs.ip);
	assert_non_null(strstr(f[0].module, "test_stack_unwind"));
	assert_int_equal(strlen(f[0].build_id), 40);
	assert_int_equal(end, HY_STACK_COMPLETE); /* down to _start */
	assert_string_equal(f[n - 1].symbol, "_start");
	hy_stacks_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plt_cfa),
		cmocka_unit_test(saved_register),
		cmocka_unit_test(self_unwind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
