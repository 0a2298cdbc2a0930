// SPDX-License-Identifier: MIT
/*
 * The seccomp bitmap filter, run in its own little interpreter over every
 * number of every ABI: it traces exactly the set, and costs a bounded number of
 * instructions whatever the set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <cmocka.h>

#include "ptrace/seccomp_filter.h"
#include "syscall_table.h"
#include "sysset.h"

#define MAX_STEPS 24

static unsigned int verdict(const struct sock_fprog *prog, int abi, int nr, unsigned int *steps)
{
	unsigned int arch = abi == HY_ABI_I386 ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64;

	if (abi == HY_ABI_X32)
		nr |= HY_X32_SYSCALL_BIT;
	return hy_seccomp_eval(prog, arch, nr, steps);
}

static void check(const char *spec)
{
	struct hy_sysset set;
	struct sock_fprog prog;
	unsigned int worst = 0;

	hy_sysset_clear(&set);
	assert_int_equal(hy_sysset_parse(&set, spec, NULL, 0), 0);
	assert_int_equal(hy_seccomp_build(&set, &prog), 0);
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		for (int nr = 0; nr < HY_SYSSET_NR_MAX + 64; nr++) {
			unsigned int steps, want = hy_sysset_contains(&set, abi, nr) ?
							   SECCOMP_RET_TRACE :
							   SECCOMP_RET_ALLOW;

			assert_int_equal(verdict(&prog, abi, nr, &steps), want);
			if (steps > worst)
				worst = steps;
		}
	}
	print_message("%-24s %3u instructions, at most %2u run per call\n", spec, prog.len, worst);
	assert_true(worst <= MAX_STEPS);
	hy_seccomp_free(&prog);
}

static void test_small_sets(void **state)
{
	(void)state;
	check("openat,read");
	check("getpid@i386");
	check("read@x32");
}

static void test_large_sets(void **state)
{
	(void)state;
	check("all");
	check("all,!futex");
	check("%file");
	check("*stat*,%net,%process");
}

static void test_empty_set_allows_everything(void **state)
{
	(void)state;
	check("none");
}

static void test_unknown_arch_allowed(void **state)
{
	struct hy_sysset set;
	struct sock_fprog prog;

	(void)state;
	hy_sysset_fill(&set);
	assert_int_equal(hy_seccomp_build(&set, &prog), 0);
	assert_int_equal(hy_seccomp_eval(&prog, AUDIT_ARCH_AARCH64, 0, NULL), SECCOMP_RET_ALLOW);
	hy_seccomp_free(&prog);
}

/*
 * Ranged: only calls made from the ranges' code stop, 64-bit ranges compared
 * by both words (one across a 4 GiB line too), a 32-bit task's low ip alike.
 */
static void test_ranges(void **state)
{
	const uint64_t lo[] = { 0x400000, 0x7ffff7fc0000ull, 0x1fffff000ull },
		       hi[] = { 0x401000, 0x7ffff7fc2000ull, 0x200001000ull };
	struct hy_sysset set;
	struct sock_fprog prog;
	const struct {
		uint64_t ip;
		bool in;
	} at[] = {
		{ 0x400000, true },
		{ 0x400fff, true },
		{ 0x401000, false },
		{ 0x3fffff, false },
		{ 0x100400000ull, false },
		{ 0x7ffff7fc1234ull, true },
		{ 0x7ffff7fc2000ull, false },
		{ 0x1fffff800ull, true },
		{ 0x200000800ull, true },
		{ 0x200001000ull, false },
		{ 0, false },
	};

	(void)state;
	hy_sysset_clear(&set);
	assert_int_equal(hy_sysset_parse(&set, "getppid,getpid@i386", NULL, 0), 0);
	assert_int_equal(hy_seccomp_build_ranged(&set, lo, hi, 0, &prog), -EINVAL);
	assert_int_equal(hy_seccomp_build_ranged(&set, lo, hi, 3, &prog), 0);
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		unsigned int want = at[i].in ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW;

		assert_int_equal(hy_seccomp_eval_at(&prog, AUDIT_ARCH_X86_64, SYS_getppid, at[i].ip,
						    NULL),
				 want);
		assert_int_equal(hy_seccomp_eval_at(&prog, AUDIT_ARCH_X86_64, SYS_getpid, at[i].ip,
						    NULL),
				 SECCOMP_RET_ALLOW);
	}
	assert_int_equal(hy_seccomp_eval_at(&prog, AUDIT_ARCH_I386, 20, 0x400010, NULL),
			 SECCOMP_RET_TRACE);
	assert_int_equal(hy_seccomp_eval_at(&prog, AUDIT_ARCH_I386, 20, 0x500010, NULL),
			 SECCOMP_RET_ALLOW);
	hy_seccomp_free(&prog);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_sets),
		cmocka_unit_test(test_large_sets),
		cmocka_unit_test(test_empty_set_allows_everything),
		cmocka_unit_test(test_unknown_arch_allowed),
		cmocka_unit_test(test_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
