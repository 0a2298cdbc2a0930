// SPDX-License-Identifier: MIT
/*
 * The SIGSYS handler: every syscall of an armed guest thread arrives here.
 * Subscribed calls run the tools' callbacks (runtime.c) in this thread; then
 * the call is made from the gate. Most calls are made by returning into the
 * gate (hy_gate_resume) with the guest's own registers and signal mask, so a
 * blocking call can be interrupted and a signal handler runs as natively; a
 * call whose tools want its exit is made from the handler; calls that cannot
 * work from a handler are made by hand (rt_calls.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

#ifndef SYS_USER_DISPATCH
#define SYS_USER_DISPATCH 2
#endif
#define AUDIT_ARCH_I386_ 0x40000003u
#define AUDIT_ARCH_X86_64_ 0xc000003eu
#define X32_BIT 0x40000000L

static __thread int depth __attribute__((tls_model("initial-exec")));
__thread const long long *hy_grt_trap_regs __attribute__((tls_model("initial-exec")));

void hy_grt_outside_handler(void)
{
	depth = 0;
	hy_grt_trap_regs = NULL;
	hy_grt_sel = HY_SEL_BLOCK;
}

/* the guest asked for SIGSYS blocked: it never is (a dispatch trap would kill) */
__thread bool hy_grt_sigsys_blocked __attribute__((tls_model("initial-exec")));
int hy_grt_install_handler(void)
{
	uint64_t mask = HY_GRT_HANDLER_MASK;
	struct hy_ksigaction sa = {
		.handler = (void *)hy_grt_sigsys,
		.flags = SA_SIGINFO | SA_NODEFER | 0x04000000 /* SA_RESTORER */,
		.restorer = hy_gate_restorer,
		.mask = mask,
	};

	if (syscall(SYS_rt_sigaction, SIGSYS, &sa, NULL, 8))
		return -errno;
	return 0;
}

static struct hy_task *current_task(struct hy_session *s)
{
	struct hy_task *t;

	if (!hy_grt_tid)
		hy_grt_tid = syscall(SYS_gettid);
	t = hy_task_find(&s->tasks, hy_grt_tid);
	return t ? t : hy_rt_task_get(s, hy_grt_tid, getpid(), getppid());
}

/* A SIGSYS of the guest's own (its seccomp filter, a kill): its handler, or the default. */
static void forward(int sig, siginfo_t *si, void *uc)
{
	void *h = hy_grt.guest_sigsys.handler;

	if (h == SIG_IGN && si->si_code <= 0)
		return;
	if (h == SIG_DFL || h == SIG_IGN) {
		struct hy_ksigaction dfl = { .handler = SIG_DFL };

		syscall(SYS_rt_sigaction, SIGSYS, &dfl, NULL, 8);
		syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGSYS);
		return;
	}
	hy_grt_sel = HY_SEL_BLOCK;
	if (hy_grt.guest_sigsys.flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))h)(sig, si, uc);
	else
		((void (*)(int))h)(sig);
	hy_grt_sel = HY_SEL_ALLOW;
}

/*
 * False for the calls made by hand or in the guest's own context (the mask,
 * SIGSYS, a new task's stack, exec): these are never made from the handler,
 * and their sites are never rewritten.
 */
bool hy_grt_plain_call(long nr)
{
	switch (nr) {
	case SYS_rt_sigreturn:
	case SYS_rt_sigprocmask:
	case SYS_rt_sigaction:
	case SYS_fork:
	case SYS_vfork:
	case SYS_clone:
	case SYS_clone3:
	case SYS_execve:
	case SYS_execveat:
	case SYS_exit:
	case SYS_exit_group:
	case SYS_prctl:
	case SYS_seccomp: /* its filter copied once the kernel took it (rt_seccomp.c) */
		return false;
	}
	return true;
}

