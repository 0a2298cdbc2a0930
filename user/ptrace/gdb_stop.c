// SPDX-License-Identifier: MIT
/*
 * All-stop debugging of one process inside the tracer loop. gdb sees the
 * debugged process (the first guest) either running or stopped as a whole:
 * when one of its tasks stops for gdb (a breakpoint, a finished step, a signal,
 * hy_debug_stop(), the first instruction) the others are interrupted, and the
 * stop reply goes to gdb once every one is held. A task is held ("parked") by
 * not letting it go on from the ptrace stop it is in, whatever stop that is:
 * the loop asks hy_gdb_park() before it resumes any task. Held calls a tool
 * deferred count as stopped and go on when the tool resumes them. Every other
 * process of the tree, the recording and the tools run on meanwhile.
 *
 * A task that stops for a reason of its own while the process is already
 * stopping keeps it as a report, given to gdb at the next resumption instead
 * of resuming (as gdbserver does).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ptrace/gdb_mem.h"
#include "ptrace/gdb_packet.h"
#include "ptrace/gdb_state.h"
#include "ptrace/gdb_stop.h"
#include "session.h"

bool hy_gdb_debugged(const struct hy_gdb *g, const struct hy_task *t)
{
	return g->pid && t->proc->tgid == g->pid;
}

struct walk {
	struct hy_gdb *g;
	bool all;
	struct hy_pt_task **v;
	size_t n, cap;
};

static void check_one(void *ctx, struct hy_task *t)
{
	struct walk *w = ctx;

	if (hy_gdb_debugged(w->g, t) && !pt_task(t)->dbg.parked && !t->call.deferred)
		w->all = false;
}

static void interrupt_one(void *ctx, struct hy_task *t)
{
	struct hy_gdb *g = ctx;
	struct hy_dbg_task *d = &pt_task(t)->dbg;

	if (!hy_gdb_debugged(g, t) || d->parked || d->interrupted || t->call.deferred)
		return;
	d->interrupted = true;
	ptrace(PTRACE_INTERRUPT, t->tid, 0, 0);
}

static void collect_parked(void *ctx, struct hy_task *t)
{
	struct walk *w = ctx;

	if (hy_gdb_debugged(w->g, t) && pt_task(t)->dbg.parked && w->n < w->cap)
		w->v[w->n++] = pt_task(t);
}

/* The parked tasks of the debugged process (the registry changes as they go on). */
static struct hy_pt_task **parked_tasks(struct hy_gdb *g, size_t *n)
{
	struct walk w = { .g = g, .cap = hy_tasks_count(&g->s->tasks) };

	w.v = calloc(w.cap ? w.cap : 1, sizeof(*w.v));
	if (w.v)
		hy_tasks_each(&g->s->tasks, collect_parked, &w);
	*n = w.n;
	return w.v;
}

void hy_gdb_format_stop(const struct hy_gdb *g, char *buf, size_t size)
{
	const struct hy_gdb_stop *st = &g->stop;

	if (st->exited && WIFEXITED(st->status))
		snprintf(buf, size, "W%02x", WEXITSTATUS(st->status));
	else if (st->exited)
		snprintf(buf, size, "X%02x", hy_gdb_signal_to_gdb(WTERMSIG(st->status)));
	else
		snprintf(buf, size, "T%02xthread:%x;%s", hy_gdb_signal_to_gdb(st->sig), st->tid,
			 st->swbreak && g->swbreak ? "swbreak:;" : "");
}

void hy_gdb_send_stop(struct hy_gdb *g)
{
	pthread_mutex_lock(&g->lock);
	hy_gdb_format_stop(g, g->stop_reply, sizeof(g->stop_reply));
	snprintf(g->stop_note, sizeof(g->stop_note), "%s", g->stop.why);
	g->stop_ready = true;
	pthread_mutex_unlock(&g->lock);
	g->stop.why[0] = 0;
	g->want_stop_reply = false;
	if (write(g->notify[1], "s", 1) < 0) {
		/* the pipe is full: the protocol thread has a byte to wake it already */
	}
}

/* The stop is complete when every task of the process is held. */
static void check_stopped(struct hy_gdb *g)
{
	struct walk w = { .g = g, .all = true };

	if (g->run != HY_GDB_STOPPING)
		return;
	hy_tasks_each(&g->s->tasks, check_one, &w);
	if (!w.all)
		return;
	g->run = HY_GDB_STOPPED;
	if (g->want_stop_reply)
		hy_gdb_send_stop(g);
}

static void begin_stop(struct hy_gdb *g, pid_t tid, int sig, bool swbreak)
{
	g->stop.tid = tid;
	g->stop.sig = sig;
	g->stop.swbreak = swbreak;
	g->stop.exited = false;
	g->cur = tid;
	g->run = HY_GDB_STOPPING;
	hy_tasks_each(&g->s->tasks, interrupt_one, g);
	check_stopped(g);
}

