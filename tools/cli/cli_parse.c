// SPDX-License-Identifier: MIT
/*
 * The getopt loop: strace 6.1's short and long options with their meanings,
 * hytrace's own long options, and strace's options hytrace has no equivalent of
 * refused one line each (cli_refused.c). -a is both: strace's "-a COLUMN" when a
 * number follows it, hytrace's "watch every task" alone.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hytrace.h"
#include "cli.h"

enum {
	OPT_SUBSCRIBE = 256,
	OPT_INJECT,
	OPT_FAULT,
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
	OPT_GUEST_REWRITE,
	OPT_ALL_TASKS,
	/* strace's long options without a short one */
	OPT_QUALIFY, /* --trace=, --status=, ...: -e NAME= */
	OPT_SEPARATELY,
	OPT_COLUMNS,
	OPT_RELATIVE,
	OPT_ABSTIME,
	OPT_SYSCALL_TIMES,
	OPT_HEX,
	OPT_DECODE_PIDS,
	OPT_SECCOMP,
	OPT_REFUSED, /* strace's, without an equivalent: cli_refused.c says why */
};

static const struct option longopts[] = {
	/* hytrace's own */
	{ "subscribe", required_argument, NULL, OPT_SUBSCRIBE },
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
	{ "all-tasks", no_argument, NULL, OPT_ALL_TASKS },
	{ "show-cgroup", no_argument, NULL, OPT_SHOW_CGROUP },
	{ "metrics", required_argument, NULL, OPT_METRICS },
	{ "max-cgroups", required_argument, NULL, OPT_MAX_CGROUPS },
	{ "summary-by", required_argument, NULL, OPT_SUMMARY_BY },
	{ "histogram", no_argument, NULL, OPT_HISTOGRAM },
	{ "record-max-size", required_argument, NULL, OPT_RECORD_MAX },
	{ "record-keep", required_argument, NULL, OPT_RECORD_KEEP },
	{ "gdbserver", required_argument, NULL, OPT_GDBSERVER },
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "guest-rewrite", no_argument, NULL, OPT_GUEST_REWRITE },
	/* strace 6.1's, in the order of its --help */
	{ "env", required_argument, NULL, 'E' },
	{ "attach", required_argument, NULL, 'p' },
	{ "user", required_argument, NULL, 'u' },
	{ "detach-on", required_argument, NULL, OPT_REFUSED },
	{ "daemonize", optional_argument, NULL, OPT_REFUSED },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "output-separately", no_argument, NULL, OPT_SEPARATELY },
	{ "interruptible", required_argument, NULL, 'I' },
	{ "trace", required_argument, NULL, OPT_QUALIFY },
	{ "signal", required_argument, NULL, OPT_QUALIFY },
	{ "status", required_argument, NULL, OPT_QUALIFY },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
	{ "abbrev", required_argument, NULL, OPT_QUALIFY },
	{ "verbose", required_argument, NULL, OPT_QUALIFY },
	{ "raw", required_argument, NULL, OPT_QUALIFY },
	{ "read", required_argument, NULL, OPT_QUALIFY },
	{ "write", required_argument, NULL, OPT_QUALIFY },
	{ "quiet", optional_argument, NULL, OPT_QUALIFY },
	{ "kvm", required_argument, NULL, OPT_REFUSED },
	{ "decode-fds", optional_argument, NULL, OPT_QUALIFY },
	{ "instruction-pointer", no_argument, NULL, 'i' },
	{ "stack-traces", no_argument, NULL, 'k' },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "relative-timestamps", optional_argument, NULL, OPT_RELATIVE },
	{ "string-limit", required_argument, NULL, 's' },
	{ "absolute-timestamps", optional_argument, NULL, OPT_ABSTIME },
	{ "timestamps", optional_argument, NULL, OPT_ABSTIME },
	{ "syscall-times", optional_argument, NULL, OPT_SYSCALL_TIMES },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "strings-in-hex", optional_argument, NULL, OPT_HEX },
	{ "const-print-style", required_argument, NULL, 'X' },
	{ "decode-pids", required_argument, NULL, OPT_DECODE_PIDS },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "summary-syscall-overhead", required_argument, NULL, 'O' },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "summary-columns", required_argument, NULL, 'U' },
	{ "summary-wall-clock", no_argument, NULL, 'w' },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "debug", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP },
	{ "tips", optional_argument, NULL, OPT_REFUSED },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

