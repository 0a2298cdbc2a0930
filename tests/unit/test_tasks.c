// SPDX-License-Identifier: MIT
/*
 * The task registry: tasks and their processes added, found, given a new tid
 * (exec from a thread) and removed; a process lives as long as its last
 * thread; ids missing from the events come from /proc; a backend's bigger
 * per-task struct embeds struct hy_task.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>

#include "tasks.h"

static struct hy_tasks ts;

static int setup(void **state)
{
	(void)state;
	memset(&ts, 0, sizeof(ts));
	hy_tasks_init(&ts, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	hy_tasks_free(&ts);
	return 0;
}

/* Add @tid to process @tgid made by @ppid; *new_proc must be @want_new. */
static struct hy_task *add(pid_t tid, pid_t tgid, pid_t ppid, bool want_new)
{
	bool new_proc = !want_new;
	struct hy_task *t = hy_task_add(&ts, tid, tgid, ppid, &new_proc);

	assert_non_null(t);
	assert_int_equal(new_proc, want_new);
	assert_int_equal(t->tid, tid);
	assert_ptr_equal(hy_task_find(&ts, tid), t);
	return t;
}

static void test_first_thread_makes_the_process(void **state)
{
	struct hy_task *t;

	(void)state;
	t = add(100, 100, 1, true);
	assert_non_null(t->proc);
	assert_ptr_equal(hy_proc_find(&ts, 100), t->proc);
	assert_int_equal(t->proc->tgid, 100);
	assert_int_equal(t->proc->ppid, 1);
	assert_int_equal(t->proc->nthreads, 1);
	assert_null(t->state);
	assert_null(t->proc->state);
	assert_int_equal(t->rec.nchunks, 0);
	assert_int_equal(hy_tasks_count(&ts), 1);
	assert_null(hy_task_find(&ts, 101));
	assert_null(hy_proc_find(&ts, 101));
}

static void test_threads_share_their_process(void **state)
{
	struct hy_task *leader, *thread;

	(void)state;
	leader = add(100, 100, 1, true);
	thread = add(101, 100, 55, false); /* a thread's ppid is its process's */
	assert_ptr_equal(thread->proc, leader->proc);
	assert_int_equal(leader->proc->nthreads, 2);
	assert_int_equal(leader->proc->ppid, 1);
	assert_int_equal(hy_tasks_count(&ts), 2);
}

static void test_process_lives_as_long_as_its_last_thread(void **state)
{
	struct hy_task *leader, *thread;

	(void)state;
	leader = add(100, 100, 1, true);
	thread = add(101, 100, 0, false);
	add(200, 200, 100, true);
	hy_task_remove(&ts, leader); /* the leader may go first */
	assert_null(hy_task_find(&ts, 100));
	assert_ptr_equal(hy_proc_find(&ts, 100), thread->proc);
	assert_int_equal(thread->proc->nthreads, 1);
	hy_task_remove(&ts, thread);
	assert_null(hy_proc_find(&ts, 100));
	assert_non_null(hy_proc_find(&ts, 200));
	assert_int_equal(hy_tasks_count(&ts), 1);
	/* the tgid can be a new process later */
	add(100, 100, 1, true);
}

/* A non-leader thread executes: it takes the leader's tid, in the same process. */
static void test_retid_moves_the_task(void **state)
{
	struct hy_task *leader, *thread;
	struct hy_proc *p;

	(void)state;
	leader = add(100, 100, 1, true);
	thread = add(101, 100, 0, false);
	p = thread->proc;
	hy_task_remove(&ts, leader);
	hy_task_retid(&ts, thread, 100);
	assert_int_equal(thread->tid, 100);
	assert_ptr_equal(hy_task_find(&ts, 100), thread);
	assert_null(hy_task_find(&ts, 101));
	assert_ptr_equal(thread->proc, p);
	assert_int_equal(p->nthreads, 1);
	assert_int_equal(hy_tasks_count(&ts), 1);
	hy_task_remove(&ts, thread);
	assert_null(hy_proc_find(&ts, 100));
}

/* ---- ids from /proc ---- */

struct thread_arg {
	pid_t tid;
	int ready[2], done[2];
};

static void *thread_main(void *p)
{
	struct thread_arg *a = p;
	char c;

	a->tid = gettid();
	assert_int_equal(write(a->ready[1], "r", 1), 1);
	assert_int_equal(read(a->done[0], &c, 1), 1);
	return NULL;
}

/* A task reported without its tgid or parent (attach, a clone event): /proc has them. */
static void test_ids_missing_come_from_proc(void **state)
{
	struct thread_arg a = { 0 };
	struct hy_task *t, *main_task;
	pthread_t th;
	char c;

	(void)state;
	assert_int_equal(pipe(a.ready), 0);
	assert_int_equal(pipe(a.done), 0);
	assert_int_equal(pthread_create(&th, NULL, thread_main, &a), 0);
	assert_int_equal(read(a.ready[0], &c, 1), 1);
	assert_int_not_equal(a.tid, getpid());
	t = add(a.tid, 0, 0, true);
	assert_int_equal(t->proc->tgid, getpid());
	assert_int_equal(t->proc->ppid, getppid());
	main_task = add(getpid(), 0, 0, false);
	assert_ptr_equal(main_task->proc, t->proc);
	assert_int_equal(write(a.done[1], "d", 1), 1);
	pthread_join(th, NULL);
	for (int i = 0; i < 2; i++) {
		close(a.ready[i]);
		close(a.done[i]);
	}
}