static void park(struct hy_pt_task *pt, int sig)
{
	pt->dbg.parked = true;
	pt->dbg.park_sig = sig;
	pt->dbg.interrupted = false;
	pt->dbg.emulated = false;
}

/* @pt (parked) stopped for a reason of its own: the stop now, or a report for later. */
static void stop_for(struct hy_gdb *g, struct hy_pt_task *pt, int sig, bool swbreak)
{
	if (g->run == HY_GDB_RUNNING) {
		begin_stop(g, pt->t.tid, sig, swbreak);
		return;
	}
	pt->dbg.report = true;
	pt->dbg.report_sig = sig;
	pt->dbg.report_swbreak = swbreak;
	check_stopped(g);
}

/* A forked copy of the debugged process has its int3s: out before it runs. */
static void first_resumption(struct hy_gdb *g, struct hy_pt_task *pt)
{
	pt->dbg.seen = true;
	if (!g->nbps || hy_gdb_debugged(g, &pt->t) || pt->t.proc->ppid != g->pid)
		return;
	/* vfork and CLONE_VM share the memory: the int3s are the parent's too */
	if (syscall(SYS_kcmp, g->pid, pt->t.tid, KCMP_VM, 0, 0) != 0)
		hy_gdb_bp_unshare(g, pt->t.tid);
}

bool hy_gdb_park(struct hy_session *s, struct hy_pt_task *pt, int sig)
{
	struct hy_gdb *g = s->pt->gdb;
	struct hy_dbg_task *d = &pt->dbg;

	if (!d->seen)
		first_resumption(g, pt);
	if (!hy_gdb_debugged(g, &pt->t) || g->run == HY_GDB_EXITED)
		return false;
	if (pt->exec_arm == HY_EXEC_ARM_AT_EXIT)
		return false; /* the first instruction comes after execve's exit stop */
	if (d->stop_asked || (d->stepping && d->emulated)) {
		d->stop_asked = d->stepping = false;
		park(pt, sig);
		stop_for(g, pt, SIGTRAP, false);
		return true;
	}
	d->emulated = false;
	if (g->run != HY_GDB_STOPPING && g->run != HY_GDB_STOPPED)
		return false;
	park(pt, sig);
	check_stopped(g);
	return true;
}

bool hy_gdb_park_listen(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_gdb *g = s->pt->gdb;

	if (!hy_gdb_debugged(g, &pt->t) || (g->run != HY_GDB_STOPPING && g->run != HY_GDB_STOPPED))
		return false;
	park(pt, 0);
	pt->dbg.listen = true;
	check_stopped(g);
	return true;
}

/* An int3 of ours just ran: the PC goes back onto it when gdb takes swbreak. */
static bool our_breakpoint(struct hy_gdb *g, struct hy_pt_task *pt, const siginfo_t *si)
{
	struct user_regs_struct r;

	if (si->si_code != SI_KERNEL || ptrace(PTRACE_GETREGS, pt->t.tid, 0, &r) ||
	    !hy_gdb_bp_at(g, r.rip - 1))
		return false;
	if (g->swbreak)
		ptrace(PTRACE_POKEUSER, pt->t.tid, offsetof(struct user_regs_struct, rip),
		       r.rip - 1);
	return true;
}

bool hy_gdb_signal(struct hy_session *s, struct hy_pt_task *pt, int sig, const siginfo_t *si)
{
	struct hy_gdb *g = s->pt->gdb;
	bool step, bp = false;

	if (!hy_gdb_debugged(g, &pt->t) || g->run == HY_GDB_EXITED)
		return false;
	step = sig == SIGTRAP && pt->dbg.stepping;
	if (sig == SIGTRAP && !step)
		bp = our_breakpoint(g, pt, si);
	pt->dbg.stepping = false;
	/* a trap of ours goes no further; the guest's signals wait for gdb's word */
	park(pt, step || bp ? 0 : sig);
	pt->dbg.in_signal = !step && !bp;
	stop_for(g, pt, sig, bp);
	return true;
}

void hy_gdb_exec(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_gdb *g = s->pt->gdb;

	if (g->run == HY_GDB_NOT_YET && pt->t.proc->tgid == s->first_pid) {
		g->pid = pt->t.proc->tgid;
		g->run = HY_GDB_RUNNING;
		pt->dbg.stop_asked = true; /* before the program's first instruction */
		return;
	}
	if (hy_gdb_debugged(g, &pt->t))
		hy_gdb_bp_forget(g); /* they were in the old program */
}

void hy_gdb_exit(struct hy_session *s, pid_t tid, pid_t tgid, int status)
{
	struct hy_gdb *g = s->pt->gdb;

	if (!g->pid || (tgid != g->pid && tid != g->pid))
		return;
	if (tid != g->pid) {
		check_stopped(g); /* one thread less to wait for */
		return;
	}
	/* the leader's status comes last: the process is over */
	g->run = HY_GDB_EXITED;
	g->stop.exited = true;
	g->stop.status = status;
	hy_gdb_bp_forget(g);
	if (g->want_stop_reply)
		hy_gdb_send_stop(g);
}