static void add_tool_slot(struct cli *c, const struct hy_tool *t)
{
	if (c->ntools >= CLI_MAX_TOOLS)
		cli_usage_error("too many tools");
	c->slot[c->ntools++].tool = t;
}

static void load_plugin(struct cli *c, const char *path)
{
	const struct hy_tool *t;
	void *h;

	if (access(path, F_OK))
		cli_die(2, "tool plugin %s: %s", path, strerror(errno));
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		cli_die(2, "tool plugin %s cannot be loaded: %s", path, dlerror());
	t = dlsym(h, HY_TOOL_SYMBOL);
	if (!t)
		cli_die(2, "tool plugin %s does not export '%s'", path, HY_TOOL_SYMBOL);
	if (t->abi_version < 1 || t->abi_version > HY_TOOL_ABI_VERSION)
		cli_die(2, "tool plugin %s has ABI version %u, this hytrace takes 1 to %u", path,
			t->abi_version, HY_TOOL_ABI_VERSION);
	add_tool_slot(c, t);
}

/* strace's rule: a decimal number from 1 to INT_MAX, or "invalid process id" */
static void add_pid(struct cli *c, const char *arg, const char *whole)
{
	int64_t pid;
	int *v;

	/* an empty one (" 1", "1,,2") is named by the whole argument, as it shows */
	if (hy_parse_int(arg, 1, INT_MAX, &pid))
		cli_usage_error("invalid process id: '%s'", *arg ? arg : whole);
	/* strace attaches the others and says so (its status: 1 when none is left) */
	if (kill(pid, 0) && errno == ESRCH) {
		fprintf(stderr, "%s: -p %lld: no such process\n", cli_progname, (long long)pid);
		c->nattach_gone++;
		return;
	}
	v = realloc(c->attach, (c->nattach + 1) * sizeof(*v));
	if (!v)
		cli_die(2, "out of memory");
	c->attach = v;
	c->attach[c->nattach++] = pid;
}

/*
 * strace's -p PID takes a list too, as pidof and pgrep print one: pids apart by
 * one comma, space, tab or newline each ("1,2", "$(pidof a b)"), a last one
 * after the final pid allowed.
 */
static void add_attach(struct cli *c, const char *arg)
{
	const char *p = arg;

	do {
		size_t n = strcspn(p, ", \t\n");
		char pid[32];

		if (n >= sizeof(pid))
			cli_usage_error("invalid process id: '%.*s'", (int)n, p);
		memcpy(pid, p, n);
		pid[n] = 0;
		add_pid(c, pid, arg);
		p += n;
	} while (*p && *++p);
}

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
		cli_usage_error("%s wants a size (bytes, or with K, M or G), not '%s'", opt, arg);
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
		/* a script's unset variable must not watch the whole host */
		if (!*optarg)
			cli_usage_error(
				"--cgroup wants a cgroup's path, not '' (-a watches every task)");
		c->cgroup = optarg;
		return true;
	case OPT_ALL_TASKS:
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
			cli_usage_error("--max-cgroups wants a number from 1 to 65536, not '%s'",
					optarg);
		c->max_cgroups = n;
		return true;
	case OPT_SUMMARY_BY:
		if (strcmp(optarg, "cgroup") && strcmp(optarg, "comm"))
			cli_usage_error("--summary-by wants cgroup or comm, not '%s'", optarg);
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
			cli_usage_error(
				"--record-keep wants a number of files from 1 to 1000, not '%s'",
				optarg);
		c->record_keep = optarg;
		return true;
	}
	return false;
}

