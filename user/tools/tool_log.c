// SPDX-License-Identifier: MIT
/*
 * The built-in log tool: strace-style lines (or JSON Lines) for every event it
 * watches, signals and exits. Written only against the public API, like any
 * plugin. Options: trace=SET (lines shown; default all), subscribe=SET (stop in
 * the handler), format=text|json, time=t|tt|ttt, durations=1, strsize=N,
 * quiet=1 (no signal and exit lines: only the subscription, for strace -c),
 * pid_prefix=always (every line starts with the tid, as strace -f -o FILE does;
 * otherwise "[pid N] " once the tree has several tasks, as on strace's stderr),
 * stack=1 (each line followed by its call's user stack, as strace -k),
 * cgroup=1 (after that, the task's cgroup in brackets, where the run knows it).
 * strace's filters and formats: status=LIST (-e status=: successful, failed,
 * unfinished, unavailable, detached, all, none, a leading '!'), signals=SET
 * (-e signal=), hide=exit,superseded (-qq: no "+++ exited" lines; -qqq: no
 * "+++ superseded by execve" either), relative=1 (-r),
 * numbers=1 (-n), ip=1 (-i), column=N (-a), hex=1|2 (-x, -xx), raw=SET (-e raw=),
 * consts=abbrev|raw|verbose (-X: named constants as names, numbers, or both),
 * decode_fds=SET (-y: path; -yy: all; log_fds.h), separate=FILE (-ff: each task's lines into
 * FILE.TID) with append=1 (-A), path=PATH (-P, repeatable: log_paths.c),
 * dump_read=FDS and dump_write=FDS (-e read=, -e write=: log_dump.c),
 * full=SET (-v, -e abbrev=: the calls whose structures are printed in full),
 * terse=SET (-e verbose=: the calls whose structures print as addresses).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "hytrace.h"
#include "log_dump.h"
#include "log_fds.h"
#include "log_files.h"
#include "log_live.h"
#include "log_paths.h"
#include "log_raw.h"

struct log_state {
	bool json;
	bool pid_column; /* "1234  " before every line, as strace -f -o FILE does */
	int time_fmt;	 /* 0 none, 1 -t, 2 -tt, 3 -ttt */
	bool durations;
	bool quiet;  /* no signal or exit lines either (strace -c) */
	bool stacks; /* -k */
	bool cgroup; /* "[/system.slice/x.service] " before each call */
	unsigned int strsize;
	struct log_live live;	 /* tasks alive when: "[pid N] " (log_live.h) */
	int64_t realtime_offset; /* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
	struct hy_writer *w;	 /* opened with the first line, after what was written before */
	unsigned int status;	 /* STATUS_* shown; 0: every call */
	uint64_t signals[2];	 /* -e signal=: bit per signal shown */
	bool hide_exit, hide_superseded, relative, numbers, ip;
	int hex;	     /* -x: 1, -xx: 2 */
	unsigned int consts; /* -X: 0 (abbrev), HY_WRITER_CONSTS_RAW or _VERBOSE */
	unsigned int column;
	uint64_t last_ns;	 /* -r: the previous line's time */
	struct log_files *files; /* -ff */
	struct log_paths *paths; /* -P */
	struct log_fds *fds;	 /* -y */
	struct hy_sysset *shown; /* -y with trace=: the calls shown (more are watched) */
	struct hy_sysset *raw;	 /* -e raw=SET: printed undecoded */
	struct hy_sysset *full;	 /* -v, -e abbrev=: structures in full */
	struct hy_sysset *terse; /* -e verbose=: structures as addresses */
	struct log_dump *dump;	 /* -e read=SET, -e write=SET: hex dumps */
};

enum {
	STATUS_SUCCESSFUL = 1,
	STATUS_FAILED = 2,
	STATUS_UNFINISHED = 4,
	STATUS_UNAVAILABLE = 8,
	STATUS_DETACHED = 16,
	STATUS_ALL = 31,
};

