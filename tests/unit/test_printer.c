// SPDX-License-Identifier: MIT
/* The printer's own pieces: numbers, strace's quoting, JSON escaping in place. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "decode/printer.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),	   cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_hex), cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_cut),
	};

	return cmocka_run_group_tests_name("test_printer", tests, NULL, NULL);
}