/* hytrace's other own options */
static bool parse_own(struct cli *c, int opt, int *plugin_slot)
{
	int64_t n;

	switch (opt) {
	case OPT_SUBSCRIBE:
		if (c->subscribe) {
			char *both;

			if (asprintf(&both, "%s,%s", c->subscribe, optarg) < 0)
				cli_die(2, "out of memory");
			free(c->subscribe_joined);
			c->subscribe = c->subscribe_joined = both;
		} else {
			c->subscribe = optarg;
		}
		return true;
	case OPT_JSON:
		c->json = true;
		return true;
	case OPT_RECORD:
		c->record_path = optarg;
		return true;
	case OPT_NO_KERNEL:
		c->no_kernel = true;
		return true;
	case OPT_NO_PIN:
		c->pin_cpu = false;
		return true;
	case OPT_PIN_CPU:
		c->pin_cpu = true;
		return true;
	case OPT_PIDNS:
		c->pidns = true;
		return true;
	case OPT_STACK_SIZE:
		if (hy_parse_int(optarg, 64, 16384, &n))
			cli_usage_error(
				"--stack-size wants a number of bytes from 64 to 16384, not '%s'",
				optarg);
		c->stack_size = n;
		return true;
	case OPT_FOLDED:
		c->folded_path = optarg;
		return true;
	case OPT_FOLDED_WEIGHT:
		if (strcmp(optarg, "calls") && strcmp(optarg, "time"))
			cli_usage_error("--folded-weight wants calls or time, not '%s'", optarg);
		c->folded_weight = optarg;
		return true;
	case OPT_GDBSERVER:
		c->gdbserver = optarg;
		return true;
	case OPT_BACKEND:
		if (strcmp(optarg, "ptrace") && strcmp(optarg, "guest") && strcmp(optarg, "auto"))
			cli_usage_error("--backend wants ptrace, guest or auto, not '%s'", optarg);
		c->backend = optarg;
		return true;
	case OPT_GUEST_REWRITE:
		c->guest_rewrite = true;
		return true;
	case OPT_TOOL:
		load_plugin(c, optarg);
		*plugin_slot = c->ntools - 1;
		return true;
	case OPT_TOOL_OPT: {
		char *eq = strchr(optarg, '=');
		struct cli_tool_slot *s;

		if (*plugin_slot < 0)
			cli_usage_error("--tool-opt %s comes before any --tool", optarg);
		s = &c->slot[*plugin_slot];
		if (s->nopts >= CLI_MAX_OPTS)
			cli_usage_error("too many options for tool %s", s->tool->name);
		if (eq)
			*eq = 0;
		s->keys[s->nopts] = optarg;
		s->values[s->nopts++] = eq ? eq + 1 : NULL;
		return true;
	}
	}
	return false;
}

/* strace's PRECISION of -r and -T: hytrace prints microseconds, as strace by default */
static void microseconds_only(const char *opt, const char *v)
{
	if (v && strcmp(v, "us") && strcmp(v, "precision:us"))
		cli_die(2, "%s=%s is not supported: times are printed in microseconds only (us)",
			opt, v);
}

/* --absolute-timestamps=[[format:]FORMAT[,[precision:]PRECISION]] as -t, -tt, -ttt or none */
static void absolute_timestamps(struct cli *c, const char *v)
{
	char fmt[16] = "time", prec[16] = "s";
	const char *comma;

	if (v) {
		comma = strchr(v, ',');
		if (!strncmp(v, "format:", 7))
			v += 7;
		snprintf(fmt, sizeof(fmt), "%.*s", (int)(comma ? comma - v : (long)strlen(v)), v);
		if (comma) {
			comma += 1 + (strncmp(comma + 1, "precision:", 10) ? 0 : 10);
			snprintf(prec, sizeof(prec), "%s", comma);
		} else if (!strcmp(fmt, "s") || !strcmp(fmt, "ms") || !strcmp(fmt, "us") ||
			   !strcmp(fmt, "ns")) {
			snprintf(prec, sizeof(prec), "%s", fmt); /* a precision alone */
			strcpy(fmt, "time");
		}
	}
	if (!strcmp(fmt, "none"))
		c->tcount = 0;
	else if (!strcmp(fmt, "time") && !strcmp(prec, "s"))
		c->tcount = 1;
	else if (!strcmp(fmt, "time") && !strcmp(prec, "us"))
		c->tcount = 2;
	else if (!strcmp(fmt, "unix") && !strcmp(prec, "us"))
		c->tcount = 3;
	else
		cli_die(2,
			"--absolute-timestamps=%s is not supported: hytrace has time, time,us and "
			"unix,us (-t, -tt, -ttt) and none",
			v);
}

