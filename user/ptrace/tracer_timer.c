// SPDX-License-Identifier: MIT
/*
 * The tracer loop's timers (tracer_timer.h): the periodic one that interrupts
 * its wait to drain the ring, the one-shot one of hy_resume_after() deadlines,
 * and the wake-up another thread sends the same way.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "drain.h"
#include "ptrace/pt_task.h"
#include "ptrace/tracer_timer.h"

void hy_pt_timer_period(struct hy_ptrace *pt, uint64_t ns)
{
	struct itimerspec its = { .it_interval = { 0, ns }, .it_value = { 0, ns } };

	if (!pt->timer_on || pt->timer_period_ns == ns)
		return;
	pt->timer_period_ns = ns;
	timer_settime(pt->timer, 0, &its, NULL);
}

void hy_pt_defer_timer(struct hy_ptrace *pt, uint64_t deadline)
{
	struct itimerspec its = { 0 };

	if (!pt->defer_timer_on || deadline == pt->defer_armed)
		return;
	pt->defer_armed = deadline;
	its.it_value.tv_sec = deadline / 1000000000ull;
	its.it_value.tv_nsec = deadline % 1000000000ull;
	timer_settime(pt->defer_timer, TIMER_ABSTIME, &its, NULL);
}

static void wake(int sig)
{
	(void)sig;
}

void hy_pt_wake_tracer(void *ctx)
{
	struct hy_ptrace *pt = ctx;

	if (!pthread_equal(pthread_self(), pt->thread))
		syscall(SYS_tgkill, getpid(), pt->tid, HY_PT_TIMER_SIG);
}

void hy_pt_timer_arm(struct hy_ptrace *pt)
{
	struct sigevent sev = { 0 };
	struct sigaction sa = { 0 };

	sa.sa_handler = wake; /* no SA_RESTART: waitpid returns EINTR */
	sigaction(HY_PT_TIMER_SIG, &sa, NULL);
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = HY_PT_TIMER_SIG;
	sev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &sev, &pt->timer))
		return;
	pt->timer_on = true;
	pt->timer_period_ns = 0;
	hy_pt_timer_period(pt, HY_TICK_NS);
	pt->defer_timer_on = !timer_create(CLOCK_MONOTONIC, &sev, &pt->defer_timer);
}

void hy_pt_timer_disarm(struct hy_ptrace *pt, const sigset_t *caller_mask)
{
	if (pt->timer_on) {
		timer_delete(pt->timer);
		pthread_sigmask(SIG_SETMASK, caller_mask, NULL);
	}
	if (pt->defer_timer_on)
		timer_delete(pt->defer_timer);
	pt->timer_on = pt->defer_timer_on = false;
}
