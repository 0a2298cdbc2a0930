// SPDX-License-Identifier: MIT
/*
 * The tid map: insert, replace, delete and look up; growth; deleted slots
 * (tombstones) that keep collision chains whole and are reused; a rehash at
 * the same size when they pile up; and 100,000 random operations against a
 * plain array, with every iteration visiting each live entry once.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tidmap.h"

static void *val(uintptr_t v)
{
	return (void *)(v << 4 | 8); /* never NULL, which means "absent" */
}

/* With a 64-slot table, tid, tid + 64, tid + 128... all hash to one slot. */
#define FIRST_CAP 64

struct visit {
	int n;
	int tids[256];
	void *vals[256];
};

static void record_visit(void *ctx, int tid, void *v)
{
	struct visit *vs = ctx;

	assert_true(vs->n < 256);
	vs->tids[vs->n] = tid;
	vs->vals[vs->n++] = v;
}

static void test_empty_map(void **state)
{
	struct hy_tidmap m = { 0 };
	struct visit vs = { 0 };

	(void)state;
	assert_null(hy_tidmap_get(&m, 1));
	assert_null(hy_tidmap_del(&m, 1));
	hy_tidmap_each(&m, record_visit, &vs);
	assert_int_equal(vs.n, 0);
	hy_tidmap_free(&m);
	assert_int_equal(m.cap, 0);
}

static void test_insert_replace_delete(void **state)
{
	struct hy_tidmap m = { 0 };

	(void)state;
	assert_int_equal(hy_tidmap_put(&m, 42, val(1)), 0);
	assert_int_equal(hy_tidmap_put(&m, 43, val(2)), 0);
	assert_ptr_equal(hy_tidmap_get(&m, 42), val(1));
	assert_ptr_equal(hy_tidmap_get(&m, 43), val(2));
	assert_null(hy_tidmap_get(&m, 44));
	assert_int_equal(hy_tidmap_put(&m, 42, val(3)), 0); /* replaced, not added */
	assert_ptr_equal(hy_tidmap_get(&m, 42), val(3));
	assert_int_equal(m.live, 2);
	assert_ptr_equal(hy_tidmap_del(&m, 42), val(3));
	assert_null(hy_tidmap_get(&m, 42));
	assert_null(hy_tidmap_del(&m, 42));
	assert_ptr_equal(hy_tidmap_get(&m, 43), val(2));
	assert_int_equal(m.live, 1);
	hy_tidmap_free(&m);
	assert_null(hy_tidmap_get(&m, 43));
	assert_int_equal(m.cap | m.used | m.live, 0);
}

/* Tids as the kernel gives them: up to pid_max (2^22), and up to INT_MAX. */
static void test_grows_and_keeps_every_entry(void **state)
{
	struct hy_tidmap m = { 0 };
	size_t cap = 0, grew = 0;

	(void)state;
	for (int i = 1; i <= 20000; i++) {
		int tid = i % 2 ? i : 0x7fffffff - i;

		assert_int_equal(hy_tidmap_put(&m, tid, val(i)), 0);
		assert_true(m.used * 4 < m.cap * 3); /* always an empty slot to end a probe */
		if (m.cap != cap)
			grew++;
		cap = m.cap;
	}
	assert_int_equal(m.live, 20000);
	assert_true((m.cap & (m.cap - 1)) == 0 && m.cap >= 20000 * 4 / 3);
	assert_true(grew >= 9 && grew <= 12); /* doubling from 64 */
	for (int i = 1; i <= 20000; i++)
		assert_ptr_equal(hy_tidmap_get(&m, i % 2 ? i : 0x7fffffff - i), val(i));
	assert_null(hy_tidmap_get(&m, 20002));
	hy_tidmap_free(&m);
}

/*
 * One collision chain: deleting in its middle must not cut it (a tombstone,
 * not an empty slot), and inserting again reuses the tombstones.
 */
