// SPDX-License-Identifier: MIT
/*
 * The calls the SIGSYS handler (rt_sigsys.c) makes for the guest once its
 * tools are done: most by returning into the gate with the guest's registers;
 * by hand what cannot work from a handler (rt_sigreturn, rt_sigprocmask on
 * the mask the handler returns to, a new thread's clone, the guest's own
 * SIGSYS disposition, an execve's environment with LD_PRELOAD put back).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif
#define SIGBIT(sig) (1ull << ((sig)-1))

/* The call's number and arguments where the syscall instruction takes them. */
static void set_call_regs(greg_t *g, long raw_nr, const uint64_t a[6])
{
	g[REG_RDI] = a[0];
	g[REG_RSI] = a[1];
	g[REG_RDX] = a[2];
	g[REG_R10] = a[3];
	g[REG_R8] = a[4];
	g[REG_R9] = a[5];
	g[REG_RAX] = raw_nr;
}

/* Make the call by returning into @gate with the guest's registers and @a. */
void hy_grt_resume_at(greg_t *g, void *gate, long raw_nr, const uint64_t a[6],
		      volatile uint64_t *slot)
{
	slot[0] = g[REG_RIP];
	slot[1] = g[REG_RSP];
	slot[2] = g[REG_RSI];
	set_call_regs(g, raw_nr, a);
	g[REG_RIP] = (greg_t)gate;
	g[REG_RSP] = (greg_t)slot;
}

long hy_grt_gate_call(const greg_t *g, long nr, const uint64_t a[6])
{
	return hy_gate_syscall_as(g, nr, a);
}

/* A fork-type call made here: the child comes back in this handler, on its own copy. */
static long fork_here(const greg_t *g, long nr, const uint64_t a[6])
{
	long r = hy_grt_gate_call(g, nr, a);

	if (r == 0)
		hy_grt_child();
	return r;
}

static long sigprocmask_emulated(ucontext_t *uc, const uint64_t a[6])
{
	uint64_t *cur = (uint64_t *)&uc->uc_sigmask;
	uint64_t old = *cur | (hy_grt_sigsys_blocked ? SIGBIT(SIGSYS) : 0), v, nw;

	if (a[3] != 8)
		return -EINVAL;
	if (a[1]) {
		memcpy(&v, (const void *)a[1], 8);
		switch (a[0]) {
		case SIG_BLOCK:
			nw = old | v;
			break;
		case SIG_UNBLOCK:
			nw = old & ~v;
			break;
		case SIG_SETMASK:
			nw = v;
			break;
		default:
			return -EINVAL;
		}
		nw &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
		hy_grt_sigsys_blocked = nw & SIGBIT(SIGSYS);
		*cur = nw & ~SIGBIT(SIGSYS);
	}
	if (a[2])
		memcpy((void *)a[2], &old, 8);
	return 0;
}

/* the signals whose handler the guest wants to block SIGSYS (it never does) */
static uint64_t sigsys_in_handler_mask;

void hy_grt_actions_save(struct hy_grt_actions *a)
{
	a->sigsys = hy_grt.guest_sigsys;
	a->sigsys_in_handler = __atomic_load_n(&sigsys_in_handler_mask, __ATOMIC_RELAXED);
}

void hy_grt_actions_restore(const struct hy_grt_actions *a)
{
	hy_grt.guest_sigsys = a->sigsys;
	__atomic_store_n(&sigsys_in_handler_mask, a->sigsys_in_handler, __ATOMIC_RELAXED);
}

static void note_handlers(const struct hy_ksigaction *act)
{
	if (act && (uintptr_t)act->handler > (uintptr_t)SIG_IGN)
		__atomic_store_n(&hy_grt.guest_handlers, true, __ATOMIC_RELAXED);
}

/*
 * rt_sigaction of another signal: a handler's mask must not block SIGSYS (a
 * dispatch trap in the handler would kill), so the kernel gets a copy without
 * it, as the runtime's own call (not recorded: the notes describe the guest's
 * call), and the old action the guest reads back has it again.
 */
