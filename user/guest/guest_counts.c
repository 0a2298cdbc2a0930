// SPDX-License-Identifier: MIT
/*
 * hy_calls_before() on the guest backend: how many calls of each held
 * syscall a thread made before the runtime took it. Under ptrace the tools
 * see a thread's calls from its first (the dynamic loader's included); in the
 * guest only from the runtime's start in each image, so strace's per-thread
 * counts (--inject's when=) would hit another call. The kernel recorder sees
 * every call: hytrace counts each guest thread's calls of the held set from
 * its records, across its execs (as a ptrace thread's tool state lives on),
 * and answers a thread's question at its handshake (guest_shm.h).
 */
#include <stdlib.h>
#include <string.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "hytrace.h"
#include "tidmap.h"

struct counts {
	uint32_t n, cap;
	bool injected_next; /* the next call is a tool's hy_inject(): no tool saw it */
	struct hy_guest_count *e;
};

static struct counts *counts_of(struct hy_tidmap *m, int tid)
{
	struct counts *c = hy_tidmap_get(m, tid);

	if (c)
		return c;
	c = calloc(1, sizeof(*c));
	if (c && hy_tidmap_put(m, tid, c)) {
		free(c);
		return NULL;
	}
	return c;
}

static void add(struct counts *c, unsigned int abi, long nr)
{
	for (uint32_t i = 0; i < c->n; i++)
		if (c->e[i].abi == abi && c->e[i].nr == nr) {
			c->e[i].count++;
			return;
		}
	if (c->n == c->cap) {
		uint32_t cap = c->cap ? 2 * c->cap : 16;
		struct hy_guest_count *e = realloc(c->e, cap * sizeof(*e));

		if (!e)
			return;
		c->e = e;
		c->cap = cap;
	}
	c->e[c->n++] = (struct hy_guest_count){ .abi = abi, .nr = nr, .count = 1 };
}

static void count(struct hy_tidmap *m, const struct hy_sysset *held, int tid, unsigned int abi,
		  long nr)
{
	struct counts *c;

	if (abi >= HY_ABI_COUNT || nr < 0 || !hy_sysset_contains(held, abi, nr))
		return;
	if (!(c = counts_of(m, tid)))
		return;
	if (c->injected_next) {
		c->injected_next = false;
		return;
	}
	add(c, abi, nr);
}

static void free_counts(struct counts *c)
{
	if (c) {
		free(c->e);
		free(c);
	}
}

/* A thread that executes takes the leader's tid: its counts go with it. */
static void retid(struct hy_tidmap *m, int tid, int old)
{
	struct counts *c = hy_tidmap_del(m, old);

	if (!c)
		return;
	free_counts(hy_tidmap_del(m, tid));
	if (hy_tidmap_put(m, tid, c))
		free_counts(c);
}

void hy_guest_count(struct hy_tidmap *m, const struct hy_sysset *held, const void *rec, size_t len)
{
	const struct hy_kev_hdr *h = rec;
	const struct hy_kev_call *k = rec;
	const struct hy_kev_sys *e = rec;
	struct counts *c;

	if (len < sizeof(*h))
		return;
	switch (h->type) {
	case HY_KEV_ENTER:
		if (len >= sizeof(*e))
			count(m, held, h->tid, e->abi, e->nr);
		break;
	case HY_KEV_CALL:
		if (len < sizeof(*k))
			break;
		if (k->nr != HY_GUEST_NOTE_NR || k->abi != HY_KABI_X86_64) {
			count(m, held, h->tid, k->abi, k->nr);
			break;
		}
		/* a call the kernel never saw as the guest made it: its note says which */
		if (k->args[0] == HY_GNOTE_SKIP1 || k->args[0] == HY_GNOTE_BYHAND1)
			count(m, held, h->tid, (unsigned int)(k->args[1] >> 32),
			      (long)(uint32_t)k->args[1]);
		else if (k->args[0] == HY_GNOTE_RUN && k->args[1] & HY_EV_INJECTED &&
			 (c = counts_of(m, h->tid)))
			c->injected_next = true;
		break;
	case HY_KEV_EXEC:
		if ((int)h->aux != (int)h->tid)
			retid(m, h->tid, h->aux);
		break;
	case HY_KEV_TASK_EXIT:
		free_counts(hy_tidmap_del(m, h->tid));
		break;
	}
}

static void answer(struct hy_tidmap *m, struct hy_guest_ask *a)
{
	struct counts *c = hy_tidmap_get(m, a->tid);
	uint32_t n = 0;

	for (uint32_t i = 0; c && i < c->n && n < HY_GUEST_ASK_CALLS; i++)
		a->calls[n++] = c->e[i];
	a->n = n;
	__atomic_store_n(&a->state, HY_GASK_ANSWERED, __ATOMIC_RELEASE);
}

void hy_guest_counts_answer(struct hy_tidmap *m, struct hy_guest_hdr *h, uint64_t drain_start)
{
	for (int i = 0; i < HY_GUEST_MAX_ASK; i++) {
		struct hy_guest_ask *a = &h->ask[i];
		uint32_t asked = HY_GASK_ASKED;

		/* every record of the thread before its question is handled: the drain began after */
		if (__atomic_load_n(&a->state, __ATOMIC_ACQUIRE) != HY_GASK_ASKED ||
		    a->since > drain_start ||
		    !__atomic_compare_exchange_n(&a->state, &asked, HY_GASK_ANSWERING, false,
						 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			continue;
		answer(m, a);
	}
}

static void free_one(void *ctx, int tid, void *val)
{
	(void)ctx, (void)tid;
	free_counts(val);
}

void hy_guest_counts_free(struct hy_tidmap *m)
{
	hy_tidmap_each(m, free_one, NULL);
	hy_tidmap_free(m);
}