/* consts=: strace -X's styles, as the writer's flags */
static int parse_consts(struct hy_ctx *ctx, const char *v, unsigned int *flags)
{
	if (!strcmp(v, "abbrev"))
		*flags = 0;
	else if (!strcmp(v, "raw"))
		*flags = HY_WRITER_CONSTS_RAW;
	else if (!strcmp(v, "verbose"))
		*flags = HY_WRITER_CONSTS_VERBOSE;
	else
		return hy_fail(ctx, -EINVAL, "consts=%s: want abbrev, raw or verbose", v);
	return 0;
}

/* hide=LIST: the messages strace's -e quiet= hides that the log prints */
static int parse_hide(struct hy_ctx *ctx, const char *v, struct log_state *g)
{
	char *copy = strdup(v), *save = NULL;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	for (char *t = strtok_r(copy, ",", &save); t && !err; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "exit"))
			g->hide_exit = true;
		else if (!strcmp(t, "superseded"))
			g->hide_superseded = true;
		else
			err = hy_fail(ctx, -EINVAL, "hide=%s: want exit, superseded", v);
	}
	free(copy);
	return err;
}

/* strace's -e status=LIST: names, all, none; a leading '!' negates the list */
static int parse_status(struct hy_ctx *ctx, const char *v, unsigned int *mask)
{
	static const char *const names[] = { "successful", "failed", "unfinished", "unavailable",
					     "detached" };
	bool invert = *v == '!';
	char *copy = strdup(v + invert), *save = NULL;
	unsigned int m = 0;

	if (!copy)
		return -ENOMEM;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		unsigned int bit = 0;

		for (unsigned int i = 0; i < 5; i++)
			if (!strcmp(t, names[i]))
				bit = 1u << i;
		if (!strcmp(t, "all"))
			bit = STATUS_ALL;
		else if (!strcmp(t, "none"))
			bit = 0, m = 0;
		else if (!bit) {
			int err = hy_fail(ctx, -EINVAL,
					  "status=%s: unknown status '%s' (successful, failed, "
					  "unfinished, unavailable, detached, all, none)",
					  v, t);

			free(copy);
			return err;
		}
		m |= bit;
	}
	free(copy);
	*mask = invert ? STATUS_ALL & ~m : m;
	if (!*mask)
		*mask = STATUS_ALL + 1; /* "none": a bit no call has */
	return 0;
}

/* strace's -e signal=SET: names with or without SIG, numbers 0-255, all, none; a leading '!' */
static int parse_signals(struct hy_ctx *ctx, const char *v, uint64_t set[2])
{
	bool invert = *v == '!';
	char *copy = strdup(v + invert), *save = NULL;

	if (!copy)
		return -ENOMEM;
	set[0] = set[1] = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int sig = hy_signal_number(t);
		int64_t n;

		/*
		 * strace takes any number up to 255 (sigstr_to_uint()): 0 and those past
		 * the last signal select nothing that can arrive, so "signal=0" is its
		 * way to say none (and "!0" all).
		 */
		if (sig < 0 && !hy_parse_int(t, 0, 255, &n))
			continue;
		if (!strcmp(t, "all"))
			set[0] = set[1] = ~0ull;
		else if (!strcmp(t, "none"))
			set[0] = set[1] = 0;
		else if (sig > 0 && sig < 128)
			set[sig / 64] |= 1ull << (sig % 64);
		else {
			int err = hy_fail(ctx, -EINVAL, "signal=%s: unknown signal '%s'", v, t);

			free(copy);
			return err;
		}
	}
	free(copy);
	if (invert) {
		set[0] = ~set[0];
		set[1] = ~set[1];
	}
	return 0;
}

/* Which of strace's statuses the call ended with. */
static unsigned int status_of(const struct hy_event *ev)
{
	int64_t ret = hy_event_return(ev);

	if (hy_event_flags(ev) & HY_EV_UNFINISHED)
		return STATUS_UNFINISHED;
	if (hy_event_abi(ev) != HY_ABI_X86_64)
		ret = (int32_t)ret;
	return ret < 0 && ret >= -4095 ? STATUS_FAILED : STATUS_SUCCESSFUL;
}