static long sigaction_call(const uint64_t a[6])
{
	const struct hy_ksigaction *act = (const void *)a[1];
	struct hy_ksigaction copy, *old = (struct hy_ksigaction *)a[2];
	int sig = (int)a[0];
	bool ours = sig >= 1 && sig <= 64, wants = false,
	     had = ours && __atomic_load_n(&sigsys_in_handler_mask, __ATOMIC_RELAXED) & SIGBIT(sig);

	note_handlers(act);
	if (act) {
		copy = *act;
		wants = copy.mask & SIGBIT(SIGSYS);
		copy.mask &= ~SIGBIT(SIGSYS);
	}
	if (syscall(SYS_rt_sigaction, a[0], act ? &copy : NULL, a[2], a[3]))
		return -errno;
	if (old && had)
		old->mask |= SIGBIT(SIGSYS);
	if (act && ours) {
		if (wants)
			__atomic_or_fetch(&sigsys_in_handler_mask, SIGBIT(sig), __ATOMIC_RELAXED);
		else
			__atomic_and_fetch(&sigsys_in_handler_mask, ~SIGBIT(sig), __ATOMIC_RELAXED);
	}
	return 0;
}

/* rt_sigaction of SIGSYS: the guest's, kept apart (ours stays installed). */
static long sigsys_action(const uint64_t a[6])
{
	struct hy_ksigaction *old = (struct hy_ksigaction *)a[2];

	note_handlers((const struct hy_ksigaction *)a[1]);
	if (a[3] != 8)
		return -EINVAL;
	if (old)
		*old = hy_grt.guest_sigsys;
	if (a[1])
		hy_grt.guest_sigsys = *(const struct hy_ksigaction *)a[1];
	return 0;
}

/*
 * An execve's or execveat's program @file, named @shown (argument @env: its
 * environment):
 * a dynamic one gets the runtime, its loader held until the runtime arms; a
 * static, 32-bit or set-ID one is held through ptrace, it and its children,
 * for good (no runtime will be there, so the environment is the guest's own,
 * and a dynamic program it executes later is held through ptrace too).
 */
static void exec_hand_off(uint64_t a[6], const char *file, const char *shown, int env)
{
	bool loaderless;
	int kind = hy_grt_image_kind(file, &loaderless);
	/* static, 32-bit, set-ID: held through ptrace, it and its children, for good */
	bool kept = kind && hy_grt_ask_seize(kind, file);

	if (kind)
		hy_grt_note_unheld_exec(kind, kept, loaderless, shown);
	/* kept: no runtime will be there, so the environment is the guest's own */
	if (!kept)
		a[env] = hy_grt_exec_env(a[env]);
	/* a dynamic program: its loader held until its runtime arms */
	if (!kind)
		hy_grt_ask_seize(0, file);
}

/*
 * execveat's program as a path this process can open: the name itself (from
 * the working directory, or absolute), else through its directory's or its
 * own descriptor in /proc (fexecve's AT_EMPTY_PATH, a memfd's too). False
 * when there is none: the exec then gets the runtime unheld, as before.
 */
static bool execveat_file(const uint64_t a[6], char *file, size_t size)
{
	const char *name = (const char *)a[1];
	int dir = (int)a[0], n;

	if (!name)
		return false;
	if (!*name)
		n = a[4] & AT_EMPTY_PATH ? snprintf(file, size, "/proc/self/fd/%d", dir) : -1;
	else if (*name == '/' || dir == AT_FDCWD)
		n = snprintf(file, size, "%s", name);
	else
		n = snprintf(file, size, "/proc/self/fd/%d/%s", dir, name);
	return n > 0 && (size_t)n < size;
}

/*
 * Not inlined: its 8 KiB of names are on the stack only for an execveat (the
 * handler runs on the guest's stack, which may be small: a frame that big in
 * the handler's own overflowed t_skipped_call_in_a_small_stack's).
 */
