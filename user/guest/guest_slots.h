/* SPDX-License-Identifier: MIT */
/*
 * The region's hand-off slots (guest_shm.h), as both sides step them: the
 * runtime in the guest and hytrace. Inline: they are built from different
 * sources and both need it.
 */
#ifndef HY_GUEST_SLOTS_H
#define HY_GUEST_SLOTS_H

#include <limits.h>
#include <linux/futex.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest/guest_shm.h"

/** Slot @k's word from @from to @to, one compare-and-swap; its waiters woken when it moved. */
static inline bool hy_gslot_cas(struct hy_guest_hdr *h, int k, uint32_t from, uint32_t to)
{
	if (!__atomic_compare_exchange_n(&h->slot[k].word, &from, to, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return false;
	syscall(SYS_futex, &h->slot[k].word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	if (to == HY_GSLOT(0, HY_GSEIZE_FREE)) {
		/* an asker that found every slot taken waits for one (rt_handoff.c) */
		__atomic_add_fetch(&h->slots_freed, 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &h->slots_freed, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	}
	return true;
}

/** Free slot @k if its word is still @from: false when another step came first. */
static inline bool hy_gslot_free(struct hy_guest_hdr *h, int k, uint32_t from)
{
	return hy_gslot_cas(h, k, from, HY_GSLOT(0, HY_GSEIZE_FREE));
}

/** The slot whose word is @word, or -1. */
static inline int hy_gslot_find(const struct hy_guest_hdr *h, uint32_t word)
{
	for (int k = 0; k < HY_GUEST_MAX_SLOTS; k++)
		if (__atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE) == word)
			return k;
	return -1;
}

/** Claim a free slot for @tid in state @state: its index, or -1 when every one is taken. */
static inline int hy_gslot_claim(struct hy_guest_hdr *h, int32_t tid, int state)
{
	for (int k = 0; k < HY_GUEST_MAX_SLOTS; k++) {
		uint32_t free_word = HY_GSLOT(0, HY_GSEIZE_FREE);

		if (__atomic_compare_exchange_n(&h->slot[k].word, &free_word, HY_GSLOT(tid, state),
						false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return k;
	}
	return -1;
}

#endif
