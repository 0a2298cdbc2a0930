// SPDX-License-Identifier: MIT
/*
 * stack/frames: a stack packed into a record's store reads back as it went in,
 * travels with a copy of the record, and prints as strace -k prints frames (with
 * a symbol, without one, outside any file) and as JSON.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode/printer.h"
#include "record.h"
#include "stack/frames.h"

static const struct hy_frame frames[] = {
	{ 0x7f00000f818f, 0xf818f, "/usr/lib/x86_64-linux-gnu/libc.so.6",
	  "93ac61ec5a8eb1396f9fbd350e3169a558528a40", "openat64", 0x3f },
	{ 0x5600000011f8, 0x11f8, "/usr/bin/prog", NULL, "chain_b", 0x1f },
	{ 0x560000001300, 0x1300, "/usr/bin/prog", NULL, NULL, 0 },
	{ 0x1234, 0, NULL, NULL, NULL, 0 },
};

static void record_with_stack(struct hy_record *r, struct hy_bytes *b)
{
	hy_rec_init(r);
	assert_int_equal(hy_frames_pack(b, frames, 4, HY_STACK_TRUNCATED), 0);
	assert_int_equal(hy_rec_add_chunk(r, HY_PHASE_ENTER, HY_STACK_ARG, 0, b->p, b->len,
					  HY_MEM_STACK),
			 0);
}

static void round_trip(void **state)
{
	struct hy_record r, copy;
	struct hy_bytes b = { 0 };
	struct hy_frame f[8];
	int end;
	char buf[8];

	(void)state;
	record_with_stack(&r, &b);
	hy_rec_init(&copy);
	assert_int_equal(hy_rec_copy(&copy, &r), 0);
	assert_int_equal(hy_frames_of(&copy, f, 8, &end), 4);
	assert_int_equal(end, HY_STACK_TRUNCATED);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(f[i].pc, frames[i].pc);
		assert_int_equal(f[i].offset, frames[i].offset);
		assert_int_equal(f[i].symbol_offset, frames[i].symbol_offset);
	}
	assert_string_equal(f[0].build_id, frames[0].build_id);
	assert_string_equal(f[1].module, "/usr/bin/prog");
	assert_null(f[2].symbol);
	assert_null(f[3].module);
	/* more frames than asked for: the count says so */
	assert_int_equal(hy_frames_of(&copy, f, 2, NULL), 4);
	/* a stack is not memory: no read at address 0 finds it */
	assert_int_equal(hy_rec_read(&copy, HY_PHASE_ENTER, 0, buf, sizeof(buf)), -EFAULT);
	hy_rec_release(&r);
	hy_rec_release(&copy);
	free(b.p);
}

static void text_as_strace(void **state)
{
	struct hy_record r;
	struct hy_bytes b = { 0 };
	struct hy_printer p;
	char buf[1024];

	(void)state;
	record_with_stack(&r, &b);
	hy_pr_init(&p, buf, sizeof(buf), 32);
	hy_frames_print_text(&p, &r);
	assert_string_equal(buf, " > /usr/lib/x86_64-linux-gnu/libc.so.6(openat64+0x3f) [0xf818f]\n"
				 " > /usr/bin/prog(chain_b+0x1f) [0x11f8]\n"
				 " > /usr/bin/prog() [0x1300]\n"
				 " > unexpected_backtracing_error [0x1234]\n");
	hy_rec_release(&r);
	free(b.p);
}

static void json(void **state)
{
	struct hy_record r;
	struct hy_bytes b = { 0 };
	struct hy_printer p;
	char buf[2048];

	(void)state;
	record_with_stack(&r, &b);
	hy_pr_init(&p, buf, sizeof(buf), 32);
	hy_frames_print_json(&p, &r);
	assert_non_null(strstr(buf,
			       ",\"stack\":[{\"pc\":139637977743759,\"module\":"
			       "\"/usr/lib/x86_64-linux-gnu/libc.so.6\",\"build_id\":"
			       "\"93ac61ec5a8eb1396f9fbd350e3169a558528a40\",\"offset\":1016207,"
			       "\"symbol\":\"openat64\",\"symbol_offset\":63},"));
	assert_non_null(
		strstr(buf, "{\"pc\":4660,\"module\":null,\"build_id\":null,\"offset\":0,"
			    "\"symbol\":null,\"symbol_offset\":0}],\"stack_end\":\"truncated\""));
	hy_rec_release(&r);
	free(b.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(text_as_strace),
		cmocka_unit_test(json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
