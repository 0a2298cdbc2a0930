// SPDX-License-Identifier: MIT
/*
 * The tracer loop: one thread waits for ptrace stops of the whole tree and hands
 * each to its handler. The kernel recorder's ring is drained in the same thread
 * (so tool callbacks never run concurrently): before anything that must follow a
 * task's recorded calls (its exit, a signal), when the backlog grows, and on a
 * periodic timer that interrupts the wait. The guest backend's hand-off goes
 * through the same handlers (handoff.c, by tracer_stops.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "call_notes.h"
#include "deferred.h"
#include "drain.h"
#include "end_request.h"
#include "error.h"
#include "kernel_recorder.h"
#include "procfs.h"
#include "ptrace/ptrace.h"
#include "ptrace/cpu_affinity.h"
#include "ptrace/exec_runtime.h"
#include "ptrace/gdb_server.h"
#include "ptrace/gdb_state.h"
#include "ptrace/gdb_stop.h"
#include "ptrace/handoff.h"
#include "ptrace/insn_fault.h"
#include "ptrace/kept_filter.h"
#include "ptrace/pt_task.h"
#include "ptrace/syscall_stop.h"
#include "ptrace/tracer.h"
#include "ptrace/tracer_stops.h"
#include "ptrace/tracer_timer.h"
#include "runtime.h"
#include "session.h"
#include "stack/run_stacks.h"

/*
 * Periodic work: resume deferred calls that are due, drain the ring, unpin
 * threads that stopped escalating, flush.
 */
static void tick(struct hy_session *s)
{
	uint64_t now = hy_now_ns();

	if (s->defer.all || atomic_load(&s->defer.queued)) {
		hy_rt_run_deferred(s, now);
		hy_pt_defer_timer(s->pt, hy_deferred_next_deadline(s));
	}
	if (s->pt->gdb)
		hy_gdb_tick(s);
	if (now - s->pt->cpu.now >= HY_TICK_NS)
		hy_cpu_tick(&s->pt->cpu, &s->tasks, now);
	hy_drain_tick(s, now);
	hy_pt_timer_period(s->pt, s->drain.period_ns);
}

/*
 * Resume a task; with an exit stop pending (or every call stopping), ask for the
 * stop. Leaving execve's exit stop, the new program is first armed for what the
 * tools intercept (after the loop is done with that stop: the record of execve
 * comes first). The debugger may hold the task instead, or want one step.
 */
void hy_pt_resume(struct hy_session *s, struct hy_pt_task *pt, int sig)
{
	bool stop_at_next;

	if (pt->exec_arm == HY_EXEC_ARM_NOW) {
		hy_insn_exec_exit(s, pt);
		if (pt->inj.dead)
			return; /* its end is reported by the caller */
	}
	if (s->pt->gdb && hy_gdb_park(s, pt, sig))
		return; /* held for gdb until it continues */
	stop_at_next = pt->in_exit_stop || s->pt->attached || pt->exec_arm || pt->filter_at_exit ||
		       (pt->t.proc->ptraced && !pt->t.proc->filtered) ||
		       hy_pt_handoff_each_call(s->pt->handoff, pt->t.tid);
	ptrace(stop_at_next	? PTRACE_SYSCALL :
	       pt->dbg.stepping ? PTRACE_SINGLESTEP :
				  PTRACE_CONT,
	       pt->t.tid, 0, sig);
}

/* A ptraced task's execve: a dynamic program gets the runtime (a slot free). */
static void runtime_entry(struct hy_session *s, struct hy_pt_task *pt)
{
	const struct hy_pt_handoff *h = s->pt->handoff;

	if (pt->t.proc->ptraced && h)
		hy_pt_exec_runtime_entry(s, pt, h->preload);
}

