// SPDX-License-Identifier: MIT
/*
 * Test plugin for deferred calls: every subscribed call (option set=, default
 * getppid) is deferred and resumed after option ms= milliseconds (default 10),
 * by a timer of hytrace's (mode=timer), by a thread of the tool's own that
 * sleeps and calls hy_resume() (mode=thread), at once from the callback itself
 * (mode=now: what a deferral costs, for make bench, against mode=plain, which
 * does not defer), or never (mode=never: the run must still end cleanly).
 * With option gather=N the first N deferred calls are all kept until the Nth
 * comes, then handed to the mode together: N threads that each have a call
 * held at the same moment show that a held call holds only its own thread,
 * whatever the machine's load (a run that held them one after another would
 * never gather them, and end at the test's timeout). With option skip=K the
 * first K subscribed calls run at once (the launched command's own, when
 * only its children's are to be gathered). Reports how many calls it
 * deferred and resumed, how many events it saw, the most calls held at once,
 * and the span from the first deferral to the last resumption.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hytrace.h"

enum mode { TIMER, THREAD, NOW, NEVER, PLAIN };

struct g {
	enum mode mode;
	uint64_t delay_ns;
	long deferred, resumed, gone, events;
	long held, most_held; /* deferred and not yet resumed: now, and the most at once */
	uint64_t first, last;
	/* gather=N: the first N deferrals, kept until the Nth (in the state: no heap pointer
	 * there, which hytrace and a guest's handlers share) */
	long gather, ngathered;
	long skip, seen; /* skip=K: the first K calls run at once */
	struct hy_deferred *gathered[64];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	struct g *g = hy_global_state(ctx);
	const char *mode = hy_option(ctx, "mode"), *ms = hy_option(ctx, "ms");
	const char *set = hy_option(ctx, "set");

	(void)nopts, (void)keys, (void)values;
	g->mode = !mode || !strcmp(mode, "timer") ? TIMER :
		  !strcmp(mode, "thread")	  ? THREAD :
		  !strcmp(mode, "now")		  ? NOW :
		  !strcmp(mode, "plain")	  ? PLAIN :
						    NEVER;
	g->delay_ns = (ms ? strtoull(ms, NULL, 10) : 10) * 1000000ull;
	g->gather = hy_option(ctx, "gather") ? atol(hy_option(ctx, "gather")) : 0;
	g->skip = hy_option(ctx, "skip") ? atol(hy_option(ctx, "skip")) : 0;
	if (g->gather < 0 || g->gather > (long)(sizeof(g->gathered) / sizeof(g->gathered[0])))
		return -EINVAL;
	return hy_subscribe(ctx, set ? set : "getppid");
}

struct later {
	struct hy_deferred *d;
	uint64_t ns;
};

static void *resume_later(void *arg)
{
	struct later *l = arg;
	struct timespec ts = { l->ns / 1000000000ull, l->ns % 1000000000ull };

	nanosleep(&ts, NULL);
	hy_resume(l->d, l);
	return NULL;
}

/* Deferred call @d resumed as the mode says. */
static void dispatch(struct g *g, struct hy_deferred *d)
{
	struct later *l;
	pthread_t th;

	if (g->mode == NOW) {
		hy_resume(d, NULL);
	} else if (g->mode == TIMER) {
		hy_resume_after(d, g->delay_ns, NULL);
	} else if (g->mode == THREAD && (l = malloc(sizeof(*l)))) {
		*l = (struct later){ d, g->delay_ns };
		if (pthread_create(&th, NULL, resume_later, l) == 0)
			pthread_detach(th);
	}
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	struct g *g = hy_global_state(ctx);
	struct hy_deferred *d;

	if (g->mode == PLAIN || g->seen++ < g->skip || !(d = hy_defer(ctx)))
		return HY_CONT_RUN;
	if (!g->first)
		g->first = now_ns();
	g->deferred++;
	if (++g->held > g->most_held)
		g->most_held = g->held;
	if (g->ngathered < g->gather) {
		g->gathered[g->ngathered++] = d;
		if (g->ngathered < g->gather)
			return HY_CONT_RUN;
		for (long i = 0; i < g->gather; i++)
			dispatch(g, g->gathered[i]);
		return HY_CONT_RUN;
	}
	dispatch(g, d);
	return HY_CONT_RUN;
}

static enum hy_cont resume(struct hy_ctx *ctx, void *cookie)
{
	struct g *g = hy_global_state(ctx);

	free(cookie);
	g->held--;
	if (!hy_tid(ctx)) {
		g->gone++;
		return HY_CONT_RUN;
	}
	g->resumed++;
	g->last = now_ns();
	return HY_CONT_RUN;
}

static void event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct g *g = hy_global_state(ctx);

	if (hy_event_flags(ev) & HY_EV_DELAYED)
		g->events++;
}

static void end(struct hy_ctx *ctx, FILE *out)
{
	struct g *g = hy_global_state(ctx);

	fprintf(out,
		"deferrer: deferred %ld resumed %ld gone %ld delayed-events %ld held-at-once %ld "
		"span %llu ms\n",
		g->deferred, g->resumed, g->gone, g->events, g->most_held,
		(unsigned long long)(g->last > g->first ? (g->last - g->first) / 1000000 : 0));
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "deferrer",
	.global_size = sizeof(struct g),
	.init = init,
	.on_syscall_enter = enter,
	.on_resume = resume,
	.on_event = event,
	.on_end = end,
};
