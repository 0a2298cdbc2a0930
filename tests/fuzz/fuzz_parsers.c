// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for every parser of user input (make fuzz): the first byte
 * of an input picks one, the rest is its text.
 *   0  the syscall set grammar (hy_sysset_check, hy_sysset_new)
 *   1  an inject spec (the inject tool's init, as --inject gives it)
 *   2  tool options, "key=value" per line, for each built-in and example tool
 *   3  the hytrace command line, one argument per line (tools/hytrace.c's parse)
 *   4  strict numbers (hy_parse_int, hy_parse_double)
 * The CLI's exit() returns here through a longjmp (-Wl,--wrap=exit), and no
 * plugin is ever loaded (--wrap=dlopen). Outputs named by options go to
 * /dev/null: a fuzzer must not create files where its inputs say.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"
#include "runtime.h"
#include "session.h"

/* The CLI, with its main renamed: its parser (tools/cli/) is what is fuzzed. */
#define main hytrace_main
#include "../../tools/hytrace.c"
#undef main

extern const struct hy_tool fuzz_tool_chaos, fuzz_tool_count, fuzz_tool_sandbox,
	fuzz_tool_trace_export;

static jmp_buf cli_exit;
static bool in_cli;

void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) __attribute__((noreturn));
void *__wrap_dlopen(const char *path, int flags);

void __wrap_exit(int status)
{
	if (in_cli)
		longjmp(cli_exit, 1);
	__real_exit(status);
}

void *__wrap_dlopen(const char *path, int flags)
{
	(void)path;
	(void)flags;
	return NULL;
}

static void fuzz_set(const char *text)
{
	char hint[256];
	struct hy_sysset *set;

	hy_sysset_check(text, hint, sizeof(hint));
	set = hy_sysset_new(text);
	if (set) {
		hy_sysset_contains(set, HY_ABI_X86_64, 2);
		hy_sysset_free(set);
	}
}

/* One tool's init with these options, then its on_end, as hy_run() does. */
static void run_init(const struct hy_tool *tool, int n, const char *const *keys,
		     const char *const *values)
{
	struct hy_tool_inst ti = { .tool = tool, .nopts = n, .keys = keys, .values = values };
	struct hy_session s = { .ntools = 1, .tools = &ti, .strsize = 32 };

	hy_tasks_init(&s.tasks, 0);
	hy_rt_init(&s);
	hy_rt_end(&s, false);
}

/* Lines of @text as options; file= (outputs) is always /dev/null. */
static int split_options(char *text, const char **keys, const char **values, int max)
{
	int n = 0;

	for (char *line = strtok(text, "\n"); line && n < max - 1; line = strtok(NULL, "\n")) {
		char *eq = strchr(line, '=');

		if (eq)
			*eq = 0;
		keys[n] = line;
		values[n] = eq ? eq + 1 : NULL;
		if (!strcmp(line, "file"))
			values[n] = "/dev/null";
		n++;
	}
	keys[n] = "file"; /* the record tool needs one */
	values[n] = "/dev/null";
	return n + 1;
}

static void fuzz_tool_options(char *text)
{
	static const struct hy_tool *const tools[] = {
		&hy_tool_log,	  &hy_tool_record,  &hy_tool_inject,	&hy_tool_summary,
		&fuzz_tool_chaos, &fuzz_tool_count, &fuzz_tool_sandbox, &fuzz_tool_trace_export,
	};
	const char *keys[32], *values[32];
	size_t len = strlen(text);

	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		char *copy = malloc(len + 1);
		int n;

		if (!copy)
			return;
		memcpy(copy, text, len + 1);
		n = split_options(copy, keys, values, 32);
		run_init(tools[i], n, keys, values);
		free(copy);
	}
}

static void fuzz_inject(char *text)
{
	const char *keys[] = { "rule" }, *values[] = { text };

	run_init(&hy_tool_inject, 1, keys, values);
}

static void fuzz_cli(char *text)
{
	static struct cli c;
	char *argv[64];
	int argc = 0;

	argv[argc++] = "hytrace";
	for (char *a = strtok(text, "\n"); a && argc < 63; a = strtok(NULL, "\n"))
		argv[argc++] = a;
	argv[argc] = NULL;
	free(c.attach);
	free(c.subscribe_joined);
	for (int i = 0; i < c.ninject; i++)
		free(c.inject[i]);
	for (int i = 0; i < c.nlong_qualifiers; i++)
		free(c.long_qualifiers[i]);
	memset(&c, 0, sizeof(c));
	optind = 0; /* glibc: start getopt afresh */
	in_cli = true;
	if (!setjmp(cli_exit)) {
		cli_parse(&c, argc, argv);
		check_set(c.subscribe);
		check_set(c.trace);
	}
	in_cli = false;
}

static void fuzz_numbers(const char *text)
{
	int64_t i;
	double d;

	hy_parse_int(text, INT64_MIN, INT64_MAX, &i);
	hy_parse_int(text, 1, 65535, &i);
	hy_parse_double(text, 0, 1, &d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1 || size > 4096)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = 0;
	switch (data[0] % 5) {
	case 0:
		fuzz_set(text);
		break;
	case 1:
		fuzz_inject(text);
		break;
	case 2:
		fuzz_tool_options(text);
		break;
	case 3:
		fuzz_cli(text);
		break;
	default:
		fuzz_numbers(text);
		break;
	}
	free(text);
	return 0;
}
