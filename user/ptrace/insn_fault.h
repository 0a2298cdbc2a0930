/* SPDX-License-Identifier: MIT */
/* RDTSC, RDTSCP and CPUID faulting into the tools (internal to user/ptrace/). */
#ifndef HY_INSN_FAULT_H
#define HY_INSN_FAULT_H

#include <signal.h>
#include <stdbool.h>

struct hy_pt_task;
struct hy_session;

/**
 * After the tools' init: what every exec must arm (s->pt->insn). -ENOSYS when a
 * tool wants CPUID and the machine cannot fault on it.
 */
int hy_insn_setup(struct hy_session *s);
/** Whether an exec needs hy_insn_exec_exit() at execve's exit stop. */
bool hy_insn_armed(const struct hy_session *s);
/** At execve's exit stop: arm the faults and patch the vDSO as the tools want. */
void hy_insn_exec_exit(struct hy_session *s, struct hy_pt_task *pt);
/**
 * A signal-delivery stop: when it is an armed instruction's fault, emulate the
 * instruction through the tools and return true: the task goes on without the
 * signal.
 */
bool hy_insn_fault(struct hy_session *s, struct hy_pt_task *pt, int sig, const siginfo_t *si);

#endif
