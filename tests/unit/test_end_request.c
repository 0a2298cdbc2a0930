// SPDX-License-Identifier: MIT
/*
 * Ending a run (end_request.h): hy_request_end()'s signal is taken once, the
 * launched tree's kill waits for the grace or a second request, a watching
 * run ends at once, hy_request_stop() kills at once, and a reset leaves the
 * next run untouched.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "end_request.h"
#include "hytrace.h"

static void test_nothing_asked(void **state)
{
	int sig = -1;

	(void)state;
	hy_end_reset();
	assert_false(hy_end_requested());
	assert_false(hy_end_kill_due());
	assert_false(hy_end_take_signal(&sig));
	assert_int_equal(sig, -1);
}

static void test_end_passes_its_signal_once_then_a_grace(void **state)
{
	int sig = 0;

	(void)state;
	hy_end_reset();
	hy_request_end(SIGTERM);
	assert_true(hy_end_requested()); /* a watching run ends now */
	assert_false(hy_end_kill_due()); /* a launched tree has its grace (3 s) */
	assert_true(hy_end_take_signal(&sig));
	assert_int_equal(sig, SIGTERM);
	assert_false(hy_end_take_signal(&sig));
	assert_false(hy_end_kill_due());
	hy_request_end(SIGTERM); /* the second request: no more waiting */
	assert_true(hy_end_kill_due());
	assert_false(hy_end_take_signal(&sig));
}

static void test_end_from_the_terminal_passes_none(void **state)
{
	int sig = -1;

	(void)state;
	hy_end_reset();
	hy_request_end(0);
	assert_true(hy_end_take_signal(&sig));
	assert_int_equal(sig, 0);
	assert_false(hy_end_kill_due());
}

static void test_stop_kills_at_once_and_reset_clears(void **state)
{
	int sig;

	(void)state;
	hy_end_reset();
	hy_request_stop();
	assert_true(hy_end_requested());
	assert_true(hy_end_kill_due());
	assert_false(hy_end_take_signal(&sig));
	hy_end_reset();
	assert_false(hy_end_requested());
	assert_false(hy_end_kill_due());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_asked),
		cmocka_unit_test(test_end_passes_its_signal_once_then_a_grace),
		cmocka_unit_test(test_end_from_the_terminal_passes_none),
		cmocka_unit_test(test_stop_kills_at_once_and_reset_clears),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