static unsigned int writer_flags(const struct log_state *g)
{
	return (g->json ? HY_WRITER_JSON : 0) | (g->durations ? HY_WRITER_DURATIONS : 0) |
	       (g->stacks ? HY_WRITER_STACKS : 0) |
	       (g->hex == 1 ? HY_WRITER_HEX :
		g->hex > 1  ? HY_WRITER_HEX_ALL :
			      0) |
	       g->consts;
}

/*
 * Every line goes through one writer, so syscall, signal and exit lines keep
 * their order; with -ff, one per task (@tid), each into its own file.
 */
static struct hy_writer *writer(struct hy_ctx *ctx, struct log_state *g, int tid)
{
	struct hy_writer *w;

	if (g->files) {
		w = log_files_writer(ctx, g->files, tid, writer_flags(g), g->strsize, g->column);
		if (w && g->fds && !g->json)
			hy_writer_set_fd_names(w, log_fds_name, g->fds);
		hy_writer_set_unabbreviated(w, g->full);
		hy_writer_set_terse(w, g->terse);
		return w;
	}
	if (!g->w) {
		g->w = hy_writer_open(hy_output(ctx), writer_flags(g), g->strsize);
		hy_writer_set_column(g->w, g->column);
		hy_writer_set_unabbreviated(g->w, g->full);
		hy_writer_set_terse(g->w, g->terse);
		if (g->fds && !g->json)
			hy_writer_set_fd_names(g->w, log_fds_name, g->fds);
	}
	return g->w;
}

/*
 * -P, -z, -Z, -e status=: the kernel drops the calls this tool would, before
 * they are recorded (hy_kernel_filter()). With -y the calls its descriptor
 * names come from (opens, closes, forks, execs) are kept whatever the filter
 * says: -y -P shows only PATH's calls, but the table knows every descriptor.
 * Not with -e signal= alone (signals are no calls).
 */
static int kernel_filter(struct hy_ctx *ctx, const struct log_state *g)
{
	const char *const *paths;
	unsigned int status = 0;
	int n, err;

	if (!g->paths && !g->status)
		return 0;
	if (g->fds && (err = hy_kernel_filter_keep(ctx, log_fds_calls(g->fds))))
		return err;
	/* unavailable and detached never occur: the kernel has every result */
	if (g->status & STATUS_SUCCESSFUL)
		status |= HY_STATUS_SUCCESSFUL;
	if (g->status & STATUS_FAILED)
		status |= HY_STATUS_FAILED;
	if (g->status & STATUS_UNFINISHED)
		status |= HY_STATUS_UNFINISHED;
	if (g->status && !status)
		status = HY_STATUS_UNFINISHED; /* status=unavailable: nothing but unfinished... */
	paths = log_paths_list(g->paths, &n);
	return hy_kernel_filter(ctx, status, paths, n);
}

/* -v, -e abbrev=: is @name printed in full (on some ABI)? */
static bool full_call(const struct hy_sysset *full, const char *name)
{
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		long nr = hy_syscall_number(abi, name);

		if (nr >= 0 && hy_sysset_contains(full, abi, nr))
			return true;
	}
	return false;
}

