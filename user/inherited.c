// SPDX-License-Identifier: MIT
/* The guest starts with its caller's signal mask and resource limits (inherited.h). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include "inherited.h"

void hy_inherited_save(struct hy_inherited *in, const sigset_t *ignored)
{
	pthread_sigmask(SIG_SETMASK, NULL, &in->mask);
	if (ignored)
		in->ignored = *ignored;
	else
		sigemptyset(&in->ignored);
	in->have_limit = 0;
	for (int r = 0; r < RLIM_NLIMITS; r++)
		if (!getrlimit(r, &in->limit[r]))
			in->have_limit |= 1u << r;
}

void hy_inherited_restore(const struct hy_inherited *in)
{
	struct rlimit now;

	for (int r = 0; r < RLIM_NLIMITS; r++) {
		if (!(in->have_limit & 1u << r) || getrlimit(r, &now))
			continue;
		if (now.rlim_cur != in->limit[r].rlim_cur || now.rlim_max != in->limit[r].rlim_max)
			setrlimit(r, &in->limit[r]);
	}
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction ign = { .sa_handler = SIG_IGN };

		if (sigismember(&in->ignored, sig) == 1)
			sigaction(sig, &ign, NULL);
	}
	sigprocmask(SIG_SETMASK, &in->mask, NULL);
}
