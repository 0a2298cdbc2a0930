// SPDX-License-Identifier: MIT
/* The printer's own pieces: numbers, strace's quoting, JSON escaping in place. */
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "decode/decode_signal.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"

static char buf[256];

static struct hy_printer *fresh(size_t size)
{
	static struct hy_printer p;

	memset(buf, 'X', sizeof(buf));
	hy_pr_init(&p, buf, size, 0);
	return &p;
}

static void test_numbers(void **state)
{
	struct hy_printer *p = fresh(sizeof(buf));
	char want[128];

	(void)state;
	hy_pr_u64(p, 0);
	hy_pr_putc(p, ' ');
	hy_pr_u64(p, UINT64_MAX);
	hy_pr_putc(p, ' ');
	hy_pr_i64(p, INT64_MIN);
	hy_pr_putc(p, ' ');
	hy_pr_u64(p, 10);
	hy_pr_putc(p, ' ');
	hy_pr_u64(p, 100);
	hy_pr_putc(p, ' ');
	hy_pr_hex(p, 0);
	hy_pr_putc(p, ' ');
	hy_pr_hex(p, 0xdeadbeef);
	hy_pr_putc(p, ' ');
	hy_pr_hex(p, UINT64_MAX);
	snprintf(want, sizeof(want), "0 %llu %lld 10 100 0 0xdeadbeef 0xffffffffffffffff",
		 (unsigned long long)UINT64_MAX, (long long)INT64_MIN);
	assert_string_equal(buf, want);
	assert_int_equal(p->len, strlen(want));
}

static void test_quoted(void **state)
{
	static const unsigned char data[] = {
		'a', 0, '1', 0, 'x', '\n', 0x7f, 0xff, '"', '\\', 9, 8
	};
	struct hy_printer *p = fresh(sizeof(buf));

	(void)state;
	/* octal is the shortest form unless a digit follows (strace's rule) */
	hy_pr_quoted(p, data, sizeof(data), true);
	assert_string_equal(buf, "\"a\\0001\\0x\\n\\177\\377\\\"\\\\\\t\\10\"...");
	p = fresh(sizeof(buf));
	hy_pr_quoted(p, "a long plain run of text, more than eight bytes", 47, false);
	assert_string_equal(buf, "\"a long plain run of text, more than eight bytes\"");
	/* runs of zeros go eight at a time, but not into a following digit */
	p = fresh(sizeof(buf));
	hy_pr_quoted(p,
		     "\0\0\0\0\0\0\0\0"
		     "1"
		     "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
		     "x",
		     26, false);
	assert_string_equal(buf, "\"\\0\\0\\0\\0\\0\\0\\0\\0001"
				 "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0x\"");
	p = fresh(sizeof(buf));
	p->json = true;
	hy_pr_quoted(p, "\0\0\0\0\0\0\0\0", 8, false);
	p->json = false;
	assert_string_equal(buf, "\\\"\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\"");
}

/* strace -x: a string with a byte neither printable nor whitespace in hex; -xx: all */
static void test_quoted_hex(void **state)
{
	struct hy_printer *p = fresh(sizeof(buf));

	(void)state;
	p->xflag = 1;
	hy_pr_quoted(p, "ok\t\n", 4, false);
	assert_string_equal(buf, "\"ok\\t\\n\"");
	p = fresh(sizeof(buf));
	p->xflag = 1;
	hy_pr_quoted(p, "a\001", 2, true);
	assert_string_equal(buf, "\"\\x61\\x01\"...");
	p = fresh(sizeof(buf));
	p->xflag = 2;
	hy_pr_quoted(p, "hi", 2, false);
	assert_string_equal(buf, "\"\\x68\\x69\"");
}

