// SPDX-License-Identifier: MIT
/*
 * RDTSC, RDTSCP and CPUID as tool callbacks (on_rdtsc, on_cpuid). Linux makes
 * them fault per task: prctl(PR_SET_TSC, PR_TSC_SIGSEGV) for the TSC, and
 * arch_prctl(ARCH_SET_CPUID, 0) for CPUID where the CPU can fault on it. Both
 * are flags of the task that fork and clone copy; the TSC one survives execve
 * and the CPUID one does not (arch_setup_new_exec() clears it). Each process
 * therefore has them injected at every exec, at execve's exit stop, before the
 * program's first instruction: the dynamic loader reads the TSC at start-up.
 * The instruction then raises SIGSEGV (SI_KERNEL) in a signal-delivery stop;
 * the tracer reads the instruction, asks the tools what the guest reads, writes
 * the registers, steps over it and suppresses the signal.
 *
 * Nothing is armed unless a tool has the callback: the guest then runs the
 * instructions natively and the tracer never hears of them.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <cpuid.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include <x86intrin.h>

#include "error.h"
#include "ptrace/cpu_affinity.h"
#include "ptrace/exit_inject.h"
#include "ptrace/insn_fault.h"
#include "ptrace/syscall_stop.h"
#include "ptrace/vdso_patch.h"
#include "runtime.h"
#include "session.h"

#define NR_PRCTL_I386 172
#define NR_ARCH_PRCTL_I386 384

enum insn { INSN_NONE, INSN_RDTSC, INSN_RDTSCP, INSN_CPUID };

/* Whether this CPU and kernel fault on CPUID: try it on this thread, then undo it. */
static bool cpuid_faulting(void)
{
	if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0))
		return false; /* ENODEV: no CPUID faulting */
	syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
	return true;
}

static void tsc_probe_caught(int sig)
{
	(void)sig;
	_exit(7);
}

/*
 * Whether RDTSC faults here once PR_SET_TSC asks: a hypervisor may ignore the
 * TSC-disable bit (seen: PVM on AMD EPYC), and the guest then reads the CPU's
 * counter without a fault, unseen by the tools. Tried in a child, as the mode
 * is the task's; its handler exits, so the kernel logs no unhandled fault.
 */
static bool tsc_faulting(void)
{
	pid_t p = fork();
	int st;

	if (p == 0) {
		signal(SIGSEGV, tsc_probe_caught);
		prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
		(void)__rdtsc();
		_exit(0);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return true; /* cannot tell: armed as on any machine */
	return WIFEXITED(st) && WEXITSTATUS(st) == 7;
}

int hy_insn_setup(struct hy_session *s)
{
	struct hy_insn_arm *a = &s->pt->insn;

	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;

		a->rdtsc |= tool->on_rdtsc != NULL;
		a->cpuid |= tool->on_cpuid != NULL;
		a->vdso |= (tool->flags & HY_TOOL_VDSO_SYSCALLS) != 0;
		if (tool->on_cpuid && !cpuid_faulting())
			return hy_error(
				-ENOSYS,
				"tool %s: CPUID interception needs CPUID faulting, "
				"which this CPU or kernel lacks (no cpuid_fault in /proc/cpuinfo)",
				tool->name);
	}
	if (a->rdtsc && !tsc_faulting() && s->opts.notice) {
		char msg[256];

		snprintf(msg, sizeof(msg),
			 "RDTSC does not fault on this machine (its hypervisor ignores "
			 "PR_SET_TSC): the guest reads the CPU's counter, no tool's on_rdtsc "
			 "sees it");
		s->opts.notice(s->opts.notice_ctx, msg);
	}
	return 0;
}

bool hy_insn_armed(const struct hy_session *s)
{
	const struct hy_insn_arm *a = &s->pt->insn;

	return a->rdtsc || a->cpuid || a->vdso;
}