/* Apply the decision and let the call go on, held again at its exit if needed. */
static void go_on(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_pt_decision *d = &pt->decided;

	if (hy_pt_apply(s, &pt->t, d->cont, d->skip_ret)) {
		hy_pt_resume(s, pt, 0);
		return;
	}
	/* a ptraced program's execve of a dynamic one, which runs as the tools left it */
	if (d->cont != HY_CONT_SKIP)
		runtime_entry(s, pt);
	pt->in_exit_stop = hy_note_entry(s, &pt->t, d->cont, d->skip_ret) ||
			   d->cont == HY_CONT_RUN_EXIT || pt->runtime_env;
	hy_pt_resume(s, pt, 0);
}

/*
 * The handlers decided (at once, or when a deferred call was resumed): keep
 * the decision for the replay after injections, and go on.
 */
static void entry_decided(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_call *c = &pt->t.call;
	struct hy_pt_decision *d = &pt->decided;

	d->cont = c->cont;
	d->skip_ret = c->cont == HY_CONT_SKIP && c->ret_changed ? c->ret : -ENOSYS;
	memcpy(d->args, c->args, sizeof(d->args));
	d->modified = c->modified;
	d->delayed = c->delayed;
	if (pt->inj.active) {
		/* the original call enters again; the decision applies there */
		int sig = pt->inj.sig;

		pt->inj.sig = 0;
		/* unfiltered (handing off, ptraced): the original call's entry stop is asked for */
		if (hy_pt_inject_finish(&pt->t) == 0)
			ptrace(s->pt->handoff && !pt->t.proc->filtered ? PTRACE_SYSCALL :
									 PTRACE_CONT,
			       pt->t.tid, 0, sig);
		if (pt->inj.dead)
			pt->in_exit_stop = false;
		return;
	}
	go_on(s, pt);
}

/*
 * A syscall stopped at entry: a seccomp stop (launched guests: only subscribed
 * calls get here) or, for guests attached with ptrace, a syscall-entry stop
 * (every call gets here; unsubscribed ones go straight on).
 */
static void on_syscall_entry(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_call *c = &pt->t.call;
	bool subscribed;

	c->ts = hy_now_ns();
	if (s->pt->handoff && !pt->replay && hy_pt_handoff_entry(s->pt->handoff, &pt->t)) {
		if (hy_pt_handoff_find(s->pt->handoff, pt->t.tid)->armed)
			return;		 /* held there: the loop ends, the runtime takes over */
		pt->in_exit_stop = true; /* hytrace's own: no tool sees it */
		hy_pt_resume(s, pt, 0);
		return;
	}
	if (hy_run_stacks_drain_at_stops(s))
		hy_drain(s);
	if (hy_run_stacks_stop_only(s, c) && !pt->replay) {
		hy_pt_resume(s, pt, 0);
		return;
	}
	subscribed = hy_sysset_contains(&s->escalate, c->abi, c->nr);
	if ((s->pt->attached || s->pt->handoff) && !subscribed && !pt->replay) {
		/* a kept program's execve stops held or not: no tool sees an unheld one */
		runtime_entry(s, pt);
		pt->in_exit_stop = true; /* the exit stop comes anyway: pass it */
		hy_pt_resume(s, pt, 0);
		return;
	}
	if (pt->replay) {
		/* the original call, back after injected ones: the decision was made */
		pt->replay = false;
		c->injected = true;
		memcpy(c->args, pt->decided.args, sizeof(c->args));
		c->modified = pt->decided.modified;
		c->delayed = pt->decided.delayed;
		go_on(s, pt);
		return;
	}
	c->cont = HY_CONT_RUN;
	if (subscribed) {
		s->stats.escalations++;
		hy_cpu_escalated(&s->pt->cpu, &pt->pin, pt->t.tid, c->ts);
		hy_rt_call_enter(s, &pt->t);
		if (c->deferred)
			return; /* held until resumed: hy_pt_continue_held() */
	}
	entry_decided(s, pt);
}

static void exit_decided(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_call *c = &pt->t.call;

	if (c->ret_changed)
		hy_pt_set_return(&pt->t, c->ret);
	hy_note_exit(s, &pt->t);
	hy_pt_resume(s, pt, 0);
}

