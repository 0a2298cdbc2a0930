/* SPDX-License-Identifier: MIT */
/*
 * The in-guest runtime (build/libhytrace-guest.so, preloaded into every guest
 * process): Syscall User Dispatch sends each call of the guest to a SIGSYS
 * handler, which runs the subscribed calls' tool callbacks in the guest's own
 * thread, through the same runtime (runtime.c) and accessors (tool_api.c) as
 * hytrace, and then makes the call from the gate (gate.S).
 */
#ifndef HY_GUEST_RT_H
#define HY_GUEST_RT_H

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "guest/guest_shm.h"
#include "sysset.h"

#define HY_SEL_ALLOW 0 /* SYSCALL_DISPATCH_FILTER_ALLOW */
#define HY_SEL_BLOCK 1 /* SYSCALL_DISPATCH_FILTER_BLOCK */

/* The kernel's struct sigaction (rt_sigaction(2) takes this, not glibc's). */
struct hy_ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

struct hy_guest_rt {
	bool active;
	struct hy_session *s;
	struct hy_guest_hdr *hdr;
	pthread_mutex_t lock;  /* tool callbacks of one process never run at once */
	struct hy_sysset trap; /* calls some tool handles in the guest */
	char self[PATH_MAX];   /* this library, for LD_PRELOAD at the next exec */
	char shm[PATH_MAX];
	struct hy_ksigaction guest_sigsys; /* the guest's own SIGSYS disposition */
};

extern struct hy_guest_rt hy_grt;

/* Per thread: the dispatch selector byte, the thread's id, nesting depth. */
extern __thread volatile char hy_grt_sel __attribute__((tls_model("initial-exec")));
extern __thread int hy_grt_tid __attribute__((tls_model("initial-exec")));
/* vfork: where the guest goes on, {rip, rsp} (gate.S), then the parent's tid (rt_task.c) */
extern __thread uint64_t hy_grt_vfork_slot[3] __attribute__((tls_model("initial-exec")));

/* Arm Syscall User Dispatch in the calling thread (a new thread or process). */
int hy_grt_arm(void);
/* The SIGSYS handler. */
void hy_grt_sigsys(int sig, siginfo_t *si, void *uc);
/* Install it (the kernel's rt_sigaction, with the gate's restorer). */
int hy_grt_install_handler(void);
/* A fork-type child, still in the handler: its dispatch and lock afresh. */
void hy_grt_child(void);

/* rt_task.c: wait until hytrace has run the callbacks of this task's start. */
void hy_grt_wait_hytrace(void);
/* Before a vfork-type call: the thread's identity kept for the parent. */
void hy_grt_before_vfork(void);
/* After it (gate.S), in both: the child armed and held, the parent itself again. */
void hy_grt_after_vfork(long ret);

/* What an execve of @path runs: no runtime goes into these (rt_task.c). */
enum { HY_IMAGE_STATIC = 1, HY_IMAGE_32BIT = 2, HY_IMAGE_SETID = 3 };
int hy_grt_image_kind(const char *path);
/* Tell hytrace this thread's execve starts such a program (rt_sigsys.c). */
void hy_grt_note_unheld_exec(int kind, const char *path);

/* rt_alloc.c: the allocator's lock afresh in a fork child. */
void hy_grt_alloc_child(void);

/* Tell hytrace the next call is a tool's injected one. */
void hy_grt_note_injected(void);

/* gate.S */
extern char hy_gate_start[], hy_gate_end[], hy_gate_restorer[], hy_gate_sigreturn[],
	hy_gate_vfork[], hy_gate_resume[], hy_gate_clone_vm[], hy_gate_clone3_vm[];
long hy_gate_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
long hy_gate_int80(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

#endif