/* Inject the prctls this program needs; failures leave it unarmed, as without a tool. */
static void arm(struct hy_session *s, struct hy_pt_task *pt, struct hy_pt_exit_inject *x)
{
	const struct hy_pt_exit_call tsc = {
		SYS_prctl, NR_PRCTL_I386, { PR_SET_TSC, PR_TSC_SIGSEGV }, false
	};
	const struct hy_pt_exit_call cpuid = {
		SYS_arch_prctl, NR_ARCH_PRCTL_I386, { ARCH_SET_CPUID, 0 }, false
	};
	int64_t ret;

	/* the TSC mode survives exec: set again anyway, in case the guest turned it off */
	if (s->pt->insn.rdtsc)
		hy_pt_exit_inject(s, pt, x, &tsc, &ret);
	if (s->pt->insn.cpuid)
		hy_pt_exit_inject(s, pt, x, &cpuid, &ret);
}

void hy_insn_exec_exit(struct hy_session *s, struct hy_pt_task *pt)
{
	struct hy_pt_exit_inject x;

	pt->exec_arm = 0;
	if (hy_pt_exit_inject_begin(pt, &x))
		return;
	arm(s, pt, &x);
	hy_pt_exit_inject_end(pt, &x);
	if (s->pt->insn.vdso && !x.i386 && !pt->inj.dead)
		hy_vdso_patch(s, &pt->t);
}

static enum insn decode(const uint8_t *b, ssize_t n)
{
	if (n < 2 || b[0] != 0x0f)
		return INSN_NONE;
	if (b[1] == 0x31)
		return INSN_RDTSC;
	if (b[1] == 0xa2)
		return INSN_CPUID;
	if (n >= 3 && b[1] == 0x01 && b[2] == 0xf9)
		return INSN_RDTSCP;
	return INSN_NONE;
}

/* What the guest reads: this CPU's answer, then each tool's. */
static void emulate(struct hy_session *s, struct hy_task *t, enum insn k,
		    struct user_regs_struct *r)
{
	uint32_t v[4], aux = 0;
	uint64_t tsc;

	if (k == INSN_CPUID) {
		__cpuid_count((uint32_t)r->rax, (uint32_t)r->rcx, v[0], v[1], v[2], v[3]);
		hy_rt_cpuid(s, t, (uint32_t)r->rax, (uint32_t)r->rcx, v);
		r->rax = v[0], r->rbx = v[1], r->rcx = v[2], r->rdx = v[3];
		r->rip += 2;
		return;
	}
	tsc = k == INSN_RDTSCP ? __rdtscp(&aux) : __rdtsc();
	hy_rt_rdtsc(s, t, &tsc, k == INSN_RDTSCP ? &aux : NULL);
	r->rax = (uint32_t)tsc;
	r->rdx = tsc >> 32;
	if (k == INSN_RDTSCP)
		r->rcx = aux;
	r->rip += k == INSN_RDTSCP ? 3 : 2;
}

bool hy_insn_fault(struct hy_session *s, struct hy_pt_task *pt, int sig, const siginfo_t *si)
{
	const struct hy_insn_arm *a = &s->pt->insn;
	struct user_regs_struct r;
	uint8_t code[3];
	enum insn k;

	if (sig != SIGSEGV || si->si_code != SI_KERNEL || (!a->rdtsc && !a->cpuid))
		return false;
	if (ptrace(PTRACE_GETREGS, pt->t.tid, 0, &r))
		return false;
	k = decode(code, hy_pt_read_mem(s, &pt->t, r.rip, code, sizeof(code)));
	if (k == INSN_NONE || (k == INSN_CPUID ? !a->cpuid : !a->rdtsc))
		return false; /* a real fault: the guest gets its SIGSEGV */
	/* a stop like an escalation: cheaper on the tracer's CPU */
	hy_cpu_escalated(&s->pt->cpu, &pt->pin, pt->t.tid, hy_now_ns());
	emulate(s, &pt->t, k, &r);
	if (ptrace(PTRACE_SETREGS, pt->t.tid, 0, &r))
		return false;
	pt->dbg.emulated = true; /* a debugger's single step is over */
	return true;
}
