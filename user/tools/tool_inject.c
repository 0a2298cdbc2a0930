// SPDX-License-Identifier: MIT
/*
 * The built-in fault injection tool (--inject / -e inject=), in strace's syntax:
 *   SET:error=ERRNO|retval=N[:signal=SIG][:syscall=NAME][:delay_enter=D]
 *      [:delay_exit=D][:poke_enter=@argN=HEX,...][:poke_exit=@argN=HEX,...][:when=EXPR]
 * EXPR is N (the Nth call only), N+ (from the Nth on), N+S (the Nth, then every
 * Sth), N..M (the Nth to the Mth). Calls are counted per syscall per thread, from
 * 1, as strace counts them (per traced task); a new thread starts afresh, from
 * the calls the tools could not see (hy_calls_before(): the guest backend's
 * dynamic loader).
 * syscall=NAME runs that call (one without side effects: %pure) in place of the
 * original (as strace, only with error= or retval=, whose value the guest sees).
 * poke_enter/poke_exit write bytes (hex: "6162") where argument N (1 to 6)
 * points, at entry or at exit. Durations are
 * microseconds unless suffixed with s, ms, us or ns. Written against the public
 * API only. The first rule whose set has the syscall applies. A delay defers the
 * call to a timer (hy_resume_after()): only the calling thread waits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "hytrace.h"

#define MAX_RULES 16
#define RULE_NR_MAX 640 /* above every syscall number of the three ABIs */
#define COUNTERS 256

#define MAX_POKES 6
#define POKE_MAX 256

struct poke {
	int arg; /* 0..5 */
	size_t len;
	uint8_t data[POKE_MAX];
};

struct rule {
	/*
	 * the calls it applies to, as bits by ABI and number: the rules live in
	 * the global state, which the guest backend shares with the guests, so
	 * they hold no pointer into hytrace's heap
	 */
	uint64_t set[HY_ABI_COUNT][RULE_NR_MAX / 64];
	long syscall;			/* syscall=: its number, -1 none */
	struct poke poke[2][MAX_POKES]; /* [0] at entry, [1] at exit */
	int npokes[2];
	bool fail;
	int64_t value; /* -errno or the return value */
	int signal;
	uint64_t delay_enter_ns, delay_exit_ns;
	unsigned int first, last, step;
};

struct inject_state {
	struct rule rule[MAX_RULES];
	int nrules;
};

/* Per thread: call counts keyed by (rule, abi, nr). */
struct counter {
	uint32_t key, count;
};

struct inject_thread {
	uint64_t delay_exit_ns;
	const struct rule *poke_exit; /* a rule whose poke_exit is due at this call's exit */
	struct counter c[COUNTERS];
};

/* strace's bounds for when=: 1 to 65535 */
#define WHEN_MAX 65535

static int parse_duration(const char *s, uint64_t *ns)
{
	return hy_parse_duration_ns(s, UINT64_MAX, ns) ? -1 : 0;
}

/* A count of when=: 1 to WHEN_MAX, up to the first character of @stop (or the end). */
static int when_number(const char **s, const char *stop, unsigned int *v)
{
	size_t n = strcspn(*s, stop);
	char number[16];
	int64_t x;

	if (!n || n >= sizeof(number))
		return -1;
	memcpy(number, *s, n);
	number[n] = 0;
	if (hy_parse_int(number, 1, WHEN_MAX, &x))
		return -1;
	*v = x;
	*s += n;
	return 0;
}

/* N (the Nth only), N+ (from the Nth on), N+S (the Nth, then every Sth), N..M */
static int parse_when(const char *s, struct rule *r)
{
	if (when_number(&s, "+.", &r->first))
		return -1;
	r->last = r->first;
	r->step = 0;
	if (!strncmp(s, "..", 2)) {
		s += 2;
		if (when_number(&s, "", &r->last) || r->last < r->first)
			return -1;
		r->step = 1;
		return 0;
	}
	if (*s != '+')
		return *s ? -1 : 0;
	s++;
	r->last = 0;
	r->step = 1;
	return *s ? when_number(&s, "", &r->step) : 0;
}

/* error= or retval=: one of them, once */
static int parse_result(const char *key, const char *v, struct rule *r, bool *have)
{
	int64_t x;

	if (*have)
		return -1; /* error= and retval= (or either twice) exclude each other */
	*have = true;
	r->fail = true;
	if (!strcmp(key, "error")) {
		int e = hy_errno_number(v);

		r->value = -e;
		return e > 0 && e <= 4095 ? 0 : -1;
	}
	if (hy_parse_int(v, INT64_MIN, INT64_MAX, &x))
		return -1;
	r->value = x;
	return 0;
}

