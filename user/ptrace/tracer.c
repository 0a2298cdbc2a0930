// SPDX-License-Identifier: MIT
/*
 * The tracer loop: one thread waits for ptrace stops of the whole tree and hands
 * each to its handler. The kernel recorder's ring is drained in the same thread
 * (so tool callbacks never run concurrently): before anything that must follow a
 * task's recorded calls (its exit, a signal), when the backlog grows, and on a
 * periodic timer that interrupts the wait.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "kernel_recorder.h"
#include "merge.h"
#include "session.h"

/*
 * The ring is drained every TICK_NS, and every FAST_DRAIN_NS while records flow
 * (FAST_RECORDS or more per drain): in a storm, small frequent batches keep the
 * tracer and the writer thread busy side by side instead of in turns; an idle
 * guest costs 100 wake-ups a second.
 */
#define TICK_NS (10 * 1000 * 1000ull)
#define FAST_DRAIN_NS (1 * 1000 * 1000ull)
#define FAST_RECORDS 256
#define DRAIN_BACKLOG (4u << 20)

static volatile sig_atomic_t stop_requested;

void hy_request_stop(void)
{
	stop_requested = 1;
}

bool hy_stop_requested(void)
{
	return stop_requested;
}

uint64_t hy_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void on_kernel_record(void *ctx, const void *rec, size_t len)
{
	hy_merge_kernel(ctx, rec, len);
}

static void set_period(struct hy_session *s, uint64_t ns)
{
	struct itimerspec its = { .it_interval = { 0, ns }, .it_value = { 0, ns } };

	if (s->drain_period_ns == ns)
		return;
	s->drain_period_ns = ns;
	if (s->timer_on)
		timer_settime(s->timer, 0, &its, NULL);
}

void hy_drain(struct hy_session *s)
{
	size_t n;

	if (!s->krec)
		return;
	n = hy_krec_drain(s->krec, on_kernel_record, s->merge);
	s->last_drain_ns = hy_now_ns();
	set_period(s, n >= FAST_RECORDS ? FAST_DRAIN_NS : TICK_NS);
}

/* Periodic work: drain the ring, unpin threads that stopped escalating, flush. */
static void maybe_drain(struct hy_session *s)
{
	uint64_t now = hy_now_ns();

	if (now - s->cpu_now >= TICK_NS)
		hy_cpu_tick(s, now);
	/* the timer's period, less a little: its signal may come a bit early */
	if (s->krec && (hy_krec_backlog(s->krec) >= DRAIN_BACKLOG ||
			now - s->last_drain_ns >= s->drain_period_ns * 9 / 10))
		hy_drain(s);
	/* the output may be fully buffered: lines still show within a tick */
	if (now - s->last_flush_ns >= TICK_NS) {
		fflush(s->out);
		s->last_flush_ns = now;
	}
}

/* Resume a task; with an exit stop pending (or every call stopping), ask for the stop. */
static void resume(struct hy_session *s, struct hy_task *t, int sig)
{
	ptrace(t->in_exit_stop || s->syscall_stops ? PTRACE_SYSCALL : PTRACE_CONT, t->tid, 0, sig);
}

static void start_record(struct hy_session *s, struct hy_task *t)
{
	struct hy_stop *st = &t->stop;
	struct hy_record *r = &t->rec;

	hy_rec_reset(r);
	r->tid = t->tid;
	r->pid = t->proc->tgid;
	r->abi = st->abi;
	r->nr = st->nr;
	r->ent = hy_sysent_get(st->abi, st->nr);
	memcpy(r->args, st->args, sizeof(r->args));
	r->t_enter = st->ts;
	r->flags = HY_EV_FROM_TRACER;
	hy_capture_live(s, t, r, HY_PHASE_ENTER);
}

/*
 * A syscall stopped at entry: a seccomp stop (launched guests: only subscribed
 * calls get here) or, for guests attached with ptrace, a syscall-entry stop
 * (every call gets here; unsubscribed ones go straight on).
 */