static void test_json(void **state)
{
	static const unsigned char data[] = { 0,   '1', '"', '\\', '\n', 0xff, 'a',
					      'b', 'c', 'd', 'e',  'f',	 'g',  'h' };
	struct hy_printer *p = fresh(sizeof(buf));

	(void)state;
	hy_pr_puts(p, "{\"text\":\"");
	p->json = true;
	hy_pr_puts(p, "open(\"/a\\b\")\x01\x7f"
		      "0123456789abcdef ");
	/* strace's escapes, escaped again for JSON */
	hy_pr_quoted(p, data, sizeof(data), true);
	p->json = false;
	hy_pr_putc(p, '"');
	assert_string_equal(buf, "{\"text\":\"open(\\\"/a\\\\b\\\")\\u0001\\u007f0123456789ab"
				 "cdef \\\"\\\\0001\\\\\\\"\\\\\\\\\\\\n\\\\377abcdefgh\\\"...\"");
	assert_int_equal(p->len, strlen(buf));
	p = fresh(sizeof(buf));
	hy_pr_json_str(p, "plain");
	assert_string_equal(buf, "\"plain\"");
}

static void test_json_cut(void **state)
{
	struct hy_printer *p = fresh(12);

	(void)state;
	/* 12 bytes: 11 and the NUL; the escape of '"' would straddle the end */
	hy_pr_puts(p, "ab");
	p->json = true;
	hy_pr_puts(p, "cdefghi\"kl");
	p->json = false;
	assert_int_equal(strlen(buf), 11);
	assert_string_equal(buf, "abcdefghi\\\"");
	/* the length asked for is that of the whole escaped text */
	assert_int_equal(p->len, strlen("abcdefghi\\\"kl"));
}

/* strace -X: a constant in each style, as strace 6.1 prints them */
static void test_const_styles(void **state)
{
	static const char *const want[3] = {
		[HY_XSTYLE_ABBREV] =
			"AT_FDCWD PROT_READ|PROT_WRITE 0x100 /* PROT_??? */ PROT_NONE 0 "
			"0x4d /* SEEK_??? */ SIGUSR1 [INT TERM] S_IFREG|S_ISUID|0755",
		[HY_XSTYLE_RAW] = "-100 0x3 0x100 0 0 0x4d 10 [2 15] 0104755",
		[HY_XSTYLE_VERBOSE] =
			"-100 /* AT_FDCWD */ 0x3 /* PROT_READ|PROT_WRITE */ "
			"0x100 /* PROT_??? */ 0 /* PROT_NONE */ 0 0x4d /* SEEK_??? */ "
			"10 /* SIGUSR1 */ [2 /* INT */ 15 /* TERM */] "
			"0104755 /* S_IFREG|S_ISUID|0755 */",
	};
	uint8_t mask[8] = { 0 };

	(void)state;
	mask[0] = 1 << (SIGINT - 1);
	mask[1] = 1 << (SIGTERM - 1 - 8);
	for (int s = HY_XSTYLE_ABBREV; s <= HY_XSTYLE_VERBOSE; s++) {
		struct hy_printer *p = fresh(sizeof(buf));

		p->xstyle = s;
		hy_pr_dirfd(p, -100);
		hy_pr_putc(p, ' ');
		hy_pr_flags(p, HY_X_MMAP_PROT, 3, NULL);
		hy_pr_putc(p, ' ');
		hy_pr_flags(p, HY_X_MMAP_PROT, 0x100, NULL);
		hy_pr_putc(p, ' ');
		hy_pr_flags(p, HY_X_MMAP_PROT, 0, NULL); /* a set with a name for 0 */
		hy_pr_putc(p, ' ');
		hy_pr_flags(p, HY_X_OPEN_FLAGS, 0, NULL); /* and one without (sa_flags=0) */
		hy_pr_putc(p, ' ');
		hy_pr_enum(p, HY_X_SEEK_WHENCE, 0x4d);
		hy_pr_putc(p, ' ');
		hy_pr_signal(p, SIGUSR1);
		hy_pr_putc(p, ' ');
		hy_pr_sigmask(p, mask, sizeof(mask));
		hy_pr_putc(p, ' ');
		hy_pr_mode_type(p, 0104755);
		assert_string_equal(buf, want[s]);
		/* the style is the printer's again after a value written in pieces */
		assert_int_equal(p->xstyle, s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),	   cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_hex), cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_cut),   cmocka_unit_test(test_const_styles),
	};

	return cmocka_run_group_tests_name("test_printer", tests, NULL, NULL);
}
