// SPDX-License-Identifier: MIT
/*
 * The runtime's locks hold their holder's thread id. A vfork-type child
 * shares its parent's memory, the runtime's locks with it, and runs the
 * handler there; killed while it holds one (SIGKILL from outside, a fatal
 * signal in a tool), it gives nothing back, and the parent, or its other
 * threads, waited forever at their next held call. A lock that names its
 * holder is freed by the parent when it resumes, the child's id known then
 * (hy_grt_free_held, rt_main.c). pthread's mutex names its holder by the
 * thread's descriptor, which the child shares too: it cannot tell them apart.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest/rt/rt.h"

/* The word's bit for "a thread sleeps on it" (a thread id is below 2^22). */
#define WAITERS 0x40000000
_Static_assert(!(HY_GRT_NO_TID & WAITERS), "the unknown holder is not a waiter");

void hy_grt_lock(volatile int *w)
{
	int me = hy_grt_holder(), cur = 0;

	if (__atomic_compare_exchange_n(w, &cur, me, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	for (;;) {
		/* cur is the word as found: held, so sleep until it changes */
		if (cur && !(cur & WAITERS) &&
		    !__atomic_compare_exchange_n(w, &cur, cur | WAITERS, false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED))
			continue;
		if (cur)
			syscall(SYS_futex, w, FUTEX_WAIT_PRIVATE, cur | WAITERS, NULL, NULL, 0);
		/* another may sleep too: the bit stays with the new holder */
		cur = 0;
		if (__atomic_compare_exchange_n(w, &cur, me | WAITERS, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return;
	}
}

void hy_grt_unlock(volatile int *w)
{
	if (__atomic_exchange_n(w, 0, __ATOMIC_RELEASE) & WAITERS)
		syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

void hy_grt_unlock_held(volatile int *w, int tid)
{
	int cur;

	if (!tid) { /* a fork child: the holder, any, is not here, nor its waiters */
		__atomic_store_n(w, 0, __ATOMIC_RELEASE);
		return;
	}
	/* a gone holder's word changes no more but for the waiters' bit */
	do {
		cur = __atomic_load_n(w, __ATOMIC_ACQUIRE);
		if ((cur & ~WAITERS) != tid)
			return;
	} while (!__atomic_compare_exchange_n(w, &cur, 0, false, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	if (cur & WAITERS)
		syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}
