// SPDX-License-Identifier: MIT
/*
 * Deferred calls. A handle lives from hy_defer() until its resumption has run
 * on the backend's thread. hy_resume() may come from any thread or a signal
 * handler: it only flips the handle's state and pushes it on a lock-free stack,
 * then wakes the backend's wait. Everything else (the list of handles, the
 * timers of hy_resume_after(), the callbacks) stays on the backend's thread, so
 * tool callbacks never run concurrently.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "deferred.h"
#include "error.h"
#include "session.h"

enum { HELD, QUEUED, TIMED };

struct hy_deferred {
	struct hy_session *s;
	struct hy_task *task; /* NULL once the task is gone */
	int tool;
	_Atomic int state;
	void *cookie;
	uint64_t deadline; /* TIMED: when it resumes */
	struct hy_deferred *next_queued;
	struct hy_deferred *prev, *next; /* the session's list */
};

struct hy_deferred *hy_deferred_new(struct hy_session *s, struct hy_task *t, int tool)
{
	struct hy_deferred *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->s = s;
	d->task = t;
	d->tool = tool;
	atomic_init(&d->state, HELD);
	d->next = s->defer.all;
	if (d->next)
		d->next->prev = d;
	s->defer.all = d;
	s->defer.held++;
	return d;
}

static void unlink_handle(struct hy_defer_state *ds, struct hy_deferred *d)
{
	if (d->prev)
		d->prev->next = d->next;
	else
		ds->all = d->next;
	if (d->next)
		d->next->prev = d->prev;
}

static _Atomic(const struct hy_deferred_remote *) remote;

void hy_deferred_set_remote(const struct hy_deferred_remote *r)
{
	atomic_store(&remote, r);
}

/* @d is another process's handle: the remote side resumes it (-EINVAL when none). */
static int resume_remote(struct hy_deferred *d, bool timed, uint64_t ns, void *cookie)
{
	const struct hy_deferred_remote *r = atomic_load(&remote);

	if (!r)
		return -EINVAL;
	return r->resume(r->ctx, (uintptr_t)d, timed, timed ? hy_now_ns() + ns : 0, cookie);
}

static bool is_remote(const struct hy_deferred *d)
{
	return (uintptr_t)d <= HY_DEFERRED_REMOTE_MAX;
}

static void wake(struct hy_session *s)
{
	if (s->defer.wake)
		s->defer.wake(s->defer.wake_ctx);
}

int hy_resume(struct hy_deferred *d, void *cookie)
{
	struct hy_defer_state *ds;
	int held = HELD;

	if (d && is_remote(d))
		return resume_remote(d, false, 0, cookie);
	if (!d || !atomic_compare_exchange_strong(&d->state, &held, QUEUED))
		return -EINVAL;
	ds = &d->s->defer;
	d->cookie = cookie;
	d->next_queued = atomic_load(&ds->queued);
	while (!atomic_compare_exchange_weak(&ds->queued, &d->next_queued, d))
		;
	wake(d->s);
	return 0;
}

int hy_resume_after(struct hy_deferred *d, uint64_t ns, void *cookie)
{
	int held = HELD;

	if (!d)
		return -EINVAL;
	if (is_remote(d))
		return resume_remote(d, true, ns, cookie);
	/* written before the state that publishes them (sequentially consistent) */
	d->cookie = cookie;
	d->deadline = hy_now_ns() + ns;
	if (!atomic_compare_exchange_strong(&d->state, &held, TIMED))
		return -EINVAL;
	wake(d->s); /* the backend arms its timer for the new deadline */
	return 0;
}

void hy_deferred_task_gone(struct hy_session *s, struct hy_task *t)
{
	const struct hy_deferred_remote *r = atomic_load(&remote);

	if (r)
		r->task_gone(r->ctx, t->tid);
	if (!t->call.deferred)
		return;
	t->call.deferred->task = NULL;
	t->call.deferred = NULL;
	s->defer.held--;
}

/* Move the handles hy_resume() queued to the ready list, oldest first. */
static void take_queue(struct hy_defer_state *ds)
{
	struct hy_deferred *d = atomic_exchange(&ds->queued, NULL), *fifo = NULL, **tail;

	while (d) {
		struct hy_deferred *next = d->next_queued;

		d->next_queued = fifo;
		fifo = d;
		d = next;
	}
	for (tail = &ds->ready; *tail; tail = &(*tail)->next_queued)
		;
	*tail = fifo;
}

static struct hy_deferred *next_timed(struct hy_deferred *d, uint64_t now)
{
	while (d && !(atomic_load(&d->state) == TIMED && d->deadline <= now))
		d = d->next;
	return d;
}

bool hy_deferred_take_due(struct hy_session *s, uint64_t now, struct hy_deferred_due *due)
{
	struct hy_defer_state *ds = &s->defer;
	struct hy_deferred *d;

	take_queue(ds);
	d = ds->ready;
	if (d)
		ds->ready = d->next_queued;
	else if (!(d = next_timed(ds->all, now)))
		return false;
	unlink_handle(ds, d);
	if (d->task) {
		d->task->call.deferred = NULL;
		ds->held--;
	}
	*due = (struct hy_deferred_due){ d->task, d->tool, d->cookie };
	free(d);
	return true;
}

uint64_t hy_deferred_next_deadline(const struct hy_session *s)
{
	uint64_t first = 0;

	for (const struct hy_deferred *d = s->defer.all; d; d = d->next)
		if (atomic_load(&d->state) == TIMED && (!first || d->deadline < first))
			first = d->deadline;
	return first;
}

unsigned int hy_deferred_held(const struct hy_session *s)
{
	return s->defer.held;
}

void hy_deferred_free_all(struct hy_session *s)
{
	struct hy_deferred *d = s->defer.all, *next;

	for (; d; d = next) {
		next = d->next;
		free(d);
	}
	s->defer.all = s->defer.ready = NULL;
	atomic_store(&s->defer.queued, NULL);
}
