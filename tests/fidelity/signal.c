// SPDX-License-Identifier: MIT
/* Fidelity guest: signals (actions, masks, queued info, alternate stacks, signalfd). */
#include "fid.h"

#include <signal.h>

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static void on_sig(int sig)
{
	(void)sig;
}

int main(void)
{
	struct ksigaction *act = at_edge(NULL, sizeof(*act));
	struct ksigaction *old = at_edge(NULL, sizeof(*old));
	uint64_t *set = at_edge(NULL, 8);
	siginfo_t *si = at_edge(NULL, sizeof(*si));
	stack_t *ss = at_edge(NULL, sizeof(*ss));
	struct timespec *ts = at_edge(NULL, sizeof(*ts));

	act->handler = SIG_IGN;
	act->flags = SA_RESTART | 0x100;
	act->mask = 1ull << (SIGUSR2 - 1);
	S(SYS_rt_sigaction, SIGPIPE, act, old, 8);
	S(SYS_rt_sigaction, G(SIGPIPE), BAD, NULL, 8);
	S(SYS_rt_sigaction, SIGKILL, act, NULL, 8);
	S(SYS_rt_sigaction, 99, NULL, old, 8);
	S(SYS_rt_sigaction, SIGUSR1, NULL, old, G(8));
	*set = 1ull << (SIGUSR1 - 1) | 1ull << (SIGRTMIN + 2);
	S(SYS_rt_sigprocmask, SIG_BLOCK, set, NULL, 8);
	S(SYS_rt_sigprocmask, G(SIG_UNBLOCK), set, set, 8);
	S(SYS_rt_sigprocmask, 7, set, NULL, 8);
	S(SYS_rt_sigprocmask, SIG_SETMASK, BAD, NULL, 8);
	S(SYS_rt_sigprocmask, SIG_SETMASK, NULL, set, 4);
	S(SYS_rt_sigpending, set, 8);
	S(SYS_rt_sigpending, BAD, 8);
	*set = 1ull << (SIGUSR2 - 1);
	ts->tv_sec = 0;
	ts->tv_nsec = 1000;
	S(SYS_rt_sigtimedwait, set, si, ts, 8);
	S(SYS_rt_sigtimedwait, set, NULL, BAD, 8);
	memset(si, 0, sizeof(*si));
	si->si_signo = SIGUSR2;
	si->si_code = SI_QUEUE;
	si->si_errno = ENOENT;
	si->si_pid = 42;
	si->si_uid = 7;
	si->si_value.sival_int = 0x1234;
	S(SYS_rt_sigqueueinfo, 0x7ffffff0, SIGUSR2, si);
	S(SYS_rt_sigqueueinfo, G(0x7ffffff0), G(SIGUSR2), BAD);
	signal(SIGUSR2, on_sig);
	S(SYS_rt_sigprocmask, SIG_UNBLOCK, set, NULL, 8);
	S(SYS_rt_tgsigqueueinfo, getpid(), getpid(), SIGUSR2, si);
	ss->ss_sp = (void *)0x1000;
	ss->ss_flags = SS_ONSTACK | 0x10;
	ss->ss_size = 1 << 20;
	S(SYS_sigaltstack, ss, NULL);
	S(SYS_sigaltstack, NULL, ss);
	S(SYS_sigaltstack, BAD, BAD);
	S(SYS_kill, G(getpid()), 0);
	S(SYS_tgkill, getpid(), G(getpid()), 0);
	S(SYS_tkill, -1, 99);
	S(SYS_signalfd4, -1, set, 8, 0x4000000);
	S(SYS_signalfd4, G(-1), BAD, 8, 0);
	return 0;
}