/* A stop hytrace did not ask for ends as it would with no tracer: ENOSYS, no tool told. */
static void on_foreign_stop(struct hy_session *s, struct hy_pt_task *pt)
{
	pt->t.call.ts = hy_now_ns();
	if (!hy_pt_apply(s, &pt->t, HY_CONT_SKIP, -ENOSYS))
		hy_note_refused(s, &pt->t, -ENOSYS);
	hy_pt_resume(s, pt, 0);
}

static void on_exit_stop(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_call *c = &pt->t.call;

	pt->in_exit_stop = false;
	if (c->exit_tools) {
		hy_rt_call_exit(s, &pt->t);
		if (c->deferred)
			return; /* held until resumed */
	}
	exit_decided(s, pt);
}

void hy_pt_continue_held(struct hy_session *s, struct hy_task *t)
{
	if (t->call.at_exit)
		exit_decided(s, pt_task(t));
	else
		entry_decided(s, pt_task(t));
}

static void on_new_task(struct hy_session *s, struct hy_pt_task *parent, int event)
{
	unsigned long msg = 0;
	struct hy_task *child;
	pid_t tgid;

	if (ptrace(PTRACE_GETEVENTMSG, parent->t.tid, 0, &msg))
		return;
	child = hy_task_find(&s->tasks, msg);
	if (child) {
		pt_task(child)->unannounced = false; /* its own first stop came first */
		return;
	}
	/*
	 * ...and maybe its exit too: waitpid can report a child's first stop and
	 * its death before the parent's event stop. Made again here, it would be
	 * a task nothing ever removes.
	 */
	if (hy_tidmap_del(&s->pt->gone_unannounced, msg))
		return;
	/* clone may make a thread or a process; fork and vfork always a process */
	tgid = event == PTRACE_EVENT_CLONE ? 0 : (pid_t)msg;
	/* the parent is stopped in its fork: nothing it does after has happened yet */
	child = hy_rt_task_fork(s, msg, tgid, parent->t.proc->tgid, hy_now_ns());
	if (child)
		hy_cpu_inherit(&pt_task(child)->pin, &parent->pin);
}

static struct hy_task *on_exec(struct hy_session *s, struct hy_task *t)
{
	unsigned long old = 0;

	ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &old);
	hy_drain(s);
	t = hy_rt_exec(s, t->tid, old ? (pid_t)old : t->tid);
	if (t)
		hy_run_stacks_exec(s, t);
	return t;
}

/*
 * The kernel recorder held the task: backpressure, or memory it could not
 * read (HY_SYS_LIVE: the drain reads it from the task, still held here).
 * Drain until the ring is mostly empty, then let the task go on. Only
 * backpressure counts as held back.
 */
static bool on_throttle_stop(struct hy_session *s, struct hy_pt_task *pt, int sig,
			     const siginfo_t *si)
{
	size_t low;
	int why;

	if (!s->krec || sig != SIGSTOP || si->si_code != SI_KERNEL ||
	    !(why = hy_krec_take_throttle(s->krec, pt->t.tid)))
		return false;
	low = hy_krec_ring_size(s->krec) / 8;
	do
		hy_drain(s);
	while (hy_krec_backlog(s->krec) > low);
	s->stats.throttled += why == HY_KREC_HELD_DRAIN;
	hy_pt_resume(s, pt, 0);
	return true;
}

static bool is_group_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The guest's signal: its calls so far are recorded first, then the tools decide. */
static void deliver(struct hy_session *s, struct hy_pt_task *pt, int sig, const siginfo_t *si)
{
	uint64_t ip = 0;

	hy_drain(s);
	/* -i: where the signal interrupts the task, as strace prints it */
	if (sig && s->want_ip) {
		errno = 0;
		ip = ptrace(PTRACE_PEEKUSER, pt->t.tid, offsetof(struct user_regs_struct, rip), 0);
		if (errno)
			ip = 0;
	}
	/* handing off, the recorder's record of the delivery runs on_signal, as in the guest */
	if (sig && !s->pt->handoff)
		sig = hy_rt_signal(s, &pt->t, sig, si, ip,
				   is_group_stop_signal(sig) &&
					   hy_proc_sig_default(pt->t.tid, sig));
	hy_pt_resume(s, pt, sig);
}

