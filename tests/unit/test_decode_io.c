// SPDX-License-Identifier: MIT
/* read/write and their vector and positioned forms, getrandom: strace 6.1's output. */
#include "test_decode_common.h"

#include <sys/uio.h>

#define BUF 0x7ffd940d0d90ull
#define IOV 0x7ffd940d0e00ull
#define B1 0x7ffd940e1000ull
#define B2 0x7ffd940e2000ull
#define B3 0x7ffd940e3000ull

static void test_read_write(void **state)
{
	static const char data[] = "hello\nworld\t\001\0020123456789abcdefghijklmnopqrstuvwxyz";

	(void)state;
	t_x64("read", 3, BUF, 5);
	t_out(BUF, "vm\n", 3);
	t_ret(3);
	t_expect("read(3, \"vm\\n\", 5) = 3");
	t_x64("read", 3, BUF, 0);
	t_expect("read(3, \"\", 0) = 0");
	t_x64("read", 99, BUF, 10);
	t_ret(-EBADF);
	t_expect("read(99, 0x7ffd940d0d90, 10) = -1 EBADF (Bad file descriptor)");
	/* killed before it returned */
	t_x64("read", 0, BUF, 10);
	t_unfinished();
	t_expect("read(0, 0x7ffd940d0d90, 10) = ?");

	t_x64("write", 3, BUF, 50);
	t_in(BUF, data, 50);
	t_ret(50);
	t_expect("write(3, \"hello\\nworld\\t\\1\\0020123456789abcdefgh\"..., 50) = 50");
	t_expect_s(5, "write(3, \"hello\"..., 50) = 50");
	t_x64("write", 1, BUF, 7);
	t_in(BUF, "\0\0001\x7f\x80 \x1b", 7);
	t_ret(7);
	t_expect_s(5, "write(1, \"\\0\\0001\\177\\200\"..., 7) = 7");
	/* bytes not captured */
	t_x64("write", 1, BUF, 7);
	t_ret(7);
	t_expect("write(1, 0x7ffd940d0d90, 7) = 7");
	/* fewer captured than shown: the buffer ran into an unmapped page (strace: the address) */
	t_x64("write", 1, BUF, 17);
	t_in(BUF, data, 16);
	t_ret(-EFAULT);
	t_expect("write(1, 0x7ffd940d0d90, 17) = -1 EFAULT (Bad address)");
	t_expect_s(7, "write(1, \"hello\\nw\"..., 17) = -1 EFAULT (Bad address)");

	t_x64("pread64", 3, BUF, 4, 2);
	t_out(BUF, "\n", 1);
	t_ret(1);
	t_expect("pread64(3, \"\\n\", 4, 2) = 1");
	t_x64("pwrite64", 3, BUF, 2, 100);
	t_in(BUF, "ab", 2);
	t_ret(2);
	t_expect("pwrite64(3, \"ab\", 2, 100) = 2");
	/* i386: the offset comes in two registers */
	t_i386("pread64", 3, 0xffd00000, 784, 64, 0);
	t_out(0xffd00000, "\6\0\0\0", 4);
	t_ret(4);
	t_expect("pread64(3, \"\\6\\0\\0\\0\", 784, 64) = 4");
	t_i386("pwrite64", 3, 0xffd00000, 2, 0, 1);
	t_in(0xffd00000, "ab", 2);
	t_ret(2);
	t_expect("pwrite64(3, \"ab\", 2, 4294967296) = 2");
}

static void put_iov(uint64_t at, const uint64_t (*v)[2], int n, enum hy_phase ph)
{
	if (ph == HY_PHASE_ENTER)
		t_in(at, v, n * 16);
	else
		t_out(at, v, n * 16);
}

