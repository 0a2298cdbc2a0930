/* SPDX-License-Identifier: MIT */
/*
 * Resuming a call held in a guest (guest_shm.h, "Deferred calls"): the same
 * steps whichever process maps the region, the guest's runtime (a tool's
 * thread, a callback) or hytrace (on_event, a tool's thread there). Lock-free
 * and async-signal-safe, as hy_resume() promises.
 */
#ifndef HY_GUEST_DEFER_H
#define HY_GUEST_DEFER_H

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest/guest_shm.h"

/* The entry of handle @d (index + 1), or NULL when @d is no guest handle. */
static inline struct hy_guest_defer *hy_gdef_entry(struct hy_guest_hdr *h, const void *d)
{
	uintptr_t i = (uintptr_t)d;

	return h && i >= 1 && i <= HY_GUEST_MAX_DEFER ? &h->defer[i - 1] : NULL;
}

/*
 * Resume @e with @cookie: at once (@timed false) or once CLOCK_MONOTONIC
 * passes @due. 0, or -EINVAL when it is not held (already resumed, or free).
 */
static inline int hy_gdef_resume(struct hy_guest_defer *e, bool timed, uint64_t due, void *cookie)
{
	uint32_t held = HY_GDEF_HELD;

	if (!e || !__atomic_compare_exchange_n(&e->state, &held, HY_GDEF_CLAIMED, false,
					       __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return -EINVAL;
	e->cookie = (uint64_t)(uintptr_t)cookie;
	e->due = due;
	__atomic_store_n(&e->state, timed ? HY_GDEF_TIMED : HY_GDEF_RESUMED, __ATOMIC_RELEASE);
	/* shared futex (no FUTEX_PRIVATE_FLAG): the waiter may be in another process */
	syscall(SYS_futex, &e->state, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	return 0;
}

#endif
