/* SPDX-License-Identifier: MIT */
/*
 * The classic-BPF seccomp program that makes subscribed syscalls stop in the
 * tracer (SECCOMP_RET_TRACE) and lets every other one run.
 */
#ifndef HY_SECCOMP_FILTER_H
#define HY_SECCOMP_FILTER_H

#include <linux/filter.h>
#include <stdint.h>

#include "sysset.h"

/*
 * The data our filter returns with SECCOMP_RET_TRACE. A seccomp stop with other
 * data comes from a filter of the guest's own (the newest filter's data wins
 * among equal actions), which natively, with no tracer to handle it, fails the
 * call with ENOSYS: the tracer does the same, without calling any tool.
 */
#define HY_SECCOMP_DATA 0x4879u /* "Hy" */

/**
 * Build the filter for @set into @prog (prog->filter is malloc'd; free it with
 * hy_seccomp_free). Returns 0 or -ENOMEM / -E2BIG.
 */
int hy_seccomp_build(const struct hy_sysset *set, struct sock_fprog *prog);

/**
 * The same filter, but a call made from code outside the @n ranges
 * [@lo[i], @hi[i]) (seccomp_data.instruction_pointer) is allowed whatever its
 * number. -EINVAL for no range.
 */
int hy_seccomp_build_ranged(const struct hy_sysset *set, const uint64_t *lo, const uint64_t *hi,
			    int n, struct sock_fprog *prog);

void hy_seccomp_free(struct sock_fprog *prog);

/**
 * Install @prog in the calling thread (and so in everything it execs and forks).
 * Sets no_new_privs first unless the caller has CAP_SYS_ADMIN, so setuid
 * programs keep working under root. Async-signal-safe: called between fork and exec.
 */
int hy_seccomp_install(const struct sock_fprog *prog);

/**
 * The filter's verdict for one syscall, computed by running @prog in a tiny
 * interpreter: SECCOMP_RET_ALLOW or SECCOMP_RET_TRACE. For tests and for
 * counting the instructions a syscall executes (*@steps).
 */
unsigned int hy_seccomp_eval(const struct sock_fprog *prog, unsigned int arch, int nr,
			     unsigned int *steps);
/** The same for a call made from @ip. */
unsigned int hy_seccomp_eval_at(const struct sock_fprog *prog, unsigned int arch, int nr,
				uint64_t ip, unsigned int *steps);

#endif
