// SPDX-License-Identifier: MIT
/* Draining the kernel recorder's ring into the merge, at an adaptive period. */
#include <stdio.h>

#include "drain.h"
#include "kernel_recorder.h"
#include "merge.h"
#include "session.h"
#include "stack/run_stacks.h"

#define FAST_RECORDS 256 /* a drain this big means records flow */
#define DRAIN_BACKLOG (4u << 20)

static void on_kernel_record(void *ctx, const void *rec, size_t len)
{
	struct hy_session *s = ctx;

	if (s->record_hook && s->record_hook(s, rec, len))
		return;
	hy_run_stacks_kernel(s, rec, len); /* -k: unwound while the process likely runs */
	hy_merge_kernel(s->merge, rec, len);
}

size_t hy_drain(struct hy_session *s)
{
	size_t n;

	if (!s->krec)
		return 0;
	n = hy_krec_drain(s->krec, on_kernel_record, s);
	s->drain.last_ns = hy_now_ns();
	s->drain.period_ns = n >= FAST_RECORDS ? HY_FAST_DRAIN_NS : HY_TICK_NS;
	return n;
}

void hy_drain_tick(struct hy_session *s, uint64_t now)
{
	struct hy_drain_state *d = &s->drain;

	/* the period, less a little: a timer's signal may come a bit early */
	if (s->krec && (hy_krec_backlog(s->krec) >= DRAIN_BACKLOG ||
			now - d->last_ns >= d->period_ns * 9 / 10))
		hy_drain(s);
	/* the output may be fully buffered: lines still show within a tick */
	if (now - d->last_flush_ns >= HY_TICK_NS) {
		fflush(s->out);
		d->last_flush_ns = now;
	}
}
