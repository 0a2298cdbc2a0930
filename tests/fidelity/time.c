// SPDX-License-Identifier: MIT
/* Fidelity guest: clocks, sleeps, timers, alarm (outputs whose values vary are normalised). */
#include "fid.h"

#include <signal.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void)
{
	struct timespec *ts = at_edge(NULL, sizeof(*ts));
	struct timespec *rem = at_edge(NULL, sizeof(*rem));
	struct itimerval *itv = at_edge(NULL, sizeof(*itv));
	struct itimerspec *its = at_edge(NULL, sizeof(*its));
	struct sigevent *sev = at_edge(NULL, sizeof(*sev));
	timer_t *tid = at_edge(NULL, sizeof(*tid));
	int tfd;

	S(SYS_clock_getres, CLOCK_MONOTONIC, ts);
	S(SYS_clock_getres, G(CLOCK_REALTIME), BAD);
	S(SYS_clock_getres, 99, ts);
	S(SYS_clock_gettime, CLOCK_BOOTTIME, BAD);
	S(SYS_clock_gettime, -5, ts);
	ts->tv_sec = 0;
	ts->tv_nsec = 1000;
	S(SYS_nanosleep, ts, rem);
	S(SYS_nanosleep, ts, NULL);
	ts->tv_nsec = 1000000000;
	S(SYS_nanosleep, ts, rem);
	S(SYS_nanosleep, BAD, NULL);
	ts->tv_nsec = 1000;
	S(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, ts, rem);
	S(SYS_clock_nanosleep, G(CLOCK_REALTIME), G(TIMER_ABSTIME | 0x10), ts, NULL);
	S(SYS_alarm, G(42));
	S(SYS_alarm, 0);
	memset(itv, 0, sizeof(*itv));
	S(SYS_setitimer, ITIMER_REAL, itv, NULL);
	S(SYS_setitimer, G(ITIMER_VIRTUAL), BAD, NULL);
	S(SYS_setitimer, 9, itv, itv);
	S(SYS_getitimer, ITIMER_PROF, itv);
	S(SYS_getitimer, 9, BAD);
	memset(sev, 0, sizeof(*sev));
	sev->sigev_notify = SIGEV_NONE;
	sev->sigev_signo = SIGALRM;
	S(SYS_timer_create, CLOCK_MONOTONIC, sev, tid);
	S(SYS_timer_create, G(CLOCK_REALTIME), BAD, tid);
	memset(its, 0, sizeof(*its));
	its->it_value.tv_sec = 100;
	S(SYS_timer_settime, *tid, G(0), its, NULL);
	S(SYS_timer_settime, 0x7fff, TIMER_ABSTIME, BAD, NULL);
	S(SYS_timer_getoverrun, *tid);
	S(SYS_timer_delete, *tid);
	S(SYS_timer_delete, G(0x7fff));
	tfd = S(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	S(SYS_timerfd_create, G(CLOCK_BOOTTIME), G(0x40));
	S(SYS_timerfd_settime, tfd, TFD_TIMER_ABSTIME | 0x100, its, NULL);
	S(SYS_timerfd_settime, tfd, 0, BAD, NULL);
	S(SYS_timerfd_gettime, G(-1), its);
	S(SYS_settimeofday, BAD, NULL);
	S(SYS_gettimeofday, BAD, NULL);
	S(SYS_adjtimex, BAD);
	S(SYS_close, tfd);
	return 0;
}
