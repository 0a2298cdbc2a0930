// SPDX-License-Identifier: MIT
/* The syscall-set grammar: names, numbers, classes, globs, negation, ABIs, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "syscall_table.h"
#include "sysset.h"

static long nr(enum hy_abi abi, const char *name)
{
	long n = hy_syscall_number(abi, name);

	assert_true(n >= 0);
	return n;
}

static void parse_ok(struct hy_sysset *s, const char *spec)
{
	hy_sysset_clear(s);
	assert_int_equal(hy_sysset_parse(s, spec, NULL, 0), 0);
}

static void test_names_cover_every_abi(void **state)
{
	struct hy_sysset s;

	(void)state;
	parse_ok(&s, "openat,read");
	assert_int_equal(hy_sysset_count(&s), 6); /* both exist in x86_64, i386, x32 */
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "openat")));
	assert_true(hy_sysset_contains(&s, HY_ABI_I386, nr(HY_ABI_I386, "openat")));
	assert_true(hy_sysset_contains(&s, HY_ABI_X32, nr(HY_ABI_X32, "read")));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "write")));
}

/* a number the table does not name is shown by any set that is not empty, as strace's */
static void test_unnamed_numbers_shown(void **state)
{
	struct hy_sysset s;

	(void)state;
	parse_ok(&s, "openat");
	assert_true(hy_sysset_shows(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "openat")));
	assert_false(hy_sysset_shows(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "read")));
	assert_true(hy_sysset_shows(&s, HY_ABI_X86_64, 999));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, 999));
	assert_false(hy_sysset_shows(&s, HY_ABI_X86_64, -1));
	hy_sysset_clear(&s);
	assert_false(hy_sysset_shows(&s, HY_ABI_X86_64, 999));
	assert_false(hy_sysset_shows(NULL, HY_ABI_X86_64, 999));
}

static void test_abi_suffix_and_numbers(void **state)
{
	struct hy_sysset s;

	(void)state;
	parse_ok(&s, "getpid@i386");
	assert_int_equal(hy_sysset_count(&s), 1);
	assert_true(hy_sysset_contains(&s, HY_ABI_I386, 20));
	parse_ok(&s, "39"); /* a bare number is x86-64's: getpid */
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, 39));
	assert_int_equal(hy_sysset_count(&s), 1);
	parse_ok(&s, "20@i386");
	assert_true(hy_sysset_contains(&s, HY_ABI_I386, 20));
}

static void test_negation_all_none(void **state)
{
	struct hy_sysset s, all;

	(void)state;
	parse_ok(&all, "all");
	parse_ok(&s, "all,!futex");
	assert_int_equal(hy_sysset_count(&s), hy_sysset_count(&all) - 3);
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "futex")));
	parse_ok(&s, "!write"); /* a leading negation starts from all */
	assert_int_equal(hy_sysset_count(&s), hy_sysset_count(&all) - 3);
	parse_ok(&s, "openat,none,read");
	assert_int_equal(hy_sysset_count(&s), 3);
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "openat")));
}

static void test_classes_and_globs(void **state)
{
	struct hy_sysset s;

	(void)state;
	parse_ok(&s, "%net@x86_64");
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "connect")));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "openat")));
	parse_ok(&s, "*stat*@x86_64");
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "newfstatat")));
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "statx")));
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "fstatfs")));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "read")));
	parse_ok(&s, "%%stat@x86_64");
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "newfstatat")));
}

