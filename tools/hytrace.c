// SPDX-License-Identifier: MIT
/*
 * The hytrace command: options (parsed in tools/cli/) become built-in tools and
 * plugins, and one call to hy_run(). All messages to the user come from here
 * and from tools/cli/.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hytrace.h"
#include "cli/cli.h"
#include "tools/summary_columns.h"

#define MAX_TOOLS CLI_MAX_TOOLS

#define progname cli_progname
#define usage_error cli_usage_error
#define die cli_die

static void add_tool(struct cli *c, const struct hy_tool *t)
{
	if (c->ntools >= MAX_TOOLS)
		usage_error("too many tools");
	c->slot[c->ntools++].tool = t;
}

static void add_opt(struct cli_tool_slot *s, const char *key, const char *value)
{
	if (s->nopts >= CLI_MAX_OPTS)
		usage_error("too many options for tool %s", s->tool->name);
	s->keys[s->nopts] = key;
	s->values[s->nopts] = value;
	s->nopts++;
}

/* A tool's options that each copy one setting: {key, value}, NULL values not given. */
static void add_settings(struct cli_tool_slot *s, const char *const (*settings)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (settings[i][1])
			add_opt(s, settings[i][0], settings[i][1]);
}

#define ADD_SETTINGS(slot, table) add_settings(slot, table, sizeof(table) / sizeof(table[0]))

/* -E VAR=VAL and -E VAR: the command's environment (hytrace's own, which it inherits) */
static void apply_env(const struct cli *c)
{
	for (int i = 0; i < c->nenv; i++) {
		char *eq = strchr(c->env[i], '=');

		if (eq) {
			*eq = 0;
			if (setenv(c->env[i], eq + 1, 1))
				die(2, "-E %s: %s", c->env[i], strerror(errno));
			*eq = '=';
		} else {
			unsetenv(c->env[i]);
		}
	}
}

/* -u USER: the user's ids and groups, as strace looks them up (a name, or a uid) */
static void run_as(const struct cli *c, struct hy_run_opts *o)
{
	static gid_t groups[256];
	int ngroups = sizeof(groups) / sizeof(groups[0]);
	struct passwd *pw;

	if (!c->user)
		return;
	if (c->nattach || c->cgroup || c->all_tasks)
		usage_error(
			"-u runs the command as USER: there is no command with -p, --cgroup or -a");
	pw = getpwnam(c->user);
	if (!pw)
		die(2, "-u %s: no such user", c->user);
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &ngroups) < 0)
		die(2, "-u %s: more than %zu groups", c->user, sizeof(groups) / sizeof(groups[0]));
	if (geteuid() != 0)
		die(2, "-u %s: only root can run the command as another user", c->user);
	o->run_as_user = true;
	o->uid = pw->pw_uid;
	o->gid = pw->pw_gid;
	o->groups = groups;
	o->ngroups = ngroups;
}

/* --cgroup and -a watch what runs: nothing to start, attach to, or stop. */
static void check_watching(const struct cli *c, bool command)
{
	if (c->cgroup && c->all_tasks)
		usage_error("--cgroup and -a exclude each other");
	if (!c->cgroup && !c->all_tasks)
		return;
	if (command || c->nattach)
		usage_error("%s watches what runs: no command and no -p",
			    c->cgroup ? "--cgroup" : "-a");
	if (c->subscribe || c->ninject)
		usage_error("%s stops no one: no --subscribe or inject (use -p PID for that)",
			    c->cgroup ? "--cgroup" : "-a");
}

/*
 * -S, -U and -O are the summary tool's options, which it checks; strace refuses a
 * bad one without -c or -C too, and says that a good one has no effect there.
 */
