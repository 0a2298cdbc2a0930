// SPDX-License-Identifier: MIT
/* Sleeping: the remaining time is written only when a signal cut the sleep short. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <time.h>

#include "decode/decode_struct.h"

/* The kernel's internal restart codes (ERESTARTSYS..ERESTART_RESTARTBLOCK). */
static bool restarted(const struct hy_record *r)
{
	return !(r->flags & HY_EV_UNFINISHED) && r->ret <= -512 && r->ret >= -516;
}

static void print_rem(struct hy_printer *p, const struct hy_record *r, uint64_t rem)
{
	if (restarted(r))
		hy_pr_timespec_at(p, r, HY_PHASE_EXIT, rem);
	else
		hy_pr_ptr(p, rem);
}

/* nanosleep(req, rem) */
void hy_dec_nanosleep(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 0));
	hy_pr_sep(p);
	print_rem(p, r, hy_uarg(r, 1));
}

/* clock_nanosleep(clock, flags, req, rem): an absolute sleep leaves rem alone */
void hy_dec_clock_nanosleep(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[1];

	hy_pr_enum(p, HY_X_CLOCK_ID, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_TIMER_FLAGS, flags, NULL);
	hy_pr_sep(p);
	hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 2));
	hy_pr_sep(p);
	if (flags & TIMER_ABSTIME)
		hy_pr_ptr(p, hy_uarg(r, 3));
	else
		print_rem(p, r, hy_uarg(r, 3));
}
