// SPDX-License-Identifier: MIT
/* The tool runtime: callbacks, their order, and the state each task owns. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "deferred.h"
#include "error.h"
#include "production.h"
#include "record.h"
#include "runtime.h"
#include "session.h"

/* ---- the run ---- */

static int init_tool(struct hy_session *s, int i)
{
	struct hy_tool_inst *ti = &s->tools[i];
	const struct hy_tool *tool = ti->tool;
	struct hy_ctx ctx = { .s = s, .tool = i };
	int err;

	/* a backend may have placed it already (shared with the guests: guest/guest.h) */
	if (tool->global_size && !ti->global && !(ti->global = calloc(1, tool->global_size)))
		return hy_error(-ENOMEM, "out of memory");
	s->ninit = i + 1; /* its on_end will run, whatever init says */
	if (!tool->init)
		return 0;
	hy_error_clear();
	err = tool->init(&ctx, ti->nopts, ti->keys, ti->values);
	if (err && !strcmp(hy_last_error(), "no error"))
		hy_error(err, "tool %s: initialisation failed: %s", tool->name, strerror(-err));
	return err;
}

int hy_rt_init(struct hy_session *s)
{
	for (int i = 0; i < s->ntools; i++) {
		struct hy_tool_inst *ti = &s->tools[i];
		int err = init_tool(s, i);

		if (err)
			return err;
		if (ti->tool->on_event && !ti->watch_set)
			hy_sysset_fill(&ti->watch);
		if (ti->want_stacks)
			hy_sysset_union(&s->stack_set, &ti->watch);
		hy_sysset_union(&s->escalate, &ti->subscription);
		hy_sysset_union(&s->shown, &ti->watch);
		/* a path filter reads the paths, whatever the tool's own need */
		if (!(ti->tool->flags & HY_TOOL_NO_EVENT_MEMORY) || ti->kf.npaths)
			hy_sysset_union(&s->memory, &ti->watch);
	}
	return 0;
}

/* A tool's output is incomplete: said once, through the caller's notice, and counted. */
static void output_failed(struct hy_session *s)
{
	s->stats.output_errors++;
	if (s->opts.notice)
		s->opts.notice(s->opts.notice_ctx, hy_last_error());
}

void hy_rt_end(struct hy_session *s, bool ran)
{
	/* a run that never started reports nothing, but its tools still clean up */
	FILE *out = ran ? s->out : fopen("/dev/null", "we");
	char saved[512];

	snprintf(saved, sizeof(saved), "%s", hy_last_error());
	for (int i = 0; i < s->ninit && out; i++) {
		struct hy_ctx ctx = { .s = s, .tool = i };

		if (s->tools[i].tool->on_end)
			s->tools[i].tool->on_end(&ctx, out);
		if (ctx.failed && ran)
			output_failed(s);
	}
	if (out && !ran)
		fclose(out);
	if (!ran)
		hy_error(0, "%s", saved); /* the reason the run failed stays the last error */
	for (int i = 0; i < s->ntools; i++) {
		if (!s->global_shared)
			free(s->tools[i].global);
		s->tools[i].global = NULL;
	}
	s->ninit = 0;
}

/* ---- task and process state ---- */

static void **alloc_states(struct hy_session *s, bool process)
{
	void **v = calloc(s->ntools ? s->ntools : 1, sizeof(*v));

	if (!v)
		return NULL;
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;
		size_t n = process ? tool->process_size : tool->thread_size;

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

static void process_start(struct hy_session *s, struct hy_task *t)
{
	struct hy_proc *parent = hy_proc_find(&s->tasks, t->proc->ppid);
	struct hy_ctx ctx = { .s = s, .task = t };

	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;

		if (parent && tool->flags & HY_TOOL_FORK_COPIES_STATE && tool->process_size)
			memcpy(t->proc->state[i], parent->state[i], tool->process_size);
		ctx.tool = i;
		if (tool->on_process_start && !(s->tools[i].starts_in_guest && !t->proc->ptraced))
			tool->on_process_start(&ctx, parent ? parent->state[i] : NULL);
	}
}

static void thread_start(struct hy_session *s, struct hy_task *t, uint64_t fork_ns)
{
	struct hy_ctx ctx = { .s = s, .task = t, .task_ns = fork_ns };

	for (int i = 0; i < s->ntools; i++) {
		ctx.tool = i;
		if (s->tools[i].tool->on_thread_start &&
		    !(s->tools[i].starts_in_guest && !t->proc->ptraced))
			s->tools[i].tool->on_thread_start(&ctx);
	}
}

