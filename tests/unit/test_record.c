// SPDX-License-Identifier: MIT
/* A record's captured memory: which chunk answers a read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "record.h"

/*
 * io_submit's PWRITE data cut at -s 7 holds the start of a PWRITEV buffer
 * that lies inside it; the buffer's own capture must answer a read of it.
 */
static void test_read_takes_the_chunk_with_most_bytes(void **state)
{
	struct hy_record r;
	char buf[8];

	(void)state;
	hy_rec_init(&r);
	assert_int_equal(hy_rec_add_chunk(&r, HY_PHASE_ENTER, 2, 0x1000, "abcdefg", 7, 0), 0);
	assert_int_equal(hy_rec_add_chunk(&r, HY_PHASE_ENTER, 2, 0x1004, "efghij", 6, 0), 0);
	assert_int_equal(hy_rec_read(&r, HY_PHASE_ENTER, 0x1004, buf, 6), 6);
	assert_memory_equal(buf, "efghij", 6);
	assert_int_equal(hy_rec_read(&r, HY_PHASE_ENTER, 0x1000, buf, 7), 7);
	assert_memory_equal(buf, "abcdefg", 7);
	hy_rec_release(&r);
}

/* a readable chunk wins over a fault noted at the same address */
static void test_read_prefers_bytes_over_a_fault(void **state)
{
	struct hy_record r;
	char buf[4];

	(void)state;
	hy_rec_init(&r);
	assert_int_equal(hy_rec_add_chunk(&r, HY_PHASE_ENTER, 1, 0x2000, NULL, 0, HY_MEM_FAULT), 0);
	assert_int_equal(hy_rec_read(&r, HY_PHASE_ENTER, 0x2000, buf, 4), -EFAULT);
	assert_int_equal(hy_rec_add_chunk(&r, HY_PHASE_ENTER, 1, 0x2000, "wxyz", 4, 0), 0);
	assert_int_equal(hy_rec_read(&r, HY_PHASE_ENTER, 0x2000, buf, 4), 4);
	hy_rec_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_takes_the_chunk_with_most_bytes),
		cmocka_unit_test(test_read_prefers_bytes_over_a_fault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
