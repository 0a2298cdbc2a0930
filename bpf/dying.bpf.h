/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whether the current task dies before its call returns to user space: the
 * call's sys_exit still runs, but no tracer's syscall-exit stop follows (the
 * kernel skips a ptrace stop once a fatal signal is pending), so strace prints
 * such a call as `= ?` (`kill(getpid(), SIGKILL)`, a thread's call when
 * another one calls exit_group or execve). Read with CO-RE from
 * bpf_get_current_task() (5.10 has no bpf_get_current_task_btf()).
 */
#ifndef HY_DYING_BPF_H
#define HY_DYING_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

#define HY_SIGKILL_BIT (1ul << (9 - 1))

/*
 * The kernel's fatal_signal_pending(): SIGKILL in the task's own pending set,
 * put there for a SIGKILL, an exit_group or exec of another thread, and for a
 * fatal signal with its default action when the task is not ptraced. That last
 * one a tracer sees as a signal-delivery stop after the call returned (strace:
 * `kill(getpid(), SIGTERM) = 0`): its group exit code names that signal, so it
 * does not count; an exit_group's names none, a SIGKILL's names SIGKILL.
 */
static __always_inline bool dies_before_return(void)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	int code;

	if (!(BPF_CORE_READ(task, pending.signal.sig[0]) & HY_SIGKILL_BIT))
		return false;
	code = BPF_CORE_READ(task, signal, group_exit_code) & 0x7f;
	return code == 0 || code == 9;
}

#endif
