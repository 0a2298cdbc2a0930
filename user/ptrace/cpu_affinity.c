// SPDX-License-Identifier: MIT
/*
 * Keeping escalations on one CPU. On these VMs a ptrace stop costs ~8 us when the
 * guest thread and the tracer share a CPU and ~60 us when they do not: each stop
 * then needs two cross-CPU wake-ups (IPIs through the hypervisor, out of idle).
 * The scheduler cannot keep them together on its own: when the tracer resumes the
 * guest, the tracer is still running, so the guest goes to the idle CPU.
 *
 * So the tracer stays on one CPU, and a guest thread that escalates is pinned to
 * that CPU while it keeps escalating; a thread that has not stopped for
 * HY_UNPIN_AFTER_NS gets its own affinity back at the next timer tick. A
 * parallel guest therefore keeps its parallelism between bursts of escalations,
 * and during a burst its escalating threads run where their tracer is, which
 * is where they would wait for it anyway. A guest that asks for its own affinity
 * while pinned sees the single CPU; one that sets it while pinned has it
 * overwritten at the unpin (both documented in HACKING.md).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdbool.h>

#include "session.h"

#define HY_UNPIN_AFTER_NS (20 * 1000 * 1000ull)

void hy_cpu_init(struct hy_session *s)
{
	cpu_set_t one;

	s->tracer_cpu = -1;
	if (s->opts->no_pin)
		return;
	s->tracer_cpu = sched_getcpu();
	CPU_ZERO(&one);
	CPU_SET(s->tracer_cpu, &one);
	if (s->tracer_cpu < 0 || sched_setaffinity(0, sizeof(one), &one))
		s->tracer_cpu = -1;
}

void hy_cpu_escalated(struct hy_session *s, struct hy_task *t, uint64_t now)
{
	cpu_set_t one;

	t->last_escalation = now;
	if (s->tracer_cpu < 0 || t->pinned)
		return;
	if (sched_getaffinity(t->tid, sizeof(t->own_cpus), &t->own_cpus) ||
	    !CPU_ISSET(s->tracer_cpu, &t->own_cpus))
		return; /* the guest keeps itself elsewhere: respect that */
	CPU_ZERO(&one);
	CPU_SET(s->tracer_cpu, &one);
	if (sched_setaffinity(t->tid, sizeof(one), &one) == 0)
		t->pinned = true;
}

void hy_cpu_inherit(struct hy_task *child, const struct hy_task *parent)
{
	/* a child of a pinned task starts with the pinned mask: give it the parent's back later */
	if (!parent || !parent->pinned)
		return;
	child->pinned = true;
	child->own_cpus = parent->own_cpus;
	child->last_escalation = parent->last_escalation;
}

static void unpin_idle(void *ctx, int tid, void *val)
{
	struct hy_session *s = ctx;
	struct hy_task *t = val;

	if (!t->pinned || s->cpu_now - t->last_escalation < HY_UNPIN_AFTER_NS)
		return;
	sched_setaffinity(tid, sizeof(t->own_cpus), &t->own_cpus);
	t->pinned = false;
}

void hy_cpu_tick(struct hy_session *s, uint64_t now)
{
	if (s->tracer_cpu < 0)
		return;
	s->cpu_now = now;
	hy_tidmap_each(&s->tasks, unpin_idle, s);
}
