// SPDX-License-Identifier: MIT
#include <errno.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "ptrace/stack_regs.h"
#include "stack/stacks.h"
#include "tasks.h"

int hy_pt_stack_regs(struct hy_session *s, struct hy_task *t, struct hy_stack_regs *out)
{
	struct user_regs_struct u;

	(void)s;
	if (ptrace(PTRACE_GETREGS, t->tid, 0, &u))
		return -ESRCH;
	*out = (struct hy_stack_regs){ u.rip, u.rsp, u.rbp, u.rbx, u.r12, u.r13, u.r14, u.r15 };
	return 0;
}
