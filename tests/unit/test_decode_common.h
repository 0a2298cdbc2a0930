/* SPDX-License-Identifier: MIT */
/*
 * What the decoder tests share: a syscall record built by hand (arguments,
 * result, captured memory) and its strace-style line. The expected strings in
 * the tests are strace 6.1's output for the same calls, with our addresses.
 */
#ifndef HY_TEST_DECODE_COMMON_H
#define HY_TEST_DECODE_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decode/format.h"
#include "decode/printer.h"
#include "record.h"
#include "syscall_table.h"

static struct hy_record t_rec;
static char t_line[16384];

/* A fresh record of syscall @name of @abi with the arguments given. */
#define t_call(abi, name, ...)                                                                     \
	t_call_(abi, name, (uint64_t[]){ __VA_ARGS__ },                                            \
		sizeof((uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t))

static inline struct hy_record *t_call_(enum hy_abi abi, const char *name, const uint64_t *args,
					size_t n)
{
	long nr = hy_syscall_number(abi, name);

	if (nr < 0)
		fail_msg("no syscall %s", name);
	hy_rec_release(&t_rec);
	hy_rec_init(&t_rec);
	t_rec.abi = abi;
	t_rec.nr = nr;
	t_rec.ent = hy_sysent_get(abi, nr);
	for (size_t i = 0; i < n && i < 6; i++)
		t_rec.args[i] = args[i];
	return &t_rec;
}

#define t_x64(name, ...) t_call(HY_ABI_X86_64, name, __VA_ARGS__)
#define t_i386(name, ...) t_call(HY_ABI_I386, name, __VA_ARGS__)

static inline void t_ret(int64_t ret)
{
	t_rec.ret = ret;
}

/* The call never returned (exit, or the task died). */
static inline void t_unfinished(void)
{
	t_rec.flags |= HY_EV_UNFINISHED;
}

/* Memory the kernel recorder captured at entry / exit. */
static inline void t_in(uint64_t addr, const void *data, size_t len)
{
	assert_int_equal(hy_rec_add_chunk(&t_rec, HY_PHASE_ENTER, 0, addr, data, len, 0), 0);
}

static inline void t_out(uint64_t addr, const void *data, size_t len)
{
	assert_int_equal(hy_rec_add_chunk(&t_rec, HY_PHASE_EXIT, 0, addr, data, len, 0), 0);
}

/* A NUL-terminated string captured at entry (the chunk holds it without the NUL). */
static inline void t_str(uint64_t addr, const char *s)
{
	assert_int_equal(
		hy_rec_add_chunk(&t_rec, HY_PHASE_ENTER, 0, addr, s, strlen(s), HY_MEM_STR), 0);
}

/* A string whose end was not captured. */
static inline void t_str_cut(uint64_t addr, const char *s)
{
	assert_int_equal(hy_rec_add_chunk(&t_rec, HY_PHASE_ENTER, 0, addr, s, strlen(s),
					  HY_MEM_STR | HY_MEM_TRUNC),
			 0);
}

/* "name(args) = result", as strace prints it (without the alignment); @xstyle: -X */
static inline const char *t_fmt_sx(unsigned int strsize, enum hy_xstyle xstyle)
{
	struct hy_printer p;
	char res[512];
	struct hy_printer q;

	hy_pr_init(&p, t_line, sizeof(t_line), strsize);
	p.xstyle = xstyle;
	hy_format_call(&p, &t_rec);
	hy_pr_init(&q, res, sizeof(res), strsize);
	q.xstyle = xstyle;
	q.rval_hex = p.rval_hex;
	hy_format_result(&q, &t_rec);
	hy_pr_puts(&p, " = ");
	hy_pr_puts(&p, res);
	return t_line;
}

static inline const char *t_fmt_s(unsigned int strsize)
{
	return t_fmt_sx(strsize, HY_XSTYLE_ABBREV);
}

static inline const char *t_fmt(void)
{
	return t_fmt_s(0);
}

#define t_expect(want) assert_string_equal(t_fmt(), want)
#define t_expect_s(strsize, want) assert_string_equal(t_fmt_s(strsize), want)
/* strace -X raw, -X verbose */
#define t_expect_raw(want) assert_string_equal(t_fmt_sx(0, HY_XSTYLE_RAW), want)
#define t_expect_verbose(want) assert_string_equal(t_fmt_sx(0, HY_XSTYLE_VERBOSE), want)

static inline int t_teardown(void **state)
{
	(void)state;
	hy_rec_release(&t_rec);
	return 0;
}

#endif
