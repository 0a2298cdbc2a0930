/* SPDX-License-Identifier: MIT */
/* What the ptrace backend keeps per run and per task (internal to user/ptrace/). */
#ifndef HY_PT_TASK_H
#define HY_PT_TASK_H

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>
#include <time.h>

#include "hytrace.h"
#include "tasks.h"
#include "tidmap.h"

/* Keeping escalating threads on the tracer's CPU (cpu_affinity.c). */
struct hy_cpu_pin {
	int tracer_cpu; /* the CPU escalating threads are kept on, or -1 */
	uint64_t now;
};

struct hy_task_pin {
	bool pinned;
	cpu_set_t own_cpus;
	uint64_t last_escalation;
};

/* Intercepting RDTSC, RDTSCP and CPUID, and the vDSO's clocks (insn_fault.c, vdso_patch.c). */
struct hy_insn_arm {
	bool rdtsc; /* some tool has on_rdtsc: every exec arms PR_TSC_SIGSEGV */
	bool cpuid; /* ...on_cpuid: every exec arms ARCH_SET_CPUID 0 */
	bool vdso;  /* ...HY_TOOL_VDSO_SYSCALLS: every exec patches the vDSO */
};

struct hy_gdb;
struct hy_pt_handoff;
struct hy_pt_runtime;

struct hy_ptrace {
	bool attached;	       /* guests were attached, not launched: detach, never kill */
	bool detaching;	       /* the run is ending: let every task go */
	bool set_syscall_info; /* the kernel has PTRACE_SET_SYSCALL_INFO */
	struct hy_cpu_pin cpu;
	timer_t timer; /* interrupts waitpid so the ring is drained */
	bool timer_on;
	uint64_t timer_period_ns;
	timer_t defer_timer; /* ...and when a deferred call is due (hy_resume_after) */
	bool defer_timer_on;
	uint64_t defer_armed; /* the deadline it is armed for, 0: none */
	pid_t tid;	      /* the tracer's thread, woken by hy_resume() */
	pthread_t thread;
	struct hy_insn_arm insn;
	struct hy_gdb *gdb;	       /* --gdbserver (gdb_target.c), or NULL */
	struct hy_pt_handoff *handoff; /* the guest backend's hand-offs (handoff.h), or NULL */
	const struct hy_pt_runtime *runtime; /* the guest backend's, for exec_runtime.c */
	/* children that stopped, ran and exited before their parent's fork/clone event was read */
	struct hy_tidmap gone_unannounced;
};

/* The handlers' decision, kept for the replay of the original call after injections. */
struct hy_pt_decision {
	enum hy_cont cont;
	int64_t skip_ret;
	uint64_t args[6];
	bool modified;
	bool delayed;
};

/* Injected calls (syscall_stop.c). */
struct hy_pt_injection {
	bool active;
	struct user_regs_struct regs; /* as the original call stopped */
	int sig;		      /* a signal that arrived meanwhile */
	bool dead;		      /* the task died during an injection */
	int dead_status;
};

/* A task as the debugger sees it (gdb_stop.c). */
struct hy_dbg_task {
	bool parked;	  /* held in its stop for the debugger */
	bool listen;	  /* ...in a group-stop: it goes on with PTRACE_LISTEN */
	int park_sig;	  /* the signal it goes on with, as the loop decided */
	bool in_signal;	  /* parked in a signal-delivery stop gdb decides about */
	bool stepping;	  /* gdb asked for one instruction */
	bool emulated;	  /* hytrace emulated an instruction: a step is over */
	bool interrupted; /* PTRACE_INTERRUPT sent, its stop not yet seen */
	bool stop_asked;  /* hy_debug_stop() or the first exec: stop at the next resumption */
	bool report;	  /* stopped for a reason of its own gdb was not told yet */
	int report_sig;
	bool report_swbreak;
	bool seen; /* a new task: breakpoints were taken out of a forked copy */
};

struct hy_pt_task {
	struct hy_task t;  /* first: the registry allocates struct hy_pt_task */
	bool in_exit_stop; /* resumed with PTRACE_SYSCALL: the next syscall stop is an exit */
	bool replay;	   /* re-running the original call after injections */
	bool foreign_stop; /* a seccomp stop the guest's own filter asked for */
	bool unannounced;  /* met at its own first stop; its parent's fork event is still to come */
	struct hy_pt_decision decided;
	struct hy_pt_injection inj;
	struct hy_task_pin pin;
	/* executed: stop at execve's exit, and arm what tools intercept when leaving it */
	enum { HY_EXEC_ARM_AT_EXIT = 1, HY_EXEC_ARM_NOW } exec_arm;
	/* the guest backend kept it at its exec: hytrace's filter goes in at execve's exit */
	bool filter_at_exit;
	/* its execve got the runtime's variables (exec_runtime.c): the guest's envp, its argument */
	bool runtime_env;
	int runtime_arg;
	uint64_t runtime_envp;
	struct hy_dbg_task dbg;
};

static inline struct hy_pt_task *pt_task(struct hy_task *t)
{
	return (struct hy_pt_task *)((char *)t - offsetof(struct hy_pt_task, t));
}

#endif