static int log_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		    const char *const *values)
{
	struct log_state *g = hy_global_state(ctx);
	const char *v;
	struct timespec rt, mono;
	int err;

	static const char *const known[] = {
		"trace", "subscribe",  "format",     "time",   "durations", "strsize",
		"quiet", "pid_prefix", "stack",	     "cgroup", "status",    "signals",
		"hide",	 "relative",   "numbers",    "column", "separate",  "append",
		"path",	 "hex",	       "decode_fds", "raw",    "dump_read", "dump_write",
		"full",	 "terse",      "ip",	     "consts", NULL
	};
	int64_t strsize = 0, column = 40, hex = 0;
	unsigned int what = 0;

	if ((err = hy_options_known(ctx, known)) ||
	    (err = hy_option_int(ctx, "strsize", 0, 4096, &strsize)) ||
	    (err = hy_option_int(ctx, "column", 0, 1000, &column)) ||
	    (err = hy_option_int(ctx, "hex", 0, 2, &hex)))
		return err;
	g->hex = hex;
	g->column = column;
	g->signals[0] = g->signals[1] = ~0ull;
	if ((v = hy_option(ctx, "status")) && (err = parse_status(ctx, v, &g->status)))
		return err;
	if ((v = hy_option(ctx, "signals")) && (err = parse_signals(ctx, v, g->signals)))
		return err;
	if ((v = hy_option(ctx, "consts")) && (err = parse_consts(ctx, v, &g->consts)))
		return err;
	if ((v = hy_option(ctx, "hide")) && (err = parse_hide(ctx, v, g)))
		return err;
	g->relative = hy_option(ctx, "relative") != NULL;
	g->numbers = hy_option(ctx, "numbers") != NULL;
	g->ip = hy_option(ctx, "ip") != NULL;
	if (g->ip && (err = hy_want_ip(ctx)))
		return err;
	if ((v = hy_option(ctx, "separate")) &&
	    (err = log_files_init(ctx, &g->files, v, hy_option(ctx, "append") != NULL)))
		return err;
	if ((err = log_paths_init(ctx, &g->paths, nopts, keys, values)) ||
	    (err = log_dump_init(ctx, &g->dump)))
		return err;
	if ((v = hy_option(ctx, "raw")) && !(g->raw = hy_sysset_new(v)))
		return hy_fail(ctx, -EINVAL, "raw=%s: %s", v, hy_last_error());
	if ((v = hy_option(ctx, "full")) && !(g->full = hy_sysset_new(v)))
		return hy_fail(ctx, -EINVAL, "full=%s: %s", v, hy_last_error());
	if ((v = hy_option(ctx, "terse")) && !(g->terse = hy_sysset_new(v)))
		return hy_fail(ctx, -EINVAL, "terse=%s: %s", v, hy_last_error());
	/* execve's environment is printed in full: its strings must be captured
	 * (and only then: otherwise only its pointers, to count them) */
	if (g->full && (full_call(g->full, "execve") || full_call(g->full, "execveat")) &&
	    (err = hy_want_environment(ctx)))
		return err;
	/* so are getdents' records: captured (up to 4 KiB a call), not only counted */
	if (g->full && (full_call(g->full, "getdents") || full_call(g->full, "getdents64")) &&
	    (err = hy_want_dirents(ctx)))
		return err;
	if ((v = hy_option(ctx, "decode_fds")) && log_fds_what(v, &what))
		return hy_fail(ctx, -EINVAL,
			       "decode_fds=%s: want path, socket, dev, pidfd, all or none", v);
	if (v && what && !(g->fds = log_fds_new(what)))
		return hy_fail(ctx, -ENOMEM, "out of memory");
	/* sockets as the kernel held them at the call (log_fds.h), not when printed */
	if (g->fds && (what & (LOG_FDS_PATH | LOG_FDS_SOCKET)) && (err = hy_want_sockets(ctx)))
		return err;
	if ((v = hy_option(ctx, "trace")) && (err = hy_watch(ctx, v)))
		return err;
	/* -y: the calls that open, copy and close descriptors are seen, shown or not */
	if (v && g->fds) {
		if (!(g->shown = hy_sysset_new(v)))
			return hy_fail(ctx, -EINVAL, "trace=%s: %s", v, hy_last_error());
		if ((err = hy_watch(ctx, log_fds_calls(g->fds))))
			return err;
	}
	if ((v = hy_option(ctx, "subscribe")) && (err = hy_subscribe(ctx, v)))
		return err;
	if ((err = kernel_filter(ctx, g)))
		return err;
	g->stacks = hy_option(ctx, "stack") != NULL;
	if (g->stacks && (err = hy_want_stacks(ctx)))
		return err;
	if ((v = hy_option(ctx, "format")) && strcmp(v, "json") && strcmp(v, "text"))
		return hy_fail(ctx, -EINVAL, "format=%s: want text or json", v);
	g->json = v && !strcmp(v, "json");
	if ((v = hy_option(ctx, "time")) && strcmp(v, "t") && strcmp(v, "tt") && strcmp(v, "ttt"))
		return hy_fail(ctx, -EINVAL, "time=%s: want t, tt or ttt", v);
	g->time_fmt = v ? strlen(v) : 0;
	g->durations = hy_option(ctx, "durations") != NULL;
	g->quiet = hy_option(ctx, "quiet") != NULL;
	g->cgroup = hy_option(ctx, "cgroup") != NULL;
	g->pid_column = (v = hy_option(ctx, "pid_prefix")) && !strcmp(v, "always");
	g->strsize = strsize;
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	g->realtime_offset = (rt.tv_sec - mono.tv_sec) * 1000000000ll + (rt.tv_nsec - mono.tv_nsec);
	return 0;
}

