// SPDX-License-Identifier: MIT
/* Clocks and sleeps against strace 6.1's output. */
#include "test_decode_common.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#define TS 0x7ffcf47a6b20ull
#define REM 0x7ffcf47a6b10ull

static void test_clock(void **state)
{
	int64_t ts[2] = { 1928, 671111296 }, res[2] = { 0, 1 };
	int32_t ts32[2] = { 1928, 671111296 };

	(void)state;
	t_x64("clock_gettime", CLOCK_MONOTONIC, TS);
	t_out(TS, ts, sizeof(ts));
	t_expect("clock_gettime(CLOCK_MONOTONIC, {tv_sec=1928, tv_nsec=671111296}) = 0");
	t_x64("clock_gettime", CLOCK_REALTIME, 0);
	t_ret(-EFAULT);
	t_expect("clock_gettime(CLOCK_REALTIME, NULL) = -1 EFAULT (Bad address)");
	t_x64("clock_gettime", 99, TS);
	t_ret(-EINVAL);
	t_expect("clock_gettime(0x63 /* CLOCK_??? */, 0x7ffcf47a6b20) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("clock_getres", CLOCK_BOOTTIME, TS);
	t_out(TS, res, sizeof(res));
	t_expect("clock_getres(CLOCK_BOOTTIME, {tv_sec=0, tv_nsec=1}) = 0");
	/* i386: the old call takes a 32-bit time_t, the *64 one a 64-bit one */
	t_i386("clock_gettime", CLOCK_MONOTONIC, 0xffd00000);
	t_out(0xffd00000, ts32, sizeof(ts32));
	t_expect("clock_gettime(CLOCK_MONOTONIC, {tv_sec=1928, tv_nsec=671111296}) = 0");
	t_i386("clock_gettime64", CLOCK_MONOTONIC, 0xffd00000);
	t_out(0xffd00000, ts, sizeof(ts));
	t_expect("clock_gettime64(CLOCK_MONOTONIC, {tv_sec=1928, tv_nsec=671111296}) = 0");
}

static void test_sleep(void **state)
{
	int64_t req[2] = { 0, 1000 }, bad[2] = { 0, -1 }, left[2] = { 9, 999 };
	int64_t abs[2] = { 1795446099, 87911202 };

	(void)state;
	t_x64("nanosleep", TS, REM);
	t_in(TS, req, sizeof(req));
	t_expect("nanosleep({tv_sec=0, tv_nsec=1000}, 0x7ffcf47a6b10) = 0");
	t_x64("nanosleep", TS, 0);
	t_in(TS, req, sizeof(req));
	t_expect("nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = 0");
	t_x64("nanosleep", TS, 0);
	t_in(TS, bad, sizeof(bad));
	t_ret(-EINVAL);
	t_expect("nanosleep({tv_sec=0, tv_nsec=18446744073709551615}, NULL) = -1 EINVAL (Invalid "
		 "argument)");
	/* interrupted: what was left */
	t_x64("nanosleep", TS, REM);
	t_in(TS, req, sizeof(req));
	t_out(REM, left, sizeof(left));
	t_ret(-516);
	t_expect("nanosleep({tv_sec=0, tv_nsec=1000}, {tv_sec=9, tv_nsec=999}) = "
		 "? ERESTART_RESTARTBLOCK (Interrupted by signal)");
	t_x64("clock_nanosleep", CLOCK_MONOTONIC, 0, TS, REM);
	t_in(TS, req, sizeof(req));
	t_expect("clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, 0x7ffcf47a6b10) = "
		 "0");
	t_x64("clock_nanosleep", CLOCK_REALTIME, TIMER_ABSTIME, TS, 0);
	t_in(TS, abs, sizeof(abs));
	t_expect("clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, {tv_sec=1795446099, "
		 "tv_nsec=87911202}, NULL) = 0");
	t_x64("clock_nanosleep", 0, 3, 0, 0);
	t_ret(-EFAULT);
	t_expect("clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME|0x2, NULL, NULL) = -1 EFAULT (Bad "
		 "address)");
	/* not captured */
	t_x64("nanosleep", TS, REM);
	t_expect("nanosleep(0x7ffcf47a6b20, 0x7ffcf47a6b10) = 0");
}

static void test_misc(void **state)
{
	int64_t tv[2] = { 1795446456, 811795 };
	int32_t tz[2] = { 0, 0 };

	(void)state;
	t_x64("gettimeofday", TS, REM);
	t_out(TS, tv, sizeof(tv));
	t_out(REM, tz, sizeof(tz));
	t_expect("gettimeofday({tv_sec=1795446456, tv_usec=811795}, {tz_minuteswest=0, "
		 "tz_dsttime=0}) = 0");
}

/* File times and time(2): strace's date comments (the tests run with TZ=UTC). */
#define ARR 0x7ffcf47a6c00ull

static void test_file_times(void **state)
{
	int64_t ub[2] = { 1000000000, 1100000000 }, ub0[2] = { 0, -1 };
	int64_t tv[4] = { 1000000000, 5, 1100000000, 6 }, tvbad[4] = { 0, 1000000, -5, -1 };
	int64_t ts[4] = { 1000000000, 7, 0, UTIME_NOW }, ts2[4] = { 0, UTIME_OMIT, 1, 2 };
	int64_t now = 1796391817;
	int32_t ub32[2] = { 1000000000, 1100000000 };

	(void)state;
	t_x64("utime", TS, ARR);
	t_str(TS, "/tmp/f");
	t_in(ARR, ub, sizeof(ub));
	t_expect("utime(\"/tmp/f\", {actime=1000000000 /* 2001-09-09T01:46:40+0000 */, "
		 "modtime=1100000000 /* 2004-11-09T11:33:20+0000 */}) = 0");
	t_x64("utime", TS, ARR);
	t_str(TS, "/tmp/f");
	t_in(ARR, ub0, sizeof(ub0));
	t_expect("utime(\"/tmp/f\", {actime=0, modtime=-1 /* 1969-12-31T23:59:59+0000 */}) = 0");
	t_i386("utime", 0xffd00000, 0xffd00010);
	t_str(0xffd00000, "/tmp/f");
	t_in(0xffd00010, ub32, sizeof(ub32));
	t_expect("utime(\"/tmp/f\", {actime=1000000000 /* 2001-09-09T01:46:40+0000 */, "
		 "modtime=1100000000 /* 2004-11-09T11:33:20+0000 */}) = 0");
	/* cut by an unmapped page: only half of it was captured */
	t_x64("utime", TS, ARR);
	t_str(TS, "/tmp/f");
	t_in(ARR, ub, 8);
	t_ret(-EFAULT);
	t_expect("utime(\"/tmp/f\", 0x7ffcf47a6c00) = -1 EFAULT (Bad address)");
	t_x64("utimes", TS, ARR);
	t_str(TS, "/tmp/f");
	t_in(ARR, tv, sizeof(tv));
	t_expect("utimes(\"/tmp/f\", [{tv_sec=1000000000, tv_usec=5} /* "
		 "2001-09-09T01:46:40.000005+0000 */, {tv_sec=1100000000, tv_usec=6} /* "
		 "2004-11-09T11:33:20.000006+0000 */]) = 0");
	t_x64("utimes", TS, ARR);
	t_str(TS, "/tmp/f");
	t_in(ARR, tvbad, sizeof(tvbad));
	t_ret(-EINVAL);
	t_expect("utimes(\"/tmp/f\", [{tv_sec=0, tv_usec=1000000}, {tv_sec=-5, "
		 "tv_usec=18446744073709551615}]) = -1 EINVAL (Invalid argument)");
	t_x64("futimesat", AT_FDCWD, TS, ARR);
	t_str(TS, "/tmp/f");
	t_in(ARR, tv, sizeof(tv));
	t_expect("futimesat(AT_FDCWD, \"/tmp/f\", [{tv_sec=1000000000, tv_usec=5} /* "
		 "2001-09-09T01:46:40.000005+0000 */, {tv_sec=1100000000, tv_usec=6} /* "
		 "2004-11-09T11:33:20.000006+0000 */]) = 0");
	t_x64("utimensat", AT_FDCWD, TS, ARR, 0);
	t_str(TS, "/tmp/f");
	t_in(ARR, ts, sizeof(ts));
	t_expect("utimensat(AT_FDCWD, \"/tmp/f\", [{tv_sec=1000000000, tv_nsec=7} /* "
		 "2001-09-09T01:46:40.000000007+0000 */, UTIME_NOW], 0) = 0");
	t_x64("utimensat", 3, 0, ARR, 0);
	t_in(ARR, ts2, sizeof(ts2));
	t_expect("utimensat(3, NULL, [UTIME_OMIT, {tv_sec=1, tv_nsec=2} /* "
		 "1970-01-01T00:00:01.000000002+0000 */], 0) = 0");
	t_x64("utimensat", 3, 0, 0, 0);
	t_expect("utimensat(3, NULL, NULL, 0) = 0");
	t_x64("time", 0);
	t_ret(now);
	t_expect("time(NULL) = 1796391817 (2026-12-04T13:43:37+0000)");
	t_x64("time", TS);
	t_out(TS, &now, sizeof(now));
	t_ret(now);
	t_expect("time([1796391817 /* 2026-12-04T13:43:37+0000 */]) = 1796391817 "
		 "(2026-12-04T13:43:37+0000)");
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_file_times, t_teardown),
		cmocka_unit_test_teardown(test_clock, t_teardown),
		cmocka_unit_test_teardown(test_sleep, t_teardown),
		cmocka_unit_test_teardown(test_misc, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
