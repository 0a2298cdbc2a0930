// SPDX-License-Identifier: MIT
/* The library's last error: what a caller reads after a failure, wrapped or not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "hytrace.h"
#include "error.h"

static void test_error_and_clear(void **state)
{
	(void)state;
	assert_int_equal(hy_error(-ENOENT, "no %s here", "file"), -ENOENT);
	assert_string_equal(hy_last_error(), "no file here");
	hy_error_clear();
	assert_string_equal(hy_last_error(), "no error");
}

/* A cause wrapped in its own error (tools do: hy_fail(ctx, err, "x=%s: %s", v, hy_last_error())) */
static void test_error_wraps_the_last_one(void **state)
{
	(void)state;
	hy_error(-EINVAL, "unknown syscall 'nosuch'");
	hy_error(-EINVAL, "raw=%s: %s", "nosuch", hy_last_error());
	assert_string_equal(hy_last_error(), "raw=nosuch: unknown syscall 'nosuch'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_and_clear),
		cmocka_unit_test(test_error_wraps_the_last_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
