// SPDX-License-Identifier: MIT
/* futex operations against strace 6.1's output. */
#include "test_decode_common.h"

#include <linux/futex.h>

#define UADDR 0x7ffcf47a68ecull
#define UADDR2 0x7ffcf47a68e8ull
#define TS 0x7ffcf47a6900ull

static void test_futex(void **state)
{
	int64_t ts[2] = { 0, 1000 };

	(void)state;
	t_x64("futex", UADDR, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAKE_PRIVATE, 1) = 0");
	t_x64("futex", UADDR, FUTEX_WAIT_PRIVATE, 2, 0, 0, 0);
	t_ret(-EAGAIN);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAIT_PRIVATE, 2, NULL) = -1 EAGAIN (Resource "
		 "temporarily "
		 "unavailable)");
	t_x64("futex", UADDR, FUTEX_WAIT, 0, TS, 0, 0);
	t_in(TS, ts, sizeof(ts));
	t_ret(-ETIMEDOUT);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAIT, 0, {tv_sec=0, tv_nsec=1000}) = -1 ETIMEDOUT "
		 "(Connection timed out)");
	t_x64("futex", UADDR, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME | FUTEX_PRIVATE_FLAG, 1, TS,
	      0, FUTEX_BITSET_MATCH_ANY);
	t_in(TS, ts, sizeof(ts));
	t_ret(-EAGAIN);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 1, "
		 "{tv_sec=0, "
		 "tv_nsec=1000}, FUTEX_BITSET_MATCH_ANY) = -1 EAGAIN (Resource temporarily "
		 "unavailable)");
	t_x64("futex", 0x7fb8d41fd990, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 31561, 0, 0,
	      FUTEX_BITSET_MATCH_ANY);
	t_expect("futex(0x7fb8d41fd990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 31561, NULL, "
		 "FUTEX_BITSET_MATCH_ANY) = 0");
	t_x64("futex", UADDR, FUTEX_WAKE_BITSET, 1, 0, 0, 5);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAKE_BITSET, 1, 0x5) = 0");
	t_x64("futex", UADDR, FUTEX_REQUEUE_PRIVATE, 1, 2, UADDR2, 0);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_REQUEUE_PRIVATE, 1, 2, 0x7ffcf47a68e8) = 0");
	t_x64("futex", UADDR, FUTEX_CMP_REQUEUE, 1, 2, UADDR2, 0);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_CMP_REQUEUE, 1, 2, 0x7ffcf47a68e8, 0) = 0");
	t_x64("futex", UADDR, FUTEX_WAKE_OP_PRIVATE, 1, 1, UADDR2,
	      FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_GT, 0));
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x7ffcf47a68e8, "
		 "FUTEX_OP_SET<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0) = 0");
	t_x64("futex", UADDR, FUTEX_LOCK_PI, 0, 0, 0, 0);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_LOCK_PI, NULL) = 0");
	t_x64("futex", UADDR, FUTEX_UNLOCK_PI, 0, 0, 0, 0);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_UNLOCK_PI) = 0");
	t_x64("futex", UADDR, FUTEX_TRYLOCK_PI, 0, 0, 0, 0);
	t_expect("futex(0x7ffcf47a68ec, FUTEX_TRYLOCK_PI) = 0");
	t_x64("futex", UADDR, 99, 1, 2, 3, 4);
	t_ret(-ENOSYS);
	t_expect("futex(0x7ffcf47a68ec, 0x63 /* FUTEX_??? */, 1, 0x2, 0x3, 0x4) = -1 ENOSYS "
		 "(Function not implemented)");
	/* the timeout was not captured */
	t_x64("futex", UADDR, FUTEX_WAIT_PRIVATE, 2, TS, 0, 0);
	t_unfinished();
	t_expect("futex(0x7ffcf47a68ec, FUTEX_WAIT_PRIVATE, 2, 0x7ffcf47a6900) = ?");
	/* i386: a 32-bit timespec */
	t_i386("futex", 0xf7ed45a8, FUTEX_WAIT, 0, 0xffd00000, 0, 0);
	t_in(0xffd00000, (int32_t[]){ 1, 5 }, 8);
	t_ret(-ETIMEDOUT);
	t_expect("futex(0xf7ed45a8, FUTEX_WAIT, 0, {tv_sec=1, tv_nsec=5}) = -1 ETIMEDOUT "
		 "(Connection timed out)");
}

/* an unknown comparison: its comment after the shift (strace 6.1) */
static void test_wake_op_unknown_cmp(void **state)
{
	(void)state;
	t_x64("futex", 0x7fffffffe69c, FUTEX_WAKE_OP, 1, 1, 0x7fffffffe698,
	      ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28) | (FUTEX_OP_ADD << 28) | (0xfff << 12) |
		      (9 << 24) | 5);
	t_ret(-ENOSYS);
	t_expect(
		"futex(0x7fffffffe69c, FUTEX_WAKE_OP, 1, 1, 0x7fffffffe698, "
		"FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_ADD<<28|0xfff<<12|0x9<<24 /* FUTEX_OP_CMP_??? */|0x5) "
		"= -1 ENOSYS (Function not implemented)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_wake_op_unknown_cmp, t_teardown),
		cmocka_unit_test_teardown(test_futex, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
