/* SPDX-License-Identifier: MIT */
/*
 * What a launched guest inherits from hy_run()'s caller and must find unchanged
 * at its first instruction, however the library changed its own process
 * meanwhile (libbpf raises RLIMIT_MEMLOCK on kernels before 5.11; the tracer
 * blocks its timer signal).
 */
#ifndef HY_INHERITED_H
#define HY_INHERITED_H

#include <signal.h>
#include <sys/resource.h>

struct hy_inherited {
	sigset_t mask;
	sigset_t ignored; /* dispositions the caller had as SIG_IGN before its handlers */
	struct rlimit limit[RLIM_NLIMITS];
	unsigned int have_limit; /* bit per resource read */
};

/**
 * Remember the calling thread's signal mask and the process's resource limits,
 * and the signals the caller says were ignored (@ignored, may be NULL).
 */
void hy_inherited_save(struct hy_inherited *in, const sigset_t *ignored);
/** In the child between fork and exec (async-signal-safe): put them back. */
void hy_inherited_restore(const struct hy_inherited *in);

#endif