/* @argN=HEX[,@argM=HEX...] */
static int parse_pokes(const char *v, struct rule *r, int when)
{
	char *copy = strdup(v), *save = NULL;
	int err = 0;

	if (!copy)
		return -1;
	for (char *t = strtok_r(copy, ",", &save); t && !err; t = strtok_r(NULL, ",", &save)) {
		struct poke *p;
		const char *h;

		if (r->npokes[when] == MAX_POKES || strncmp(t, "@arg", 4) || t[4] < '1' ||
		    t[4] > '6' || t[5] != '=') {
			err = -1;
			break;
		}
		p = &r->poke[when][r->npokes[when]++];
		p->arg = t[4] - '1';
		p->len = 0;
		for (h = t + 6; *h && !err;) {
			unsigned int byte;

			if (p->len == POKE_MAX || sscanf(h, "%2x", &byte) != 1 || !h[1] ||
			    !strchr("0123456789abcdefABCDEF", h[1]))
				err = -1;
			else
				p->data[p->len++] = byte;
			h += 2;
		}
		if (!p->len)
			err = -1;
	}
	free(copy);
	return err;
}

/* syscall=NAME: only a call without side effects may take the original's place */
static int parse_syscall(const char *v, struct rule *r)
{
	struct hy_sysset *pure = hy_sysset_new("%pure@x86_64");
	long nr = hy_syscall_number(HY_ABI_X86_64, v);
	bool ok = pure && nr >= 0 && hy_sysset_contains(pure, HY_ABI_X86_64, nr);

	hy_sysset_free(pure);
	r->syscall = nr;
	return ok ? 0 : -1;
}

static int parse_rule(struct hy_ctx *ctx, const char *spec, struct rule *r)
{
	char *copy = strdup(spec), *save = NULL, *tok;
	struct hy_sysset *set;
	bool have_action = false, have_result = false;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	r->first = 1;
	r->step = 1;
	r->syscall = -1;
	tok = strtok_r(copy, ":", &save);
	if (!tok || !(set = hy_sysset_new(tok))) {
		free(copy);
		return -EINVAL;
	}
	for (int abi = 0; abi < HY_ABI_COUNT; abi++)
		for (long nr = 0; nr < RULE_NR_MAX; nr++)
			if (hy_sysset_contains(set, abi, nr))
				r->set[abi][nr / 64] |= 1ull << (nr % 64);
	hy_sysset_free(set);
	if ((err = hy_subscribe(ctx, tok)))
		goto out;
	while (!err && (tok = strtok_r(NULL, ":", &save))) {
		char *eq = strchr(tok, '=');
		const char *v = eq ? eq + 1 : "";

		if (eq)
			*eq = 0;
		if (!strcmp(tok, "error") || !strcmp(tok, "retval")) {
			err = parse_result(tok, v, r, &have_result);
			have_action = true;
		} else if (!strcmp(tok, "signal")) {
			r->signal = hy_signal_number(v);
			err = r->signal > 0 ? 0 : -1;
			have_action = true;
		} else if (!strcmp(tok, "delay_enter")) {
			err = parse_duration(v, &r->delay_enter_ns);
			have_action = true;
		} else if (!strcmp(tok, "delay_exit")) {
			err = parse_duration(v, &r->delay_exit_ns);
			have_action = true;
		} else if (!strcmp(tok, "when")) {
			err = parse_when(v, r);
		} else if (!strcmp(tok, "syscall")) {
			err = parse_syscall(v, r);
		} else if (!strcmp(tok, "poke_enter") || !strcmp(tok, "poke_exit")) {
			err = parse_pokes(v, r, !strcmp(tok, "poke_exit"));
			have_action = true;
		} else {
			err = -1;
		}
	}
	if (!err && (!have_action || (r->syscall >= 0 && !r->fail)))
		err = -1;
out:
	free(copy);
	return err ? -EINVAL : 0;
}

static int inject_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		       const char *const *values)
{
	struct inject_state *g = hy_global_state(ctx);

	static const char *const known[] = { "rule", NULL };
	int err = hy_options_known(ctx, known);

	if (err)
		return err;
	for (int i = 0; i < nopts; i++) {
		if (strcmp(keys[i], "rule"))
			continue;
		if (g->nrules == MAX_RULES)
			return hy_fail(ctx, -ERANGE, "at most %d rules", MAX_RULES);
		if (parse_rule(ctx, values[i] ? values[i] : "", &g->rule[g->nrules])) {
			char why[300];

			snprintf(why, sizeof(why), "%s", hy_last_error());
			if (!strncmp(why, "unknown syscall", 15) ||
			    !strncmp(why, "syscall pattern", 15))
				return hy_fail(ctx, -EINVAL, "%s", why);
			return hy_fail(
				ctx, -EINVAL,
				"bad rule '%s' (want SET:error=E|retval=N|signal=S|syscall=PURE|"
				"delay_enter=D|delay_exit=D|poke_enter=@argN=HEX|poke_exit=@argN=HEX"
				"[:when=N|N+|N+S|N..M], N from 1 to %d)",
				values[i] ? values[i] : "", WHEN_MAX);
		}
		g->nrules++;
	}
	return 0;
}

/*
 * Rule @rule's count of @abi/@nr in this thread; a new one starts from the
 * calls the tools could not see (the guest backend's dynamic loader), which
 * strace, holding the thread from its first call, counts.
 */
