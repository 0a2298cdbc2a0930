// SPDX-License-Identifier: MIT
/*
 * hy_request_stop(), hy_request_end(): flags async-signal-safe to set, read by
 * the loops. The grace's deadline is taken with clock_gettime(), which POSIX
 * lists as async-signal-safe.
 */
#include <signal.h>
#include <stdint.h>
#include <time.h>

#include "end_request.h"
#include "hytrace.h"

static volatile sig_atomic_t stop_now;	  /* hy_request_stop(), or the grace ran out */
static volatile sig_atomic_t end_asked;	  /* hy_request_end() was called */
static volatile sig_atomic_t end_pending; /* ...and its signal is not passed on yet */
static volatile sig_atomic_t end_signal;  /* which (0: none to pass on) */
static uint64_t end_deadline;		  /* CLOCK_MONOTONIC ns */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void hy_request_stop(void)
{
	stop_now = 1;
}

void hy_request_end(int sig)
{
	if (end_asked) { /* the second request: no more waiting */
		stop_now = 1;
		return;
	}
	__atomic_store_n(&end_deadline, now_ns() + HY_END_GRACE_NS, __ATOMIC_RELAXED);
	end_signal = sig;
	end_pending = 1;
	end_asked = 1;
}

bool hy_end_requested(void)
{
	return stop_now || end_asked;
}

bool hy_end_kill_due(void)
{
	if (stop_now)
		return true;
	if (!end_asked || now_ns() < __atomic_load_n(&end_deadline, __ATOMIC_RELAXED))
		return false;
	stop_now = 1;
	return true;
}

bool hy_end_take_signal(int *sig)
{
	if (!end_pending)
		return false;
	end_pending = 0;
	*sig = end_signal;
	return true;
}

void hy_end_reset(void)
{
	end_asked = end_pending = end_signal = 0;
	stop_now = 0;
}
