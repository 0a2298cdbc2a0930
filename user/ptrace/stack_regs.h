/* SPDX-License-Identifier: MIT */
/* The registers a held task's user stack unwinds from (the backend's stack_regs). */
#ifndef HY_PT_STACK_REGS_H
#define HY_PT_STACK_REGS_H

struct hy_session;
struct hy_stack_regs;
struct hy_task;

/** The held task's pc, sp and callee-saved registers. Returns 0 or -ESRCH. */
int hy_pt_stack_regs(struct hy_session *s, struct hy_task *t, struct hy_stack_regs *out);

#endif