/* strace's options with values, and their long spellings */
static bool parse_strace(struct cli *c, int opt, int qcount[1], int xcount[1], const char *lname)
{
	int64_t n;

	switch (opt) {
	case 'A':
		c->append = true;
		return true;
	case 'c':
		c->summary_only = true;
		return true;
	case 'C':
		c->summary_and_log = true;
		return true;
	case 'e':
		cli_qualify(c, optarg);
		return true;
	case OPT_QUALIFY: {
		char q[64];

		if (!optarg && !strcmp(lname, "quiet")) /* --quiet: -q */
			optarg = "attach,personality";
		if (!optarg && !strcmp(lname, "decode-fds"))
			optarg = "path";
		snprintf(q, sizeof(q), "%s=", lname);
		{
			char *both;

			if (c->nlong_qualifiers >= CLI_MAX_OPTS)
				cli_usage_error("more than %d long qualifiers", CLI_MAX_OPTS);
			if (asprintf(&both, "%s%s", q, optarg) < 0)
				cli_die(2, "out of memory");
			/* kept for the run: the values point into it */
			c->long_qualifiers[c->nlong_qualifiers++] = both;
			cli_qualify(c, both);
		}
		return true;
	}
	case 'E':
		if (c->nenv >= CLI_MAX_OPTS)
			cli_usage_error("more than %d -E", CLI_MAX_OPTS);
		if (!*optarg || *optarg == '=')
			cli_usage_error("-E wants VAR=VAL or VAR, not '%s'", optarg);
		c->env[c->nenv++] = optarg;
		return true;
	case 'f':
		c->fcount++;
		return true;
	case OPT_SEPARATELY:
		c->fcount = 2;
		return true;
	case OPT_COLUMNS:
		if (hy_parse_int(optarg, 0, 1000, &n))
			cli_usage_error("--columns wants a column from 0 to 1000, not '%s'",
					optarg);
		c->column = optarg;
		return true;
	case 'I':
		if (!strcmp(optarg, "1") || !strcmp(optarg, "2") || !strcmp(optarg, "anywhere") ||
		    !strcmp(optarg, "waiting"))
			return true; /* hytrace takes fatal signals between stops: strace's 2 */
		cli_die(2,
			"-I %s is not supported: hytrace never blocks fatal signals (-I 1 and 2 "
			"are how it behaves)",
			optarg);
	case 'n':
		c->numbers = true;
		return true;
	case 'i':
		c->ip = true;
		return true;
	case 'o':
		c->out_path = optarg;
		return true;
	case 'O':
		c->overhead = optarg;
		return true;
	case 'p':
		add_attach(c, optarg);
		return true;
	case 'P':
		if (c->ntrace_path >= CLI_MAX_OPTS)
			cli_usage_error("more than %d -P", CLI_MAX_OPTS);
		c->trace_path[c->ntrace_path++] = optarg;
		return true;
	case 'q':
		qcount[0]++;
		/* strace: -qq hides the exit lines too, -qqq every message */
		c->quiet = qcount[0] >= 3 ? "exit,superseded" : qcount[0] >= 2 ? "exit" : c->quiet;
		c->quiet_attach = true;
		return true;
	case 'r':
		c->relative = true;
		return true;
	case OPT_RELATIVE:
		microseconds_only("--relative-timestamps", optarg);
		c->relative = true;
		return true;
	case 's':
		if (hy_parse_int(optarg, 0, 4096, &n))
			cli_usage_error("-s wants a number of bytes from 0 to 4096, not '%s'",
					optarg);
		c->strsize = optarg;
		return true;
	case 'S':
		c->sort_by = optarg;
		return true;
	case 't':
		c->tcount++;
		return true;
	case OPT_ABSTIME:
		absolute_timestamps(c, optarg);
		return true;
	case 'T':
		c->durations = true;
		return true;
	case OPT_SYSCALL_TIMES:
		microseconds_only("--syscall-times", optarg);
		c->durations = true;
		return true;
	case 'U':
		c->summary_columns = optarg;
		return true;
	case 'w':
		return true; /* -c is wall clock already: strace -w */
	case 'x':
		xcount[0]++;
		return true;
	case OPT_HEX:
		if (optarg && !strcmp(optarg, "non-ascii-chars"))
			cli_die(2,
				"--strings-in-hex=non-ascii-chars is not supported: escapes are "
				"strace's default (octal) or, with -x and -xx, whole strings in hex");
		if (optarg && strcmp(optarg, "non-ascii") && strcmp(optarg, "all"))
			cli_usage_error("--strings-in-hex wants non-ascii or all, not '%s'",
					optarg);
		xcount[0] += optarg && !strcmp(optarg, "non-ascii") ? 1 : 2;
		return true;
	case 'X':
		if (strcmp(optarg, "abbrev") && strcmp(optarg, "raw") && strcmp(optarg, "verbose"))
			cli_usage_error("-X wants abbrev, raw or verbose, not '%s'", optarg);
		c->consts = optarg;
		return true;
	case OPT_DECODE_PIDS:
		if (!strcmp(optarg, "pidns")) {
			c->pidns = true;
			return true;
		}
		cli_refuse_if_unsupported("--decode-pids=comm");
		return true;
	case 'y':
		/* -y: paths; -yy: sockets' endpoints, devices' numbers and pidfds' processes too */
		cli_qualify(c, ++c->ycount > 1 ? "decode-fds=all" : "decode-fds=path");
		return true;
	case 'z':
		c->status = "successful";
		return true;
	case 'Z':
		c->status = "failed";
		return true;
	case OPT_SECCOMP:
		return true; /* hytrace's seccomp filter is always on */
	}
	return false;
}

