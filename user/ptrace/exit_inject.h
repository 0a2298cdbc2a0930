/* SPDX-License-Identifier: MIT */
/*
 * Injecting syscalls at a syscall-exit stop no handler holds, such as execve's,
 * before the new program's first instruction (internal to user/ptrace/).
 */
#ifndef HY_EXIT_INJECT_H
#define HY_EXIT_INJECT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/user.h>

#include "ptrace/pt_task.h"

struct hy_session;

struct hy_pt_exit_inject {
	struct user_regs_struct regs; /* as the exit stop left them */
	long word;		      /* the code at the instruction pointer, put back */
	bool i386;		      /* a 32-bit program: int $0x80 and its numbers */
	bool begun;
	int sig; /* a signal that came meanwhile: sent again at the end */
};

/* A call to inject: its number in each ABI and its arguments. */
struct hy_pt_exit_call {
	long nr, nr_i386;
	uint64_t args[6];
	bool own; /* hytrace's own (no tool's): dropped from the record */
};

/** Save @pt's registers and put a syscall instruction where it will resume. */
int hy_pt_exit_inject_begin(struct hy_pt_task *pt, struct hy_pt_exit_inject *x);
/** Run @call in @pt, recorded as injected (or not at all: call->own); its result (>= 0 or -errno) to @result. */
int hy_pt_exit_inject(struct hy_session *s, struct hy_pt_task *pt, struct hy_pt_exit_inject *x,
		      const struct hy_pt_exit_call *call, int64_t *result);
/** Put code and registers back (and a signal that came meanwhile). */
void hy_pt_exit_inject_end(struct hy_pt_task *pt, struct hy_pt_exit_inject *x);

#endif