static void test_tombstones_keep_chains_and_are_reused(void **state)
{
	struct hy_tidmap m = { 0 };
	const int n = 40; /* under 3/4 of 64: no growth */
	size_t used;

	(void)state;
	for (int k = 0; k < n; k++)
		assert_int_equal(hy_tidmap_put(&m, 5 + FIRST_CAP * k, val(k)), 0);
	assert_int_equal(m.cap, FIRST_CAP);
	for (int k = 0; k < n; k += 2)
		assert_ptr_equal(hy_tidmap_del(&m, 5 + FIRST_CAP * k), val(k));
	for (int k = 1; k < n; k += 2)
		assert_ptr_equal(hy_tidmap_get(&m, 5 + FIRST_CAP * k), val(k));
	for (int k = 0; k < n; k += 2)
		assert_null(hy_tidmap_get(&m, 5 + FIRST_CAP * k));
	assert_int_equal(m.live, n / 2);
	used = m.used;
	/* the same tids and new ones of the chain fill the tombstones */
	for (int k = 0; k < n; k += 2)
		assert_int_equal(hy_tidmap_put(&m, 5 + FIRST_CAP * (k + 1000), val(k + 1000)), 0);
	assert_int_equal(m.used, used);
	assert_int_equal(m.cap, FIRST_CAP); /* 60 slots taken had they not been reused */
	assert_int_equal(m.live, n);
	for (int k = 1; k < n; k += 2)
		assert_ptr_equal(hy_tidmap_get(&m, 5 + FIRST_CAP * k), val(k));
	for (int k = 0; k < n; k += 2)
		assert_ptr_equal(hy_tidmap_get(&m, 5 + FIRST_CAP * (k + 1000)), val(k + 1000));
	hy_tidmap_free(&m);
}

/* Replacing a tid that sits past a tombstone in its chain must not add it twice. */
static void test_replace_past_a_tombstone(void **state)
{
	struct hy_tidmap m = { 0 };
	struct visit vs = { 0 };

	(void)state;
	hy_tidmap_put(&m, 7, val(1));
	hy_tidmap_put(&m, 7 + FIRST_CAP, val(2));
	hy_tidmap_del(&m, 7);
	assert_int_equal(hy_tidmap_put(&m, 7 + FIRST_CAP, val(3)), 0);
	assert_int_equal(m.live, 1);
	hy_tidmap_each(&m, record_visit, &vs);
	assert_int_equal(vs.n, 1);
	assert_int_equal(vs.tids[0], 7 + FIRST_CAP);
	assert_ptr_equal(vs.vals[0], val(3));
	assert_ptr_equal(hy_tidmap_del(&m, 7 + FIRST_CAP), val(3));
	assert_null(hy_tidmap_get(&m, 7 + FIRST_CAP));
	hy_tidmap_free(&m);
}

/*
 * Freeing with the values: each live value once (a deleted slot's value is the
 * caller's: freed twice it would abort; one left would leak, which SAN=1's
 * LeakSanitizer reports), and the map empty and usable after.
 */
static void test_free_values_frees_the_live_ones(void **state)
{
	struct hy_tidmap m = { 0 };
	void *gone;

	(void)state;
	for (int tid = 1; tid <= 100; tid++)
		assert_int_equal(hy_tidmap_put(&m, tid, malloc(16)), 0);
	gone = hy_tidmap_del(&m, 50);
	free(gone);
	hy_tidmap_free_values(&m);
	assert_int_equal(m.cap, 0);
	assert_int_equal(m.live, 0);
	assert_null(hy_tidmap_get(&m, 1));
	assert_int_equal(hy_tidmap_put(&m, 1, malloc(16)), 0);
	hy_tidmap_free_values(&m);
}

/*
 * Threads come and go: a few live at a time, 100,000 distinct tids over the
 * run. Tombstones pile up and the table is rehashed at its size, not doubled.
 */
static void test_churn_rehashes_at_the_same_size(void **state)
{
	struct hy_tidmap m = { 0 };
	size_t max_used = 0;

	(void)state;
	for (int tid = 1; tid <= 100000; tid++) {
		assert_int_equal(hy_tidmap_put(&m, tid, val(tid)), 0);
		if (tid > 8)
			assert_ptr_equal(hy_tidmap_del(&m, tid - 8), val(tid - 8));
		assert_true(m.used * 4 < m.cap * 3);
		if (m.used > max_used)
			max_used = m.used;
	}
	assert_int_equal(m.cap, FIRST_CAP);
	assert_int_equal(m.live, 8);
	assert_true(max_used >= FIRST_CAP * 3 / 4 - 1); /* it did fill up with tombstones */
	for (int tid = 100000 - 7; tid <= 100000; tid++)
		assert_ptr_equal(hy_tidmap_get(&m, tid), val(tid));
	hy_tidmap_free(&m);
}

/* ---- random operations against a plain array ---- */

#define MAX_LIVE 20000

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next_random(void)
{
	/* xorshift64: the same sequence on every run */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 32;
}

/* The live threads, unordered, and the tids handed out so far. */
struct model {
	int n;
	int tid[MAX_LIVE];
	void *val[MAX_LIVE];
	int next_low, next_high; /* from 300 up (pid_max wraps there); from INT_MAX down */
	int ndead;
	int dead[64]; /* tids of dead threads the kernel may hand out again */
};

/* A new thread's tid: a fresh one, or (after pid_max wraps) one a dead thread had. */
static int new_tid(struct model *mod, uint32_t r)
{
	if (mod->ndead && r % 4 == 0)
		return mod->dead[--mod->ndead];
	return r & (1u << 31) ? mod->next_low++ : mod->next_high--;
}

