// SPDX-License-Identifier: MIT
/*
 * Scheduling: CPU affinity masks and struct sched_attr.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_sched.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* ---- CPU affinity ---- */

/* sched_setaffinity(pid, len, mask) and sched_getaffinity(pid, len, mask): "[0 1 3]" */
void hy_dec_sched_affinity(struct hy_printer *p, const struct hy_record *r)
{
	bool get = r->ent && !strcmp(r->ent->name, "sched_getaffinity");
	uint64_t len = hy_uarg(r, 1), addr = hy_uarg(r, 2);
	/* the kernel fills in only as many bytes as it returns */
	uint64_t n = get ? (uint64_t)r->ret : len;
	enum hy_phase ph = get ? HY_PHASE_EXIT : HY_PHASE_ENTER;
	uint8_t mask[128];
	bool first = true;

	hy_pr_printf(p, "%d, %" PRIu64 ", ", (int)r->args[0], len);
	if ((get && !hy_exit_ok(r)) || n > sizeof(mask) || !hy_read(r, ph, addr, mask, n)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t cpu = 0; cpu < n * 8; cpu++) {
		if (!(mask[cpu / 8] & (1u << (cpu % 8))))
			continue;
		hy_pr_printf(p, first ? "%" PRIu64 : " %" PRIu64, cpu);
		first = false;
	}
	hy_pr_putc(p, ']');
}

/*
 * struct sched_attr, as far as its size field says (48 bytes without the
 * utilization clamps): "{size=56, sched_policy=SCHED_OTHER, sched_flags=0, ...}"
 */
void hy_pr_sched_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr)
{
	struct {
		uint32_t size, policy;
		uint64_t flags;
		int32_t nice;
		uint32_t priority;
		uint64_t runtime, deadline, period;
		uint32_t util_min, util_max;
	} a;

	if (!hy_read(r, phase, addr, &a, 48)) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (a.size < 56 || !hy_read(r, phase, addr, &a, sizeof(a)))
		a.size = a.size < 48 ? a.size : 48;
	hy_pr_printf(p, "{size=%u, sched_policy=", a.size);
	hy_pr_enum(p, HY_X_SCHED_POLICY, a.policy);
	hy_pr_puts(p, ", sched_flags=");
	hy_pr_flags(p, HY_X_SCHED_FLAGS, a.flags, NULL);
	hy_pr_printf(p,
		     ", sched_nice=%d, sched_priority=%u, sched_runtime=%" PRIu64
		     ", sched_deadline=%" PRIu64 ", sched_period=%" PRIu64,
		     a.nice, a.priority, a.runtime, a.deadline, a.period);
	if (a.size >= 56)
		hy_pr_printf(p, ", sched_util_min=%u, sched_util_max=%u", a.util_min, a.util_max);
	hy_pr_putc(p, '}');
}