struct hy_task *hy_rt_task_get(struct hy_session *s, pid_t tid, pid_t tgid, pid_t ppid)
{
	return hy_rt_task_fork(s, tid, tgid, ppid, 0);
}

struct hy_task *hy_rt_task_fork(struct hy_session *s, pid_t tid, pid_t tgid, pid_t ppid,
				uint64_t fork_ns)
{
	struct hy_task *t = hy_task_find(&s->tasks, tid);
	bool new_proc;

	if (t)
		return t;
	t = hy_task_add(&s->tasks, tid, tgid, ppid, &new_proc);
	if (!t)
		return NULL;
	if (new_proc)
		t->proc->fork_ns = fork_ns;
	t->state = alloc_states(s, false);
	if (new_proc)
		t->proc->state = alloc_states(s, true);
	if (!t->state || !t->proc->state) {
		hy_rt_task_forget(s, t);
		return NULL;
	}
	hy_pidns_task(&s->pidns, tid);
	if (new_proc)
		process_start(s, t);
	thread_start(s, t, fork_ns);
	return t;
}

/* The registry frees @t, and its process with its last thread: their state goes first. */
static void release(struct hy_session *s, struct hy_task *t)
{
	free_states(s, t->state);
	t->state = NULL;
	if (t->proc->nthreads == 1) {
		free_states(s, t->proc->state);
		t->proc->state = NULL;
	}
	hy_task_remove(&s->tasks, t);
}

void hy_rt_task_exit(struct hy_session *s, struct hy_task *t, int wstatus)
{
	hy_rt_task_exit_at(s, t, wstatus, 0);
}

void hy_rt_task_exit_at(struct hy_session *s, struct hy_task *t, int wstatus, uint64_t ns)
{
	struct hy_ctx ctx = { .s = s, .task = t, .task_ns = ns };

	hy_deferred_task_gone(s, t);
	for (int i = 0; i < s->ntools; i++) {
		ctx.tool = i;
		if (s->tools[i].tool->on_thread_exit)
			s->tools[i].tool->on_thread_exit(&ctx);
	}
	for (int i = 0; i < s->ntools && t->proc->nthreads == 1; i++) {
		ctx.tool = i;
		if (s->tools[i].tool->on_process_exit)
			s->tools[i].tool->on_process_exit(&ctx, wstatus);
	}
	release(s, t);
}

void hy_rt_task_forget(struct hy_session *s, struct hy_task *t)
{
	hy_deferred_task_gone(s, t);
	release(s, t);
}

void hy_rt_note_process(struct hy_session *s, pid_t tid, const char *what)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "Process %d %s", tid, what);
	if (s->opts.notice)
		s->opts.notice(s->opts.notice_ctx, msg);
}

struct hy_task *hy_rt_exec(struct hy_session *s, pid_t tid, pid_t old_tid)
{
	struct hy_task *t = hy_task_find(&s->tasks, old_tid);
	struct hy_ctx ctx = { .s = s };

	if (t && old_tid != tid) {
		struct hy_task *leader = hy_task_find(&s->tasks, tid);

		/* the old leader vanished inside execve without reporting its death */
		if (leader)
			hy_rt_task_exit(s, leader, 0);
		hy_task_retid(&s->tasks, t, tid);
	}
	if (!t && !(t = hy_task_find(&s->tasks, tid)))
		return NULL;
	ctx.task = t;
	ctx.exec_tid = old_tid;
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;

		ctx.tool = i;
		if (tool->flags & HY_TOOL_EXEC_RESETS_STATE && tool->process_size)
			memset(t->proc->state[i], 0, tool->process_size);
		if (tool->on_exec)
			tool->on_exec(&ctx);
	}
	return t;
}

static void free_task_state(void *ctx, struct hy_task *t)
{
	free_states(ctx, t->state);
	t->state = NULL;
}

static void free_proc_state(void *ctx, struct hy_proc *p)
{
	free_states(ctx, p->state);
	p->state = NULL;
}

void hy_rt_tasks_free(struct hy_session *s)
{
	hy_tasks_each(&s->tasks, free_task_state, s);
	hy_procs_each(&s->tasks, free_proc_state, s);
	hy_tasks_free(&s->tasks);
}

/* ---- held calls, signals, events ---- */

/* Tool @i's answer at entry; true when it ends the round (a skip or a deferral). */
static bool take_cont(struct hy_session *s, struct hy_call *c, int i, enum hy_cont cont)
{
	if (c->deferred)
		return true;
	if (cont == HY_CONT_SKIP) {
		c->cont = HY_CONT_SKIP;
		return true;
	}
	if (cont == HY_CONT_RUN_EXIT && s->tools[i].tool->on_syscall_exit)
		c->exit_tools |= 1u << i;
	return false;
}

