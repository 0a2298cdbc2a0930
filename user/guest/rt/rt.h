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
#include <stdio.h>
#include <ucontext.h>

#include "guest/guest_shm.h"
#include "sysset.h"
#include "tasks.h"

/*
 * The handler's mask: every signal but the synchronous ones waits while the
 * tools or the runtime's allocator run.
 */
#define HY_GRT_HANDLER_MASK                                                                        \
	(~((1ull << (SIGSYS - 1)) | (1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)) |             \
	   (1ull << (SIGILL - 1)) | (1ull << (SIGFPE - 1)) | (1ull << (SIGTRAP - 1))))

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
	int lock;	       /* tool callbacks of one process never run at once (rt_lock.c) */
	struct hy_sysset trap; /* calls some tool handles in the guest */
	char self[PATH_MAX];   /* this library, as LD_PRELOAD names it */
	char shm[PATH_MAX];
	struct hy_ksigaction guest_sigsys; /* the guest's own SIGSYS disposition */
	bool rewrite;  /* --guest-rewrite: unheld calls' sites rewritten (rt_rewrite.c) */
	bool threaded; /* pthread_create was called: a site is patched by one store only */
	/*
	 * The guest has put a signal handler of its own (never reset): until then
	 * no guest code can run inside the tools, and a held call from a
	 * rewritten site needs no signal mask change (rt_sigsys.c, hy_grt_held).
	 */
	bool guest_handlers;
	/*
	 * Tests' hooks (test_guest_backend.sh), a thread about to execute this
	 * program kills itself: HYTRACE_TEST_DIE_CLAIMED right after it claimed
	 * its hand-off slot, which hytrace must then free at its end;
	 * HYTRACE_TEST_DIE_LOCKED holding the tools' lock and the allocator's,
	 * which the parent of a vfork-type child must then free (rt_main.c).
	 */
	char die_claimed[PATH_MAX];
	char die_locked[PATH_MAX];
};

extern struct hy_guest_rt hy_grt;

/*
 * A task of the runtime's registry (hy_tasks_init's task_size): the core's,
 * and the calls it made before the runtime took it (hy_calls_before()),
 * hytrace's answer at its handshake.
 */
struct hy_grt_task {
	struct hy_task t;
	uint32_t nbefore;
	struct hy_guest_count before[HY_GUEST_ASK_CALLS];
};

/* Per thread: the dispatch selector byte, the thread's id, nesting depth. */
extern __thread volatile char hy_grt_sel __attribute__((tls_model("initial-exec")));
extern __thread int hy_grt_tid __attribute__((tls_model("initial-exec")));
/*
 * rt_lock.c: a lock of the runtime's memory holds its holder's hy_grt_tid (0:
 * free), so a parent frees what its vfork-type child held when it dies
 * holding it (hy_grt_free_held). HY_GRT_NO_TID: a thread not armed yet,
 * whose id is not known (no vfork child's).
 */