static void check_summary_options(const struct cli *c)
{
	int cols[9], nothing;

	if (c->summary_only || c->summary_and_log)
		return;
	if (c->sort_by && !summary_sorter(c->sort_by, &nothing))
		usage_error("-S %s: no such order of the summary", c->sort_by);
	if (c->summary_columns && summary_columns_parse(c->summary_columns, cols))
		usage_error("-U %s: no such column of the summary", c->summary_columns);
	if (c->overhead && summary_overhead_ns(c->overhead) < 0)
		usage_error("-O %s: not a time (us, or with s, ms, us, ns)", c->overhead);
	if (c->sort_by || c->summary_columns || c->overhead)
		fprintf(stderr,
			"%s: -S, -U and -O change the summary: without -c or -C they have no "
			"effect\n",
			progname);
}

/* A bad set is a usage error; a superseded name gets its one-line hint. */
static void check_set(const char *spec)
{
	char hint[256];

	if (!spec)
		return;
	if (hy_sysset_check(spec, hint, sizeof(hint)))
		die(2, "%s", hy_last_error());
	if (hint[0])
		fprintf(stderr, "%s: hint: %s\n", progname, hint);
}

/* A set that only chooses how lines print (-e raw=, -e abbrev=): errors, no hints. */
static void check_print_set(const char *spec)
{
	char hint[256];

	if (spec && hy_sysset_check(spec, hint, sizeof(hint)))
		die(2, "%s", hy_last_error());
}

static void notice(void *ctx, const char *msg)
{
	const struct cli *c = ctx;
	int pid, end = 0;

	/* -q: strace's quiet=attach hides its "Process N attached" and "... detached" */
	if (c->quiet_attach && sscanf(msg, "Process %d %n", &pid, &end) == 1 &&
	    (!strcmp(msg + end, "attached") || !strcmp(msg + end, "detached")))
		return;
	fprintf(stderr, "%s: %s\n", progname, msg);
}

static volatile sig_atomic_t interrupted_by;

/*
 * Interrupting hytrace ends the run as strace's does, and still prints what was
 * collected: the command gets the signal (not twice when the terminal sent it to
 * the process group they share: SI_KERNEL) and a grace to end by itself, its
 * handlers traced; a second signal, or the grace's end, kills what is left.
 */
static void on_terminate(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (interrupted_by) {
		hy_request_stop();
		return;
	}
	interrupted_by = sig;
	hy_request_end(si->si_code == SI_KERNEL ? 0 : sig);
}

static void ignore_pipe(int sig)
{
	(void)sig;
}

/*
 * The guest must start with the signal dispositions hytrace was given. A handler
 * is reset to the default by execve but SIG_IGN survives it, so the signals that
 * came in ignored are named to hy_run(), which ignores them again in the guest.
 * hytrace itself still stops on SIGINT, SIGTERM and SIGQUIT (a script's
 * background job gets them ignored, yet `kill -INT` is how it ends the run), but
 * keeps an ignored SIGHUP, as strace does: under nohup both go on after a hangup.
 * SIGPIPE gets a handler that does nothing: a write to a closed pipe fails with
 * EPIPE and is reported, and the guest dies of SIGPIPE as it would natively.
 */
static void catch_signals(sigset_t *ignored)
{
	static const int stop_on[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
	struct sigaction sa = { 0 }, old;

	sigemptyset(ignored);
	for (size_t i = 0; i < sizeof(stop_on) / sizeof(stop_on[0]); i++) {
		int sig = stop_on[i];

		if (sigaction(sig, NULL, &old))
			continue;
		if (old.sa_handler == SIG_IGN) {
			sigaddset(ignored, sig);
			if (sig == SIGHUP || sig == SIGPIPE)
				continue;
		}
		/* no SA_RESTART for the others: the wait returns */
		if (sig == SIGPIPE) {
			sa.sa_handler = ignore_pipe;
			sa.sa_flags = SA_RESTART;
		} else {
			sa.sa_sigaction = on_terminate;
			sa.sa_flags = SA_SIGINFO;
		}
		sigaction(sig, &sa, NULL);
	}
}

static const char *skipped_text(uint64_t missed)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "%llu skipped", (unsigned long long)missed);
	return buf;
}