static uint32_t *count_slot(struct hy_ctx *ctx, struct inject_thread *p, int rule, int abi, long nr)
{
	uint32_t key = (uint32_t)rule << 24 | (uint32_t)abi << 16 | (uint32_t)nr | 1u << 31;

	for (unsigned int i = key * 2654435761u % COUNTERS, n = 0; n < COUNTERS;
	     i = (i + 1) % COUNTERS, n++) {
		if (p->c[i].key == key)
			return &p->c[i].count;
		if (!p->c[i].key) {
			p->c[i].key = key;
			p->c[i].count = hy_calls_before(ctx);
			return &p->c[i].count;
		}
	}
	return NULL;
}

static bool due(const struct rule *r, uint32_t n)
{
	if (n < r->first || (r->last && n > r->last))
		return false;
	return r->step ? (n - r->first) % r->step == 0 : n == r->first;
}

/* poke_enter (@when 0) or poke_exit (1): the bytes where the arguments point */
static void pokes(struct hy_ctx *ctx, const struct rule *r, int when)
{
	for (int i = 0; i < r->npokes[when]; i++) {
		const struct poke *p = &r->poke[when][i];

		hy_write_mem(ctx, hy_arg(ctx, p->arg), p->data, p->len);
	}
}

/* What a due rule does once its delay (if any) is over. */
static enum hy_cont act(struct hy_ctx *ctx, const struct rule *r)
{
	struct inject_thread *t = hy_thread_state(ctx);

	if (r->signal)
		syscall(SYS_tgkill, hy_pid(ctx), hy_tid(ctx), r->signal);
	pokes(ctx, r, 0);
	if (r->syscall >= 0) { /* the pure call in the original's place */
		uint64_t args[6];
		int64_t res;

		for (int i = 0; i < 6; i++)
			args[i] = hy_arg(ctx, i);
		hy_inject(ctx, r->syscall, args, &res);
		hy_set_return(ctx, r->value);
		return HY_CONT_SKIP;
	}
	if (r->npokes[1])
		t->poke_exit = r;
	if (r->fail) {
		hy_set_return(ctx, r->value);
		return HY_CONT_SKIP;
	}
	if (r->delay_exit_ns)
		t->delay_exit_ns = r->delay_exit_ns;
	return r->delay_exit_ns || r->npokes[1] ? HY_CONT_RUN_EXIT : HY_CONT_RUN;
}

/*
 * Hold the call for @ns without holding anyone else: the call is deferred to a
 * timer (hytrace's under ptrace; in the guest, the held thread's own wait). A
 * backend that cannot hold a call sleeps in the calling thread instead. Returns
 * true when the call was deferred (the rule acts when the timer fires).
 */
static bool delay(struct hy_ctx *ctx, uint64_t ns, const struct rule *r)
{
	struct hy_deferred *d = hy_defer(ctx);
	struct timespec ts = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };

	if (d && hy_resume_after(d, ns, (void *)r) == 0)
		return true;
	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
	return false;
}

static enum hy_cont inject_enter(struct hy_ctx *ctx)
{
	struct inject_state *g = hy_global_state(ctx);
	struct inject_thread *p = hy_thread_state(ctx);
	enum hy_abi abi = hy_syscall_abi(ctx);
	long nr = hy_syscall_nr(ctx);

	for (int i = 0; i < g->nrules; i++) {
		const struct rule *r = &g->rule[i];
		uint32_t *count;

		if (nr < 0 || nr >= RULE_NR_MAX || !(r->set[abi][nr / 64] & (1ull << (nr % 64))))
			continue;
		count = count_slot(ctx, p, i, abi, nr);
		if (!count || !due(r, ++*count))
			return HY_CONT_RUN;
		if (r->delay_enter_ns && delay(ctx, r->delay_enter_ns, r))
			return HY_CONT_RUN; /* act() runs when the delay is over */
		return act(ctx, r);
	}
	return HY_CONT_RUN;
}

static void inject_exit(struct hy_ctx *ctx)
{
	struct inject_thread *t = hy_thread_state(ctx);
	uint64_t ns = t->delay_exit_ns;

	if (t->poke_exit)
		pokes(ctx, t->poke_exit, 1);
	t->poke_exit = NULL;
	t->delay_exit_ns = 0;
	if (ns)
		delay(ctx, ns, NULL);
}

/* A delay is over: at entry the rule acts; at exit the call simply returns. */
static enum hy_cont inject_resume(struct hy_ctx *ctx, void *cookie)
{
	const struct rule *r = cookie;

	if (!hy_tid(ctx) || !r)
		return HY_CONT_RUN;
	return act(ctx, r);
}

const struct hy_tool hy_tool_inject = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "inject",
	.description = "fault injection with strace's -e inject= syntax",
	.global_size = sizeof(struct inject_state),
	.thread_size = sizeof(struct inject_thread),
	.init = inject_init,
	.on_syscall_enter = inject_enter,
	.on_syscall_exit = inject_exit,
	.on_resume = inject_resume,
};