static void on_syscall_entry(struct hy_session *s, struct hy_task *t)
{
	struct hy_stop *st = &t->stop;
	bool subscribed, record;
	unsigned int flags;

	st->ts = hy_now_ns();
	subscribed = hy_sysset_has(&s->escalate, st->abi, st->nr);
	if (s->syscall_stops && !subscribed && !t->replay) {
		t->in_exit_stop = true; /* the exit stop comes anyway: pass it */
		resume(s, t, 0);
		return;
	}
	if (t->replay) {
		/* the original call, back after injected ones: the decision was made */
		t->replay = false;
		st->injected = true;
		memcpy(st->args, t->decided_args, sizeof(st->args));
		st->modified = t->decided_modified;
	} else {
		t->skip_ret = -ENOSYS;
		t->cont = subscribed ? hy_tools_syscall_enter(s, t) : HY_CONT_RUN;
		if (t->cont == HY_CONT_SKIP)
			t->skip_ret = st->ret_changed ? st->ret : -ENOSYS;
		if (subscribed) {
			s->stats.escalations++;
			hy_cpu_escalated(s, t, st->ts);
		}
		memcpy(t->decided_args, st->args, sizeof(st->args));
		t->decided_modified = st->modified;
		if (t->injecting) {
			/* the original call enters again; the decision applies there */
			int sig = t->inj_sig;

			t->inj_sig = 0;
			if (hy_stop_inject_finish(t) == 0)
				ptrace(PTRACE_CONT, t->tid, 0, sig);
			if (t->dead)
				t->in_exit_stop = false;
			return;
		}
	}
	if (hy_stop_apply(s, t, t->cont, t->skip_ret)) {
		resume(s, t, 0);
		return;
	}
	flags = HY_EV_ESCALATED | (st->modified ? HY_EV_MODIFIED : 0);
	record = !s->krec && hy_sysset_has(&s->shown, st->abi, st->nr);
	if (record || (s->krec && t->cont == HY_CONT_SKIP)) {
		start_record(s, t);
		t->rec.flags |= flags;
	}
	if (t->cont == HY_CONT_SKIP) {
		t->rec.flags |= HY_EV_SKIPPED;
		t->rec.skip_ret = t->skip_ret;
		t->rec.ret = t->skip_ret;
		t->rec.t_exit = hy_now_ns();
		if (s->krec) {
			t->rec.flags &= ~HY_EV_FROM_TRACER;
			hy_merge_note_skip(s->merge, &t->rec, st->ts);
		} else if (record) {
			hy_merge_tracer_record(s->merge, &t->rec);
		}
		t->in_exit_stop = false;
		resume(s, t, 0);
		return;
	}
	if (s->krec)
		hy_merge_note_run(s->merge, t->tid, st->ts, flags, t->cont == HY_CONT_RUN_EXIT);
	st->record_exit = record;
	t->in_exit_stop = t->cont == HY_CONT_RUN_EXIT || record;
	resume(s, t, 0);
}

static void on_exit_stop(struct hy_session *s, struct hy_task *t)
{
	struct hy_stop *st = &t->stop;

	t->in_exit_stop = false;
	if (st->exit_tools)
		hy_tools_syscall_exit(s, t);
	if (st->ret_changed)
		hy_stop_set_return(t, st->ret);
	if (s->krec && st->exit_tools)
		hy_merge_note_exit(s->merge, t->tid, st->ret, st->ret_changed);
	if (st->record_exit) {
		t->rec.ret = st->ret;
		t->rec.t_exit = hy_now_ns();
		if (st->ret_changed)
			t->rec.flags |= HY_EV_RETVAL_SET;
		hy_capture_live(s, t, &t->rec, HY_PHASE_EXIT);
		hy_merge_tracer_record(s->merge, &t->rec);
		st->record_exit = false;
	}
	resume(s, t, 0);
}

static void on_new_task(struct hy_session *s, struct hy_task *parent, int event)
{
	unsigned long msg = 0;
	pid_t child, tgid;

	if (ptrace(PTRACE_GETEVENTMSG, parent->tid, 0, &msg))
		return;
	child = msg;
	/* clone may make a thread or a process; fork and vfork always a process */
	tgid = event == PTRACE_EVENT_CLONE ? 0 : child;
	if (!hy_task_find(s, child))
		hy_cpu_inherit(hy_task_get(s, child, tgid, parent->proc->tgid), parent);
}

static void on_exec(struct hy_session *s, struct hy_task *t)
{
	unsigned long old = 0;

	ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &old);
	hy_drain(s);
	if ((pid_t)old != t->tid && old) {
		/* exec from a non-leader thread: it now has the leader's tid */
		struct hy_task *moved = hy_task_rename(s, old, t->tid);

		if (moved)
			t = moved;
	}
	hy_task_exec(s, t);
}

/* Backpressure: drain until the ring is mostly empty, then let the task go on. */
static bool on_throttle_stop(struct hy_session *s, struct hy_task *t, int sig, const siginfo_t *si)
{
	size_t low;

	if (!s->krec || sig != SIGSTOP || si->si_code != SI_KERNEL ||
	    !hy_krec_take_throttle(s->krec, t->tid))
		return false;
	low = hy_krec_ring_size(s->krec) / 8;
	do
		hy_drain(s);
	while (hy_krec_backlog(s->krec) > low);
	s->stats.throttled++;
	resume(s, t, 0);
	return true;
}

static void on_signal_stop(struct hy_session *s, struct hy_task *t, int sig)
{
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si))
		memset(&si, 0, sizeof(si));
	if (on_throttle_stop(s, t, sig, &si))
		return;
	hy_drain(s);
	sig = hy_tools_signal(s, t, sig, &si);
	resume(s, t, sig);
}

static bool is_group_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void on_exit_status(struct hy_session *s, pid_t tid, int status)
{
	struct hy_task *t = hy_task_find(s, tid);

	if (tid == s->first_pid) {
		s->first_status = status;
		s->first_done = true;
	}
	/* every record of the task is in the ring by now: they come first */
	hy_drain(s);
	if (!t)
		return;
	if (t->stop.record_exit) {
		/* recorded by the tracer and never returned (exit, or killed) */
		t->rec.flags |= HY_EV_UNFINISHED;
		hy_merge_tracer_record(s->merge, &t->rec);
		t->stop.record_exit = false;
	}
	hy_task_exit(s, t, status);
}