/* -a: strace's "-a COLUMN" when a number follows, else hytrace's "every task" */
static void dash_a(struct cli *c, int argc, char **argv)
{
	const char *v = optarg;
	int64_t n;

	if (!v && optind < argc && isdigit((unsigned char)argv[optind][0]))
		v = argv[optind++];
	if (!v) {
		c->all_tasks = true;
		return;
	}
	if (hy_parse_int(v, 0, 1000, &n))
		cli_usage_error("-a wants a column from 0 to 1000, not '%s'", v);
	c->column = v;
}

/* The spelling of the option getopt just looked at, for a refusal. */
static const char *spelling(char **argv, int longindex, int opt, char *buf, size_t size)
{
	if (longindex >= 0)
		snprintf(buf, size, "--%s", longopts[longindex].name);
	else
		snprintf(buf, size, "-%c", opt);
	(void)argv;
	return buf;
}

void cli_parse(struct cli *c, int argc, char **argv)
{
	int opt, longindex, plugin_slot = -1, qcount = 0, xcount = 0, dcount = 0;
	char name[64];

	opterr = 0;
	while (longindex = -1,
	       (opt = getopt_long(argc, argv,
				  "+a::Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ", longopts,
				  &longindex)) != -1) {
		if (parse_production(c, opt) || parse_own(c, opt, &plugin_slot) ||
		    parse_strace(c, opt, &qcount, &xcount,
				 longindex >= 0 ? longopts[longindex].name : ""))
			continue;
		switch (opt) {
		case 'a':
			dash_a(c, argc, argv);
			break;
		case OPT_INJECT:
			cli_add_inject(c, optarg, false);
			break;
		case OPT_FAULT:
			cli_add_inject(c, optarg, true);
			break;
		case 'k':
			c->stacks = true;
			break;
		case 'D':
			dcount++;
			cli_refuse_if_unsupported("-D");
			break;
		case 'u':
			c->user = optarg;
			break;
		case 'h':
			cli_usage();
			exit(0);
		case 'v': /* strace: -e abbrev=none */
			c->full = "all";
			break;
		case 'V':
			printf("hytrace %s\n", HYTRACE_VERSION);
			exit(0);
		case 'b':
		case 'd':
		case 'F':
		case 'Y':
		case OPT_REFUSED:
			cli_refuse_if_unsupported(
				spelling(argv, longindex, opt, name, sizeof(name)));
			cli_die(2, "%s is not supported", name);
		case '?':
		default:
			if (optopt && optopt < 256)
				cli_usage_error("unknown option '-%c'", optopt);
			cli_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	(void)dcount;
	if (c->tcount > 3)
		cli_usage_error("-t given more than three times");
	c->time_fmt = c->tcount == 1 ? "t" : c->tcount == 2 ? "tt" : c->tcount == 3 ? "ttt" : NULL;
	if (c->summary_only && c->summary_and_log)
		cli_usage_error("-c and -C exclude each other");
	if (c->guest_rewrite && (!c->backend || strcmp(c->backend, "guest")))
		cli_usage_error("--guest-rewrite needs --backend=guest");
	c->xcount = xcount > 2 ? 2 : xcount;
}
