// SPDX-License-Identifier: MIT
/*
 * Deferred calls in the guest (the runtime's deferred.h, in place of
 * deferred.c): the held thread is the guest's own, inside its SIGSYS handler.
 * A handle is an entry of the shared region's table (guest_shm.h), so that
 * hy_resume() works from any process that maps it; the handler waits on the
 * entry's futex (hy_grt_defer_wait()), hy_resume_after() is that wait's
 * timeout, and on_resume runs in the held thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "deferred.h"
#include "guest/guest_defer.h"
#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

struct hy_deferred *hy_deferred_new(struct hy_session *s, struct hy_task *t, int tool)
{
	struct hy_guest_hdr *h = hy_grt.hdr;

	(void)s;
	for (int i = 0; h && i < HY_GUEST_MAX_DEFER; i++) {
		uint32_t free_ = HY_GDEF_FREE;

		if (!__atomic_compare_exchange_n(&h->defer[i].state, &free_, HY_GDEF_HELD, false,
						 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			continue;
		h->defer[i].tid = t->tid;
		h->defer[i].tool = tool;
		return (struct hy_deferred *)(uintptr_t)(i + 1);
	}
	return NULL; /* the table is full: hy_defer() says -ENOMEM */
}

int hy_resume(struct hy_deferred *d, void *cookie)
{
	return hy_gdef_resume(hy_gdef_entry(hy_grt.hdr, d), false, 0, cookie);
}

int hy_resume_after(struct hy_deferred *d, uint64_t ns, void *cookie)
{
	return hy_gdef_resume(hy_gdef_entry(hy_grt.hdr, d), true, hy_now_ns() + ns, cookie);
}

/* The held thread is this one: while it waits it cannot be gone. */
void hy_deferred_task_gone(struct hy_session *s, struct hy_task *t)
{
	(void)s, (void)t;
}

/* Nothing is queued for a backend thread here: the held thread resumes itself. */
bool hy_deferred_take_due(struct hy_session *s, uint64_t now, struct hy_deferred_due *due)
{
	(void)s, (void)now, (void)due;
	return false;
}

uint64_t hy_deferred_next_deadline(const struct hy_session *s)
{
	(void)s;
	return 0;
}

unsigned int hy_deferred_held(const struct hy_session *s)
{
	(void)s;
	return 0;
}

void hy_deferred_free_all(struct hy_session *s)
{
	(void)s;
}

/*
 * Wait until @d is resumed (its futex woken, or its due time passed), free
 * its entry and return its cookie, the tool that deferred it in @tool. Signals stay blocked meanwhile (the
 * handler's mask), as for a ptrace-held thread.
 */
void *hy_grt_defer_wait(struct hy_deferred *d, int *tool)
{
	struct hy_guest_defer *e = hy_gdef_entry(hy_grt.hdr, d);
	struct timespec ts;
	void *cookie;

	for (;;) {
		uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);
		const struct timespec *abs = NULL;

		if (st == HY_GDEF_RESUMED)
			break;
		if (st == HY_GDEF_TIMED) {
			if (hy_now_ns() >= e->due)
				break;
			ts.tv_sec = e->due / 1000000000ull;
			ts.tv_nsec = e->due % 1000000000ull;
			abs = &ts;
		}
		/* absolute, CLOCK_MONOTONIC; EINTR/EAGAIN/ETIMEDOUT: look again */
		syscall(SYS_futex, &e->state, FUTEX_WAIT_BITSET, st, abs, NULL,
			FUTEX_BITSET_MATCH_ANY);
	}
	cookie = (void *)(uintptr_t)e->cookie;
	*tool = e->tool;
	e->tid = 0;
	__atomic_store_n(&e->state, HY_GDEF_FREE, __ATOMIC_RELEASE);
	return cookie;
}