static __attribute__((noinline)) void execveat_hand_off(uint64_t a[6])
{
	char file[PATH_MAX + 32], shown[PATH_MAX] = "";
	bool ok = execveat_file(a, file, sizeof(file)) && !access(file, X_OK);

	/* fexecve's descriptor: the file's name, as the line about a static one says it */
	if (ok && !*(const char *)a[1] && readlink(file, shown, sizeof(shown) - 1) < 0)
		shown[0] = 0;
	if (ok)
		exec_hand_off(a, file, shown[0] ? shown : file, 3);
	else
		a[3] = hy_grt_exec_env(a[3]);
}

/*
 * A vfork (the child on this stack): made by returning into the gate, where
 * parent and child find the guest's rip and rsp in the thread's slot. The
 * gate arms the child (hy_grt_after_vfork); rewritten sites still hold
 * nothing while it runs on this thread's stack and memory.
 */
static void vfork_at_gate(greg_t *g, long raw, const uint64_t a[6])
{
	hy_grt_before_vfork();
	hy_grt_vfork_slot[0] = g[REG_RIP];
	hy_grt_vfork_slot[1] = g[REG_RSP];
	hy_grt_vforking = 1; /* rewritten sites hold nothing in the child (gate.S) */
	set_call_regs(g, raw, a);
	g[REG_RIP] = (greg_t)hy_gate_vfork;
}

/*
 * posix_spawn's clone(CLONE_VM | CLONE_VFORK) on a stack of its own: the
 * child shares this thread's memory, its thread-local variables included,
 * while the parent waits, so rewritten sites hold nothing meanwhile, as for
 * vfork (gate.S; hy_grt_after_vfork clears it in the parent).
 */
static void spawn_vfork(void)
{
	hy_grt_before_vfork();
	hy_grt_vforking = 1;
}

static void clone3_vm(greg_t *g, uint64_t a[6], volatile uint64_t *slot)
{
	struct clone_args *ca = (struct clone_args *)a[0];
	uint64_t top = ca->stack + ca->stack_size - 8;

	*(uint64_t *)top = g[REG_RIP];
	ca->stack_size -= 8;
	hy_grt_resume_at(g, hy_gate_clone3_vm, SYS_clone3, a, slot);
}

/*
 * A seccomp filter of the guest's (seccomp() or prctl()): made here, so that
 * once the kernel took it the runtime keeps a copy (rt_seccomp.c).
 */
static void seccomp_filter(greg_t *g, long raw, const uint64_t a[6], uint64_t fprog, bool listener)
{
	long r = hy_grt_gate_call(g, raw, a);

	g[REG_RAX] = r;
	/* > 0: a listener's fd, or with TSYNC the thread that could not be synced */
	if (r == 0 || (r > 0 && listener))
		hy_grt_seccomp_installed((const void *)fprog);
}

/*
 * A call made by hand never reaches the kernel: notes tell hytrace what the
 * guest asked and saw, and it writes the records the kernel would have
 * (guest_by_hand.c), so the call is in the log and the record once. @in_arg
 * (-1: none) points at @len bytes the call reads; after it, @out_arg at
 * what it wrote (only when it succeeded, as the kernel captures it).
 */
static void note_memory(int phase, int arg, const uint64_t a[6], size_t len)
{
	uint64_t v[4] = { 0 };

	if (arg < 0 || !a[arg] || len > sizeof(v))
		return;
	memcpy(v, (const void *)a[arg], len);
	hy_grt_note(HY_GNOTE_BYHAND_MEM, (uint64_t)phase | (uint64_t)arg << 8 | (uint64_t)len << 16,
		    v[0], v[1], v[2], v[3]);
}

static void note_by_hand_start(long nr, const uint64_t a[6], int in_arg, size_t len)
{
	hy_grt_note(HY_GNOTE_BYHAND1, (uint64_t)HY_ABI_X86_64 << 32 | (uint64_t)nr, a[0], a[1],
		    a[2], a[3]);
	note_memory(0, in_arg, a, len);
}

static void note_by_hand_end(const uint64_t a[6], long ret, int out_arg, size_t len)
{
	if (ret == 0)
		note_memory(1, out_arg, a, len);
	hy_grt_note(HY_GNOTE_BYHAND2, a[4], a[5], (uint64_t)ret, 0, 0);
}

