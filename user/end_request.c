// SPDX-License-Identifier: MIT
/* hy_request_stop(): one flag, async-signal-safe to set, read by the loops. */
#include <signal.h>

#include "end_request.h"
#include "hytrace.h"

static volatile sig_atomic_t end_requested;

void hy_request_stop(void)
{
	end_requested = 1;
}

bool hy_end_requested(void)
{
	return end_requested;
}