/* A note for hytrace, in the kernel's record of this thread (guest_shm.h). */
void hy_grt_note(long kind, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	char sel = hy_grt_sel;

	hy_grt_sel = HY_SEL_BLOCK; /* from the gate, "block": the guest's, so recorded */
	hy_gate_syscall(HY_GUEST_NOTE_NR, kind, a1, a2, a3, a4, a5);
	hy_grt_sel = sel;
}

/*
 * A note made as from the guest's registers @g (the recorder's slot, gate.S):
 * a skipped call's first note, at which the recorder takes the call's stack
 * (-k), since the call itself never reaches the kernel.
 */
static void note_as(const greg_t *g, long kind, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	uint64_t a[6] = { kind, a1, a2, a3, a4, a5 };
	char sel = hy_grt_sel;

	if (!g) {
		hy_grt_note(kind, a1, a2, a3, a4, a5);
		return;
	}
	hy_grt_sel = HY_SEL_BLOCK;
	hy_gate_syscall_as(g, HY_GUEST_NOTE_NR, a);
	hy_grt_sel = sel;
}

void hy_grt_note_injected(void)
{
	hy_grt_note(HY_GNOTE_RUN, HY_EV_INJECTED, 0, 0, 0, 0);
}

void hy_grt_note_unheld_exec(int kind, bool held, bool loaderless, const char *path)
{
	const char *base = strrchr(path, '/');
	uint64_t name[4] = { 0 };

	strncpy((char *)name, base ? base + 1 : path, sizeof(name) - 1);
	hy_grt_note(HY_GNOTE_UNHELD_EXEC,
		    (uint64_t)kind | (held ? HY_GNOTE_EXEC_PTRACE : 0) |
			    (loaderless ? HY_GNOTE_EXEC_LOADERLESS : 0),
		    name[0], name[1], name[2], name[3]);
}

static unsigned int run_flags(const struct hy_call *c)
{
	return HY_EV_ESCALATED | (c->modified ? HY_EV_MODIFIED : 0) |
	       (c->delayed ? HY_EV_DELAYED : 0);
}

/*
 * A skipped call: its notes (with the entry memory the kernel would have
 * captured), then a call of number -1 the kernel records as its exit.
 */
static void note_skip(struct hy_session *s, struct hy_task *t, uint64_t refused)
{
	const struct hy_call *c = &t->call;

	note_as(hy_grt_trap_regs, HY_GNOTE_SKIP1, (uint64_t)c->abi << 32 | (uint64_t)c->nr,
		c->args[0], c->args[1], c->args[2], c->args[3]);
	hy_grt_note_skip_memory(s, t);
	hy_grt_note(HY_GNOTE_SKIP2, c->args[4], c->args[5], c->ret,
		    (c->modified ? HY_EV_MODIFIED : 0) | (c->delayed ? HY_EV_DELAYED : 0) | refused,
		    c->delayed ? c->ts : 0);
	hy_grt_sel = HY_SEL_BLOCK;
	hy_gate_syscall(-1, 0, 0, 0, 0, 0, 0);
	hy_grt_sel = HY_SEL_ALLOW;
}

