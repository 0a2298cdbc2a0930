// SPDX-License-Identifier: MIT
/* The strict number parsers every option goes through: what each accepts, refuses and why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <cmocka.h>

#include "hytrace.h"

static void test_int_strict(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(hy_parse_int("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(hy_parse_int("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	v = 7;
	assert_int_equal(hy_parse_int("", 0, 100, &v), -EINVAL);
	assert_int_equal(hy_parse_int(" 1", 0, 100, &v), -EINVAL);
	assert_int_equal(hy_parse_int("12abc", 0, 100, &v), -EINVAL);
	assert_int_equal(hy_parse_int("0x10", 0, 100, &v), -EINVAL);
	assert_int_equal(hy_parse_int("101", 0, 100, &v), -ERANGE);
	assert_int_equal(hy_parse_int("99999999999999999999", 0, INT64_MAX, &v), -ERANGE);
	assert_int_equal(v, 7); /* untouched on failure */
}

static void test_duration_units(void **state)
{
	uint64_t ns = 0;

	(void)state;
	assert_int_equal(hy_parse_duration_ns("5", UINT64_MAX, &ns), 0);
	assert_int_equal(ns, 5000); /* strace: microseconds without a unit */
	assert_int_equal(hy_parse_duration_ns("1.5ms", UINT64_MAX, &ns), 0);
	assert_int_equal(ns, 1500000);
	assert_int_equal(hy_parse_duration_ns("2s", UINT64_MAX, &ns), 0);
	assert_int_equal(ns, 2000000000ull);
	assert_int_equal(hy_parse_duration_ns("250ns", UINT64_MAX, &ns), 0);
	assert_int_equal(ns, 250);
	assert_int_equal(hy_parse_duration_ns("3us", UINT64_MAX, &ns), 0);
	assert_int_equal(ns, 3000);
}

static void test_duration_refused(void **state)
{
	uint64_t ns = 11;

	(void)state;
	assert_int_equal(hy_parse_duration_ns("", UINT64_MAX, &ns), -EINVAL);
	assert_int_equal(hy_parse_duration_ns("-1", UINT64_MAX, &ns), -EINVAL);
	assert_int_equal(hy_parse_duration_ns("1e9", UINT64_MAX, &ns), -EINVAL);
	assert_int_equal(hy_parse_duration_ns("5 ms", UINT64_MAX, &ns), -EINVAL);
	assert_int_equal(hy_parse_duration_ns("5min", UINT64_MAX, &ns), -EINVAL);
	assert_int_equal(hy_parse_duration_ns("1.2.3s", UINT64_MAX, &ns), -EINVAL);
	/* past the caller's bound, and past what 64-bit nanoseconds hold: never cut */
	assert_int_equal(hy_parse_duration_ns("2s", 1000000000ull, &ns), -ERANGE);
	assert_int_equal(hy_parse_duration_ns("10000000000s", UINT64_MAX, &ns), -ERANGE);
	assert_int_equal(ns, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int_strict),
		cmocka_unit_test(test_duration_units),
		cmocka_unit_test(test_duration_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