/*
 * Make the call @nr (x86-64 or x32) for the guest, as it should run; @held:
 * its tools let it run as it was, with no note (from the gate's held entry).
 */
void hy_grt_make_call(ucontext_t *uc, long raw, long nr, uint64_t a[6], volatile uint64_t *slot,
		      bool held)
{
	greg_t *g = uc->uc_mcontext.gregs;

	switch (nr) {
	case SYS_rt_sigreturn:
		g[REG_RIP] = (greg_t)hy_gate_sigreturn; /* rsp still at the guest's frame */
		return;
	case SYS_rt_sigprocmask:
		note_by_hand_start(nr, a, a[1] && a[3] == 8 ? 1 : -1, 8);
		g[REG_RAX] = sigprocmask_emulated(uc, a);
		note_by_hand_end(a, g[REG_RAX], 2, 8);
		return;
	case SYS_rt_sigaction:
		note_by_hand_start(nr, a, a[1] ? 1 : -1, sizeof(struct hy_ksigaction));
		g[REG_RAX] = a[0] == SIGSYS ? sigsys_action(a) : sigaction_call(a);
		note_by_hand_end(a, g[REG_RAX], 2, sizeof(struct hy_ksigaction));
		return;
	case SYS_seccomp:
		if (a[0] == SECCOMP_SET_MODE_FILTER) {
			seccomp_filter(g, raw, a, a[2], a[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER);
			return;
		}
		break;
	case SYS_prctl:
		if (a[0] == PR_SET_SECCOMP && a[1] == SECCOMP_MODE_FILTER) {
			seccomp_filter(g, raw, a, a[2], false);
			return;
		}
		if (a[0] == PR_SET_SYSCALL_USER_DISPATCH) {
			note_by_hand_start(nr, a, -1, 0);
			g[REG_RAX] = -EBUSY; /* hytrace's own */
			note_by_hand_end(a, g[REG_RAX], -1, 0);
			return;
		}
		break;
	case SYS_fork:
		g[REG_RAX] = fork_here(g, raw, a);
		return;
	case SYS_vfork:
		vfork_at_gate(g, raw, a);
		return;
	case SYS_clone:
		if (a[0] & CLONE_VM && a[1]) {
			if (a[0] & CLONE_VFORK)
				spawn_vfork(); /* posix_spawn: gate.S arms the child */
			*(uint64_t *)(a[1] - 8) = g[REG_RIP];
			a[1] -= 8;
			hy_grt_resume_at(g, hy_gate_clone_vm, raw, a, slot);
			slot[2] = a[1] + 8;
			return;
		}
		if (a[0] & CLONE_VM && a[0] & CLONE_VFORK) {
			vfork_at_gate(g, raw, a);
			return;
		}
		if (!(a[0] & CLONE_VM)) {
			g[REG_RAX] = fork_here(g, raw, a);
			return;
		}
		break;
	case SYS_clone3: {
		struct clone_args *ca = (struct clone_args *)a[0];

		if (a[1] < sizeof(struct clone_args) - 16) /* up to tls at least */
			break;
		if (ca->flags & CLONE_VM && ca->stack) {
			if (ca->flags & CLONE_VFORK)
				spawn_vfork(); /* posix_spawn: gate.S arms the child */
			clone3_vm(g, a, slot);
			return;
		}
		if (ca->flags & CLONE_VM && ca->flags & CLONE_VFORK) {
			vfork_at_gate(g, raw, a);
			return;
		}
		if (!(ca->flags & CLONE_VM)) {
			g[REG_RAX] = fork_here(g, raw, a);
			return;
		}
		break;
	}
	case SYS_execve:
		/* a file that is not there: the call fails as it is, the record unchanged */
		if (!access((const char *)a[0], X_OK))
			exec_hand_off(a, (const char *)a[0], (const char *)a[0], 2);
		break;
	case SYS_execveat:
		execveat_hand_off(a);
		break;
	}
	hy_grt_resume_at(g, held ? hy_gate_resume_held : hy_gate_resume, raw, a, slot);
}
