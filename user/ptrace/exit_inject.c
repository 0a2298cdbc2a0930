// SPDX-License-Identifier: MIT
/*
 * Injecting syscalls from a syscall-exit stop that no handler holds: the exit
 * of execve, where the new program has not run its first instruction yet (the
 * exec event stop itself will not do: execve's return value overwrites rax
 * after it). The registers are saved, a `syscall` (`int $0x80` in a 32-bit
 * program) is written over the two bytes at the instruction pointer, and the
 * task goes through it once per injected call (an entry stop, a seccomp stop
 * when the call is subscribed, an exit stop); then memory and registers are put
 * back. Writing code is safe only where no other thread can run it: right after
 * execve the process has one thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "call_notes.h"
#include "kernel_recorder.h"
#include "ptrace/exit_inject.h"
#include "session.h"

#define USER32_CS 0x23 /* the code segment of 32-bit programs */

int hy_pt_exit_inject_begin(struct hy_pt_task *pt, struct hy_pt_exit_inject *x)
{
	pid_t tid = pt->t.tid;
	long word;

	memset(x, 0, sizeof(*x));
	if (ptrace(PTRACE_GETREGS, tid, 0, &x->regs))
		return -errno;
	x->i386 = x->regs.cs == USER32_CS;
	errno = 0;
	word = ptrace(PTRACE_PEEKTEXT, tid, x->regs.rip, 0);
	if (errno)
		return -errno;
	x->word = word;
	/* 0f 05 is `syscall`, cd 80 `int $0x80`; the rest of the word stays */
	word = (word & ~0xffffL) | (x->i386 ? 0x80cd : 0x050f);
	if (ptrace(PTRACE_POKETEXT, tid, x->regs.rip, word))
		return -errno;
	x->begun = true;
	return 0;
}

/* The kernel recorder's backpressure stop is not the guest's signal: the ring is drained later. */
static bool is_throttle(struct hy_session *s, pid_t tid, int sig)
{
	siginfo_t si;

	return sig == SIGSTOP && s->krec && !ptrace(PTRACE_GETSIGINFO, tid, 0, &si) &&
	       si.si_code == SI_KERNEL && hy_krec_take_throttle(s->krec, tid);
}

/* Run the task to the exit stop of the call it enters; other stops pass. */
static int wait_injected(struct hy_session *s, struct hy_pt_task *pt, struct hy_pt_exit_inject *x,
			 int64_t *result)
{
	struct __ptrace_syscall_info info;
	pid_t tid = pt->t.tid;
	bool entered = false;
	int status;

	for (;;) {
		pid_t w = waitpid(tid, &status, __WALL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -ESRCH;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			pt->inj.dead = true; /* the loop still reports its end */
			pt->inj.dead_status = status;
			return -ESRCH;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80) &&
		    ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info) > 0) {
			if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
				entered = true;
			else if (info.op == PTRACE_SYSCALL_INFO_EXIT && entered)
				return *result = info.exit.rval, 0;
		} else if ((status >> 16) == 0 && !x->sig &&
			   !is_throttle(s, tid, WSTOPSIG(status))) {
			x->sig = WSTOPSIG(status); /* sent again when the task goes on */
		}
		if (ptrace(PTRACE_SYSCALL, tid, 0, 0))
			return -errno;
	}
}

int hy_pt_exit_inject(struct hy_session *s, struct hy_pt_task *pt, struct hy_pt_exit_inject *x,
		      const struct hy_pt_exit_call *call, int64_t *result)
{
	struct user_regs_struct regs = x->regs;
	const uint64_t *a = call->args;
	struct hy_record *note;
	long nr = x->i386 ? call->nr_i386 : call->nr;
	int err;

	if (!x->begun || pt->inj.dead)
		return -ESRCH;
	regs.rax = nr;
	if (x->i386) {
		regs.rbx = a[0], regs.rcx = a[1], regs.rdx = a[2];
		regs.rsi = a[3], regs.rdi = a[4], regs.rbp = a[5];
	} else {
		regs.rdi = a[0], regs.rsi = a[1], regs.rdx = a[2];
		regs.r10 = a[3], regs.r8 = a[4], regs.r9 = a[5];
	}
	pt->t.call.abi = x->i386 ? HY_ABI_I386 : HY_ABI_X86_64;
	note = NULL;
	if (call->own)
		hy_note_own(s, &pt->t);
	else
		note = hy_note_inject(s, &pt->t, nr, a); /* the record says who made the call */
	if (ptrace(PTRACE_SETREGS, pt->t.tid, 0, &regs) || ptrace(PTRACE_SYSCALL, pt->t.tid, 0, 0))
		err = -errno;
	else
		err = wait_injected(s, pt, x, result);
	hy_note_injected(s, &pt->t, note, err ? err : *result);
	return err;
}

void hy_pt_exit_inject_end(struct hy_pt_task *pt, struct hy_pt_exit_inject *x)
{
	pid_t tid = pt->t.tid;

	if (!x->begun || pt->inj.dead)
		return;
	ptrace(PTRACE_POKETEXT, tid, x->regs.rip, x->word);
	ptrace(PTRACE_SETREGS, tid, 0, &x->regs);
	if (x->sig) /* its siginfo is lost: it arrives as the kernel's (as_kernel_signal) */
		syscall(SYS_tgkill, pt->t.proc->tgid, tid, x->sig);
}
