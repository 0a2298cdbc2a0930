/* SPDX-License-Identifier: MIT */
/* The vDSO's clock functions made to take the syscall path (internal to user/ptrace/). */
#ifndef HY_VDSO_PATCH_H
#define HY_VDSO_PATCH_H

struct hy_session;
struct hy_task;

/**
 * Patch the vDSO of @t's process (stopped, just executed a program) so that
 * clock_gettime, gettimeofday and time make the syscall and getrandom says
 * -ENOSYS. Returns 0 (also for a 32-bit program or none), or -errno.
 */
int hy_vdso_patch(struct hy_session *s, struct hy_task *t);

#endif