/* strace's grammar: a leading '!' negates the whole list; '?' and '/regex' */
static void test_strace_grammar(void **state)
{
	struct hy_sysset s, all;
	long openat = nr(HY_ABI_X86_64, "openat"), close_nr = nr(HY_ABI_X86_64, "close");

	(void)state;
	parse_ok(&all, "all");
	parse_ok(&s, "!openat,close");
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, openat));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, close_nr));
	assert_int_equal(hy_sysset_count(&s), hy_sysset_count(&all) - 6);
	parse_ok(&s, "!none");
	assert_int_equal(hy_sysset_count(&s), hy_sysset_count(&all));
	parse_ok(&s, "!all");
	assert_int_equal(hy_sysset_count(&s), 0);
	parse_ok(&s, "?nosuchcall,close@64");
	assert_int_equal(hy_sysset_count(&s), 1);
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, close_nr));
	parse_ok(&s, "/^clo(se|ne)$@x86_64");
	assert_int_equal(hy_sysset_count(&s), 2);
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "clone")));
	parse_ok(&s, "?/^zzz");
	assert_int_equal(hy_sysset_count(&s), 0);
	hy_sysset_clear(&s);
	assert_int_equal(hy_sysset_parse(&s, "/^zzz", NULL, 0), -EINVAL);
	assert_int_equal(hy_sysset_parse(&s, "/(", NULL, 0), -EINVAL);
	parse_ok(&s, "file@x86_64"); /* strace's class name without '%' */
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, openat));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, close_nr));
	parse_ok(&s, "%file,!openat@x86_64");
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, openat));
	assert_true(hy_sysset_contains(&s, HY_ABI_I386, nr(HY_ABI_I386, "openat")));
}

static void test_errors_name_the_item(void **state)
{
	struct hy_sysset s;
	char hint[200];

	(void)state;
	hy_sysset_clear(&s);
	assert_int_equal(hy_sysset_parse(&s, "read,opnat", NULL, 0), -EINVAL);
	assert_non_null(strstr(hy_last_error(), "unknown syscall 'opnat' (did you mean openat"));
	assert_int_equal(hy_sysset_parse(&s, "%nope", NULL, 0), -EINVAL);
	assert_non_null(strstr(hy_last_error(), "unknown syscall class '%nope'"));
	assert_int_equal(hy_sysset_parse(&s, "zz*zz", NULL, 0), -EINVAL);
	assert_non_null(strstr(hy_last_error(), "matches nothing"));
	assert_int_equal(hy_sysset_parse(&s, "read@arm", NULL, 0), -EINVAL);
	assert_int_equal(hy_sysset_parse(&s, "read,,write", NULL, 0), -EINVAL);
	assert_int_equal(hy_sysset_parse(&s, "open", hint, sizeof(hint)), 0);
	assert_non_null(strstr(hint, "calls openat, not open"));
	assert_int_equal(hy_sysset_parse(&s, "open,openat", hint, sizeof(hint)), 0);
	assert_string_equal(hint, "");
	/* glibc's dup2() and sh still call dup2: no hint */
	assert_int_equal(hy_sysset_parse(&s, "dup2", hint, sizeof(hint)), 0);
	assert_string_equal(hint, "");
}

/*
 * glibc's regcomp() copies a repeated part once per repetition: stacked or
 * nested repetitions (the fuzzer's `/penat` and 31 '+') would run for minutes;
 * they are refused before it, bounded ones still work.
 */
static void test_regex_that_would_not_end(void **state)
{
	struct hy_sysset s;
	char stacked[64] = "/penat";

	(void)state;
	memset(stacked + strlen(stacked), '+', 31);
	strcat(stacked, "@i386");
	hy_sysset_clear(&s);
	assert_int_equal(hy_sysset_parse(&s, stacked, NULL, 0), -EINVAL);
	assert_non_null(strstr(hy_last_error(), "repeats too much"));
	assert_int_equal(hy_sysset_parse(&s, "/a{100}{100}", NULL, 0), -EINVAL);
	assert_int_equal(hy_sysset_parse(&s, "/((a{20}){20}){20}", NULL, 0), -EINVAL);
	parse_ok(&s, "/^(open|close)(at)?$@x86_64");
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "openat")));
	assert_int_equal(hy_sysset_count(&s), 3); /* no `closeat` */
	parse_ok(&s, "/^[[:alpha:]]{4}$@x86_64");
	assert_true(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "read")));
	assert_false(hy_sysset_contains(&s, HY_ABI_X86_64, nr(HY_ABI_X86_64, "write")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_cover_every_abi),
		cmocka_unit_test(test_unnamed_numbers_shown),
		cmocka_unit_test(test_abi_suffix_and_numbers),
		cmocka_unit_test(test_negation_all_none),
		cmocka_unit_test(test_classes_and_globs),
		cmocka_unit_test(test_strace_grammar),
		cmocka_unit_test(test_errors_name_the_item),
		cmocka_unit_test(test_regex_that_would_not_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
