/* SPDX-License-Identifier: MIT */
/*
 * A task in a ptrace syscall stop (seccomp, entry or exit): reading its call
 * into struct hy_call, applying what the handlers changed, injecting calls, and
 * reading and writing its memory (internal to user/ptrace/).
 */
#ifndef HY_SYSCALL_STOP_H
#define HY_SYSCALL_STOP_H

#include <stdint.h>
#include <sys/types.h>

#include "hytrace.h"

struct hy_session;
struct hy_task;

/** Read the held call; returns the PTRACE_SYSCALL_INFO_* kind of stop or -errno. */
int hy_pt_load_call(struct hy_task *t);
/** Write changed arguments back and, for @cont HY_CONT_SKIP, elide the call with @skip_ret. */
int hy_pt_apply(struct hy_session *s, struct hy_task *t, enum hy_cont cont, int64_t skip_ret);
/** At a stop of a call of @abi: its argument @i (0-5) in the registers becomes @v. */
int hy_pt_set_arg(pid_t tid, enum hy_abi abi, int i, uint64_t v);
/** At an exit stop: the result the guest sees. */
int hy_pt_set_return(struct hy_task *t, int64_t v);
/** After the handlers injected calls: rewind so the original call enters (and stops) again. */
int hy_pt_inject_finish(struct hy_task *t);

/* The backend operations of struct hy_backend_ops. */
ssize_t hy_pt_read_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf,
		       size_t len);
ssize_t hy_pt_write_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, const void *buf,
			size_t len);
int hy_pt_inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		 int64_t *result);

#endif
