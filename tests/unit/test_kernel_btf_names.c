// SPDX-License-Identifier: MIT
/*
 * hy_kernel_btf_has_name(): names every kernel's BTF has, and ones none has,
 * whole names only. Skipped on a kernel without BTF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel_btf_names.h"

static void test_names(void **state)
{
	(void)state;
	if (access("/sys/kernel/btf/vmlinux", R_OK))
		skip();
	assert_int_equal(hy_kernel_btf_has_name("task_struct"), 1);
	assert_int_equal(hy_kernel_btf_has_name("BPF_MAP_TYPE_HASH"), 1); /* an enumerator */
	assert_int_equal(hy_kernel_btf_has_name("no_such_kernel_name_hy"), 0);
	/* a part of a name is no name */
	assert_int_equal(hy_kernel_btf_has_name("task_struc"), 0);
	assert_int_equal(hy_kernel_btf_has_name("ask_struct"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
