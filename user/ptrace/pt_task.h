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

struct hy_ptrace {
	bool attached;	       /* guests were attached, not launched: detach, never kill */
	bool detaching;	       /* the run is ending: let every task go */
	bool set_syscall_info; /* the kernel has PTRACE_SET_SYSCALL_INFO */
	struct hy_cpu_pin cpu;
	timer_t timer;	/* interrupts waitpid so the ring is drained */
	bool timer_on;
	uint64_t timer_period_ns;
	timer_t defer_timer; /* ...and when a deferred call is due (hy_resume_after) */
	bool defer_timer_on;
	uint64_t defer_armed; /* the deadline it is armed for, 0: none */
	pid_t tid;	      /* the tracer's thread, woken by hy_resume() */
	pthread_t thread;
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

struct hy_pt_task {
	struct hy_task t;    /* first: the registry allocates struct hy_pt_task */
	bool in_exit_stop;   /* resumed with PTRACE_SYSCALL: the next syscall stop is an exit */
	bool replay;	     /* re-running the original call after injections */
	bool foreign_stop;   /* a seccomp stop the guest's own filter asked for */
	struct hy_pt_decision decided;
	struct hy_pt_injection inj;
	struct hy_task_pin pin;
};

static inline struct hy_pt_task *pt_task(struct hy_task *t)
{
	return (struct hy_pt_task *)((char *)t - offsetof(struct hy_pt_task, t));
}

#endif
