/* SPDX-License-Identifier: MIT */
/* The one clock of a run: CLOCK_MONOTONIC ns, the clock the BPF records use. */
#ifndef HY_CLOCK_H
#define HY_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t hy_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

#endif