/* A tid in a field of five ("%-5d" or "%5d"), without printf: every line has one. */
static int put_tid(char *buf, int tid, bool left)
{
	char digits[12];
	int n = 0, k = 0;

	do
		digits[k++] = '0' + tid % 10;
	while ((tid /= 10) > 0);
	for (int pad = 5 - k; !left && pad > 0; pad--)
		buf[n++] = ' ';
	while (k)
		buf[n++] = digits[--k];
	while (left && n < 5)
		buf[n++] = ' ';
	buf[n] = 0;
	return n;
}

/* "[pid N] " when the tree had more than one task, then the timestamp. */
static int leader(struct hy_ctx *ctx, struct log_state *g, int tid, uint64_t mono_ns, char *buf,
		  size_t size)
{
	int n = 0;

	buf[0] = 0;
	if (g->pid_column && tid > 0) {
		n = put_tid(buf, tid, true);
		buf[n++] = ' ';
		buf[n] = 0;
	} else if (tid > 0 && log_live_at(&g->live, mono_ns) > 1) {
		memcpy(buf, "[pid ", 5);
		n = 5 + put_tid(buf + 5, tid, false);
		buf[n++] = ']';
		buf[n++] = ' ';
		buf[n] = 0;
	}
	if (g->time_fmt) {
		uint64_t ns = mono_ns ? mono_ns + g->realtime_offset : 0;
		time_t sec;
		struct tm tm;

		if (!ns) {
			struct timespec now;

			clock_gettime(CLOCK_REALTIME, &now);
			ns = now.tv_sec * 1000000000ull + now.tv_nsec;
		}
		sec = ns / 1000000000ull;
		if (g->time_fmt >= 3) {
			n += snprintf(buf + n, size - n, "%lld.%06llu ", (long long)sec,
				      (unsigned long long)(ns % 1000000000ull / 1000));
		} else {
			localtime_r(&sec, &tm);
			n += strftime(buf + n, size - n, "%H:%M:%S", &tm);
			if (g->time_fmt == 2)
				n += snprintf(buf + n, size - n, ".%06llu",
					      (unsigned long long)(ns % 1000000000ull / 1000));
			n += snprintf(buf + n, size - n, " ");
		}
	}
	if (g->relative) { /* -r: since the previous line, as strace counts it */
		uint64_t now = mono_ns ? mono_ns : hy_now_ns();
		uint64_t d = g->last_ns && now > g->last_ns ? now - g->last_ns : 0;

		if (now > g->last_ns)
			g->last_ns = now;
		n += snprintf(buf + n, size - n, g->time_fmt ? "(+%6llu.%06llu) " : "%6llu.%06llu ",
			      (unsigned long long)(d / 1000000000u),
			      (unsigned long long)(d % 1000000000u / 1000));
	}
	(void)ctx;
	return n;
}

/*
 * -i: strace's "[00007f0123456789] ", 8 digits for an i386 call, question
 * marks where there is no call (exits, signals) or no address was recorded.
 */
static int put_ip(char *buf, size_t size, uint64_t ip, enum hy_abi abi)
{
	int w = abi == HY_ABI_I386 ? 8 : 16;

	if (!ip)
		return snprintf(buf, size, "[%.*s] ", w, "????????????????");
	return snprintf(buf, size, "[%0*" PRIx64 "] ", w, ip);
}

