// SPDX-License-Identifier: MIT
/* The registry of the guest tree's tasks and processes. */
#include <stdlib.h>

#include "procfs.h"
#include "tasks.h"

/* "Tgid:" or "PPid:" of a task, from /proc (only when no event told us). */
static pid_t proc_status_field(pid_t tid, const char *field)
{
	long v;

	return hy_proc_status(tid, field, &v, 1) == 1 ? v : 0;
}

void hy_tasks_init(struct hy_tasks *ts, size_t task_size)
{
	ts->task_size = task_size > sizeof(struct hy_task) ? task_size : sizeof(struct hy_task);
}

struct hy_task *hy_task_find(const struct hy_tasks *ts, pid_t tid)
{
	return hy_tidmap_get(&ts->tasks, tid);
}

struct hy_proc *hy_proc_find(const struct hy_tasks *ts, pid_t tgid)
{
	return hy_tidmap_get(&ts->procs, tgid);
}

static struct hy_proc *proc_get(struct hy_tasks *ts, pid_t tgid, pid_t ppid, bool *created)
{
	struct hy_proc *p = hy_tidmap_get(&ts->procs, tgid), *parent;

	*created = false;
	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tgid = tgid;
	p->ppid = ppid ? ppid : proc_status_field(tgid, "PPid:");
	parent = hy_tidmap_get(&ts->procs, p->ppid);
	if (hy_tidmap_put(&ts->procs, tgid, p)) {
		free(p);
		return NULL;
	}
	if (parent && parent->ptraced) {
		hy_proc_set_ptraced(ts, p);
		p->filtered = parent->filtered; /* fork copies the filter */
	}
	if (parent)
		p->filter_code = parent->filter_code; /* ...and its ranges, ptraced or not */
	*created = true;
	return p;
}

void hy_proc_set_ptraced(struct hy_tasks *ts, struct hy_proc *p)
{
	ts->nptraced += !p->ptraced;
	p->ptraced = true;
}

void hy_proc_clear_ptraced(struct hy_tasks *ts, struct hy_proc *p)
{
	ts->nptraced -= p->ptraced;
	p->ptraced = p->filtered = false;
}

struct hy_task *hy_task_add(struct hy_tasks *ts, pid_t tid, pid_t tgid, pid_t ppid, bool *new_proc)
{
	struct hy_task *t;

	*new_proc = false;
	if (tgid <= 0)
		tgid = proc_status_field(tid, "Tgid:");
	if (tgid <= 0)
		tgid = tid;
	t = calloc(1, ts->task_size);
	if (!t)
		return NULL;
	t->tid = tid;
	t->proc = proc_get(ts, tgid, ppid, new_proc);
	if (!t->proc || hy_tidmap_put(&ts->tasks, tid, t)) {
		if (*new_proc) {
			ts->nptraced -= t->proc && t->proc->ptraced;
			hy_tidmap_del(&ts->procs, tgid);
			free(t->proc);
		}
		free(t);
		return NULL;
	}
	t->proc->nthreads++;
	return t;
}

static void free_task(struct hy_task *t)
{
	hy_rec_release(&t->rec);
	free(t);
}

void hy_task_remove(struct hy_tasks *ts, struct hy_task *t)
{
	struct hy_proc *p = t->proc;

	if (--p->nthreads == 0) {
		ts->nptraced -= p->ptraced;
		hy_tidmap_del(&ts->procs, p->tgid);
		free(p);
	}
	hy_tidmap_del(&ts->tasks, t->tid);
	free_task(t);
}

void hy_task_retid(struct hy_tasks *ts, struct hy_task *t, pid_t new_tid)
{
	hy_tidmap_del(&ts->tasks, t->tid);
	t->tid = new_tid;
	hy_tidmap_put(&ts->tasks, new_tid, t);
}

struct each_task {
	void (*fn)(void *ctx, struct hy_task *t);
	void *ctx;
};

static void each_task(void *ctx, int tid, void *val)
{
	struct each_task *e = ctx;

	(void)tid;
	e->fn(e->ctx, val);
}

void hy_tasks_each(const struct hy_tasks *ts, void (*fn)(void *ctx, struct hy_task *t), void *ctx)
{
	struct each_task e = { fn, ctx };

	hy_tidmap_each(&ts->tasks, each_task, &e);
}

struct each_proc {
	void (*fn)(void *ctx, struct hy_proc *p);
	void *ctx;
};

static void each_proc(void *ctx, int tgid, void *val)
{
	struct each_proc *e = ctx;

	(void)tgid;
	e->fn(e->ctx, val);
}

void hy_procs_each(const struct hy_tasks *ts, void (*fn)(void *ctx, struct hy_proc *p), void *ctx)
{
	struct each_proc e = { fn, ctx };

	hy_tidmap_each(&ts->procs, each_proc, &e);
}

size_t hy_tasks_count(const struct hy_tasks *ts)
{
	return ts->tasks.live;
}

static void free_task_entry(void *ctx, int tid, void *val)
{
	(void)ctx;
	(void)tid;
	free_task(val);
}

void hy_tasks_free(struct hy_tasks *ts)
{
	hy_tidmap_each(&ts->tasks, free_task_entry, NULL);
	hy_tidmap_free(&ts->tasks);
	hy_tidmap_free_values(&ts->procs);
	ts->nptraced = 0;
}