static const char *throttle_note(const struct hy_run_stats *st)
{
	static char buf[320];
	int n = 0;

	buf[0] = 0;
	if (st->kernel_totals)
		n += snprintf(buf + n, sizeof(buf) - n, "; the summary was counted in the kernel");
	if (st->throttled)
		n += snprintf(buf + n, sizeof(buf) - n,
			      "; guest held back %llu times to drain the ring",
			      (unsigned long long)st->throttled);
	if (st->untracked)
		n += snprintf(buf + n, sizeof(buf) - n,
			      "; %llu tasks could not be watched (their calls are missing)",
			      (unsigned long long)st->untracked);
	if (st->missed)
		snprintf(buf + n, sizeof(buf) - n,
			 "; the skipped are runs of hytrace's programs the kernel did not make "
			 "(their calls are missing; some may have been other tasks')");
	return buf;
}

/*
 * The guest succeeded but some output was lost (a write error: each told on
 * stderr): EX_IOERR of sysexits.h; not for -o |CMD, whose command may stop
 * reading when it has what it wants. A guest that failed keeps its own status, the
 * more important news; the stderr line tells of the lost output then.
 */
#define EXIT_OUTPUT_LOST 74

/* The run's own stream: its last lines out, and whether any write to it failed. */
static bool close_out(FILE *out, const char *path)
{
	bool bad = fflush(out) != 0;
	int err = errno;

	if (!bad && ferror(out)) {
		bad = true;
		err = EIO; /* an earlier flush failed; its errno is gone */
	}
	if (out != stderr && fclose(out) && !bad) {
		bad = true;
		err = errno;
	}
	if (bad)
		fprintf(stderr, "%s: writing %s failed: %s: the output is incomplete\n", progname,
			path ? path : "standard error", strerror(err));
	return bad;
}

/*
 * Whether the log (@log, NULL for standard error) and another output @rec lead
 * to one file, which would get both streams mixed or one replaced by the other.
 * Files that do not exist yet are compared by their directory's real path. A
 * character device (/dev/null, a terminal) is no file to mix.
 */
static bool same_file(const char *log, const char *rec)
{
	struct stat a, b;
	char da[PATH_MAX], db[PATH_MAX], *ca, *cb;
	bool same;

	if ((log ? stat(log, &a) : fstat(2, &a)) == 0 && stat(rec, &b) == 0)
		return !S_ISCHR(a.st_mode) && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	if (!log)
		return false;
	ca = strdup(log);
	cb = strdup(rec);
	if (!ca || !cb)
		die(2, "out of memory");
	same = realpath(dirname(ca), da) && realpath(dirname(strcpy(cb, rec)), db) &&
	       !strcmp(da, db) && !strcmp(basename(strcpy(ca, log)), basename(strcpy(cb, rec)));
	free(ca);
	free(cb);
	return same;
}

/* strace's -o |CMD or -o !CMD: the log into a shell command */
static bool piped(const struct cli *c)
{
	return c->out_path && (c->out_path[0] == '|' || c->out_path[0] == '!');
}

/* @b (option @b_opt) must not be @a (option @a_opt; NULL: standard error, the log's). */
static void refuse_same(const char *a_opt, const char *a, const char *b_opt, const char *b)
{
	if (b && same_file(a, b))
		usage_error("%s%s%s and %s %s are the same file: one file cannot hold both",
			    a ? a_opt : "the log on standard error", a ? " " : "", a ? a : "",
			    b_opt, b);
}

/* The log, the record and the folded stacks: each output a file of its own. */
static void check_outputs(const struct cli *c)
{
	/* --folded -: after the run's output, in the same stream on purpose */
	const char *folded = c->folded_path && strcmp(c->folded_path, "-") ? c->folded_path : NULL;

	if (!piped(c)) { /* -o |CMD is a command, not a file */
		refuse_same("-o", c->out_path, "--record", c->record_path);
		refuse_same("-o", c->out_path, "--folded", folded);
	}
	if (c->record_path)
		refuse_same("--record", c->record_path, "--folded", folded);
}