/* The debugger's way to let a held signal-delivery stop go on with @sig. */
static void deliver_held(struct hy_session *s, struct hy_pt_task *pt, int sig)
{
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, pt->t.tid, 0, &si))
		memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	deliver(s, pt, sig, &si);
}

static const struct hy_gdb_loop_ops gdb_ops = { .resume = hy_pt_resume, .deliver = deliver_held };

/*
 * A signal hytrace itself sent the task (a tool's tgkill: --inject's signal=;
 * a pending signal an injected call set aside): delivered as the kernel's own
 * (si_code SI_KERNEL, no sender), as strace's restart of a syscall stop with
 * the signal delivers it, not as sent by hytrace's pid. A guest cannot send
 * with hytrace's pid.
 */
static void as_kernel_signal(pid_t tid, siginfo_t *si)
{
	int signo = si->si_signo;

	if (si->si_code != SI_TKILL || si->si_pid != getpid() || si->si_uid != getuid())
		return;
	memset(si, 0, sizeof(*si));
	si->si_signo = signo;
	si->si_code = SI_KERNEL;
	ptrace(PTRACE_SETSIGINFO, tid, 0, si);
}

static void on_signal_stop(struct hy_session *s, struct hy_pt_task *pt, int sig)
{
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, pt->t.tid, 0, &si))
		memset(&si, 0, sizeof(si));
	if (on_throttle_stop(s, pt, sig, &si))
		return;
	if (hy_insn_fault(s, pt, sig, &si)) {
		hy_pt_resume(s, pt, 0); /* RDTSC or CPUID, emulated */
		return;
	}
	if (s->pt->gdb && hy_gdb_signal(s, pt, sig, &si))
		return; /* gdb decides what the guest gets, when it continues */
	as_kernel_signal(pt->t.tid, &si);
	deliver(s, pt, sig, &si);
}

static void on_exit_status(struct hy_session *s, pid_t tid, int status)
{
	struct hy_task *t = hy_task_find(&s->tasks, tid);
	pid_t tgid = t ? t->proc->tgid : 0;

	if (tid == s->first_pid)
		s->first_status = status;
	/* ended (killed) in a hand-off, or in an execve that took a slot: free now */
	hy_pt_handoff_task_gone(s, tid);
	/* every record of the task is in the ring by now: they come first */
	hy_drain(s);
	/* handing off, the recorder's exit record ends the task too (observe.c) */
	t = hy_task_find(&s->tasks, tid);
	if (t) {
		hy_note_gone(s, t);
		if (pt_task(t)->unannounced) /* its parent's fork event is still to come */
			hy_tidmap_put(&s->pt->gone_unannounced, tid, s);
		hy_rt_task_exit(s, t, status);
	}
	if (s->pt->gdb)
		hy_gdb_exit(s, tid, tgid, status);
}

/*
 * Let go of an attached task at the run's end; it runs on as if never traced
 * (a pending signal goes with it).
 */
static void detach(struct hy_session *s, struct hy_task *t, int sig)
{
	ptrace(PTRACE_DETACH, t->tid, 0, sig);
	hy_rt_note_process(s, t->tid, "detached");
	hy_rt_task_forget(s, t);
}

