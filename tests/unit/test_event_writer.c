// SPDX-License-Identifier: MIT
/*
 * hy_writer: what the writer thread writes is, byte for byte, what formatting
 * each event at once writes, in order, across many wraps of its queue, with
 * text between the events, text longer than one queue item, and records with
 * and without captured memory.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "record.h"
#include "syscall_table.h"

static void make_event(struct hy_record *r, int i)
{
	static const char path[] = "/usr/include/stdio.h";
	char data[40];

	hy_rec_reset(r);
	r->tid = r->pid = 1000 + i % 7;
	r->abi = HY_ABI_X86_64;
	r->t_enter = 1000000 + i;
	r->t_exit = r->t_enter + 100 + i % 1000;
	switch (i % 3) {
	case 0:
		r->nr = hy_syscall_number(HY_ABI_X86_64, "getppid");
		r->ret = 4242;
		break;
	case 1:
		r->nr = hy_syscall_number(HY_ABI_X86_64, "openat");
		r->args[0] = (uint32_t)-100;
		r->args[1] = 0x5000;
		r->ret = i % 2 ? 3 : -2;
		hy_rec_add_chunk(r, HY_PHASE_ENTER, 1, 0x5000, path, sizeof(path) - 1, HY_MEM_STR);
		break;
	default:
		r->nr = hy_syscall_number(HY_ABI_X86_64, "read");
		r->args[0] = 3;
		r->args[1] = 0x7000;
		r->args[2] = sizeof(data);
		r->ret = sizeof(data);
		for (size_t k = 0; k < sizeof(data); k++)
			data[k] = (char)(i + k);
		hy_rec_add_chunk(r, HY_PHASE_EXIT, 1, 0x7000, data, 32, HY_MEM_TRUNC);
	}
	r->ent = hy_sysent_get(HY_ABI_X86_64, r->nr);
}

/* The same run written through @f; returns what @f holds. */
static void run(FILE *f, unsigned int flags)
{
	struct hy_writer *w = hy_writer_open(f, flags, 0);
	struct hy_record r;
	char *big = malloc(3 << 20);

	assert_non_null(w);
	assert_non_null(big);
	hy_rec_init(&r);
	for (int i = 0; i < 150000; i++) {
		char prefix[32];

		make_event(&r, i);
		snprintf(prefix, sizeof(prefix), i % 5 ? "" : "[pid %5d] ", r.tid);
		assert_int_equal(hy_writer_event(w, (const struct hy_event *)&r, prefix), 0);
		if (i % 1000 == 0) {
			char line[64];
			int n = snprintf(line, sizeof(line), "--- line %d ---\n", i);

			hy_writer_text(w, line, n);
		}
	}
	/* longer than a queue item: goes in pieces, still in one piece on the file */
	memset(big, 'x', 3 << 20);
	big[(3 << 20) - 1] = '\n';
	hy_writer_text(w, big, 3 << 20);
	make_event(&r, 1);
	hy_writer_event(w, (const struct hy_event *)&r, NULL);
	assert_int_equal(hy_writer_close(w), 0);
	hy_rec_release(&r);
	free(big);
}

static void check(unsigned int flags)
{
	char *ref = NULL;
	size_t ref_len = 0;
	FILE *mem = open_memstream(&ref, &ref_len); /* no descriptor: written at once */
	FILE *tmp = tmpfile();			    /* a descriptor: the writer's thread */
	char *got;
	long len;

	assert_non_null(mem);
	assert_non_null(tmp);
	run(mem, flags);
	fclose(mem);
	run(tmp, flags);
	len = ftell(tmp) >= 0 ? lseek(fileno(tmp), 0, SEEK_END) : -1;
	assert_int_equal(len, (long)ref_len);
	got = malloc(len);
	assert_non_null(got);
	assert_int_equal(pread(fileno(tmp), got, len, 0), len);
	assert_memory_equal(got, ref, len);
	assert_true(ref_len > (8u << 20)); /* the queue (8 MiB) wrapped: events are larger on it */
	free(got);
	free(ref);
	fclose(tmp);
}

static void test_text_lines(void **state)
{
	(void)state;
	check(HY_WRITER_DURATIONS);
}

static void test_json_lines(void **state)
{
	(void)state;
	check(HY_WRITER_JSON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lines),
		cmocka_unit_test(test_json_lines),
	};

	return cmocka_run_group_tests_name("test_event_writer", tests, NULL, NULL);
}