/* End the way the guest ended: its status, or its signal (without a core of our own). */
static void __attribute__((noreturn)) exit_like(int wstatus)
{
	if (WIFSIGNALED(wstatus)) {
		int sig = WTERMSIG(wstatus);
		struct rlimit no_core = { 0, 0 };
		sigset_t set;

		setrlimit(RLIMIT_CORE, &no_core);
		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
		exit(128 + sig);
	}
	exit(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 1);
}

int main(int argc, char **argv)
{
	static struct cli c;
	const struct hy_tool *tools[MAX_TOOLS + 4];
	int nopts[MAX_TOOLS + 4];
	const char *const *keys[MAX_TOOLS + 4];
	const char *const *values[MAX_TOOLS + 4];
	HY_RUN_OPTS(o);
	HY_RUN_STATS(stats);
	struct cli_tool_slot *log = NULL;
	int wstatus = 0, err, pipe_done = -1;
	sigset_t ignored;
	int plugins;
	FILE *out = stderr, *notes;
	bool watching, want_log, separate;

	/* first: a script's `hytrace ... & kill -INT $!` may come at once */
	catch_signals(&ignored);
	cli_parse(&c, argc, argv);
	check_set(c.subscribe);
	check_set(c.trace);
	check_print_set(c.raw);
	check_print_set(c.full);
	check_print_set(c.terse);
	check_summary_options(&c);
	watching = c.cgroup || c.all_tasks;
	/* strace: -ff without -o is -f */
	separate = c.fcount >= 2 && c.out_path;
	if (c.ntrace_path && c.json)
		usage_error("-P filters the text log, not --json");
	if (c.summary_and_log && c.json)
		usage_error("-C prints a text table after the log, which --json makes JSON Lines: "
			    "-c --record FILE gives the table and every call as JSON");
	if (optind >= argc && !c.nattach && c.nattach_gone && !watching)
		exit(1); /* every -p process gone, each said: strace's status */
	if (optind >= argc && !c.nattach && !watching)
		usage_error("no command given: hytrace [options] -- command [args...]");
	if (optind < argc && (c.nattach || c.nattach_gone))
		usage_error("-p and a command exclude each other");
	check_watching(&c, optind < argc);
	if (c.metrics && c.nattach)
		usage_error(
			"--metrics counts a command, a cgroup or the host, not -p (use --cgroup)");
	/* metrics alone log nothing: a log of every call is asked for with -e trace= */
	want_log = !c.summary_only && !(c.metrics && !c.trace && !c.summary_and_log && !c.json);
	plugins = c.ntools;
	/* built-in tools go first so their lines see events before plugins change state */
	if (want_log) {
		add_tool(&c, &hy_tool_log);
		log = &c.slot[c.ntools - 1];
		if (c.trace)
			add_opt(log, "trace", c.trace);
		else if (c.subscribe)
			add_opt(log, "trace", c.subscribe);
		if (c.subscribe)
			add_opt(log, "subscribe", c.subscribe);
		/* the log options that each copy one setting (NULL: not given) */
		const char *const settings[][2] = {
			{ "format", c.json ? "json" : NULL },
			{ "time", c.time_fmt },
			{ "durations", c.durations ? "1" : NULL },
			{ "strsize", c.strsize },
			/* watching many unrelated tasks: every line says whose it is */
			{ "pid_prefix", (c.out_path && !separate) || watching ? "always" : NULL },
			{ "separate", separate ? c.out_path : NULL },
			{ "append", separate && c.append ? "1" : NULL },
			{ "status", c.status },
			{ "signals", c.signals },
			{ "hide", c.quiet },
			{ "relative", c.relative ? "1" : NULL },
			{ "hex", !c.xcount    ? NULL :
				 c.xcount > 1 ? "2" :
						"1" },
			{ "consts", c.consts },
			{ "decode_fds", c.decode_fds },
			{ "raw", c.raw },
			{ "full", c.full },
			{ "terse", c.terse },
			{ "numbers", c.numbers ? "1" : NULL },
			{ "ip", c.ip ? "1" : NULL },
			{ "column", c.column },
			{ "stack", c.stacks ? "1" : NULL },
			{ "cgroup", c.show_cgroup ? "1" : NULL },
			{ "dump_read", c.dump_read },
			{ "dump_write", c.dump_write },
		};

		ADD_SETTINGS(log, settings);
		for (int i = 0; i < c.ntrace_path; i++)
			add_opt(log, "path", c.trace_path[i]);
	} else if (c.subscribe) {
		/* -c with a subscription still stops there: the summary counts what ran */
		add_tool(&c, &hy_tool_log);
		add_opt(&c.slot[c.ntools - 1], "subscribe", c.subscribe);
		add_opt(&c.slot[c.ntools - 1], "trace", "none");
		add_opt(&c.slot[c.ntools - 1], "quiet", "1");
	}
	for (int i = 0; i < c.ninject; i++) {
		if (i == 0)
			add_tool(&c, &hy_tool_inject);
		add_opt(&c.slot[c.ntools - 1], "rule", c.inject[i]);
	}
	if (c.record_path) {
		const char *const settings[][2] = {
			{ "file", c.record_path },	    { "max_size", c.record_max },
			{ "keep", c.record_keep },	    { "strsize", c.strsize },
			{ "stack", c.stacks ? "1" : NULL },
		};

		add_tool(&c, &hy_tool_record);
		ADD_SETTINGS(&c.slot[c.ntools - 1], settings);
	}
	if (c.summary_only || c.summary_and_log) {
		const char *const settings[][2] = {
			/* strace -c -e trace=SET summarises SET only */
			{ "trace", c.trace },
			{ "sort", c.sort_by },
			{ "columns", c.summary_columns },
			{ "overhead", c.overhead },
			{ "by", c.summary_by },
			{ "histogram", c.histogram ? "1" : NULL },
		};

		add_tool(&c, &hy_tool_summary);
		ADD_SETTINGS(&c.slot[c.ntools - 1], settings);
		/* strace -c -P counts only the calls -P would show */
		for (int i = 0; i < c.ntrace_path; i++)
			add_opt(&c.slot[c.ntools - 1], "path", c.trace_path[i]);
	}
	/* -c -k: the calls counted per stack too, as folded stacks after the table */
	if (c.summary_only && c.stacks && !c.folded_path)
		c.folded_path = "-";
	if (c.folded_path) {
		add_tool(&c, &hy_tool_stacks);
		add_opt(&c.slot[c.ntools - 1], "file", c.folded_path);
		if (c.trace)
			add_opt(&c.slot[c.ntools - 1], "trace", c.trace);
		if (c.folded_weight)
			add_opt(&c.slot[c.ntools - 1], "weight", c.folded_weight);
	}
	/* plugins after the built-ins: rotate them to the end */
	for (int i = 0; i < c.ntools; i++) {
		int k = (i + plugins) % c.ntools;

		tools[i] = c.slot[k].tool;
		nopts[i] = c.slot[k].nopts;
		keys[i] = c.slot[k].keys;
		values[i] = c.slot[k].values;
	}
	check_outputs(&c);
	if (piped(&c)) {
		if (separate)
			usage_error("-ff writes a file per thread: it cannot pipe the log into a "
				    "command");
		if (!(out = cli_pipe_open(c.out_path + 1, &pipe_done)))
			die(2, "-o %s: cannot start the command: %s", c.out_path, strerror(errno));
	}
	/* -ff writes FILE.TID only: FILE itself holds the summary, if any */
	if (c.out_path && !piped(&c) && (!separate || c.summary_only || c.summary_and_log) &&
	    !(out = hy_output_open(c.out_path, c.append ? HY_OUTPUT_APPEND : 0)))
		die(2, "%s", hy_last_error());
	/* the library flushes it every drain period: lines stay timely, writes few */
	setvbuf(out, NULL, _IOFBF, 1u << 18);
	/* hytrace's own lines after the run: never into a JSON Lines log */
	notes = c.json && want_log ? stderr : out;
	o.tools = tools;
	o.ntools = c.ntools;
	o.tool_nopts = nopts;
	o.tool_keys = keys;
	o.tool_values = values;
	o.out = out;
	o.no_kernel = c.no_kernel;
	o.pin_cpu = c.pin_cpu;
	o.pidns_translation = c.pidns;
	o.stack_size = c.stack_size;
	o.gdbserver = c.gdbserver;
	o.backend = c.backend;
	o.guest_rewrite = c.guest_rewrite;
	o.strsize = c.strsize ? atoi(c.strsize) : 0;
	/* hex dumps show the data, not -s bytes of it: the kernel's largest capture */
	if ((c.dump_read || c.dump_write) && o.strsize < 4096)
		o.strsize = 4096;
	o.notice = notice;
	o.notice_ctx = &c;
	o.cgroup = c.cgroup;
	o.all_tasks = c.all_tasks;
	o.metrics = c.metrics;
	o.max_groups = c.max_cgroups;
	apply_env(&c); /* before the PATH search, as strace's -E */
	run_as(&c, &o);
	if (!c.nattach && !watching) {
		char path[4096];

		err = hy_which(argv[optind], path, sizeof(path));
		if (err)
			die(err == -ENOENT ? 127 : 126, "%s", hy_last_error());
	}
	o.attach_pids = c.attach;
	o.nattach = c.nattach;
	o.guest_ignores = &ignored;
	o.tune_malloc = true; /* this process is hytrace's own */
	err = hy_run(&o, argv + optind, &wstatus, &stats);
	if (err)
		die(2, "%s", hy_last_error());
	if (c.summary_only || c.summary_and_log || watching || stats.lost || stats.untracked ||
	    stats.missed)
		fprintf(notes,
			"hytrace: %llu syscalls recorded (%llu by the kernel, %llu escalated), "
			"%llu lost%s%s%s\n",
			(unsigned long long)stats.events, (unsigned long long)stats.kernel_events,
			(unsigned long long)stats.escalations, (unsigned long long)stats.lost,
			/* skips exist only where the kernel's programs ran */
			stats.kernel_events || stats.kernel_totals || stats.missed ? ", " : "",
			stats.kernel_events || stats.kernel_totals || stats.missed ?
				skipped_text(stats.missed) :
				"",
			throttle_note(&stats));
	if (stats.stacks_truncated)
		fprintf(notes,
			"hytrace: %llu of %llu stacks were deeper than the %u bytes copied "
			"(--stack-size) and end early\n",
			(unsigned long long)stats.stacks_truncated,
			(unsigned long long)stats.stacks, c.stack_size ? c.stack_size : 16384);
	if (close_out(out, c.out_path))
		stats.output_errors++;
	/* the command's output comes before hytrace ends, as strace's */
	if (pipe_done >= 0)
		cli_pipe_wait(pipe_done);
	/*
	 * -o |CMD: a command that stops reading ("|head -1") ends the log, not the
	 * run: the write's EPIPE was said, and the status stays the command's, as
	 * strace's (it says "Broken pipe" and exits as the command did)
	 */
	if (piped(&c))
		stats.output_errors = 0;
	/*
	 * the attached or watched processes run on. An interrupted -p run ends by
	 * the signal that interrupted it, as strace's does (a shell sees 130 for
	 * Ctrl-C); a watch (--cgroup, -a) is ended that way by design, and exits 0
	 */
	if (c.nattach && interrupted_by && !stats.output_errors)
		exit_like(interrupted_by); /* a wait status "killed by interrupted_by" */
	if (c.nattach || watching)
		exit(stats.output_errors ? EXIT_OUTPUT_LOST : 0);
	/*
	 * interrupted, and the command killed when its grace ran out: end by the
	 * signal that interrupted us, as its end was our doing; a command that
	 * ended by itself (its handler ran) keeps its own status
	 */
	if (interrupted_by && WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL)
		wstatus = interrupted_by; /* a wait status "killed by interrupted_by" */
	if (stats.output_errors && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
		exit(EXIT_OUTPUT_LOST);
	exit_like(wstatus);
}