/* The entry handlers of tools @from.. in order, until one skips or defers the call. */
static void enter_from(struct hy_session *s, struct hy_task *t, int from)
{
	struct hy_call *c = &t->call;
	struct hy_ctx ctx = { .s = s, .task = t, .call = c };

	for (int i = from; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;

		if (!tool->on_syscall_enter ||
		    !hy_sysset_contains(&s->tools[i].subscription, c->abi, c->nr))
			continue;
		ctx.tool = i;
		if (take_cont(s, c, i, tool->on_syscall_enter(&ctx)))
			return;
	}
	c->cont = c->exit_tools ? HY_CONT_RUN_EXIT : HY_CONT_RUN;
}

/* The exit handlers of tools @from.. that asked for them, until one defers. */
static void exit_from(struct hy_session *s, struct hy_task *t, int from)
{
	struct hy_ctx ctx = { .s = s, .task = t, .call = &t->call };

	for (int i = from; i < s->ntools && !t->call.deferred; i++) {
		if (!(t->call.exit_tools & (1u << i)))
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_syscall_exit(&ctx);
	}
}

enum hy_cont hy_rt_call_enter(struct hy_session *s, struct hy_task *t)
{
	t->call.exit_tools = 0;
	t->call.cont = HY_CONT_RUN;
	enter_from(s, t, 0);
	return t->call.cont;
}

void hy_rt_call_exit(struct hy_session *s, struct hy_task *t)
{
	exit_from(s, t, 0);
}

void hy_rt_call_resume(struct hy_session *s, struct hy_task *t, int tool, void *cookie)
{
	struct hy_ctx ctx = { .s = s, .task = t, .tool = tool, .call = t ? &t->call : NULL };
	enum hy_cont cont = s->tools[tool].tool->on_resume(&ctx, cookie);

	if (!t)
		return;
	if (t->call.at_exit)
		exit_from(s, t, tool + 1);
	else if (!take_cont(s, &t->call, tool, cont))
		enter_from(s, t, tool + 1);
}

int hy_rt_run_deferred(struct hy_session *s, uint64_t now)
{
	struct hy_deferred_due due;
	int n = 0;

	for (; hy_deferred_take_due(s, now, &due); n++) {
		hy_rt_call_resume(s, due.task, due.tool, due.cookie);
		if (due.task && !due.task->call.deferred)
			s->backend->continue_held(s, due.task);
	}
	return n;
}

int hy_rt_signal(struct hy_session *s, struct hy_task *t, int sig, const siginfo_t *si, uint64_t ip,
		 bool stops)
{
	struct hy_ctx ctx = { .s = s, .task = t, .siginfo = si, .sig_ip = ip, .sig_stops = stops };

	for (int i = 0; i < s->ntools && sig; i++) {
		if (!s->tools[i].tool->on_signal)
			continue;
		ctx.tool = i;
		sig = s->tools[i].tool->on_signal(&ctx, sig);
	}
	return sig;
}

bool hy_rt_wants_insns(const struct hy_session *s)
{
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;

		if (tool->on_rdtsc || tool->on_cpuid || tool->flags & HY_TOOL_VDSO_SYSCALLS)
			return true;
	}
	return false;
}

void hy_rt_rdtsc(struct hy_session *s, struct hy_task *t, uint64_t *tsc, uint32_t *aux)
{
	struct hy_ctx ctx = { .s = s, .task = t };

	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_rdtsc)
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_rdtsc(&ctx, tsc, aux);
	}
}

void hy_rt_cpuid(struct hy_session *s, struct hy_task *t, uint32_t leaf, uint32_t subleaf,
		 uint32_t regs[4])
{
	struct hy_ctx ctx = { .s = s, .task = t };

	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_cpuid)
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_cpuid(&ctx, leaf, subleaf, regs);
	}
}

void hy_rt_event(struct hy_session *s, struct hy_record *r)
{
	struct hy_ctx ctx = { .s = s, .task = hy_task_find(&s->tasks, r->tid) };
	const struct hy_event *ev = (const struct hy_event *)r;

	s->stats.events++;
	r->pidns = s->pidns.on ? &s->pidns.view : NULL;
	if (ctx.task) {
		r->prev_call = ctx.task->last_call;
		if (r->ent)
			ctx.task->last_call = r->ent->name;
	}
	hy_prod_annotate(s, r);
	if (!(r->flags & HY_EV_FROM_TRACER))
		s->stats.kernel_events++;
	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_event ||
		    !hy_sysset_shows(&s->tools[i].watch, r->abi, r->nr))
			continue;
		ctx.tool = i;
		s->tools[i].tool->on_event(&ctx, ev);
	}
}
