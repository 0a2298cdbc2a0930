/* SPDX-License-Identifier: MIT */
/*
 * The hytrace command line: what the options asked for, before it becomes
 * tools and run options (tools/hytrace.c). One job per file: cli_parse.c (the
 * getopt loop, short and long options), cli_qualify.c (strace's -e QUALIFIER=
 * and their --QUALIFIER= spellings), cli_refused.c (strace's options hytrace
 * does not have, each with its reason), cli_help.c (--help), cli_errors.c (how
 * the user is told), cli_pipe.c (-o |CMD).
 */
#ifndef HYTRACE_CLI_H
#define HYTRACE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#define CLI_MAX_OPTS 256
#define CLI_MAX_TOOLS 32

struct hy_tool;

struct cli_tool_slot {
	const struct hy_tool *tool;
	int nopts;
	const char *keys[CLI_MAX_OPTS];
	const char *values[CLI_MAX_OPTS];
};

struct cli {
	struct cli_tool_slot slot[CLI_MAX_TOOLS];
	int ntools;
	const char *subscribe;
	char *subscribe_joined; /* several --subscribe, joined */
	const char *trace;
	const char *out_path;
	const char *record_path;
	const char *time_fmt;
	const char *strsize;
	const char *folded_path, *folded_weight;
	unsigned int stack_size;
	const char *cgroup;
	const char *metrics;
	const char *summary_by;
	const char *record_max, *record_keep;
	unsigned int max_cgroups;
	bool summary_only, summary_and_log, durations, json, no_kernel, pin_cpu, pidns, stacks;
	bool all_tasks, show_cgroup, histogram;
	const char *gdbserver;
	const char *backend;
	bool guest_rewrite;
	char *inject[CLI_MAX_OPTS];
	int ninject;
	int *attach; /* as many as given: no silent limit */
	int nattach;
	int nattach_gone; /* -p pids with no process: warned about and left out, as strace */
	/* strace's options */
	int tcount;	     /* -t given this many times (or its --absolute-timestamps) */
	int fcount;	     /* -f: twice (or --output-separately) writes FILE.PID */
	bool append;	     /* -A */
	bool relative;	     /* -r */
	bool numbers;	     /* -n */
	bool ip;	     /* -i */
	const char *column;  /* -a N */
	const char *status;  /* -e status=, -z, -Z: a list of statuses */
	const char *signals; /* -e signal= */
	const char *quiet;   /* -q...: attach,personality,exit,... as strace's -e quiet= */
	bool quiet_attach;   /* -q, -e quiet=attach: no "Process N attached" */
	const char *trace_path[CLI_MAX_OPTS]; /* -P */
	int ntrace_path;
	const char *sort_by, *summary_columns, *overhead; /* -S, -U, -O */
	char *env[CLI_MAX_OPTS];			  /* -E VAR=VAL or VAR */
	int nenv;
	const char *user;		     /* -u */
	int xcount;			     /* -x, -xx */
	const char *consts;		     /* -X abbrev|raw|verbose */
	int ycount;			     /* -y, -yy */
	const char *decode_fds;		     /* -y: path, -yy: all, -e decode-fds=SET */
	const char *raw;		     /* -e raw=SET */
	const char *full;		     /* -v, -e abbrev=: calls not abbreviated */
	const char *terse;		     /* -e verbose=: calls not dereferenced */
	const char *dump_read, *dump_write;  /* -e read=SET, -e write=SET */
	char *long_qualifiers[CLI_MAX_OPTS]; /* "--trace=X" as "trace=X": the values point in */
	int nlong_qualifiers;
};

extern const char *cli_progname;

/** One line "hytrace: ... (see 'hytrace --help')" on stderr, exit 2. */
void cli_usage_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/** One line "hytrace: ..." on stderr, exit @status. */
void cli_die(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

/** Every option of @argv into @c; optind is left at the command. Bad input: exit 2. */
void cli_parse(struct cli *c, int argc, char **argv);
/** strace's "-e NAME=VALUE" (or "-e SET", meaning trace=SET). */
void cli_qualify(struct cli *c, const char *arg);
/** --help: hytrace's options grouped as strace's are. */
void cli_usage(void);
/**
 * If @name (an option as the user spelled it: "-D", "--daemonize") is one of
 * strace's that hytrace has no equivalent of, tell why in one line and exit 2.
 */
void cli_refuse_if_unsupported(const char *name);
/** Add an -e inject= or -e fault= rule (@fault: strace's default error ENOSYS). */
void cli_add_inject(struct cli *c, const char *spec, bool fault);

/*
 * strace's -o |CMD: a stream into `sh -c CMD` (not a child of hytrace's), and in
 * @done_fd what cli_pipe_wait() waits on after the stream is closed. NULL with
 * errno on failure.
 */
FILE *cli_pipe_open(const char *cmd, int *done_fd);
void cli_pipe_wait(int done_fd);

#endif
