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

#include "ptrace/cpu_affinity.h"
#include "ptrace/pt_task.h"

#define HY_UNPIN_AFTER_NS (20 * 1000 * 1000ull)

void hy_cpu_init(struct hy_cpu_pin *cp, bool off)
{
	cpu_set_t one;

	cp->tracer_cpu = -1;
	if (off)
		return;
	cp->tracer_cpu = sched_getcpu();
	CPU_ZERO(&one);
	CPU_SET(cp->tracer_cpu, &one);
	if (cp->tracer_cpu < 0 || sched_setaffinity(0, sizeof(one), &one))
		cp->tracer_cpu = -1;
}

void hy_cpu_escalated(const struct hy_cpu_pin *cp, struct hy_task_pin *tp, int tid, uint64_t now)
{
	cpu_set_t one;

	tp->last_escalation = now;
	if (cp->tracer_cpu < 0 || tp->pinned)
		return;
	if (sched_getaffinity(tid, sizeof(tp->own_cpus), &tp->own_cpus) ||
	    !CPU_ISSET(cp->tracer_cpu, &tp->own_cpus))
		return; /* the guest keeps itself elsewhere: respect that */
	CPU_ZERO(&one);
	CPU_SET(cp->tracer_cpu, &one);
	if (sched_setaffinity(tid, sizeof(one), &one) == 0)
		tp->pinned = true;
}

void hy_cpu_inherit(struct hy_task_pin *child, const struct hy_task_pin *parent)
{
	if (!parent->pinned)
		return;
	child->pinned = true;
	child->own_cpus = parent->own_cpus;
	child->last_escalation = parent->last_escalation;
}

static void unpin_idle(void *ctx, struct hy_task *t)
{
	const struct hy_cpu_pin *cp = ctx;
	struct hy_task_pin *tp = &pt_task(t)->pin;

	if (!tp->pinned || cp->now - tp->last_escalation < HY_UNPIN_AFTER_NS)
		return;
	sched_setaffinity(t->tid, sizeof(tp->own_cpus), &tp->own_cpus);
	tp->pinned = false;
}

void hy_cpu_tick(struct hy_cpu_pin *cp, const struct hy_tasks *tasks, uint64_t now)
{
	if (cp->tracer_cpu < 0)
		return;
	cp->now = now;
	hy_tasks_each(tasks, unpin_idle, cp);
}
