// SPDX-License-Identifier: MIT
/*
 * Named constants for time: clocks, timers.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <sys/time.h>
#include <time.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent clock_id_ent[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID),
	X(CLOCK_THREAD_CPUTIME_ID), X(CLOCK_MONOTONIC_RAW), X(CLOCK_REALTIME_COARSE),
	X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME), X(CLOCK_REALTIME_ALARM),
	X(CLOCK_BOOTTIME_ALARM), { 10, "CLOCK_SGI_CYCLE" }, X(CLOCK_TAI),
};
END(clock_id, "CLOCK_???");

static const struct hy_xlat_ent timer_flags_ent[] = {
	X(TIMER_ABSTIME),
};
END(timer_flags, "TIMER_???");

static const struct hy_xlat_ent itimer_which_ent[] = {
	X(ITIMER_REAL), X(ITIMER_VIRTUAL), X(ITIMER_PROF),
};
END(itimer_which, "ITIMER_???");

const struct hy_xlat *const hy_xlat_time[HY_X_XLAT_COUNT] = {
	[HY_X_CLOCK_ID] = &x_clock_id,
	[HY_X_TIMER_FLAGS] = &x_timer_flags,
	[HY_X_ITIMER_WHICH] = &x_itimer_which,
};
/* clang-format on */