static void log_line(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct log_state *g = hy_global_state(ctx);
	struct hy_writer *w;
	char lead[4200];
	int n;

	if (g->shown && !hy_sysset_shows(g->shown, hy_event_abi(ev), hy_event_nr(ev)))
		return;
	/* -P learns the call's descriptors whatever its status (strace's follow /proc) */
	if (!log_paths_match(g->paths, ev) || (g->status && !(g->status & status_of(ev))))
		return;
	w = writer(ctx, g, hy_event_tid(ev));
	if (!w)
		return;
	if (g->json) {
		hy_writer_event(w, ev, NULL);
		return;
	}
	n = leader(ctx, g, g->files ? 0 : hy_event_tid(ev), hy_event_enter_ns(ev), lead, 96);
	if (g->cgroup && hy_event_cgroup(ev))
		n += snprintf(lead + n, sizeof(lead) - n, "[%s] ", hy_event_cgroup(ev));
	if (g->numbers) /* -n: strace's "[ 257] " */
		n += snprintf(lead + n, sizeof(lead) - n, "[%4ld] ", hy_event_nr(ev));
	if (g->ip)
		put_ip(lead + n, sizeof(lead) - n, hy_event_ip(ev), hy_event_abi(ev));
	if (g->raw && hy_sysset_contains(g->raw, hy_event_abi(ev), hy_event_nr(ev))) {
		char line[8192];
		int len = log_raw_line(ev, lead, g->column, g->durations, line, sizeof(line));

		hy_writer_text(w, line, len < (int)sizeof(line) ? (size_t)len : sizeof(line) - 1);
		log_dump_event(g->dump, w, ev);
		return;
	}
	hy_writer_event(w, ev, lead);
	log_dump_event(g->dump, w, ev);
}

/* -y: the descriptor map follows every call, shown or not, around its line */
static void log_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct log_state *g = hy_global_state(ctx);

	if (g->fds) {
		log_fds_inherit(g->fds, hy_event_pid(ev), hy_ppid(ctx));
		log_fds_before(g->fds, ev);
	}
	log_line(ctx, ev);
	if (g->fds)
		log_fds_after(g->fds, ev);
}

