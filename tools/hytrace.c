// SPDX-License-Identifier: MIT
/*
 * The hytrace command: options become built-in tools and plugins, and one call
 * to hy_run(). All messages to the user come from here.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
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

#define MAX_TOOLS 32
#define MAX_OPTS 64

struct tool_slot {
	const struct hy_tool *tool;
	int nopts;
	const char *keys[MAX_OPTS];
	const char *values[MAX_OPTS];
};

struct cli {
	struct tool_slot slot[MAX_TOOLS];
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
	char *inject[MAX_OPTS];
	int ninject;
	int *attach; /* as many as given: no silent limit */
	int nattach;
};

static const char *progname = "hytrace";

static void __attribute__((noreturn, format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '%s --help')\n", progname);
	exit(2);
}

static void __attribute__((noreturn, format(printf, 2, 3))) die(int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

static void usage(void)
{
	printf("usage: hytrace [options] [--] command [args...]\n"
	       "       hytrace [options] -p PID... | --cgroup PATH | -a\n"
	       "\n"
	       "Trace every system call of command's process tree; stop only the subscribed ones.\n"
	       "\n"
	       "  --subscribe SET      stop in the handler at these syscalls (strace's set grammar:\n"
	       "                       names, %%class, globs, !negation, all, none, name@i386)\n"
	       "  -e trace=SET         lines to show (default: the subscribed set, or all)\n"
	       "  -e inject=SPEC, --inject SPEC\n"
	       "                       fault injection, strace's syntax: SET:error=E|retval=N\n"
	       "                       [:signal=S][:delay_enter=D][:delay_exit=D][:when=N|N+|N+S|N..M]\n"
	       "  -c                   summary only;  -C  log and summary\n"
	       "  -o FILE              write the log and summary to FILE (default stderr)\n"
	       "  -s N                 show N bytes of strings and buffers (default 32)\n"
	       "  -t, -tt, -ttt        time of day, with microseconds, or since the epoch\n"
	       "  -T                   time spent in each syscall\n"
	       "  -k                   each call's user stack after its line (and in --record);\n"
	       "                       costs ~2-10 us per shown call. With -c: the calls per\n"
	       "                       stack, as folded stacks after the table\n"
	       "  --stack-size BYTES   user stack the kernel copies per call for -k (64-16384,\n"
	       "                       default 16384): deeper stacks end early\n"
	       "  --folded FILE        calls counted per user stack, as folded stacks for flame\n"
	       "                       graphs (flamegraph.pl, speedscope); the -e trace= set\n"
	       "  --folded-weight calls|time  count calls (default) or the ns spent in them\n"
	       "  -f                   follow forks (always on; accepted for strace users)\n"
	       "  -p PID               attach to a running process (repeatable; all its threads):\n"
	       "                       without --subscribe, the kernel recorder only, no stop;\n"
	       "                       with it, ptrace stops at every syscall. Ctrl-C detaches\n"
	       "  --cgroup PATH        watch every task of a cgroup v2 (and below it), tasks that\n"
	       "                       join later too: no command, no ptrace; Ctrl-C or SIGTERM ends\n"
	       "  -a                   watch every task of the host but hytrace itself (the same way)\n"
	       "  --show-cgroup        text lines say the task's cgroup (JSON lines always do)\n"
	       "  --metrics IP:PORT    serve per cgroup/container/syscall/errno counts and duration\n"
	       "                       histograms for Prometheus at http://IP:PORT/metrics\n"
	       "                       (no log unless -e trace= asks for one)\n"
	       "  --max-cgroups N      cgroups kept apart in the counts (default 256; more: \"(other)\")\n"
	       "  --summary-by W       -c/-C: one table per cgroup or per comm (command name)\n"
	       "  --histogram          -c/-C: a log2 histogram of each syscall's durations\n"
	       "  --json               log as JSON Lines\n"
	       "  --record FILE        every event as JSON Lines into FILE\n"
	       "  --record-max-size S  rotate it past S bytes (K, M, G): FILE.1, FILE.2, ...\n"
	       "  --record-keep N      rotated files kept (default 5)\n"
	       "  --no-kernel          no kernel recorder: escalate everything shown\n"
	       "  --pin-cpu            keep escalating threads on the tracer's CPU: a stop can\n"
	       "                       cost less on an idle machine, but the guest sees a one-CPU\n"
	       "                       affinity while it escalates (off by default; --no-pin is\n"
	       "                       accepted and does nothing)\n"
	       "  --pidns-translation  show pids a guest in a PID namespace saw as hytrace sees them\n"
	       "  --gdbserver HOST:PORT  serve the command's first process to gdb (target remote\n"
	       "                       HOST:PORT); it waits at its first instruction for gdb\n"
	       "  --backend B          ptrace: a stop in hytrace per subscribed call; guest: the\n"
	       "                       tools' syscall callbacks run in the guest's own threads\n"
	       "                       (a dynamic executable; no stop); auto (default): ptrace\n"
	       "  --tool FILE.so       load a tool plugin;  --tool-opt KEY=VALUE  its options\n"
	       "  -h, --help           this text;  -V, --version  the version\n"
	       "\n"
	       "Logs and records are created 0600, never through a symbolic link. Exit status:\n"
	       "the command's (128+N when signal N killed it); 2 for bad input; 126 or 127 when\n"
	       "the command cannot be run; 74 when the command succeeded but some output could not\n"
	       "be written (each such error is told on stderr).\n");
}

static void add_tool(struct cli *c, const struct hy_tool *t)
{
	if (c->ntools >= MAX_TOOLS)
		usage_error("too many tools");
	c->slot[c->ntools++].tool = t;
}

static void add_opt(struct tool_slot *s, const char *key, const char *value)
{
	if (s->nopts >= MAX_OPTS)
		usage_error("too many options for tool %s", s->tool->name);
	s->keys[s->nopts] = key;
	s->values[s->nopts] = value;
	s->nopts++;
}

static void load_plugin(struct cli *c, const char *path)
{
	const struct hy_tool *t;
	void *h;

	if (access(path, F_OK))
		die(2, "tool plugin %s: %s", path, strerror(errno));
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		die(2, "tool plugin %s cannot be loaded: %s", path, dlerror());
	t = dlsym(h, HY_TOOL_SYMBOL);
	if (!t)
		die(2, "tool plugin %s does not export '%s'", path, HY_TOOL_SYMBOL);
	if (t->abi_version < 1 || t->abi_version > HY_TOOL_ABI_VERSION)
		die(2, "tool plugin %s has ABI version %u, this hytrace takes 1 to %u", path,
		    t->abi_version, HY_TOOL_ABI_VERSION);
	add_tool(c, t);
}

/* strace's rule: a decimal number from 1 to INT_MAX, or "invalid process id" */
static void add_attach(struct cli *c, const char *arg)
{
	int64_t pid;
	int *v;

	if (hy_parse_int(arg, 1, INT_MAX, &pid))
		usage_error("invalid process id: '%s'", arg);
	if (kill(pid, 0) && errno == ESRCH)
		die(2, "-p %lld: no such process", (long long)pid);
	v = realloc(c->attach, (c->nattach + 1) * sizeof(*v));
	if (!v)
		die(2, "out of memory");
	c->attach = v;
	c->attach[c->nattach++] = pid;
}

static void add_inject(struct cli *c, char *spec)
{
	if (c->ninject >= MAX_OPTS)
		usage_error("more than %d -e inject= rules", MAX_OPTS);
	c->inject[c->ninject++] = spec;
}

static void parse_e(struct cli *c, char *arg)
{
	if (!strncmp(arg, "trace=", 6))
		c->trace = arg + 6;
	else if (!strncmp(arg, "inject=", 7))
		add_inject(c, arg + 7);
	else if (!strncmp(arg, "fault=", 6))
		add_inject(c, arg + 6);
	else if (!strchr(arg, '='))
		c->trace = arg; /* strace: -e SET means -e trace=SET */
	else
		usage_error("unsupported -e qualifier '%s'", arg);
}

enum {
	OPT_SUBSCRIBE = 256,
	OPT_INJECT,
	OPT_JSON,
	OPT_RECORD,
	OPT_NO_KERNEL,
	OPT_TOOL,
	OPT_TOOL_OPT,
	OPT_NO_PIN,
	OPT_PIN_CPU,
	OPT_PIDNS,
	OPT_STACK_SIZE,
	OPT_FOLDED,
	OPT_FOLDED_WEIGHT,
	OPT_CGROUP,
	OPT_SHOW_CGROUP,
	OPT_METRICS,
	OPT_MAX_CGROUPS,
	OPT_SUMMARY_BY,
	OPT_HISTOGRAM,
	OPT_RECORD_MAX,
	OPT_RECORD_KEEP,
	OPT_GDBSERVER,
	OPT_BACKEND,
};

/* "512K", "100M", "2G" (or bytes) as a decimal string of bytes. */
static const char *size_arg(const char *opt, const char *arg)
{
	static char buf[4][32];
	static int next;
	size_t len = strlen(arg);
	char digits[32];
	int shift = 0;
	int64_t n;

	if (len && strchr("KMG", arg[len - 1]))
		shift = arg[--len] == 'K' ? 10 : arg[len] == 'M' ? 20 : 30;
	snprintf(digits, sizeof(digits), "%.*s", (int)len, arg);
	if (len >= sizeof(digits) || hy_parse_int(digits, 1, 1ll << 40, &n))
		usage_error("%s wants a size (bytes, or with K, M or G), not '%s'", opt, arg);
	next = (next + 1) % 4;
	snprintf(buf[next], sizeof(buf[next]), "%lld", (long long)n << shift);
	return buf[next];
}

/* The long options of production mode (watching cgroups or the host, metrics). */
static bool parse_production(struct cli *c, int opt)
{
	int64_t n;

	switch (opt) {
	case OPT_CGROUP:
		c->cgroup = optarg;
		return true;
	case 'a':
		c->all_tasks = true;
		return true;
	case OPT_SHOW_CGROUP:
		c->show_cgroup = true;
		return true;
	case OPT_METRICS:
		c->metrics = optarg;
		return true;
	case OPT_MAX_CGROUPS:
		if (hy_parse_int(optarg, 1, 65536, &n))
			usage_error("--max-cgroups wants a number from 1 to 65536, not '%s'", optarg);
		c->max_cgroups = n;
		return true;
	case OPT_SUMMARY_BY:
		if (strcmp(optarg, "cgroup") && strcmp(optarg, "comm"))
			usage_error("--summary-by wants cgroup or comm, not '%s'", optarg);
		c->summary_by = optarg;
		return true;
	case OPT_HISTOGRAM:
		c->histogram = true;
		return true;
	case OPT_RECORD_MAX:
		c->record_max = size_arg("--record-max-size", optarg);
		return true;
	case OPT_RECORD_KEEP:
		if (hy_parse_int(optarg, 1, 1000, &n))
			usage_error("--record-keep wants a number of files from 1 to 1000, not '%s'", optarg);
		c->record_keep = optarg;
		return true;
	}
	return false;
}

static void parse(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "subscribe", required_argument, NULL, OPT_SUBSCRIBE },
		{ "inject", required_argument, NULL, OPT_INJECT },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ "no-kernel", no_argument, NULL, OPT_NO_KERNEL },
		{ "tool", required_argument, NULL, OPT_TOOL },
		{ "tool-opt", required_argument, NULL, OPT_TOOL_OPT },
		{ "no-pin", no_argument, NULL, OPT_NO_PIN },
		{ "pin-cpu", no_argument, NULL, OPT_PIN_CPU },
		{ "pidns-translation", no_argument, NULL, OPT_PIDNS },
		{ "stack-size", required_argument, NULL, OPT_STACK_SIZE },
		{ "folded", required_argument, NULL, OPT_FOLDED },
		{ "folded-weight", required_argument, NULL, OPT_FOLDED_WEIGHT },
		{ "cgroup", required_argument, NULL, OPT_CGROUP },
		{ "show-cgroup", no_argument, NULL, OPT_SHOW_CGROUP },
		{ "metrics", required_argument, NULL, OPT_METRICS },
		{ "max-cgroups", required_argument, NULL, OPT_MAX_CGROUPS },
		{ "summary-by", required_argument, NULL, OPT_SUMMARY_BY },
		{ "histogram", no_argument, NULL, OPT_HISTOGRAM },
		{ "record-max-size", required_argument, NULL, OPT_RECORD_MAX },
		{ "record-keep", required_argument, NULL, OPT_RECORD_KEEP },
		{ "gdbserver", required_argument, NULL, OPT_GDBSERVER },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int opt, tcount = 0;
	int plugin_slot = -1;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+acCe:fhko:p:s:tTV", longopts, NULL)) != -1) {
		if (parse_production(c, opt))
			continue;
		switch (opt) {
		case OPT_SUBSCRIBE:
			if (c->subscribe) {
				char *both;

				if (asprintf(&both, "%s,%s", c->subscribe, optarg) < 0)
					die(2, "out of memory");
				free(c->subscribe_joined);
				c->subscribe = c->subscribe_joined = both;
			} else {
				c->subscribe = optarg;
			}
			break;
		case OPT_INJECT:
			add_inject(c, optarg);
			break;
		case OPT_JSON:
			c->json = true;
			break;
		case OPT_RECORD:
			c->record_path = optarg;
			break;
		case OPT_NO_KERNEL:
			c->no_kernel = true;
			break;
		case OPT_NO_PIN:
			c->pin_cpu = false;
			break;
		case OPT_PIN_CPU:
			c->pin_cpu = true;
			break;
		case OPT_PIDNS:
			c->pidns = true;
			break;
		case OPT_STACK_SIZE: {
			int64_t n;

			if (hy_parse_int(optarg, 64, 16384, &n))
				usage_error("--stack-size wants a number of bytes from 64 to 16384, not '%s'",
					    optarg);
			c->stack_size = n;
			break;
		}
		case 'k':
			c->stacks = true;
			break;
		case OPT_FOLDED:
			c->folded_path = optarg;
			break;
		case OPT_FOLDED_WEIGHT:
			if (strcmp(optarg, "calls") && strcmp(optarg, "time"))
				usage_error("--folded-weight wants calls or time, not '%s'", optarg);
			c->folded_weight = optarg;
			break;
		case OPT_GDBSERVER:
			c->gdbserver = optarg;
			break;
		case OPT_BACKEND:
			if (strcmp(optarg, "ptrace") && strcmp(optarg, "guest") && strcmp(optarg, "auto"))
				usage_error("--backend wants ptrace, guest or auto, not '%s'", optarg);
			c->backend = optarg;
			break;
		case OPT_TOOL:
			load_plugin(c, optarg);
			plugin_slot = c->ntools - 1;
			break;
		case OPT_TOOL_OPT: {
			char *eq = strchr(optarg, '=');

			if (plugin_slot < 0)
				usage_error("--tool-opt %s comes before any --tool", optarg);
			if (eq)
				*eq = 0;
			add_opt(&c->slot[plugin_slot], optarg, eq ? eq + 1 : NULL);
			break;
		}
		case 'c':
			c->summary_only = true;
			break;
		case 'C':
			c->summary_and_log = true;
			break;
		case 'e':
			parse_e(c, optarg);
			break;
		case 'f':
			break;
		case 'o':
			c->out_path = optarg;
			break;
		case 'p':
			add_attach(c, optarg);
			break;
		case 's': {
			int64_t n;

			if (hy_parse_int(optarg, 0, 4096, &n))
				usage_error("-s wants a number of bytes from 0 to 4096, not '%s'", optarg);
			c->strsize = optarg;
			break;
		}
		case 't':
			tcount++;
			break;
		case 'T':
			c->durations = true;
			break;
		case 'h':
			usage();
			exit(0);
		case 'V':
			printf("hytrace %s\n", HYTRACE_VERSION);
			exit(0);
		case '?':
		default:
			if (optopt && optopt < 256)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (tcount > 3)
		usage_error("-t given more than three times");
	c->time_fmt = tcount == 1 ? "t" : tcount == 2 ? "tt" : tcount == 3 ? "ttt" : NULL;
	if (c->summary_only && c->summary_and_log)
		usage_error("-c and -C exclude each other");
}