static void test_readv_writev(void **state)
{
	const uint64_t wv[2][2] = { { B1, 3 }, { B2, 5 } };
	const uint64_t rv[3][2] = { { B1, 4 }, { B2, 100 }, { B3, 5 } };
	static const char passwd[] = ":x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:";

	(void)state;
	t_x64("writev", 3, IOV, 2);
	put_iov(IOV, wv, 2, HY_PHASE_ENTER);
	t_in(B1, "abc", 3);
	t_in(B2, "defgh", 5);
	t_ret(8);
	t_expect("writev(3, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"defgh\", iov_len=5}], 2) = "
		 "8");

	/* readv shows the bytes read, spread over the buffers */
	t_x64("readv", 3, IOV, 3);
	put_iov(IOV, rv, 3, HY_PHASE_EXIT);
	t_out(B1, "root", 4);
	t_out(B2, passwd, 100 > sizeof(passwd) ? sizeof(passwd) : 100);
	t_out(B3, "sbin/", 5);
	t_ret(109);
	t_expect("readv(3, [{iov_base=\"root\", iov_len=4}, {iov_base=\":x:0:0:root:/root:/bin/bash"
		 "\\ndaem\"..., iov_len=100}, {iov_base=\"sbin/\", iov_len=5}], 3) = 109");
	t_x64("readv", 3, IOV, 3);
	put_iov(IOV, rv, 3, HY_PHASE_EXIT);
	t_expect("readv(3, [{iov_base=\"\", iov_len=4}, {iov_base=\"\", iov_len=100}, "
		 "{iov_base=\"\", iov_len=5}], 3) = 0");

	t_x64("writev", 1, IOV, 0);
	t_expect("writev(1, [], 0) = 0");
	t_x64("writev", 1, 0, 2);
	t_ret(-EFAULT);
	t_expect("writev(1, NULL, 2) = -1 EFAULT (Bad address)");
	t_x64("writev", 1, 8, 2);
	t_ret(-EFAULT);
	t_expect("writev(1, 0x8, 2) = -1 EFAULT (Bad address)");
	t_x64("readv", 3, IOV, 3);
	t_ret(-EBADF);
	t_expect("readv(3, 0x7ffd940d0e00, 3) = -1 EBADF (Bad file descriptor)");
	/* failed with the array captured at exit: the bases as addresses, as strace */
	t_x64("readv", 3, IOV, 2);
	put_iov(IOV, wv, 2, HY_PHASE_EXIT);
	t_ret(-EFAULT);
	t_expect("readv(3, [{iov_base=0x7ffd940e1000, iov_len=3}, {iov_base=0x7ffd940e2000, "
		 "iov_len=5}], 2) = -1 EFAULT (Bad address)");
	/* an array that runs into an unmapped page: its readable entries, then where it stopped */
	t_x64("writev", 3, IOV, 3);
	put_iov(IOV, wv, 2, HY_PHASE_ENTER);
	t_in(B1, "abc", 3);
	t_in(B2, "defgh", 5);
	t_ret(-EFAULT);
	t_expect("writev(3, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"defgh\", iov_len=5}, "
		 "... /* 0x7ffd940d0e20 */], 3) = -1 EFAULT (Bad address)");
}

/* i386 (and x32's compat calls): 8-byte entries, a 32-bit pointer and a 32-bit length. */
static void test_readv_writev_i386(void **state)
{
	const uint32_t v[2][2] = { { 0xffd01000, 3 }, { 0xffd02000, 5 } };

	(void)state;
	t_i386("writev", 3, 0xffd00000, 2);
	t_in(0xffd00000, v, sizeof(v));
	t_in(0xffd01000, "abc", 3);
	t_in(0xffd02000, "defgh", 5);
	t_ret(8);
	t_expect("writev(3, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"defgh\", iov_len=5}], 2) = "
		 "8");
	t_i386("readv", 3, 0xffd00000, 2);
	t_out(0xffd00000, v, sizeof(v));
	t_out(0xffd01000, "xyz", 3);
	t_out(0xffd02000, "w", 1);
	t_ret(4);
	t_expect("readv(3, [{iov_base=\"xyz\", iov_len=3}, {iov_base=\"w\", iov_len=5}], 2) = 4");
}

static void test_writev_many(void **state)
{
	uint64_t v[40][2];
	char want[4096] = "writev(1, [";

	(void)state;
	for (int i = 0; i < 40; i++) {
		v[i][0] = B1;
		v[i][1] = 1;
	}
	t_x64("writev", 1, IOV, 40);
	t_in(IOV, v, sizeof(v));
	t_in(B1, "x", 1);
	t_ret(40);
	/* strace shows -s elements, then "..." */
	for (int i = 0; i < 32; i++)
		strcat(want, "{iov_base=\"x\", iov_len=1}, ");
	strcat(want, "...], 40) = 40");
	t_expect(want);
}