int hy_gdb_debug_stop(struct hy_session *s, struct hy_task *t, const char *why)
{
	struct hy_gdb *g = s->pt ? s->pt->gdb : NULL;

	if (!g)
		return -ENOSYS;
	if (!hy_gdb_debugged(g, t) || g->run == HY_GDB_EXITED)
		return -ESRCH;
	pt_task(t)->dbg.stop_asked = true;
	if (why && !g->stop.why[0])
		snprintf(g->stop.why, sizeof(g->stop.why), "%s\n", why);
	/* held in a callback it stops as it goes on; running (on_event), at its next stop */
	ptrace(PTRACE_INTERRUPT, t->tid, 0, 0);
	return 0;
}

/* ---- gdb's commands ---- */

static const struct hy_gdb_action *action_for(const struct hy_gdb_action *acts, int n, pid_t tid)
{
	for (int i = 0; i < n; i++)
		if (acts[i].tid == -1 || acts[i].tid == tid)
			return &acts[i];
	return NULL;
}

/* A task kept a report (it stopped while the process was stopping): gdb gets it now. */
static bool take_report(struct hy_gdb *g, struct hy_pt_task **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct hy_dbg_task *d = &v[i]->dbg;
		struct user_regs_struct r;

		if (!d->report)
			continue;
		d->report = false;
		/* a breakpoint gdb took out meanwhile: the instruction simply runs again */
		if (d->report_swbreak && g->swbreak &&
		    (ptrace(PTRACE_GETREGS, v[i]->t.tid, 0, &r) || !hy_gdb_bp_at(g, r.rip)))
			continue;
		g->stop = (struct hy_gdb_stop){ .tid = v[i]->t.tid,
						.sig = d->report_sig,
						.swbreak = d->report_swbreak };
		g->cur = v[i]->t.tid;
		g->run = HY_GDB_STOPPED;
		hy_gdb_send_stop(g);
		return true;
	}
	return false;
}

static void go(struct hy_gdb *g, struct hy_pt_task *pt, const struct hy_gdb_action *a)
{
	struct hy_dbg_task *d = &pt->dbg;

	d->parked = false;
	d->stepping = a->kind == 's';
	if (d->listen) {
		d->listen = false;
		ptrace(PTRACE_LISTEN, pt->t.tid, 0, 0);
	} else if (d->in_signal) {
		d->in_signal = false;
		g->ops.deliver(g->s, pt, a->sig);
	} else {
		g->ops.resume(g->s, pt, d->park_sig);
	}
}

void hy_gdb_resume(struct hy_gdb *g, const struct hy_gdb_action *acts, int n)
{
	size_t np;
	struct hy_pt_task **v = parked_tasks(g, &np);

	g->want_stop_reply = true;
	if (!v || g->run == HY_GDB_EXITED) {
		if (g->run == HY_GDB_EXITED)
			hy_gdb_send_stop(g);
		free(v);
		return;
	}
	if (!take_report(g, v, np)) {
		g->run = HY_GDB_RUNNING;
		for (size_t i = 0; i < np; i++) {
			const struct hy_gdb_action *a = action_for(acts, n, v[i]->t.tid);

			if (a)
				go(g, v[i], a);
		}
	}
	free(v);
}

void hy_gdb_interrupt(struct hy_gdb *g)
{
	if (g->run == HY_GDB_RUNNING)
		begin_stop(g, g->pid, SIGINT, false);
}

void hy_gdb_connect(struct hy_gdb *g)
{
	g->connected = true;
	g->swbreak = false;
	g->want_stop_reply = false;
	if (g->run == HY_GDB_RUNNING)
		begin_stop(g, g->pid, SIGTRAP, false);
}

void hy_gdb_disconnect(struct hy_gdb *g)
{
	size_t np;
	struct hy_pt_task **v;

	g->connected = g->want_stop_reply = false;
	hy_gdb_bp_remove_all(g);
	if (g->run != HY_GDB_STOPPING && g->run != HY_GDB_STOPPED)
		return;
	v = parked_tasks(g, &np);
	g->run = HY_GDB_RUNNING;
	for (size_t i = 0; v && i < np; i++) {
		/* as if never stopped: a guest's signal goes to it as it came */
		struct hy_gdb_action a = { 'c', v[i]->dbg.park_sig, -1 };

		v[i]->dbg.report = false;
		go(g, v[i], &a);
	}
	free(v);
}

void hy_gdb_kill(struct hy_gdb *g)
{
	if (g->pid && g->run != HY_GDB_EXITED)
		kill(g->pid, SIGKILL);
	g->want_stop_reply = false;
}
