/* SPDX-License-Identifier: MIT */
/* Keeping escalating threads on the tracer's CPU (see cpu_affinity.c for why). */
#ifndef HY_CPU_AFFINITY_H
#define HY_CPU_AFFINITY_H

#include <stdbool.h>
#include <stdint.h>

#include "ptrace/pt_task.h"

struct hy_tasks;

/** Pin the tracer to its CPU (unless @off); escalating threads will join it. */
void hy_cpu_init(struct hy_cpu_pin *cp, bool off);
/** Task @tid held a call at @now: keep it on the tracer's CPU while it escalates. */
void hy_cpu_escalated(const struct hy_cpu_pin *cp, struct hy_task_pin *tp, int tid, uint64_t now);
/** A child starts with its parent's pinned mask: give it the parent's own back later. */
void hy_cpu_inherit(struct hy_task_pin *child, const struct hy_task_pin *parent);
/** Periodic: give threads that stopped escalating their own affinity back. */
void hy_cpu_tick(struct hy_cpu_pin *cp, const struct hy_tasks *tasks, uint64_t now);

#endif