static void on_syscall_stop(struct hy_session *s, struct hy_pt_task *pt)
{
	int op = hy_pt_load_call(&pt->t);

	if (op == PTRACE_SYSCALL_INFO_EXIT && pt->runtime_env && pt->t.call.ret < 0)
		hy_pt_exec_runtime_failed(s,
					  pt); /* the execve with the runtime's variables failed */
	if (op == PTRACE_SYSCALL_INFO_EXIT && pt->filter_at_exit) {
		/* execve's exit, before the kept program's first instruction */
		pt->filter_at_exit = false;
		/*
		 * a filter an earlier program left stays (its held calls stop as
		 * seccomp stops: never at every call on top of them), this
		 * program's calls then unheld: past the kernel's limit on filters
		 */
		pt->t.proc->filtered = !hy_pt_kept_filter(s, pt) || pt->t.proc->filter_code.n;
	}
	if (op == PTRACE_SYSCALL_INFO_EXIT && pt->exec_arm) {
		/* execve's, asked for at the exec event: armed as it goes on */
		pt->exec_arm = HY_EXEC_ARM_NOW;
		if (!pt->in_exit_stop)
			op = 0; /* not a held call's exit */
	}
	if (op == PTRACE_SYSCALL_INFO_EXIT)
		hy_pt_handoff_exit(s->pt->handoff, &pt->t);
	if (op == PTRACE_SYSCALL_INFO_EXIT)
		on_exit_stop(s, pt);
	else if (op == PTRACE_SYSCALL_INFO_SECCOMP && pt->foreign_stop)
		on_foreign_stop(s, pt);
	else if (op == PTRACE_SYSCALL_INFO_ENTRY || op == PTRACE_SYSCALL_INFO_SECCOMP)
		on_syscall_entry(s, pt);
	else
		hy_pt_resume(s, pt, 0);
	if (pt->inj.dead)
		on_exit_status(s, pt->t.tid,
			       pt->inj.dead_status); /* waited for during an injection */
}

static void on_event_stop(struct hy_session *s, struct hy_pt_task *pt, int sig, int event)
{
	struct hy_task *t;
	pid_t tid;

	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_new_task(s, pt, event);
		hy_pt_resume(s, pt, 0);
		return;
	case PTRACE_EVENT_EXEC:
		if (s->pt->handoff) {
			hy_pt_handoff_exec(s, pt);
			return;
		}
		tid = pt->t.tid; /* the old leader's task may be gone after the exec */
		t = on_exec(s, &pt->t);
		if (t)
			pt_task(t)->exec_arm = hy_insn_armed(s) ? HY_EXEC_ARM_AT_EXIT : 0;
		if (t && s->pt->gdb)
			hy_gdb_exec(s, pt_task(t));
		if (t)
			hy_pt_resume(s, pt_task(t), 0);
		else
			ptrace(PTRACE_CONT, tid, 0, 0);
		return;
	case PTRACE_EVENT_EXIT:
		/* -k asked for this stop: what is drained now unwinds while the mappings are there */
		hy_drain(s);
		hy_pt_resume(s, pt, 0);
		return;
	case PTRACE_EVENT_STOP:
		if (is_group_stop_signal(sig) && s->pt->gdb && hy_gdb_park_listen(s, pt))
			return; /* stopped, and held for gdb too */
		if (is_group_stop_signal(sig))
			ptrace(PTRACE_LISTEN, pt->t.tid, 0,
			       0); /* stay stopped until SIGCONT, like the guest expects */
		else
			hy_pt_resume(s, pt, 0);
		return;
	case 0:
		on_signal_stop(s, pt, sig);
		return;
	default:
		hy_pt_resume(s, pt, 0);
		return;
	}
}