/* Let go of an attached task; it runs on as if never traced (a pending signal goes with it). */
static void detach(struct hy_session *s, struct hy_task *t, int sig)
{
	ptrace(PTRACE_DETACH, t->tid, 0, sig);
	hy_task_forget(s, t);
}

static void handle(struct hy_session *s, pid_t tid, int status)
{
	struct hy_task *t;
	int sig, event;

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		on_exit_status(s, tid, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	t = hy_task_get(s, tid, 0, 0);
	if (!t) {
		ptrace(PTRACE_CONT, tid, 0, 0);
		return;
	}
	sig = WSTOPSIG(status);
	event = (unsigned int)status >> 16;
	t->seen_stop = true;
	if (s->detaching) {
		detach(s, t, event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80) || event == PTRACE_EVENT_SECCOMP) {
		int op = hy_stop_load(s, t);

		if (op == PTRACE_SYSCALL_INFO_EXIT)
			on_exit_stop(s, t);
		else if (op == PTRACE_SYSCALL_INFO_ENTRY || op == PTRACE_SYSCALL_INFO_SECCOMP)
			on_syscall_entry(s, t);
		else
			resume(s, t, 0);
		if (t->dead)
			on_exit_status(s, t->tid, t->dead_status); /* waited for during an injection */
		return;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_new_task(s, t, event);
		resume(s, t, 0);
		return;
	case PTRACE_EVENT_EXEC:
		on_exec(s, t);
		t = hy_task_find(s, tid);
		if (t)
			resume(s, t, 0);
		else
			ptrace(PTRACE_CONT, tid, 0, 0);
		return;
	case PTRACE_EVENT_STOP:
		if (is_group_stop_signal(sig))
			ptrace(PTRACE_LISTEN, tid, 0, 0); /* stay stopped until SIGCONT, like the guest expects */
		else
			resume(s, t, 0);
		return;
	case 0:
		on_signal_stop(s, t, sig);
		return;
	default:
		resume(s, t, 0);
		return;
	}
}

static void end_tree(void *ctx, int tid, void *val)
{
	struct hy_session *s = ctx;

	(void)val;
	if (s->attach_mode)
		ptrace(PTRACE_INTERRUPT, tid, 0, 0); /* its next stop detaches it */
	else
		syscall(SYS_tkill, tid, SIGKILL);
}

static void wake(int sig)
{
	(void)sig;
}

/*
 * A timer that interrupts the wait so the ring is drained while no task stops.
 * If it cannot be made, the ring is drained at every stop only.
 */
static void arm_timer(struct hy_session *s)
{
	struct sigevent sev = { 0 };
	struct sigaction sa = { 0 };

	sa.sa_handler = wake; /* no SA_RESTART: waitpid returns EINTR */
	sigaction(SIGRTMIN + 2, &sa, NULL);
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGRTMIN + 2;
	sev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &sev, &s->timer))
		return;
	s->timer_on = true;
	s->drain_period_ns = 0;
	set_period(s, TICK_NS);
}

/* The timer ends with the loop, however it ends. */
static void disarm_timer(struct hy_session *s)
{
	if (s->timer_on)
		timer_delete(s->timer);
	s->timer_on = false;
}

int hy_trace_loop(struct hy_session *s)
{
	bool killed = false;
	sigset_t timer_mask;

	arm_timer(s);
	sigemptyset(&timer_mask);
	sigaddset(&timer_mask, SIGRTMIN + 2);
	if (s->timer_on)
		pthread_sigmask(SIG_BLOCK, &timer_mask, NULL);
	for (;;) {
		int status;
		pid_t tid;

		if (stop_requested && !killed) {
			/*
			 * A launched guest ends with us, as under strace -f with kill-on-exit;
			 * attached ones are let go and run on.
			 */
			s->detaching = s->attach_mode;
			hy_tidmap_each(&s->tasks, end_tree, s);
			killed = true;
		}
		/* the timer may interrupt only the wait, never an output write */
		if (s->timer_on)
			pthread_sigmask(SIG_UNBLOCK, &timer_mask, NULL);
		tid = waitpid(-1, &status, __WALL);
		if (s->timer_on)
			pthread_sigmask(SIG_BLOCK, &timer_mask, NULL);
		if (tid < 0) {
			if (errno == EINTR) {
				maybe_drain(s);
				continue;
			}
			if (errno == ECHILD)
				break;
			if (errno == EINTR || (s->detaching && !s->tasks.live))
				break;
			disarm_timer(s);
			return hy_error(-errno, "waitpid: %s", strerror(errno));
		}
		handle(s, tid, status);
		maybe_drain(s);
	}
	disarm_timer(s);
	hy_drain(s);
	return 0;
}
