// SPDX-License-Identifier: MIT
/*
 * mech [N]: what one intercepted syscall costs with each mechanism, measured in
 * one run on the same calls (getppid), as nanoseconds per call:
 *   native                  the call itself
 *   sud trap                Syscall User Dispatch to a SIGSYS handler that
 *                           makes the call from the allowed region
 *   seccomp RET_TRAP        the same handler reached by a seccomp filter
 *   ptrace stop, same CPU   seccomp RET_TRACE, a tracer that only continues,
 *                           both pinned to one CPU
 *   ptrace stop, across     the tracer on another CPU
 *   call (rewritten site)   a `call` into a stub that makes the call, as a
 *                           rewritten site does (no trap)
 * The handlers are trivial: this is each mechanism's floor, not hytrace's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif

/* The allowed region: a syscall stub and the handler's rt_sigreturn. */
extern char region_start[], region_end[], region_restorer[];
long region_syscall0(long nr);
__asm__(".text\n"
	".p2align 4\n"
	"region_start:\n"
	"region_restorer:\n"
	"	mov $15, %eax\n"
	"	syscall\n"
	"	ud2\n"
	"region_syscall0:\n"
	"	mov %rdi, %rax\n"
	"	syscall\n"
	"	ret\n"
	"region_end:\n");

static volatile char selector; /* SUD: 0 allow, 1 block */

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

static void handler(int sig, siginfo_t *si, void *uv)
{
	ucontext_t *uc = uv;

	(void)sig;
	selector = 0;
	uc->uc_mcontext.gregs[REG_RAX] = region_syscall0(si->si_syscall);
	selector = 1;
}

static void install_handler(void)
{
	struct ksigaction sa = {
		.handler = (void *)handler,
		.flags = SA_SIGINFO | 0x04000000 /* SA_RESTORER */,
		.restorer = region_restorer,
	};

	if (syscall(SYS_rt_sigaction, SIGSYS, &sa, NULL, 8)) {
		perror("rt_sigaction");
		exit(2);
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static double loop_ns(long n)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (double)(now_ns() - t0) / n;
}

__attribute__((noinline)) static long stub_call(long nr)
{
	/* what a rewritten site's trampoline does: a check, then the call */
	static const unsigned char wanted[64];

	if ((unsigned long)nr < sizeof(wanted) * 8 && wanted[nr / 8] & (1 << (nr % 8)))
		return -ENOSYS;
	return region_syscall0(nr);
}

static double call_ns(long n)
{
	long (*volatile fn)(long) = stub_call;
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++)
		fn(SYS_getppid);
	return (double)(now_ns() - t0) / n;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* getppid under a seccomp filter that answers @action (ALLOW from the region) */
static void install_filter(unsigned int action)
{
	uint64_t lo = (uint64_t)region_start, hi = (uint64_t)region_end;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* the region lies within one 4 GiB window: compare the high word, then the low */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, instruction_pointer) + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(lo >> 32), 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, instruction_pointer)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (uint32_t)lo, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (uint32_t)hi, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, action),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("seccomp");
		_exit(2);
	}
}

/* Run @fn in a child (seccomp cannot be undone) and read its result. */
static double in_child(double (*fn)(long, int), long n, int traced, int cpu_tracer)
{
	int p[2];
	double r = -1;
	pid_t pid;
	int st;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		pin(0);
		if (traced) {
			ptrace(PTRACE_TRACEME, 0, 0, 0);
			raise(SIGSTOP);
		}
		r = fn(n, traced);
		if (write(p[1], &r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (traced) {
		pin(cpu_tracer);
		waitpid(pid, &st, 0);
		ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL);
		ptrace(PTRACE_CONT, pid, 0, 0);
		while (waitpid(pid, &st, 0) == pid && WIFSTOPPED(st)) {
			int sig = WSTOPSIG(st) == SIGTRAP || WSTOPSIG(st) == SIGSTOP ? 0 :
										       WSTOPSIG(st);

			ptrace(PTRACE_CONT, pid, 0, sig);
		}
	}
	if (read(p[0], &r, sizeof(r)) != sizeof(r))
		r = -1;
	close(p[0]);
	waitpid(pid, &st, 0);
	pin(0);
	return r;
}

static double seccomp_trap(long n, int traced)
{
	(void)traced;
	install_handler();
	install_filter(SECCOMP_RET_TRAP);
	return loop_ns(n);
}

static double seccomp_trace(long n, int traced)
{
	(void)traced;
	install_filter(SECCOMP_RET_TRACE);
	return loop_ns(n);
}

static double sud_trap(long n)
{
	double r;

	install_handler();
	selector = 0;
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, (unsigned long)region_start,
		  (unsigned long)(region_end - region_start), &selector))
		return -1;
	selector = 1;
	r = loop_ns(n);
	selector = 0;
	prctl(PR_SET_SYSCALL_USER_DISPATCH, 0, 0, 0, 0);
	return r;
}

static double min3(double a, double b, double c)
{
	double m = a < b ? a : b;

	return m < c ? m : c;
}

static void row(const char *what, double ns, double native)
{
	if (ns < 0)
		printf("%-34s %9s\n", what, "n/a");
	else
		printf("%-34s %9.0f ns/call %+9.0f ns over native\n", what, ns, ns - native);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	double native;

	if (n <= 0) {
		fprintf(stderr, "usage: mech [N]\n");
		return 2;
	}
	/* each the best of three rounds, the first after a warm-up: a shared machine drifts */
	pin(0);
	loop_ns(n / 10);
	native = min3(loop_ns(n), loop_ns(n), loop_ns(n));
	row("native getppid", native, native);
	row("call into a stub (rewritten site)", min3(call_ns(n), call_ns(n), call_ns(n)), native);
	row("Syscall User Dispatch trap", min3(sud_trap(n), sud_trap(n), sud_trap(n)), native);
	row("seccomp RET_TRAP",
	    min3(in_child(seccomp_trap, n, 0, 0), in_child(seccomp_trap, n, 0, 0),
		 in_child(seccomp_trap, n, 0, 0)),
	    native);
	row("ptrace stop (RET_TRACE), same CPU",
	    min3(in_child(seccomp_trace, n / 5, 1, 0), in_child(seccomp_trace, n / 5, 1, 0),
		 in_child(seccomp_trace, n / 5, 1, 0)),
	    native);
	row("ptrace stop (RET_TRACE), across CPUs",
	    ncpu > 1 ? in_child(seccomp_trace, n / 5, 1, 1) : -1, native);
	return 0;
}
