// SPDX-License-Identifier: MIT
/*
 * The one clock of a run (hy_now_ns(), public): the clock the BPF records'
 * times use, for hytrace's own times and the tools' alike, in the library and
 * in the in-guest runtime.
 */
#include <time.h>

#include "hytrace.h"

uint64_t hy_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}