#define HY_GRT_NO_TID 0x3fffffff
static inline int hy_grt_holder(void)
{
	return hy_grt_tid ? hy_grt_tid : HY_GRT_NO_TID;
}
/* Take @w, sleeping while another holds it; give it back. */
void hy_grt_lock(volatile int *w);
void hy_grt_unlock(volatile int *w);
/* Take @w if it is free, or not (a spin lock, an "in use" word); give it back. */
static inline bool hy_grt_try_lock(volatile int *w)
{
	int free_ = 0;

	return __atomic_compare_exchange_n(w, &free_, hy_grt_holder(), false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}
static inline void hy_grt_try_unlock(volatile int *w)
{
	__atomic_store_n(w, 0, __ATOMIC_RELEASE);
}
/* @w given back for @tid, a task gone, if it holds it (0: whoever does). */
void hy_grt_unlock_held(volatile int *w, int tid);
/*
 * What the task @tid held of the runtime's locks, given back: a vfork-type
 * child's, dead or executed (rt_task.c); 0: every holder's, in a fork child,
 * where only the forking thread goes on (rt_main.c).
 */
void hy_grt_free_held(int tid);

/* a vfork child runs on this thread's stack and memory (gate.S) */
extern __thread volatile char hy_grt_vforking __attribute__((tls_model("initial-exec")));
/*
 * vfork: where the guest goes on, {rip, rsp} (gate.S), then the parent's tid
 * and hy_grt_sigsys_blocked (rt_task.c): the child shares these variables
 */
extern __thread uint64_t hy_grt_vfork_slot[4] __attribute__((tls_model("initial-exec")));
/* the guest's mask has SIGSYS, which is never really blocked (rt_sigsys.c) */
extern __thread bool hy_grt_sigsys_blocked __attribute__((tls_model("initial-exec")));

/*
 * The environment, read and edited in environ itself (rt_env.c): a program's
 * own getenv/setenv/unsetenv (bash's) would take the runtime's calls.
 */
const char *hy_grt_getenv(const char *name);
void hy_grt_unsetenv(const char *name);
/* @name's entry becomes @entry ("NAME=value", which must outlive the process's image) */
void hy_grt_replace_env(const char *name, char *entry);

/* One line to stderr and the process ends (exit 127): running untraced would be a silent lie. */
void hy_grt_die(const char *what, const char *detail) __attribute__((noreturn));
/* Arm Syscall User Dispatch in the calling thread (a new thread or process). */
int hy_grt_arm(void);
/*
 * The thread's own memory (rt_thread_mem.c), allocated at its first use (NULL
 * when it cannot be), in the handler; a vfork-type child uses its parent
 * thread's, which waits meanwhile.
 */
#define HY_GRT_SCRATCH_BYTES 65536
struct hy_grt_thread_mem {
	char scratch[HY_GRT_SCRATCH_BYTES + 256]; /* hy_scratch()'s (rt_sigsys.c) */
	void *exec_env; /* an execve's environment, kept for the next (rt_exec_env.c) */
	/* a vfork-type child's own seccomp filters, then the process's (rt_seccomp.c) */
	const void *vfork_filters;
};
/* @make: allocated if it is not yet (else NULL then: no call is made) */
struct hy_grt_thread_mem *hy_grt_thread_mem(bool make);
/* ... freed (at the thread's end: pthread_cleanup_push's routine). */
void hy_grt_thread_mem_free(void *unused);
/*
 * An execve's environment @envp with hytrace's variables put back, built in
 * the thread's own memory (rt_exec_env.c); @envp itself when there is none.
 */
uint64_t hy_grt_exec_env(uint64_t envp);
/* The SIGSYS handler. */
void hy_grt_sigsys(int sig, siginfo_t *si, void *uc);
/* Install it (the kernel's rt_sigaction, with the gate's restorer). */
int hy_grt_install_handler(void);
/* A fork-type child, still in the handler: its dispatch and lock afresh. */
void hy_grt_child(void);
/* rt_thread.c: the real pthread_create found, in the constructor (the runtime's calls). */
void hy_grt_thread_init(void);
/* ... and the thread starts @tid claimed, forgotten (hy_grt_free_held). */
void hy_grt_thread_free_held(int tid);

/*
 * rt_task.c: wait until hytrace has run the callbacks of this task's start;
 * @t (NULL: a fork child, which made no call before) gets its calls before.
 */
void hy_grt_wait_hytrace(struct hy_task *t);
/* Wake hytrace at once (its doorbell FIFO): a question waits in the region. */
void hy_grt_ring_door(void);
/*
 * Before an execve of @path: hytrace seizes this thread so the new program's
 * loader is held until its runtime arms (rt_handoff.c), or, @keep (a program
 * no runtime goes into), for good: true when it did.
 */
bool hy_grt_ask_seize(int keep, const char *path);
/*
 * A hand-off granted to this thread whose execve has not replaced the image
 * yet (its slot + 1, or 0): at the thread's next call the execve failed, and
 * hy_grt_exec_failed() gives the hand-off back (hytrace lets go of the
 * thread, frees the slot).
 */
extern __thread int hy_grt_exec_slot __attribute__((tls_model("initial-exec")));
void hy_grt_exec_failed(void);
/*
 * The registers of the call the thread's tools run for, when it trapped
 * (the handler's ucontext gregs), for hy_backtrace() (rt_backtrace.c); NULL
 * for a held call of a rewritten site, which has no ucontext.
 */
extern __thread const long long *hy_grt_trap_regs __attribute__((tls_model("initial-exec")));
/*
 * The thread is outside the SIGSYS handler, the selector at "block": a vfork
 * child that shared its variables and was killed inside the handler (at its
 * execve, say) left them as the handler had them (rt_sigsys.c).
 */
void hy_grt_outside_handler(void);
/*
 * The runtime's notes of the guest's signal actions (rt_calls.c): its SIGSYS
 * disposition, and which handlers' masks it wants SIGSYS in.
 */
struct hy_grt_actions {
	struct hy_ksigaction sigsys;
	uint64_t sigsys_in_handler;
};
void hy_grt_actions_save(struct hy_grt_actions *a);
void hy_grt_actions_restore(const struct hy_grt_actions *a);

/*
 * Before a vfork-type call: the thread's identity kept for the parent, and
 * the notes of its signal actions, which the child shares but the kernel
 * does not (a vfork child's sigactions are its own: hy_grt_after_vfork).
 */
void hy_grt_before_vfork(void);
/* After it (gate.S), in both: the child armed and held, the parent itself again. */
void hy_grt_after_vfork(long ret);

/* What an execve of @path runs: HY_IMAGE_* (guest_shm.h), or 0; @loaderless: static (rt_task.c). */
int hy_grt_image_kind(const char *path, bool *loaderless);
/*
 * Tell hytrace this thread's execve starts such a program, @held through
 * ptrace, @loaderless (rt_sigsys.c).
 */
void hy_grt_note_unheld_exec(int kind, bool held, bool loaderless, const char *path);

/*
 * rt_defer.c: wait, with the tools' lock not held, until the deferred call @d
 * is resumed; its entry is freed. Returns the cookie, the deferring tool in @tool.
 */
struct hy_deferred;
void *hy_grt_defer_wait(struct hy_deferred *d, int *tool);

/* rt_alloc.c: the allocator's lock given back for @tid (hy_grt_free_held). */
void hy_grt_alloc_free_held(int tid);
/* ... and taken, never given back: the test hook HYTRACE_TEST_DIE_LOCKED only */
void hy_grt_alloc_hold(void);

/*
 * --guest-rewrite: the site of the call @nr that trapped with rip @ip, so its
 * later calls do not trap (rt_rewrite.c). True when it was rewritten.
 */
bool hy_grt_rewrite(uintptr_t ip, long nr);
/* ... its "in use" word given back for @tid (hy_grt_free_held). */
void hy_grt_rewrite_free_held(int tid);
/* x86-64 numbers a rewritten site makes at once (gate.S): no tool holds them */
#define HY_DIRECT_MAX 512
extern uint64_t hy_grt_direct[HY_DIRECT_MAX / 64] __attribute__((visibility("hidden")));
/* ... and those a tool holds that reach the tools without a trap (hy_grt_held) */
extern uint64_t hy_grt_held_direct[HY_DIRECT_MAX / 64] __attribute__((visibility("hidden")));
/* bytes xsave needs here (0: no xsave, held calls of rewritten sites trap) */
extern uint64_t hy_grt_xsave_size __attribute__((visibility("hidden")));
/* What gate.S's hy_rewritten_held pushed: the site's registers, lowest first. */
struct hy_grt_site_regs {
	uint64_t rsp, rip, r15, r14, r13, r12, rbx;
	uint64_t args[6]; /* rdi, rsi, rdx, r10, r8, r9 */
	uint64_t rbp;
};
/*
 * A held call @nr from a rewritten site (gate.S, hy_rewritten_held), with the
 * registers it was made with @r (its arguments changed there by the tools):
 * the tools run and the call is made as the handler would, without a
 * signal. Returns the call's value.
 */
long hy_grt_held(long nr, struct hy_grt_site_regs *r) __attribute__((visibility("hidden")));
/* The calls the handler makes for the guest (rt_calls.c). */
/*
 * Call @nr with @a from the gate, in the handler, as if made where the
 * guest's registers @g say (its stack and rip in the record); returns its
 * value.
 */
long hy_grt_gate_call(const greg_t *g, long nr, const uint64_t a[6]);
/*
 * Make the call by returning into @gate with the guest's registers and @a;
 * @slot keeps where the guest resumes.
 */
void hy_grt_resume_at(greg_t *g, void *gate, long raw_nr, const uint64_t a[6],
		      volatile uint64_t *slot);
/*
 * Make the call @nr (x86-64 or x32) for the guest, as it should run, by hand
 * where a handler cannot make it plainly; @held: its tools let it run as it
 * was, with no note (from the gate's held entry).
 */
void hy_grt_make_call(ucontext_t *uc, long raw, long nr, uint64_t a[6], volatile uint64_t *slot,
		      bool held);
/* Whether the handler may make call @nr as it is, from the gate, in its context. */
bool hy_grt_plain_call(long nr);

/* Tell hytrace the next call is a tool's injected one. */
void hy_grt_note_injected(void);
/*
 * hy_output() of the tools in this process, made at its first call: text sent
 * to hytrace in notes (rt_output.c).
 */
FILE *hy_grt_output(struct hy_session *s);
/* A note for hytrace, in the kernel's record of this thread (guest_shm.h). */
void hy_grt_note(long kind, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);
/*
 * rt_skip_mem.c: the memory the capture plan takes at the entry of @t's held
 * call, which is skipped (the kernel never sees it), told in notes.
 */
struct hy_session;
struct hy_task;
void hy_grt_note_skip_memory(struct hy_session *s, struct hy_task *t);

/*
 * rt_seccomp.c: the guest's own seccomp filters, copied when installed. The
 * action (SECCOMP_RET_ACTION_FULL) they give a call (the seccomp_data of
 * @arch, @raw_nr, @a, @ip): SECCOMP_RET_ALLOW at once when the guest has none.
 */
uint32_t hy_grt_seccomp_action(uint32_t arch, long raw_nr, const uint64_t a[6], uint64_t ip);
/* It outranks hytrace's SECCOMP_RET_TRACE: no tool sees the call, the kernel acts. */
#define HY_GRT_OUTRANKS_TRACE(act) ((int32_t)(act) < (int32_t)0x7ff00000)
/* The guest's own SECCOMP_RET_TRACE (no tracer takes it: ENOSYS, as under ptrace). */
#define HY_GRT_OWN_TRACE(act) ((act) == 0x7ff00000u)
/* The guest's seccomp() or prctl() installed the filter @fprog (a struct sock_fprog). */
void hy_grt_seccomp_installed(const void *fprog);
/*
 * The filters for an execve's environment, "NAME=..." written in @buf of
 * HY_GRT_SECCOMP_ENV_MAX bytes (NULL: none, or more than fit), and back.
 */
#define HY_GRT_SECCOMP_ENV "HYTRACE_GUEST_SECCOMP"
#define HY_GRT_SECCOMP_ENV_MAX 65536
bool hy_grt_seccomp_any(void);
/* Before a vfork-type call (in the handler): the child starts with the process's filters. */
void hy_grt_seccomp_before_vfork(void);
char *hy_grt_seccomp_env(char *buf);
void hy_grt_seccomp_inherit(void);

/* rt_call_on.S: fn(arg) on the stack that ends at @stack_top (16-byte aligned). */
void hy_grt_call_on(void (*fn)(void *), void *arg, void *stack_top);

/* rt_alloc.c: the runtime's allocator (the core's malloc and free, in the runtime). */
void *hy_grt_malloc(size_t n);
void *hy_grt_calloc(size_t n, size_t m);
void hy_grt_free(void *p);

/* gate.S */
extern char hy_gate_start[], hy_gate_end[], hy_gate_restorer[], hy_gate_sigreturn[],
	hy_gate_vfork[], hy_gate_resume[], hy_gate_clone_vm[], hy_gate_clone3_vm[],
	hy_gate_rewritten[], hy_gate_resume_held[];
long hy_gate_setmask(const uint64_t *set, uint64_t *old);
long hy_gate_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
/* a call for the guest whose registers are @g (the recorder's slot: gate.S) */
long hy_gate_syscall_as(const greg_t *g, long nr, const uint64_t a[6]);
/* the same, for a held call its tools let run as it was (the recorder marks it) */
long hy_gate_syscall_held(const greg_t *g, long nr, const uint64_t a[6]);
long hy_gate_int80(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

#endif