/* A trapped call starts in @c: what the trap gave, at this time (a nested one's caller saves the outer). */
static void call_begin(struct hy_call *c, enum hy_abi abi, long raw, long nr, const uint64_t a[6])
{
	struct timespec ts;

	memset(c, 0, sizeof(*c));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	c->abi = abi;
	c->nr = nr;
	c->raw_nr = raw;
	memcpy(c->args, a, sizeof(c->args));
	memcpy(c->orig_args, a, sizeof(c->orig_args));
	c->ts = ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * The guest's own seccomp filter says TRACE: no tracer takes it, so the
 * kernel would end the call with ENOSYS before its sys_enter, unrecorded;
 * under ptrace hytrace's stop ends it so, no tool told, and records it. The
 * same here: a skip of -ENOSYS that no tool saw, its notes the record.
 */
static void own_trace_enosys(greg_t *g, enum hy_abi abi, long raw, long nr, const uint64_t a[6])
{
	struct hy_session *s = hy_grt.s;
	struct hy_task *t;
	struct hy_call outer, *c;

	g[REG_RAX] = -ENOSYS;
	hy_grt_lock(&hy_grt.lock);
	if (!(t = current_task(s))) {
		hy_grt_unlock(&hy_grt.lock);
		return;
	}
	c = &t->call;
	if (depth > 1)
		outer = *c;
	call_begin(c, abi, raw, nr, a);
	c->ret = -ENOSYS;
	note_skip(s, t, HY_GNOTE_REFUSED);
	if (depth > 1)
		*c = outer;
	hy_grt_unlock(&hy_grt.lock);
}

/*
 * A tool deferred the call (hy_defer()): this thread waits, the tools' lock
 * released so the process's other threads go on, until it is resumed; then
 * the tool's on_resume and the later tools run here. Returns the call's
 * continuation.
 */
static enum hy_cont wait_deferred(struct hy_session *s, struct hy_task *t)
{
	struct hy_call *c = &t->call;

	while (c->deferred) {
		struct hy_deferred *d = c->deferred;
		void *cookie;
		int tool;

		hy_grt_unlock(&hy_grt.lock);
		cookie = hy_grt_defer_wait(d, &tool);
		hy_grt_lock(&hy_grt.lock);
		c->deferred = NULL;
		hy_rt_call_resume(s, t, tool, cookie);
	}
	return c->cont;
}

/* A subscribed call: the tools decide; returns true when the call is done. */
/*
 * @masked: the guest's signals are blocked while the tools run (the handler's
 * mask, or hy_grt_held's), its mask in @uc; else nothing changes the mask.
 * *@unnoted: the tools let the call run as it was and no note says so: it
 * must be made from the gate's held entry, which the recorder marks.
 */
static bool handle(ucontext_t *uc, enum hy_abi abi, long raw, long nr, uint64_t a[6], bool masked,
		   bool *unnoted)
{
	struct hy_session *s = hy_grt.s;
	greg_t *g = uc->uc_mcontext.gregs;
	struct hy_task *t;
	struct hy_call outer, *c;
	struct hy_grt_thread_mem *mem;
	uint64_t mask_all = ~0ull, mask_guest;
	enum hy_cont cont;
	long r;

	hy_grt_lock(&hy_grt.lock);
	if (!(t = current_task(s))) {
		hy_grt_unlock(&hy_grt.lock);
		return false;
	}
	c = &t->call;
	if (depth > 1)
		outer = *c;
	call_begin(c, abi, raw, nr, a);
	/* hy_scratch(): this thread's own buffer, never the guest's stack under the frame */
	mem = hy_grt_thread_mem(true);
	c->sp = depth > 1 || !mem ? 0 : (uint64_t)(mem->scratch + HY_GRT_SCRATCH_BYTES) + 128;
	cont = hy_rt_call_enter(s, t);
	if (c->deferred)
		cont = wait_deferred(s, t);
	memcpy(a, c->args, sizeof(c->args));
	if (cont == HY_CONT_SKIP) {
		note_skip(s, t, 0);
		g[REG_RAX] = c->ret;
	} else if (c->exit_tools && hy_grt_plain_call(nr) && abi != HY_ABI_I386) {
		hy_grt_note(HY_GNOTE_RUN, run_flags(c), 1, c->delayed ? c->ts : 0, 0, 0);
		hy_grt_unlock(&hy_grt.lock);
		/*
		 * The call runs with the guest's mask: a signal can interrupt it. The
		 * selector says "block" whenever the guest's signals can come, so a
		 * handler of the guest has its calls held.
		 */
		mask_guest = *(uint64_t *)&uc->uc_sigmask;
		hy_grt_sel = HY_SEL_BLOCK;
		if (masked)
			hy_gate_setmask(&mask_guest, NULL);
		r = hy_grt_gate_call(g, raw, a);
		if (masked)
			hy_gate_setmask(&mask_all, NULL);
		hy_grt_sel = HY_SEL_ALLOW;
		hy_grt_lock(&hy_grt.lock);
		c->at_exit = true;
		c->ret = r;
		hy_rt_call_exit(s, t);
		if (c->deferred)
			wait_deferred(s, t);
		g[REG_RAX] = c->ret;
		hy_grt_note(HY_GNOTE_EXIT, c->ret, c->ret_changed, c->delayed ? HY_EV_DELAYED : 0,
			    0, 0);
	} else if (!c->modified && !c->delayed && abi == HY_ABI_X86_64 && hy_grt_plain_call(nr)) {
		/* the recorder marks it by the held entry: a note call (~0.8 us) saved */
		*unnoted = true;
		cont = HY_CONT_RUN;
	} else {
		hy_grt_note(HY_GNOTE_RUN, run_flags(c), 0, c->delayed ? c->ts : 0, 0, 0);
		cont = HY_CONT_RUN;
	}
	if (depth > 1)
		*c = outer;
	hy_grt_unlock(&hy_grt.lock);
	return cont != HY_CONT_RUN;
}

/*
 * The registers a rewritten site's call would have trapped with, as a
 * ucontext's: hy_backtrace() sends them, and the call is made as from them
 * (its stack in the record, -k).
 */
static void site_gregs(greg_t *g, long nr, const struct hy_grt_site_regs *r)
{
	g[REG_RIP] = r->rip;
	g[REG_RSP] = r->rsp;
	g[REG_RBP] = r->rbp;
	g[REG_RBX] = r->rbx;
	g[REG_R12] = r->r12;
	g[REG_R13] = r->r13;
	g[REG_R14] = r->r14;
	g[REG_R15] = r->r15;
	g[REG_RDI] = r->args[0];
	g[REG_RSI] = r->args[1];
	g[REG_RDX] = r->args[2];
	g[REG_R10] = r->args[3];
	g[REG_R8] = r->args[4];
	g[REG_R9] = r->args[5];
	g[REG_RAX] = nr;
}

long hy_grt_held(long nr, struct hy_grt_site_regs *r)
{
	/* the handler's mask (hy_grt_install_handler): the tools run uninterrupted */
	uint64_t block = HY_GRT_HANDLER_MASK, guest = 0, *a = r->args;
	int saved_errno = errno;
	ucontext_t uc;
	greg_t *g = uc.uc_mcontext.gregs;
	bool done, unnoted = false,
		   masked = __atomic_load_n(&hy_grt.guest_handlers, __ATOMIC_RELAXED);
	const long long *trapped;
	uint32_t own;

	/*
	 * The selector is at "allow" only while every signal the guest handles is
	 * blocked: a handler of the guest never runs with its calls let through.
	 * A guest without handlers has no code a signal could run: two calls fewer.
	 */
	if (masked)
		hy_gate_setmask(&block, &guest);
	hy_grt_sel = HY_SEL_ALLOW;
	depth++;
	if (hy_grt_exec_slot)
		hy_grt_exec_failed(); /* a call after a granted execve: it failed */
	memcpy(&uc.uc_sigmask, &guest, sizeof(guest));
	site_gregs(g, nr, r);
	/* the guest's own seccomp filter wins over hytrace's TRACE: the kernel acts */
	own = hy_grt_seccomp_action(AUDIT_ARCH_X86_64_, nr, a, r->rip);
	if (HY_GRT_OUTRANKS_TRACE(own) || HY_GRT_OWN_TRACE(own)) {
		if (HY_GRT_OWN_TRACE(own))
			own_trace_enosys(g, HY_ABI_X86_64, nr, nr, a);
		depth--;
		errno = saved_errno;
		hy_grt_sel = HY_SEL_BLOCK;
		if (masked)
			hy_gate_setmask(&guest, NULL);
		return HY_GRT_OWN_TRACE(own) ? -ENOSYS : hy_grt_gate_call(g, nr, a);
	}
	trapped = hy_grt_trap_regs;
	hy_grt_trap_regs = g; /* hy_backtrace() unwinds from the site */
	done = handle(&uc, HY_ABI_X86_64, nr, nr, a, masked, &unnoted);
	hy_grt_trap_regs = trapped;
	depth--;
	errno = saved_errno;
	hy_grt_sel = HY_SEL_BLOCK;
	if (masked)
		hy_gate_setmask(&guest, NULL);
	/* not done: made as when the handler returns into the gate, with the guest's mask */
	if (done)
		return g[REG_RAX];
	return unnoted ? hy_gate_syscall_held(g, nr, a) : hy_grt_gate_call(g, nr, a);
}

void hy_grt_sigsys(int sig, siginfo_t *si, void *uv)
{
	ucontext_t *uc = uv;
	greg_t *g = uc->uc_mcontext.gregs;
	int saved_errno = errno;
	volatile uint64_t slot[4];
	uint64_t a[6];
	enum hy_abi abi = HY_ABI_X86_64;
	long raw = si->si_syscall, nr = raw;
	bool unnoted = false;
	uint32_t own;

	hy_grt_sel = HY_SEL_ALLOW;
	depth++;
	if (si->si_code != SYS_USER_DISPATCH) {
		forward(sig, si, uv);
		goto out;
	}
	if (hy_grt_exec_slot)
		hy_grt_exec_failed(); /* a call after a granted execve: it failed */
	if (si->si_arch == AUDIT_ARCH_I386_) {
		abi = HY_ABI_I386;
		a[0] = (uint32_t)g[REG_RBX], a[1] = (uint32_t)g[REG_RCX];
		a[2] = (uint32_t)g[REG_RDX], a[3] = (uint32_t)g[REG_RSI];
		a[4] = (uint32_t)g[REG_RDI], a[5] = (uint32_t)g[REG_RBP];
	} else {
		if (raw & X32_BIT) {
			abi = HY_ABI_X32;
			nr = raw & ~X32_BIT;
		}
		a[0] = g[REG_RDI], a[1] = g[REG_RSI], a[2] = g[REG_RDX];
		a[3] = g[REG_R10], a[4] = g[REG_R8], a[5] = g[REG_R9];
	}
	/* --guest-rewrite: a call a rewritten site can make or hand over need not trap again */
	if (hy_grt.rewrite && abi == HY_ABI_X86_64 && nr < HY_DIRECT_MAX &&
	    (hy_grt_direct[nr / 64] | hy_grt_held_direct[nr / 64]) & 1ull << (nr % 64))
		hy_grt_rewrite(g[REG_RIP], raw);
	/* the guest's own seccomp filter wins over hytrace's TRACE, as under ptrace */
	own = hy_grt_seccomp_action(si->si_arch, raw, a, g[REG_RIP]);
	if (HY_GRT_OWN_TRACE(own)) {
		own_trace_enosys(g, abi, raw, nr, a);
		goto out;
	}
	if (hy_sysset_contains(&hy_grt.trap, abi, nr) && !HY_GRT_OUTRANKS_TRACE(own)) {
		const long long *outer = hy_grt_trap_regs;
		bool done;

		hy_grt_trap_regs = g;
		done = handle(uc, abi, raw, nr, a, true, &unnoted);
		hy_grt_trap_regs = outer;
		if (done)
			goto out;
	}
	if (abi == HY_ABI_I386)
		g[REG_RAX] = hy_gate_int80(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	else if (abi == HY_ABI_X32)
		hy_grt_resume_at(g, hy_gate_resume, raw, a, slot);
	else
		hy_grt_make_call(uc, raw, nr, a, slot, unnoted);
out:
	depth--;
	errno = saved_errno;
	hy_grt_sel = HY_SEL_BLOCK;
}