static void put_line(struct hy_ctx *ctx, struct log_state *g, int tid, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put_line(struct hy_ctx *ctx, struct log_state *g, int tid, const char *fmt, ...)
{
	struct hy_writer *w = writer(ctx, g, tid);
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (w && n > 0)
		hy_writer_text(w, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* In the -e signal= set: its "--- SIG" line, and its "+++ killed by" as strace's */
static bool signal_shown(const struct log_state *g, int sig)
{
	return sig > 0 && sig < 128 && (g->signals[sig / 64] >> (sig % 64) & 1);
}

static int log_signal(struct hy_ctx *ctx, int sig)
{
	struct log_state *g = hy_global_state(ctx);
	char lead[128], info[512];
	int n;

	if (g->json || g->quiet || !signal_shown(g, sig))
		return sig;
	n = leader(ctx, g, g->files ? 0 : hy_tid(ctx), 0, lead, sizeof(lead));
	if (g->ip)
		put_ip(lead + n, sizeof(lead) - n, hy_signal_ip(ctx), HY_ABI_X86_64);
	hy_format_siginfo_flags(hy_siginfo(ctx), sig, g->consts, info, sizeof(info));
	put_line(ctx, g, hy_tid(ctx), "%s--- %s ---\n", lead, info);
	/* strace's line at the group-stop that follows; none at SIGCONT */
	if (hy_signal_stops(ctx))
		put_line(ctx, g, hy_tid(ctx), "%s--- stopped by %s ---\n", lead,
			 hy_signal_name_r(sig, info, sizeof(info)));
	return sig;
}

static void log_thread_start(struct hy_ctx *ctx)
{
	struct log_state *g = hy_global_state(ctx);

	log_live_changed(&g->live, 1, hy_task_event_ns(ctx));
	if (hy_tid(ctx) == hy_pid(ctx))
		log_fds_seed(g->fds, hy_pid(ctx));
}

/* -P: a child has its parent's descriptors (told before any call of its own) */
static void log_process_start(struct hy_ctx *ctx, const void *parent_state)
{
	struct log_state *g = hy_global_state(ctx);

	(void)parent_state;
	log_paths_fork(g->paths, hy_ppid(ctx), hy_pid(ctx), hy_process_fork_ns(ctx));
}

static void log_thread_exit(struct hy_ctx *ctx)
{
	struct log_state *g = hy_global_state(ctx);

	log_live_changed(&g->live, -1, hy_task_event_ns(ctx));
	log_fds_forget(g->fds, hy_tid(ctx));
	log_files_done(g->files, hy_tid(ctx));
}

static void log_end(struct hy_ctx *ctx, FILE *out)
{
	struct log_state *g = hy_global_state(ctx);
	int err = hy_writer_close(g->w);

	(void)out; /* the report goes to stderr: out is where the log could not be written */
	g->w = NULL;
	if (!err && g->files)
		err = log_files_close(g->files);
	g->files = NULL;
	log_paths_free(g->paths);
	g->paths = NULL;
	log_dump_free(g->dump);
	g->dump = NULL;
	log_fds_free(g->fds);
	g->fds = NULL;
	hy_sysset_free(g->shown);
	g->shown = NULL;
	hy_sysset_free(g->raw);
	g->raw = NULL;
	hy_sysset_free(g->full); /* after the writers that point to them are closed */
	g->full = NULL;
	hy_sysset_free(g->terse);
	g->terse = NULL;
	if (err)
		hy_fail(ctx, err, "writing the log failed: %s: the log is incomplete",
			strerror(-err));
	log_live_free(&g->live);
}

/*
 * A thread other than the leader executed a program: it is the leader now
 * (its tid the leader's), and the old leader is gone without an exit line;
 * strace says so under the leader's tid, before the execve's result.
 */
static void log_exec(struct hy_ctx *ctx)
{
	struct log_state *g = hy_global_state(ctx);
	int old = hy_exec_tid(ctx);
	char lead[128];
	int n;

	if (g->json || g->quiet || g->hide_superseded || !old || old == hy_tid(ctx))
		return;
	n = leader(ctx, g, g->files ? 0 : hy_pid(ctx), 0, lead, sizeof(lead));
	if (g->ip)
		put_ip(lead + n, sizeof(lead) - n, 0, HY_ABI_X86_64);
	put_line(ctx, g, hy_pid(ctx), "%s+++ superseded by execve in pid %d +++\n", lead, old);
}

static void log_process_exit(struct hy_ctx *ctx, int wstatus)
{
	struct log_state *g = hy_global_state(ctx);
	char lead[128], name[32];
	int n;

	if (g->json || g->quiet || g->hide_exit)
		return;
	if (WIFSIGNALED(wstatus) && !signal_shown(g, WTERMSIG(wstatus)))
		return;
	/* counted before this exit, like strace's prefix on the last line */
	g->live.tasks++;
	n = leader(ctx, g, g->files ? 0 : hy_pid(ctx), 0, lead, sizeof(lead));
	g->live.tasks--;
	if (g->ip)
		put_ip(lead + n, sizeof(lead) - n, 0, HY_ABI_X86_64);
	if (WIFEXITED(wstatus))
		put_line(ctx, g, hy_pid(ctx), "%s+++ exited with %d +++\n", lead,
			 WEXITSTATUS(wstatus));
	else if (WIFSIGNALED(wstatus))
		put_line(ctx, g, hy_pid(ctx), "%s+++ killed by %s%s +++\n", lead,
			 hy_signal_name_r(WTERMSIG(wstatus), name, sizeof(name)),
			 WCOREDUMP(wstatus) ? " (core dumped)" : "");
}

const struct hy_tool hy_tool_log = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "log",
	.description = "strace-style log of syscalls, signals and exits",
	.global_size = sizeof(struct log_state),
	.init = log_init,
	.on_event = log_event,
	.on_signal = log_signal,
	.on_thread_start = log_thread_start,
	.on_thread_exit = log_thread_exit,
	.on_process_start = log_process_start,
	.on_exec = log_exec,
	.on_process_exit = log_process_exit,
	.on_end = log_end,
};
