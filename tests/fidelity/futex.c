// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: futex operations and timeouts, futex_waitv, robust lists,
 * set_tid_address, rseq. Nothing blocks: a wait gets a value that is not the
 * word's (EAGAIN) or a timeout that has passed. -s 1: arrays show one entry.
 * runs: -s 1
 */
#include "fid.h"

#include <linux/futex.h>
#include <time.h>

#ifndef FUTEX_32
#define FUTEX_32 2
#endif

struct waitv {
	uint64_t val;
	uint64_t uaddr;
	uint32_t flags;
	uint32_t reserved;
};

struct robust_head {
	void *next;
	long offset;
	void *pending;
};

int main(void)
{
	uint32_t *word = at_edge(NULL, 4);
	uint32_t *word2 = at_edge(NULL, 4);
	struct timespec *ts = at_edge(NULL, sizeof(*ts));
	struct timespec *past = at_edge(NULL, sizeof(*past));
	struct waitv *wv = at_edge(NULL, 2 * sizeof(*wv));
	struct robust_head *head = at_edge(NULL, sizeof(*head));
	void **headp = at_edge(NULL, sizeof(void *));
	size_t *lenp = at_edge(NULL, sizeof(size_t));
	void *orig_head = NULL;
	size_t orig_len = 0;

	*word = 5;
	*ts = (struct timespec){ 0, 0 };
	*past = (struct timespec){ 1, 2 };
	/* waits that return at once */
	S(SYS_futex, word, FUTEX_WAIT, 4, ts, NULL, 0);
	S(SYS_futex, word, FUTEX_WAIT_PRIVATE, G(5), ts, NULL, 0);
	S(SYS_futex, word, FUTEX_WAIT, 5, BAD, NULL, 0);
	S(SYS_futex, word, FUTEX_WAIT, 4, NULL, NULL, 0);
	S(SYS_futex, BAD, FUTEX_WAIT, 0, NULL, NULL, 0);
	S(SYS_futex, word, FUTEX_WAIT_PRIVATE | FUTEX_CLOCK_REALTIME, 4, ts, NULL, 0);
	S(SYS_futex, word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, past, NULL,
	  FUTEX_BITSET_MATCH_ANY);
	S(SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, 5, past, NULL, 0x0f0f);
	S(SYS_futex, word, FUTEX_WAIT_BITSET, 5, past, NULL, 0);
	*ts = (struct timespec){ 0, -1 };
	S(SYS_futex, word, FUTEX_WAIT, 5, ts, NULL, 0);
	/* wakes and requeues: nobody waits */
	S(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
	S(SYS_futex, word, FUTEX_WAKE_PRIVATE, G(0x7fffffff), NULL, NULL, 0);
	S(SYS_futex, word, FUTEX_WAKE_BITSET, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
	S(SYS_futex, word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0xff);
	S(SYS_futex, word, FUTEX_REQUEUE, 1, (void *)2, word2, 0);
	S(SYS_futex, word, FUTEX_REQUEUE_PRIVATE, 0, (void *)G(0x7fffffff), BAD, 0);
	S(SYS_futex, word, FUTEX_CMP_REQUEUE, 1, (void *)2, word2, 4);
	S(SYS_futex, word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2, word2, 5);
	S(SYS_futex, word, FUTEX_WAKE_OP, 1, (void *)1, word2,
	  FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0));
	S(SYS_futex, word, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, word2,
	  (FUTEX_OP_OPARG_SHIFT << 28) | FUTEX_OP(FUTEX_OP_OR, 3, FUTEX_OP_CMP_EQ, 0xfff));
	S(SYS_futex, word, FUTEX_WAKE_OP, 1, (void *)1, word2, 0x7f000000);
	S(SYS_futex, word, FUTEX_WAKE_OP, 1, (void *)1, BAD, 0);
	/* priority inheritance: the word is 0, the lock is free */
	*word2 = 0;
	S(SYS_futex, word2, FUTEX_LOCK_PI, 0, BAD, NULL, 0);
	S(SYS_futex, word2, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	S(SYS_futex, word2, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	S(SYS_futex, word2, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
	S(SYS_futex, word2, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
	S(SYS_futex, word2, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
	S(SYS_futex, word, FUTEX_WAIT_REQUEUE_PI, 5, past, word, 0);
	S(SYS_futex, word, FUTEX_CMP_REQUEUE_PI, 1, (void *)1, word, 5);
	/* unknown operations */
	S(SYS_futex, word, 99, 1, 2, 3, 4);
	S(SYS_futex, word, G(0x7f), 1, NULL, NULL, 0);
	S(SYS_futex, word, FUTEX_FD, 1, NULL, NULL, 0);
	/* futex_waitv: the first entry's value is not the word's */
	wv[0] = (struct waitv){ 4, (uintptr_t)word, FUTEX_32, 0 };
	wv[1] = (struct waitv){ 0, (uintptr_t)word2, FUTEX_32 | FUTEX_PRIVATE_FLAG, 0 };
	S(SYS_futex_waitv, wv, 2, 0, past, CLOCK_MONOTONIC);
	S(SYS_futex_waitv, wv + 1, 1, 0, past, CLOCK_REALTIME);
	S(SYS_futex_waitv, wv, 3, 0, NULL, CLOCK_MONOTONIC);
	S(SYS_futex_waitv, wv, 0, 0, NULL, 0);
	S(SYS_futex_waitv, BAD, 1, G(0), BAD, G(CLOCK_MONOTONIC));
	S(SYS_futex_waitv, wv, 1, 0x10, ts, 99);
	wv[0].flags = 0x80;
	S(SYS_futex_waitv, wv, 1, 0, NULL, CLOCK_MONOTONIC);
	/* robust lists: glibc's is put back */
	S(SYS_get_robust_list, 0, headp, lenp);
	orig_head = *headp;
	orig_len = *lenp;
	head->next = head;
	head->offset = -8;
	S(SYS_set_robust_list, head, sizeof(*head));
	S(SYS_set_robust_list, head, 23);
	S(SYS_set_robust_list, BAD, G(24));
	S(SYS_get_robust_list, G(0), headp, lenp);
	S(SYS_get_robust_list, 0, BAD, lenp);
	S(SYS_get_robust_list, 0x7ffffff0, headp, lenp);
	S(SYS_set_robust_list, orig_head, orig_len);
	S(SYS_set_tid_address, word2);
	S(SYS_set_tid_address, BAD);
	/* rseq: glibc registered one, so these fail */
	S(SYS_rseq, at_edge(NULL, 32), 32, 0, 0x53053053);
	S(SYS_rseq, BAD, G(32), 0, 0);
	S(SYS_rseq, NULL, 0, 1, 0);
	S(SYS_rseq, word, 4, 0xfe, G(0xabcdef));
	return 0;
}
