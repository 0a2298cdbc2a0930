// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: creating and reaping processes (clone with its ids and tls,
 * clone3's struct clone_args, vfork, waitid), another process's memory
 * (process_vm_readv/writev, process_madvise, process_mrelease). Every child
 * exits at once with exit_group (not traced: only its "+++ exited" line).
 * trace: vfork
 * runs: -s 7
 */
#include "fid.h"

#include <linux/sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* The child leaves without touching the stack it shares with its parent. */
static long vfork_and_exit(int code)
{
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %2, %%edi\n\t"
			 "mov $231, %%eax\n\t" /* exit_group */
			 "syscall\n"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_vfork), "r"(code)
			 : "rcx", "r11", "rdi", "memory");
	return ret;
}

/* raw clone: the child (a copy of this memory, not a thread) leaves at once */
static long clone5(unsigned long flags, void *stack, int *ptid, int *ctid, unsigned long tls)
{
	long pid = S(SYS_clone, flags, stack, ptid, ctid, tls);

	if (pid == 0)
		_exit(7);
	return pid;
}

static long clone3_args(struct clone_args *a, size_t size)
{
	long pid = S(SYS_clone3, a, size);

	if (pid == 0)
		_exit(9);
	return pid;
}

int main(void)
{
	siginfo_t *si = at_edge(NULL, sizeof(*si));
	struct rusage *ru = at_edge(NULL, sizeof(*ru));
	int *ptid = at_edge(NULL, sizeof(int));
	int *ctid = at_edge(NULL, sizeof(int));
	int *pidfd = at_edge(NULL, sizeof(int));
	unsigned long tls;
	long pid;

	/*
	 * a line of this process before any child's: fidelity.py numbers the
	 * processes in the order their lines appear, and a child's exit may be
	 * logged before the clone that made it
	 */
	S(SYS_waitid, P_ALL, 0, NULL, 0, NULL);
	/* glibc's thread pointer points at itself: a tls the child can run with */
	__asm__("mov %%fs:0, %0" : "=r"(tls));
	pid = clone5(SIGCHLD, NULL, NULL, NULL, 0);
	S(SYS_waitid, P_PID, pid, si, WEXITED, ru);
	pid = clone5(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
		     NULL, ptid, ctid, 0);
	S(SYS_waitid, P_ALL, 0, si, WEXITED | WSTOPPED, NULL);
	pid = clone5(CLONE_SETTLS | CLONE_PIDFD | SIGCHLD, NULL, pidfd, NULL, tls);
	S(SYS_waitid, P_PIDFD, *pidfd, si, __WALL | WEXITED, ru);
	S(SYS_close, *pidfd);
	clone5(CLONE_THREAD, NULL, NULL, NULL, 0);
	clone5(CLONE_NEWUSER | CLONE_FS, BAD, BAD, BAD, 0);
	clone5(G(CLONE_PIDFD | CLONE_PARENT_SETTID), NULL, ptid, NULL, 0);
	clone5(CLONE_PIDFD | CLONE_DETACHED, NULL, BAD, NULL, 0);
	S(SYS_waitid, P_ALL, 0, si, WEXITED | WNOHANG, NULL);
	S(SYS_waitid, P_PGID, 0, BAD, WEXITED, NULL);
	S(SYS_waitid, 99, 0, si, WEXITED, NULL);
	S(SYS_waitid, G(P_PID), G(0x7ffffff0), NULL, G(WEXITED), NULL);
	S(SYS_waitid, P_PIDFD, -1, si, WEXITED | WNOHANG | 0x10000000, BAD);
	{
		struct clone_args *a = at_edge(NULL, 64);
		struct clone_args *a2 = at_edge(NULL, sizeof(*a2));
		char *big = at_edge(NULL, 4096);

		a->exit_signal = SIGCHLD;
		pid = clone3_args(a, 64);
		S(SYS_waitid, P_PID, pid, si, WEXITED, NULL);
		a->flags = CLONE_PIDFD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
		a->pidfd = (uintptr_t)pidfd;
		a->parent_tid = (uintptr_t)ptid;
		a->child_tid = (uintptr_t)ctid;
		pid = clone3_args(a, 64);
		S(SYS_waitid, P_PIDFD, *pidfd, si, WEXITED, NULL);
		S(SYS_close, *pidfd);
		clone3_args(a, 63);
		clone3_args(a, 72);
		clone3_args(BAD, 64);
		clone3_args(a, G(64));
		*a2 = (struct clone_args){ .flags = 1ull << 40, .exit_signal = 1ull << 33 };
		clone3_args(a2, sizeof(*a2));
		*a2 = (struct clone_args){ .flags = CLONE_SETTLS | CLONE_INTO_CGROUP,
					   .stack_size = 4096,
					   .tls = tls,
					   .set_tid_size = 2,
					   .cgroup = 0x7fff };
		clone3_args(a2, sizeof(*a2));
		memcpy(big, a, 64);
		big[100] = 1;
		clone3_args((void *)big, 4096);
	}
	pid = vfork_and_exit(3);
	S(SYS_waitid, P_PID, pid, si, WEXITED, ru);
	{
		static char src[] = "fidelity-vm-data";
		char *dst = at_edge(NULL, 16);
		struct iovec *lv = at_edge(NULL, 2 * sizeof(*lv));
		struct iovec *rv = at_edge(NULL, sizeof(*rv));
		int self = getpid();
		int fd;

		lv[0] = (struct iovec){ dst, 8 };
		lv[1] = (struct iovec){ dst + 8, 8 };
		rv[0] = (struct iovec){ src, 16 };
		S(SYS_process_vm_readv, self, lv, 2, rv, 1, 0);
		S(SYS_process_vm_readv, G(self), lv, 3, rv, 1, G(0));
		S(SYS_process_vm_readv, self, lv, 1, BAD, 1, 1);
		S(SYS_process_vm_writev, self, lv, 2, rv, 1, 0);
		S(SYS_process_vm_writev, 0x7ffffff0, lv, 1, rv, 2, 0);
		S(SYS_process_vm_writev, self, BAD, 1, rv, 1, 0);
		fd = S(SYS_pidfd_open, self, 0);
		S(SYS_process_madvise, fd, lv, 1, MADV_COLD, 0);
		S(SYS_process_madvise, G(fd), lv, 2, G(MADV_PAGEOUT), 1);
		S(SYS_process_madvise, -1, BAD, 1, 99, 0);
		S(SYS_process_mrelease, fd, 0);
		S(SYS_process_mrelease, G(-1), G(1));
		S(SYS_close, fd);
	}
	return 0;
}
