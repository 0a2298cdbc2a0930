// SPDX-License-Identifier: MIT
/* The guest starts with its caller's signal mask and resource limits (inherited.h). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include "inherited.h"

void hy_inherited_save(struct hy_inherited *in)
{
	pthread_sigmask(SIG_SETMASK, NULL, &in->mask);
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
	sigprocmask(SIG_SETMASK, &in->mask, NULL);
}