void hy_pt_handle(struct hy_session *s, pid_t tid, int status)
{
	struct hy_task *t;
	int sig, event;

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		on_exit_status(s, tid, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	t = hy_task_find(&s->tasks, tid);
	if (!t) {
		/* a new task at its first stop, before its parent's event (or the tid reused) */
		hy_tidmap_del(&s->pt->gone_unannounced, tid);
		t = hy_rt_task_get(s, tid, 0, 0);
		if (t)
			pt_task(t)->unannounced = true;
	}
	if (!t) {
		ptrace(PTRACE_CONT, tid, 0, 0);
		return;
	}
	sig = WSTOPSIG(status);
	event = (unsigned int)status >> 16;
	if (s->pt->detaching) {
		detach(s, t, event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80) || event == PTRACE_EVENT_SECCOMP)
		on_syscall_stop(s, pt_task(t));
	else
		on_event_stop(s, pt_task(t), sig, event);
}

static void end_task(void *ctx, struct hy_task *t)
{
	struct hy_session *s = ctx;

	if (!s->pt->attached)
		syscall(SYS_tkill, t->tid, SIGKILL);
	else if (!t->call.deferred) /* held ones are in a stop already: detach_held() */
		ptrace(PTRACE_INTERRUPT, t->tid, 0, 0); /* its next stop detaches it */
}

struct held {
	struct hy_task **v;
	size_t n, cap;
};

static void collect_held(void *ctx, struct hy_task *t)
{
	struct held *h = ctx;

	if (t->call.deferred && h->n < h->cap)
		h->v[h->n++] = t;
}

/* Attached tasks held by a deferral are in a stop already: let them go now. */
static void detach_held(struct hy_session *s)
{
	struct held h = { .cap = hy_deferred_held(s) };

	h.v = calloc(h.cap ? h.cap : 1, sizeof(*h.v));
	if (!h.v)
		return;
	/* collected first: detaching removes tasks from the registry being walked */
	hy_tasks_each(&s->tasks, collect_held, &h);
	for (size_t i = 0; i < h.n; i++)
		detach(s, h.v[i], 0);
	free(h.v);
}

/* A launched guest ends with us, as under strace -f with kill-on-exit; attached ones are let go. */
static void end_tree(struct hy_session *s)
{
	s->pt->detaching = s->pt->attached;
	hy_tasks_each(&s->tasks, end_task, s);
	if (s->pt->attached)
		detach_held(s);
}

/*
 * Whether the tree is to end now. Attached tasks are let go at any request; a
 * launched command first gets the signal hytrace was asked to end by, as
 * under strace, and its tree the grace to end by itself (hy_request_end()).
 */
static bool end_due(struct hy_session *s)
{
	int sig;

	if (s->pt->attached)
		return hy_end_requested();
	if (hy_end_take_signal(&sig) && sig && s->first_pid > 0)
		kill(s->first_pid, sig);
	return hy_end_kill_due();
}

int hy_pt_loop(struct hy_session *s)
{
	struct hy_ptrace *pt = s->pt;
	bool ending = false;
	sigset_t timer_mask, caller_mask;

	/* only now: a guest forked earlier would inherit the tracer's one CPU */
	/* handing off: a guest pinned now would stay pinned once let go */
	hy_cpu_init(&pt->cpu, !s->opts.pin_cpu || pt->handoff);
	pt->tid = gettid();
	pt->thread = pthread_self();
	s->defer.wake = hy_pt_wake_tracer;
	s->defer.wake_ctx = pt;
	hy_pt_timer_arm(pt);
	sigemptyset(&timer_mask);
	sigaddset(&timer_mask, HY_PT_TIMER_SIG);
	if (pt->timer_on)
		pthread_sigmask(SIG_BLOCK, &timer_mask, &caller_mask);
	if (pt->gdb)
		hy_gdb_start(s, &gdb_ops); /* its packets wake the loop as hy_resume() does */
	for (;;) {
		int status;
		pid_t tid;

		if (!ending && end_due(s)) {
			end_tree(s);
			ending = true;
		}
		/* the timer may interrupt only the wait, never an output write */
		if (pt->timer_on)
			pthread_sigmask(SIG_UNBLOCK, &timer_mask, NULL);
		tid = waitpid(-1, &status, __WALL);
		if (pt->timer_on)
			pthread_sigmask(SIG_BLOCK, &timer_mask, NULL);
		if (tid < 0) {
			if (errno == EINTR) {
				tick(s);
				continue;
			}
			if (errno == ECHILD || (pt->detaching && !hy_tasks_count(&s->tasks)))
				break;
			hy_gdb_close(s);
			hy_pt_timer_disarm(pt, &caller_mask);
			return hy_error(-errno, "waitpid: %s", strerror(errno));
		}
		hy_pt_handle(s, tid, status);
		tick(s);
		if (pt->handoff && hy_pt_handoff_armed(s))
			break; /* the runtime takes the calls over: hy_pt_handoff_release() */
	}
	hy_gdb_close(s); /* before the wake-up it uses goes */
	hy_pt_timer_disarm(pt, &caller_mask);
	s->defer.wake = NULL;
	hy_drain(s);
	return 0;
}
