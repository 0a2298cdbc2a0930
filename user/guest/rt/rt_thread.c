// SPDX-License-Identifier: MIT
/*
 * Threads, armed as they start: pthread_create is wrapped so the new thread
 * first arms Syscall User Dispatch and waits for hytrace's callbacks of its
 * start, then runs the guest's routine.
 *
 * The routine and its argument reach the new thread in a slot of a static
 * table, with no allocation. The guest's malloc there made calls the guest
 * does not make natively: the new thread's free() of it set up glibc's
 * per-thread arena (a 128 MiB PROT_NONE mmap, two munmaps, an mprotect),
 * logged as the thread's own, and the creator's malloc() made the heap's
 * first getrandom and brk before pthread_create's stack, not after it. Nor
 * the runtime's allocator: a refill's mmap made with the selector at "block"
 * would trap as a call of the guest's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest/rt/rt.h"
#include "runtime.h"
#include "tasks.h"

#define HY_EXPORT __attribute__((visibility("default")))
#define THREAD_SLOTS 256 /* threads created and not yet started, at once */

struct thread_start {
	void *(*fn)(void *);
	void *arg;
	int busy; /* its claimer's thread id (rt_lock.c) */
};

static struct thread_start slots[THREAD_SLOTS];
static int (*real_create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static void find_real(void)
{
	real_create = (int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *),
			       void *))dlsym(RTLD_NEXT, "pthread_create");
}

void hy_grt_thread_init(void)
{
	find_real();
}

void hy_grt_thread_free_held(int tid)
{
	/* a fork child's: the threads that were to start are the parent's, it has one */
	for (int i = 0; i < THREAD_SLOTS; i++)
		hy_grt_unlock_held(&slots[i].busy, tid);
}

/*
 * A free slot. When all are taken, each belongs to a thread already made
 * that gives it back as its first step, so the wait ends (a wait without a
 * call: a futex or sched_yield here would be a call of the guest's).
 */
static struct thread_start *claim(void)
{
	for (;;) {
		for (int i = 0; i < THREAD_SLOTS; i++)
			if (!__atomic_load_n(&slots[i].busy, __ATOMIC_RELAXED) &&
			    hy_grt_try_lock(&slots[i].busy))
				return &slots[i];
		__builtin_ia32_pause();
	}
}

static void release(struct thread_start *st)
{
	hy_grt_try_unlock(&st->busy);
}

static void *thread_trampoline(void *p)
{
	struct thread_start st = *(struct thread_start *)p;
	struct hy_task *t;
	void *ret;

	release(p);
	if (hy_grt_arm())
		hy_grt_die("cannot arm Syscall User Dispatch in a thread", NULL);
	hy_grt_lock(&hy_grt.lock);
	t = hy_rt_task_get(hy_grt.s, hy_grt_tid, getpid(), getppid()); /* on_thread_start */
	hy_grt_unlock(&hy_grt.lock);
	hy_grt_wait_hytrace(t); /* and its first calls, in libc before this */
	hy_grt_sel = HY_SEL_BLOCK;
	/* its own memory goes with it, also when it ends by pthread_exit() */
	pthread_cleanup_push(hy_grt_thread_mem_free, NULL);
	ret = st.fn(st.arg);
	pthread_cleanup_pop(1);
	return ret;
}

HY_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *),
			     void *arg)
{
	struct thread_start *st;
	int err;

	if (!real_create)
		find_real(); /* the runtime is inert here (not started by hytrace) */
	if (!real_create)
		return EAGAIN;
	if (!hy_grt.active)
		return real_create(th, attr, fn, arg);
	st = claim();
	hy_grt.threaded = true; /* from now on a site is patched by one store only */
	st->fn = fn;
	st->arg = arg;
	err = real_create(th, attr, thread_trampoline, st);
	if (err)
		release(st);
	return err;
}