static int cmp_pair(const void *a, const void *b)
{
	const int *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

struct pairs {
	int n;
	struct {
		int tid;
		void *val;
	} p[MAX_LIVE];
};

static void collect(void *ctx, int tid, void *v)
{
	struct pairs *ps = ctx;

	assert_true(ps->n < MAX_LIVE);
	ps->p[ps->n].tid = tid;
	ps->p[ps->n++].val = v;
}

/* Every live entry visited once, with its value, and nothing else. */
static void check_each(const struct hy_tidmap *m, const struct model *mod)
{
	struct pairs *got = calloc(1, sizeof(*got)), *want = calloc(1, sizeof(*want));

	assert_true(got && want);
	hy_tidmap_each(m, collect, got);
	for (int i = 0; i < mod->n; i++) {
		want->p[i].tid = mod->tid[i];
		want->p[i].val = mod->val[i];
	}
	want->n = mod->n;
	assert_int_equal(got->n, want->n);
	qsort(got->p, got->n, sizeof(got->p[0]), cmp_pair);
	qsort(want->p, want->n, sizeof(want->p[0]), cmp_pair);
	assert_memory_equal(got->p, want->p, want->n * sizeof(want->p[0]));
	free(got);
	free(want);
}

/* One round: a thread is born, dies, gets a new value, or is looked up. */
static void random_round(struct hy_tidmap *m, struct model *mod, int round, bool growing)
{
	uint32_t r = next_random(), op = r % 100;
	int i = mod->n ? (int)((r >> 8) % mod->n) : 0;

	if (op < (growing ? 50u : 30u) && mod->n < MAX_LIVE) {
		int tid = new_tid(mod, r);

		assert_null(hy_tidmap_get(m, tid));
		assert_int_equal(hy_tidmap_put(m, tid, val(round)), 0);
		mod->tid[mod->n] = tid;
		mod->val[mod->n++] = val(round);
	} else if (op < 80 && mod->n) {
		assert_ptr_equal(hy_tidmap_del(m, mod->tid[i]), mod->val[i]);
		assert_null(hy_tidmap_get(m, mod->tid[i]));
		if (mod->ndead < 64)
			mod->dead[mod->ndead++] = mod->tid[i];
		mod->tid[i] = mod->tid[--mod->n];
		mod->val[i] = mod->val[mod->n];
	} else if (op < 90 && mod->n) {
		assert_int_equal(hy_tidmap_put(m, mod->tid[i], val(round)), 0);
		mod->val[i] = val(round);
	} else {
		if (mod->n)
			assert_ptr_equal(hy_tidmap_get(m, mod->tid[i]), mod->val[i]);
		assert_null(hy_tidmap_get(m, mod->next_low + (int)(r % 1000))); /* not born */
		assert_null(hy_tidmap_del(m, mod->next_high - (int)(r % 1000)));
	}
}

/*
 * 100,000 rounds of threads born (mostly with new tids, some with a dead
 * thread's) and dying at random, in phases where the set grows and where it
 * shrinks: the table doubles, and rehashes at its size when tombstones fill it.
 */
static void test_random_operations_match_a_plain_array(void **state)
{
	struct model *mod = calloc(1, sizeof(*mod));
	struct hy_tidmap m = { 0 };
	int doubled = 0, rehashed = 0;

	(void)state;
	assert_non_null(mod);
	mod->next_low = 300;
	mod->next_high = 0x7fffffff;
	for (int round = 1; round <= 100000; round++) {
		size_t cap = m.cap, used = m.used;

		random_round(&m, mod, round, round / 10000 % 2 == 0);
		assert_int_equal(m.live, mod->n);
		doubled += m.cap > cap;
		rehashed += m.cap == cap && m.used < used;
		if (round % 5000 == 0)
			check_each(&m, mod);
	}
	for (int i = 0; i < mod->n; i++)
		assert_ptr_equal(hy_tidmap_get(&m, mod->tid[i]), mod->val[i]);
	check_each(&m, mod);
	assert_true(doubled > 0 && rehashed > 0);
	hy_tidmap_free(&m);
	free(mod);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_insert_replace_delete),
		cmocka_unit_test(test_grows_and_keeps_every_entry),
		cmocka_unit_test(test_tombstones_keep_chains_and_are_reused),
		cmocka_unit_test(test_replace_past_a_tombstone),
		cmocka_unit_test(test_free_values_frees_the_live_ones),
		cmocka_unit_test(test_churn_rehashes_at_the_same_size),
		cmocka_unit_test(test_random_operations_match_a_plain_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
