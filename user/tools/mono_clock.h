/* SPDX-License-Identifier: MIT */
/*
 * CLOCK_MONOTONIC in ns, the clock of the records' times, for the built-in
 * tools (which see include/ and their own folder only, not user/clock.h).
 */
#ifndef HY_TOOLS_MONO_CLOCK_H
#define HY_TOOLS_MONO_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t tool_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

#endif
