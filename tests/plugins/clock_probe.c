// SPDX-License-Identifier: MIT
/*
 * Test plugin for hy_now_ns(): at the exit of each getppid (held,
 * HY_CONT_RUN_EXIT) the handler takes the time, in the guest on the in-guest
 * backend; on_event, in hytrace, checks it against the records' times: after
 * that call's exit, before the thread's next getppid's entry. Only the one
 * clock passes both. Everything in global state (the guests share it).
 */
#include "hytrace.h"

#define MAX_CALLS 64

struct g {
	uint64_t at_exit[MAX_CALLS]; /* hy_now_ns() at the Nth getppid's exit */
	unsigned int exits;
	unsigned int events;   /* getppid events seen */
	uint64_t prev_exit_ns; /* the previous event's exit time */
	unsigned int pairs;    /* consecutive calls compared */
	unsigned int between;  /* ...whose exit-time lies between the two records */
};

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	int err;

	(void)nopts, (void)keys, (void)values;
	if ((err = hy_subscribe(ctx, "getppid")))
		return err;
	return hy_watch(ctx, "getppid");
}

static enum hy_cont enter(struct hy_ctx *ctx)
{
	(void)ctx;
	return HY_CONT_RUN_EXIT;
}

static void leave(struct hy_ctx *ctx)
{
	struct g *g = hy_global_state(ctx);
	unsigned int i = __atomic_fetch_add(&g->exits, 1, __ATOMIC_RELAXED);

	if (i < MAX_CALLS)
		__atomic_store_n(&g->at_exit[i], hy_now_ns(), __ATOMIC_RELEASE);
}

/*
 * At the Nth call's event the (N-1)th's exit handler is done (the thread made
 * the Nth call after it): its time is there to read, whatever the backend.
 */
static void event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct g *g = hy_global_state(ctx);
	unsigned int i = g->events++;

	if (i > 0 && i < MAX_CALLS) {
		uint64_t t = __atomic_load_n(&g->at_exit[i - 1], __ATOMIC_ACQUIRE);

		g->pairs++;
		g->between += g->prev_exit_ns <= t && t <= hy_event_enter_ns(ev);
	}
	g->prev_exit_ns = hy_event_exit_ns(ev);
}

static void end(struct hy_ctx *ctx, FILE *out)
{
	struct g *g = hy_global_state(ctx);

	fprintf(out, "clock_probe: %u of %u exit times between the two calls' records\n",
		g->between, g->pairs);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "clock_probe",
	.global_size = sizeof(struct g),
	.init = init,
	.on_syscall_enter = enter,
	.on_syscall_exit = leave,
	.on_event = event,
	.on_end = end,
};
