// SPDX-License-Identifier: MIT
/* The tasks and processes of the guest tree, and the tool state each one owns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"
#include "session.h"

/* "Tgid:" or "PPid:" of a task, from /proc (only when no event told us). */
static pid_t proc_status_field(pid_t tid, const char *field)
{
	long v;

	return hy_proc_status(tid, field, &v, 1) == 1 ? v : 0;
}

static void **alloc_states(struct hy_session *s, size_t (*size_of)(const struct hy_tool *))
{
	void **v = calloc(s->ntools ? s->ntools : 1, sizeof(*v));

	if (!v)
		return NULL;
	for (int i = 0; i < s->ntools; i++) {
		size_t n = size_of(s->tools[i].tool);

		v[i] = n ? calloc(1, n) : NULL;
	}
	return v;
}

static void free_states(struct hy_session *s, void **v)
{
	if (!v)
		return;
	for (int i = 0; i < s->ntools; i++)
		free(v[i]);
	free(v);
}

static size_t proc_size(const struct hy_tool *t)
{
	return t->process_size;
}

static size_t thread_size(const struct hy_tool *t)
{
	return t->thread_size;
}

static struct hy_proc *proc_get(struct hy_session *s, pid_t tgid, pid_t ppid, bool *created)
{
	struct hy_proc *p = hy_tidmap_get(&s->procs, tgid);

	*created = false;
	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tgid = tgid;
	p->ppid = ppid ? ppid : proc_status_field(tgid, "PPid:");
	p->state = alloc_states(s, proc_size);
	if (!p->state || hy_tidmap_put(&s->procs, tgid, p)) {
		free_states(s, p->state);
		free(p);
		return NULL;
	}
	*created = true;
	return p;
}

struct hy_task *hy_task_find(struct hy_session *s, pid_t tid)
{
	return hy_tidmap_get(&s->tasks, tid);
}

struct hy_task *hy_task_get(struct hy_session *s, pid_t tid, pid_t tgid_hint, pid_t ppid_hint)
{
	struct hy_task *t = hy_tidmap_get(&s->tasks, tid);
	struct hy_proc *parent = NULL;
	bool created;
	pid_t tgid;

	if (t)
		return t;
	tgid = tgid_hint > 0 ? tgid_hint : proc_status_field(tid, "Tgid:");
	if (tgid <= 0)
		tgid = tid;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	t->proc = proc_get(s, tgid, ppid_hint, &created);
	t->state = alloc_states(s, thread_size);
	if (!t->proc || !t->state || hy_tidmap_put(&s->tasks, tid, t)) {
		free_states(s, t->state);
		free(t);
		return NULL;
	}
	t->proc->nthreads++;
	hy_pidns_task(s, tid);
	if (created) {
		parent = hy_tidmap_get(&s->procs, t->proc->ppid);
		for (int i = 0; parent && i < s->ntools; i++) {
			const struct hy_tool *tool = s->tools[i].tool;

			if (tool->flags & HY_TOOL_FORK_COPIES_STATE && tool->process_size)
				memcpy(t->proc->state[i], parent->state[i], tool->process_size);
		}
		hy_tools_process_start(s, t, parent);
	}
	hy_tools_thread_start(s, t);
	return t;
}

static void proc_release(struct hy_session *s, struct hy_proc *p)
{
	hy_tidmap_del(&s->procs, p->tgid);
	free_states(s, p->state);
	free(p);
}

void hy_task_exit(struct hy_session *s, struct hy_task *t, int wstatus)
{
	struct hy_proc *p = t->proc;
	struct hy_ctx ctx = { .s = s, .task = t };

	for (int i = 0; i < s->ntools; i++) {
		ctx.tool = i;
		if (s->tools[i].tool->on_thread_exit)
			s->tools[i].tool->on_thread_exit(&ctx);
	}
	if (--p->nthreads == 0) {
		for (int i = 0; i < s->ntools; i++) {
			ctx.tool = i;
			if (s->tools[i].tool->on_process_exit)
				s->tools[i].tool->on_process_exit(&ctx, wstatus);
		}
		proc_release(s, p);
	}
	hy_tidmap_del(&s->tasks, t->tid);
	free_states(s, t->state);
	hy_rec_release(&t->rec);
	free(t);
}

void hy_task_forget(struct hy_session *s, struct hy_task *t)
{
	struct hy_proc *p = t->proc;

	hy_tidmap_del(&s->tasks, t->tid);
	if (--p->nthreads == 0)
		proc_release(s, p);
	free_states(s, t->state);
	hy_rec_release(&t->rec);
	free(t);
}

void hy_task_exec(struct hy_session *s, struct hy_task *t)
{
	struct hy_ctx ctx = { .s = s, .task = t };

	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;

		ctx.tool = i;
		if (tool->flags & HY_TOOL_EXEC_RESETS_STATE && tool->process_size)
			memset(t->proc->state[i], 0, tool->process_size);
		if (tool->on_exec)
			tool->on_exec(&ctx);
	}
}

struct hy_task *hy_task_rename(struct hy_session *s, pid_t old_tid, pid_t new_tid)
{
	struct hy_task *t = hy_tidmap_get(&s->tasks, old_tid);
	struct hy_task *leader = hy_tidmap_get(&s->tasks, new_tid);

	if (!t || old_tid == new_tid)
		return t ? t : leader;
	/* the old leader vanished inside execve without reporting its death */
	if (leader)
		hy_task_exit(s, leader, 0);
	hy_tidmap_del(&s->tasks, old_tid);
	t->tid = new_tid;
	hy_tidmap_put(&s->tasks, new_tid, t);
	return t;
}

static void free_task(void *ctx, int tid, void *val)
{
	struct hy_session *s = ctx;
	struct hy_task *t = val;

	(void)tid;
	free_states(s, t->state);
	hy_rec_release(&t->rec);
	free(t);
}

static void free_proc(void *ctx, int tgid, void *val)
{
	struct hy_proc *p = val;

	(void)tgid;
	free_states(ctx, p->state);
	free(p);
}

void hy_tasks_free(struct hy_session *s)
{
	hy_tidmap_each(&s->tasks, free_task, s);
	hy_tidmap_free(&s->tasks);
	hy_tidmap_each(&s->procs, free_proc, s);
	hy_tidmap_free(&s->procs);
}