/* A task /proc does not know (gone already): a process of its own, parent unknown. */
static void test_unknown_task_is_its_own_process(void **state)
{
	struct hy_task *t;

	(void)state;
	t = add(0x3ffffff0, 0, 0, true); /* above any pid_max */
	assert_int_equal(t->proc->tgid, 0x3ffffff0);
	assert_int_equal(t->proc->ppid, 0);
	t = add(0x3ffffff1, -1, 0, true);
	assert_int_equal(t->proc->tgid, 0x3ffffff1);
}

/* ---- iteration, embedding, freeing ---- */

struct counts {
	int tasks, procs;
	long tid_sum, thread_sum;
};

static void count_task(void *ctx, struct hy_task *t)
{
	struct counts *c = ctx;

	c->tasks++;
	c->tid_sum += t->tid;
}

static void count_proc(void *ctx, struct hy_proc *p)
{
	struct counts *c = ctx;

	c->procs++;
	c->thread_sum += p->nthreads;
}

static void test_each_visits_every_task_and_process(void **state)
{
	struct counts c = { 0 };
	long tid_sum = 0;

	(void)state;
	for (int p = 1; p <= 50; p++) {
		for (int k = 0; k < p % 4 + 1; k++) {
			add(1000 * p + k, 1000 * p, 1, k == 0);
			tid_sum += 1000 * p + k;
		}
	}
	hy_tasks_each(&ts, count_task, &c);
	hy_procs_each(&ts, count_proc, &c);
	assert_int_equal(c.tasks, hy_tasks_count(&ts));
	assert_int_equal(c.tid_sum, tid_sum);
	assert_int_equal(c.procs, 50);
	assert_int_equal(c.thread_sum, c.tasks);
}

/* A backend's task: struct hy_task first, its own fields after it. */
struct backend_task {
	struct hy_task t;
	uint64_t regs[27];
	int pinned_cpu;
};

static void test_task_size_embeds_the_task(void **state)
{
	struct backend_task *bt[64];

	(void)state;
	hy_tasks_free(&ts);
	hy_tasks_init(&ts, sizeof(struct backend_task));
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 64; i++) {
			bt[i] = (struct backend_task *)add(100 + i, 100, 1, i == 0);
			/* zero-filled to its end, even where freed tasks were scribbled */
			assert_int_equal(bt[i]->pinned_cpu, 0);
			for (int k = 0; k < 27; k++)
				assert_int_equal(bt[i]->regs[k], 0);
			memset(bt[i]->regs, 0xff, sizeof(bt[i]->regs));
			bt[i]->pinned_cpu = -1;
		}
		for (int i = 0; i < 64; i++)
			hy_task_remove(&ts, &bt[i]->t);
		assert_null(hy_proc_find(&ts, 100));
	}
	/* smaller than struct hy_task: the struct's size */
	hy_tasks_free(&ts);
	hy_tasks_init(&ts, 1);
	assert_int_equal(ts.task_size, sizeof(struct hy_task));
}

/* The record a task holds is freed with it (checked by LeakSanitizer under SAN=1). */
static void test_removing_a_task_frees_its_record(void **state)
{
	struct hy_task *t;

	(void)state;
	t = add(100, 100, 1, true);
	assert_int_equal(hy_rec_add_chunk(&t->rec, HY_PHASE_ENTER, 0, 0x1000, "x", 1, 0), 0);
	hy_task_remove(&ts, t);
	t = add(101, 101, 1, true);
	assert_int_equal(hy_rec_add_chunk(&t->rec, HY_PHASE_ENTER, 0, 0x1000, "y", 1, 0), 0);
	add(102, 101, 1, false);
	/* teardown frees 101 and 102 with their process */
}

/* Thousands of tasks in hundreds of processes, removed in a scrambled order. */
static void test_many_tasks_and_processes(void **state)
{
	enum { PROCS = 300, PER = 10 };
	static int left[PROCS];

	(void)state;
	for (int p = 0; p < PROCS; p++) {
		for (int k = 0; k < PER; k++)
			add(10000 + p * PER + k, 10000 + p * PER, 1, k == 0);
		left[p] = PER;
	}
	assert_int_equal(hy_tasks_count(&ts), PROCS * PER);
	for (int i = 0; i < PROCS * PER; i++) {
		/* i * 7 mod 3000 visits every task once (7 and 3000 are coprime) */
		int n = (int)((uint64_t)i * 7 % (PROCS * PER)), p = n / PER;
		struct hy_task *t = hy_task_find(&ts, 10000 + n);

		assert_non_null(t);
		assert_int_equal(t->proc->nthreads, left[p]);
		hy_task_remove(&ts, t);
		left[p]--;
		assert_true((hy_proc_find(&ts, 10000 + p * PER) != NULL) == (left[p] > 0));
	}
	assert_int_equal(hy_tasks_count(&ts), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_first_thread_makes_the_process),
		T(test_threads_share_their_process),
		T(test_process_lives_as_long_as_its_last_thread),
		T(test_retid_moves_the_task),
		T(test_ids_missing_come_from_proc),
		T(test_unknown_task_is_its_own_process),
		T(test_each_visits_every_task_and_process),
		T(test_task_size_embeds_the_task),
		T(test_removing_a_task_frees_its_record),
		T(test_many_tasks_and_processes),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