/* --cgroup and -a watch what runs: nothing to start, attach to, or stop. */
static void check_watching(const struct cli *c, bool command)
{
	if (c->cgroup && c->all_tasks)
		usage_error("--cgroup and -a exclude each other");
	if (!c->cgroup && !c->all_tasks)
		return;
	if (command || c->nattach)
		usage_error("%s watches what runs: no command and no -p", c->cgroup ? "--cgroup" : "-a");
	if (c->subscribe || c->ninject)
		usage_error("%s stops no one: no --subscribe or inject (use -p PID for that)",
			    c->cgroup ? "--cgroup" : "-a");
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

static void notice(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s: %s\n", progname, msg);
}

static volatile sig_atomic_t interrupted_by;

/* Interrupting hytrace ends the guest and still prints what was collected. */
static void on_terminate(int sig)
{
	if (!interrupted_by)
		interrupted_by = sig;
	hy_request_stop();
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
		sa.sa_handler = sig == SIGPIPE ? ignore_pipe : on_terminate;
		/* no SA_RESTART for the others: the wait returns */
		sa.sa_flags = sig == SIGPIPE ? SA_RESTART : 0;
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
		n += snprintf(buf + n, sizeof(buf) - n, "; guest held back %llu times to drain the ring",
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
 * stderr): EX_IOERR of sysexits.h. A guest that failed keeps its own status, the
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
 * Whether the log (@log, NULL for standard error) and the record @rec lead to
 * one file, which would get both streams mixed. Files that do not exist yet are
 * compared by their directory's real path. A character device (/dev/null, a
 * terminal) is no file to mix.
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
	struct tool_slot *log = NULL;
	int wstatus = 0, err;
	sigset_t ignored;
	int plugins;
	FILE *out = stderr;
	bool watching, want_log;

	parse(&c, argc, argv);
	check_set(c.subscribe);
	check_set(c.trace);
	watching = c.cgroup || c.all_tasks;
	if (optind >= argc && !c.nattach && !watching)
		usage_error("no command given: hytrace [options] -- command [args...]");
	if (optind < argc && c.nattach)
		usage_error("-p and a command exclude each other");
	check_watching(&c, optind < argc);
	if (c.metrics && c.nattach)
		usage_error("--metrics counts a command, a cgroup or the host, not -p (use --cgroup)");
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
		if (c.json)
			add_opt(log, "format", "json");
		if (c.time_fmt)
			add_opt(log, "time", c.time_fmt);
		if (c.durations)
			add_opt(log, "durations", "1");
		if (c.strsize)
			add_opt(log, "strsize", c.strsize);
		/* watching many unrelated tasks: every line says whose it is */
		if (c.out_path || watching)
			add_opt(log, "pid_prefix", "always");
		if (c.stacks)
			add_opt(log, "stack", "1");
		if (c.show_cgroup)
			add_opt(log, "cgroup", "1");
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
		add_tool(&c, &hy_tool_record);
		add_opt(&c.slot[c.ntools - 1], "file", c.record_path);
		if (c.record_max)
			add_opt(&c.slot[c.ntools - 1], "max_size", c.record_max);
		if (c.record_keep)
			add_opt(&c.slot[c.ntools - 1], "keep", c.record_keep);
		if (c.strsize)
			add_opt(&c.slot[c.ntools - 1], "strsize", c.strsize);
		if (c.stacks)
			add_opt(&c.slot[c.ntools - 1], "stack", "1");
	}
	if (c.summary_only || c.summary_and_log) {
		add_tool(&c, &hy_tool_summary);
		if (c.summary_by)
			add_opt(&c.slot[c.ntools - 1], "by", c.summary_by);
		if (c.histogram)
			add_opt(&c.slot[c.ntools - 1], "histogram", "1");
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
	if (c.record_path && same_file(c.out_path, c.record_path))
		usage_error("%s%s and --record %s are the same file: one file cannot hold both",
			    c.out_path ? "-o " : "the log on standard error",
			    c.out_path ? c.out_path : "", c.record_path);
	if (c.out_path && !(out = hy_output_open(c.out_path, 0)))
		die(2, "%s", hy_last_error());
	/* the library flushes it every drain period: lines stay timely, writes few */
	setvbuf(out, NULL, _IOFBF, 1u << 18);
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
	o.strsize = c.strsize ? atoi(c.strsize) : 0;
	o.notice = notice;
	o.cgroup = c.cgroup;
	o.all_tasks = c.all_tasks;
	o.metrics = c.metrics;
	o.max_groups = c.max_cgroups;
	if (!c.nattach && !watching) {
		char path[4096];

		err = hy_which(argv[optind], path, sizeof(path));
		if (err)
			die(err == -ENOENT ? 127 : 126, "%s", hy_last_error());
	}
	o.attach_pids = c.attach;
	o.nattach = c.nattach;
	catch_signals(&ignored);
	o.guest_ignores = &ignored;
	err = hy_run(&o, argv + optind, &wstatus, &stats);
	if (err)
		die(2, "%s", hy_last_error());
	if (c.summary_only || c.summary_and_log || watching || stats.lost || stats.untracked ||
	    stats.missed)
		fprintf(out, "hytrace: %llu syscalls recorded (%llu by the kernel, %llu escalated), "
			     "%llu lost%s%s%s\n",
			(unsigned long long)stats.events, (unsigned long long)stats.kernel_events,
			(unsigned long long)stats.escalations, (unsigned long long)stats.lost,
			/* skips exist only where the kernel's programs ran */
			stats.kernel_events || stats.kernel_totals || stats.missed ? ", " : "",
			stats.kernel_events || stats.kernel_totals || stats.missed
				? skipped_text(stats.missed) : "",
			throttle_note(&stats));
	if (stats.stacks_truncated)
		fprintf(out, "hytrace: %llu of %llu stacks were deeper than the %u bytes copied "
			     "(--stack-size) and end early\n",
			(unsigned long long)stats.stacks_truncated, (unsigned long long)stats.stacks,
			c.stack_size ? c.stack_size : 16384);
	if (close_out(out, c.out_path))
		stats.output_errors++;
	if (c.nattach || watching) /* the attached or watched processes run on */
		exit(stats.output_errors ? EXIT_OUTPUT_LOST : 0);
	/* interrupted: end by the same signal, as the guest's end was our doing */
	if (interrupted_by)
		wstatus = interrupted_by; /* a wait status "killed by interrupted_by" */
	if (stats.output_errors && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
		exit(EXIT_OUTPUT_LOST);
	exit_like(wstatus);
}