static void test_preadv(void **state)
{
	const uint64_t v[2][2] = { { B1, 4 }, { B2, 100 } };
	const uint64_t one[1][2] = { { B1, 1 } };

	(void)state;
	t_x64("preadv", 3, IOV, 2, 10, 0);
	put_iov(IOV, v, 2, HY_PHASE_EXIT);
	t_out(B1, ":roo", 4);
	t_out(B2, "t:/root:/bin/bash\ndaemon:x:1:1:daemon", 37);
	t_ret(104);
	t_expect("preadv(3, [{iov_base=\":roo\", iov_len=4}, {iov_base=\"t:/root:/bin/bash\\n"
		 "daemon:x:1:1:d\"..., iov_len=100}], 2, 10) = 104");
	t_x64("preadv2", 3, IOV, 2, 10, 0, RWF_NOWAIT | RWF_HIPRI);
	put_iov(IOV, v, 2, HY_PHASE_EXIT);
	t_out(B1, ":roo", 4);
	t_out(B2, "t:/root:/bin/bash\ndaemon:x:1:1:daemon", 37);
	t_ret(104);
	t_expect("preadv2(3, [{iov_base=\":roo\", iov_len=4}, {iov_base=\"t:/root:/bin/bash\\n"
		 "daemon:x:1:1:d\"..., iov_len=100}], 2, 10, RWF_HIPRI|RWF_NOWAIT) = 104");
	t_x64("preadv2", 3, IOV, 2, 4294967295u, 0, 0);
	put_iov(IOV, v, 2, HY_PHASE_EXIT);
	t_expect("preadv2(3, [{iov_base=\"\", iov_len=4}, {iov_base=\"\", iov_len=100}], 2, "
		 "4294967295, 0) = 0");
	t_x64("pwritev", 99, IOV, 1, 5, 0);
	put_iov(IOV, one, 1, HY_PHASE_ENTER);
	t_in(B1, "x", 1);
	t_ret(-EBADF);
	t_expect("pwritev(99, [{iov_base=\"x\", iov_len=1}], 1, 5) = -1 EBADF (Bad file "
		 "descriptor)");
}

static void test_getrandom(void **state)
{
	static const uint8_t r8[8] = { 0x49, 0xa6, 0x5a, 0x01, 0xbd, 0x64, 0x11, 0x33 };
	uint8_t r40[40];

	(void)state;
	t_x64("getrandom", BUF, 8, 1);
	t_out(BUF, r8, 8);
	t_ret(8);
	t_expect("getrandom(\"\\x49\\xa6\\x5a\\x01\\xbd\\x64\\x11\\x33\", 8, GRND_NONBLOCK) = 8");
	for (int i = 0; i < 40; i++)
		r40[i] = i;
	t_x64("getrandom", BUF, 40, 0);
	t_out(BUF, r40, 32);
	t_ret(40);
	t_expect("getrandom(\"\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x09\\x0a\\x0b\\x0c"
		 "\\x0d\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c"
		 "\\x1d\\x1e\\x1f\"..., 40, 0) = 40");
	t_x64("getrandom", BUF, 0, 2);
	t_expect("getrandom(\"\", 0, GRND_RANDOM) = 0");
	t_x64("getrandom", 8, 8, 0);
	t_ret(-EFAULT);
	t_expect("getrandom(0x8, 8, 0) = -1 EFAULT (Bad address)");
	t_x64("getrandom", 0, 0, 0x10);
	t_ret(-EINVAL);
	t_expect("getrandom(NULL, 0, 0x10 /* GRND_??? */) = -1 EINVAL (Invalid argument)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_read_write, t_teardown),
		cmocka_unit_test_teardown(test_readv_writev, t_teardown),
		cmocka_unit_test_teardown(test_readv_writev_i386, t_teardown),
		cmocka_unit_test_teardown(test_writev_many, t_teardown),
		cmocka_unit_test_teardown(test_preadv, t_teardown),
		cmocka_unit_test_teardown(test_getrandom, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
