// SPDX-License-Identifier: MIT
/*
 * trace-export: the run as a Chrome trace-event JSON file, to open in
 * https://ui.perfetto.dev or chrome://tracing. Each process is a track group
 * named after its program, each thread a track, each syscall a slice as long as
 * it stayed in the kernel, with its strace-style line and result as arguments.
 * A call that never returned (exit, exec) is an instant; a process's end is an
 * instant with its status.
 *
 *   hytrace --tool build/tools/trace-export.so --tool-opt file=run.json -- CMD
 *
 * Options:
 *   file=PATH   where to write the trace (default hytrace-trace.json)
 *   strsize=N   bytes of strings shown in the arguments (default 32)
 *
 * Times are microseconds since the tool started, with nanosecond fractions.
 * The file is written as events arrive, so memory stays flat on long runs; it is
 * complete (valid JSON) once the run ends.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "hytrace.h"

struct export
{
	FILE *f;
	char *path;
	uint64_t slices;
	uint64_t t0; /* CLOCK_MONOTONIC ns at init, like the events' times */
	unsigned int strsize;
	bool written; /* an event is in the array: the next needs a comma */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* @s as a JSON string, quotes included. */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* Start an event object: the comma, then the fields every event has. */
static FILE *begin(struct export *g, const char *ph, const char *name, int pid, int tid)
{
	fprintf(g->f, "%s\n{\"ph\":\"%s\",\"pid\":%d,\"tid\":%d,\"name\":", g->written ? "," : "",
		ph, pid, tid);
	json_str(g->f, name);
	g->written = true;
	return g->f;
}

static void ts(FILE *f, const char *key, uint64_t ns)
{
	fprintf(f, ",\"%s\":%llu.%03u", key, (unsigned long long)(ns / 1000),
		(unsigned int)(ns % 1000));
}

static int export_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		       const char *const *values)
{
	static const char *const known[] = { "file", "strsize", NULL };
	struct export *g = hy_global_state(ctx);
	const char *path = hy_option(ctx, "file");
	int64_t strsize = 0;
	int err;

	(void)nopts, (void)keys, (void)values;
	if ((err = hy_options_known(ctx, known)) ||
	    (err = hy_option_int(ctx, "strsize", 0, 4096, &strsize)))
		return err;
	g->strsize = strsize;
	g->path = strdup(path && *path ? path : "hytrace-trace.json");
	if (!g->path)
		return -ENOMEM;
	/* as hytrace's own outputs: 0600, no symlink followed, nobody else's file in /tmp */
	g->f = hy_output_open(g->path, 0);
	if (!g->f) {
		char why[512];

		err = -errno;
		snprintf(why, sizeof(why), "%s", hy_last_error());
		return hy_fail(ctx, err, "%s", why);
	}
	g->t0 = now_ns();
	fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", g->f);
	return 0;
}

/* Name the process's track group and its thread's track after the program. */
static void name_tracks(struct hy_ctx *ctx, bool process)
{
	struct export *g = hy_global_state(ctx);
	char path[64], comm[32] = "?";
	FILE *f;

	/* the tracer shares the guest's /proc: any tool may read its name there */
	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", hy_pid(ctx), hy_tid(ctx));
	if ((f = fopen(path, "re"))) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = 0;
		fclose(f);
	}
	if (process) {
		f = begin(g, "M", "process_name", hy_pid(ctx), hy_pid(ctx));
		fputs(",\"args\":{\"name\":", f);
		json_str(f, comm);
		fputs("}}", f);
	}
	f = begin(g, "M", "thread_name", hy_pid(ctx), hy_tid(ctx));
	fprintf(f, ",\"args\":{\"name\":");
	json_str(f, comm);
	fputs("}}", f);
}

static void export_thread_start(struct hy_ctx *ctx)
{
	name_tracks(ctx, hy_tid(ctx) == hy_pid(ctx));
}

static void export_exec(struct hy_ctx *ctx)
{
	name_tracks(ctx, true);
}

static void export_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct export *g = hy_global_state(ctx);
	const char *name = hy_event_name(ev);
	uint64_t enter = hy_event_enter_ns(ev), exit = hy_event_exit_ns(ev);
	char call[1024], result[128], nr[32];
	unsigned int flags = hy_event_flags(ev);
	FILE *f;

	g->slices++;
	if (!name)
		snprintf(nr, sizeof(nr), "syscall_%ld", hy_event_nr(ev)), name = nr;
	hy_event_format_call(ev, call, sizeof(call), g->strsize, result, sizeof(result));
	f = begin(g, exit ? "X" : "i", name, hy_event_pid(ev), hy_event_tid(ev));
	ts(f, "ts", enter > g->t0 ? enter - g->t0 : 0);
	if (exit)
		ts(f, "dur", exit >= enter ? exit - enter : 0);
	else
		fputs(",\"s\":\"t\"", f);
	fputs(",\"cat\":\"syscall\",\"args\":{\"call\":", f);
	json_str(f, call);
	fputs(",\"result\":", f);
	json_str(f, result);
	/* what a handler did to the call: the interesting slices when looking for them */
	fprintf(f, ",\"stopped\":%s,\"changed\":%s}}", flags & HY_EV_ESCALATED ? "true" : "false",
		flags & (HY_EV_MODIFIED | HY_EV_SKIPPED | HY_EV_INJECTED | HY_EV_RETVAL_SET) ?
			"true" :
			"false");
}

static void export_process_exit(struct hy_ctx *ctx, int wstatus)
{
	struct export *g = hy_global_state(ctx);
	char sig[32];
	FILE *f = begin(g, "i", "exit", hy_pid(ctx), hy_tid(ctx));

	ts(f, "ts", now_ns() - g->t0);
	fputs(",\"s\":\"p\",\"cat\":\"process\",\"args\":{\"status\":", f);
	if (WIFSIGNALED(wstatus))
		json_str(f, hy_signal_name_r(WTERMSIG(wstatus), sig, sizeof(sig)));
	else
		fprintf(f, "%d", WEXITSTATUS(wstatus));
	fputs("}}", f);
}

static void export_end(struct hy_ctx *ctx, FILE *out)
{
	struct export *g = hy_global_state(ctx);

	if (!g->f) {
		free(g->path); /* init failed before the file was open */
		return;
	}
	fputs("\n]}\n", g->f);
	/* a short write shows only now: say so, the file is not a trace */
	if (ferror(g->f) | fclose(g->f))
		fprintf(out, "trace-export: could not write %s\n", g->path);
	else
		fprintf(out, "trace-export: %llu syscalls written to %s\n",
			(unsigned long long)g->slices, g->path);
	free(g->path);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "trace-export",
	.description = "Chrome trace-event / Perfetto JSON of processes, threads and syscalls",
	.global_size = sizeof(struct export),
	.init = export_init,
	.on_event = export_event,
	.on_thread_start = export_thread_start,
	.on_exec = export_exec,
	.on_process_exit = export_process_exit,
	.on_end = export_end,
};
