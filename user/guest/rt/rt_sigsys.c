// SPDX-License-Identifier: MIT
/*
 * The SIGSYS handler: every syscall of an armed guest thread arrives here.
 * Subscribed calls run the tools' callbacks (runtime.c) in this thread; then
 * the call is made from the gate. Most calls are made by returning into the
 * gate (hy_gate_resume) with the guest's own registers and signal mask, so a
 * blocking call can be interrupted and a signal handler runs as natively; a
 * call whose tools want its exit is made from the handler. What cannot work
 * in a handler is done by hand: rt_sigreturn, rt_sigprocmask (the mask the
 * handler returns to is edited), a new thread's clone (its child jumps to the
 * guest's code on its own stack), the guest's own SIGSYS disposition, and the
 * environment of an execve (LD_PRELOAD is put back).
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
#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif
#define AUDIT_ARCH_I386_ 0x40000003u
#define X32_BIT 0x40000000L
#define SIGBIT(sig) (1ull << ((sig)-1))
#define SCRATCH_BYTES 65536

static __thread int depth __attribute__((tls_model("initial-exec")));
__thread const long long *hy_grt_trap_regs __attribute__((tls_model("initial-exec")));
/* the guest asked for SIGSYS blocked: it never is (a dispatch trap would kill) */
__thread bool hy_grt_sigsys_blocked __attribute__((tls_model("initial-exec")));
/*
 * hy_scratch()'s buffer, allocated at the thread's first held call: not in
 * the thread-local block, which the loader maps with the guest's own (64 KiB
 * there made the main thread's TLS mmap differ from the guest's own run).
 */
static __thread char *scratch __attribute__((tls_model("initial-exec")));

void hy_grt_scratch_free(void *unused)
{
	/* the allocator's lock is never taken where a handler could interrupt it */
	uint64_t all = ~(SIGBIT(SIGSYS) | SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) |
			 SIGBIT(SIGFPE) | SIGBIT(SIGTRAP)),
		 old;

	(void)unused;
	if (!scratch)
		return;
	hy_gate_setmask(&all, &old);
	hy_grt_free(scratch);
	scratch = NULL;
	hy_gate_setmask(&old, NULL);
}

int hy_grt_install_handler(void)
{
	/* every signal but the synchronous ones waits while tools run */
	uint64_t mask = ~(SIGBIT(SIGSYS) | SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) |
			  SIGBIT(SIGFPE) | SIGBIT(SIGTRAP));
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
static void resume_at(greg_t *g, void *gate, long raw_nr, const uint64_t a[6],
		      volatile uint64_t *slot)
{
	slot[0] = g[REG_RIP];
	slot[1] = g[REG_RSP];
	slot[2] = g[REG_RSI];
	set_call_regs(g, raw_nr, a);
	g[REG_RIP] = (greg_t)gate;
	g[REG_RSP] = (greg_t)slot;
}

static long gate(long nr, const uint64_t a[6])
{
	return hy_gate_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* A fork-type call made here: the child comes back in this handler, on its own copy. */
static long fork_here(long nr, const uint64_t a[6])
{
	long r = gate(nr, a);

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
 * execve: hytrace's variables back into the new program's environment. The
 * guest's own entries keep their places (its LD_PRELOAD, if any, gets the
 * runtime in front), hytrace's come after them, and a note tells hytrace how
 * many were the guest's and where they were, so the record shows the
 * environment the guest passed (HY_GNOTE_EXEC_ENV).
 */
static char env_preload[PATH_MAX * 2 + 16], env_shm[PATH_MAX + 32];
static char *env_new[4096];

static uint64_t env_with_runtime(uint64_t envp)
{
	char **e = (char **)envp;
	bool pre = false, shm = false;
	size_t n = 0, k;

	snprintf(env_preload, sizeof(env_preload), "LD_PRELOAD=%s", hy_grt.self);
	snprintf(env_shm, sizeof(env_shm), "%s=%s", HY_GUEST_ENV, hy_grt.shm);
	for (; e && e[n] && n < 4090; n++) {
		if (!strncmp(e[n], "LD_PRELOAD=", 11)) {
			if (e[n][11])
				snprintf(env_preload, sizeof(env_preload), "LD_PRELOAD=%s:%s",
					 hy_grt.self, e[n] + 11);
			env_new[n] = env_preload;
			pre = true;
		} else if (!strncmp(e[n], HY_GUEST_ENV "=", sizeof(HY_GUEST_ENV))) {
			env_new[n] = env_shm;
			shm = true;
		} else {
			env_new[n] = e[n];
		}
	}
	k = n;
	if (!pre)
		env_new[k++] = env_preload;
	if (!shm)
		env_new[k++] = env_shm;
	env_new[k] = NULL;
	hy_grt_note(HY_GNOTE_EXEC_ENV, n, envp, 0, 0, 0);
	return (uint64_t)env_new;
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
	resume_at(g, hy_gate_clone3_vm, SYS_clone3, a, slot);
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
static void make_call(ucontext_t *uc, long raw, long nr, uint64_t a[6], volatile uint64_t *slot,
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
	case SYS_prctl:
		if (a[0] == PR_SET_SYSCALL_USER_DISPATCH) {
			note_by_hand_start(nr, a, -1, 0);
			g[REG_RAX] = -EBUSY; /* hytrace's own */
			note_by_hand_end(a, g[REG_RAX], -1, 0);
			return;
		}
		break;
	case SYS_fork:
		g[REG_RAX] = fork_here(raw, a);
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
			resume_at(g, hy_gate_clone_vm, raw, a, slot);
			slot[2] = a[1] + 8;
			return;
		}
		if (a[0] & CLONE_VM && a[0] & CLONE_VFORK) {
			vfork_at_gate(g, raw, a);
			return;
		}
		if (!(a[0] & CLONE_VM)) {
			g[REG_RAX] = fork_here(raw, a);
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
			g[REG_RAX] = fork_here(raw, a);
			return;
		}
		break;
	}
	case SYS_execve:
		/* a file that is not there: the call fails as it is, the record unchanged */
		if (!access((const char *)a[0], X_OK)) {
			int kind = hy_grt_image_kind((const char *)a[0]);

			if (kind)
				hy_grt_note_unheld_exec(kind, (const char *)a[0]);
			a[2] = env_with_runtime(a[2]);
		}
		break;
	case SYS_execveat:
		a[3] = env_with_runtime(a[3]);
		break;
	}
	resume_at(g, held ? hy_gate_resume_held : hy_gate_resume, raw, a, slot);
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

void hy_grt_note_injected(void)
{
	hy_grt_note(HY_GNOTE_RUN, HY_EV_INJECTED, 0, 0, 0, 0);
}

void hy_grt_note_unheld_exec(int kind, const char *path)
{
	const char *base = strrchr(path, '/');
	uint64_t name[4] = { 0 };

	strncpy((char *)name, base ? base + 1 : path, sizeof(name) - 1);
	hy_grt_note(HY_GNOTE_UNHELD_EXEC, (uint64_t)kind, name[0], name[1], name[2], name[3]);
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
static void note_skip(struct hy_session *s, struct hy_task *t)
{
	const struct hy_call *c = &t->call;

	hy_grt_note(HY_GNOTE_SKIP1, (uint64_t)c->abi << 32 | (uint64_t)c->nr, c->args[0],
		    c->args[1], c->args[2], c->args[3]);
	hy_grt_note_skip_memory(s, t);
	hy_grt_note(HY_GNOTE_SKIP2, c->args[4], c->args[5], c->ret,
		    (c->modified ? HY_EV_MODIFIED : 0) | (c->delayed ? HY_EV_DELAYED : 0),
		    c->delayed ? c->ts : 0);
	hy_grt_sel = HY_SEL_BLOCK;
	hy_gate_syscall(-1, 0, 0, 0, 0, 0, 0);
	hy_grt_sel = HY_SEL_ALLOW;
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

		pthread_mutex_unlock(&hy_grt.lock);
		cookie = hy_grt_defer_wait(d, &tool);
		pthread_mutex_lock(&hy_grt.lock);
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
	struct timespec ts;
	uint64_t mask_all = ~0ull, mask_guest;
	enum hy_cont cont;
	long r;

	pthread_mutex_lock(&hy_grt.lock);
	if (!(t = current_task(s))) {
		pthread_mutex_unlock(&hy_grt.lock);
		return false;
	}
	c = &t->call;
	if (depth > 1)
		outer = *c;
	memset(c, 0, sizeof(*c));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	c->abi = abi;
	c->nr = nr;
	c->raw_nr = raw;
	memcpy(c->args, a, sizeof(c->args));
	memcpy(c->orig_args, a, sizeof(c->orig_args));
	c->ts = ts.tv_sec * 1000000000ull + ts.tv_nsec;
	/* hy_scratch(): this thread's own buffer, never the guest's stack under the frame */
	if (!scratch)
		scratch = hy_grt_malloc(SCRATCH_BYTES + 256);
	c->sp = depth > 1 || !scratch ? 0 : (uint64_t)(scratch + SCRATCH_BYTES) + 128;
	cont = hy_rt_call_enter(s, t);
	if (c->deferred)
		cont = wait_deferred(s, t);
	memcpy(a, c->args, sizeof(c->args));
	if (cont == HY_CONT_SKIP) {
		note_skip(s, t);
		g[REG_RAX] = c->ret;
	} else if (c->exit_tools && hy_grt_plain_call(nr) && abi != HY_ABI_I386) {
		hy_grt_note(HY_GNOTE_RUN, run_flags(c), 1, c->delayed ? c->ts : 0, 0, 0);
		pthread_mutex_unlock(&hy_grt.lock);
		/*
		 * The call runs with the guest's mask: a signal can interrupt it. The
		 * selector says "block" whenever the guest's signals can come, so a
		 * handler of the guest has its calls held.
		 */
		mask_guest = *(uint64_t *)&uc->uc_sigmask;
		hy_grt_sel = HY_SEL_BLOCK;
		if (masked)
			hy_gate_setmask(&mask_guest, NULL);
		r = gate(raw, a);
		if (masked)
			hy_gate_setmask(&mask_all, NULL);
		hy_grt_sel = HY_SEL_ALLOW;
		pthread_mutex_lock(&hy_grt.lock);
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
	pthread_mutex_unlock(&hy_grt.lock);
	return cont != HY_CONT_RUN;
}

long hy_grt_held(long nr, uint64_t a[6])
{
	/* the handler's mask (hy_grt_install_handler): the tools run uninterrupted */
	uint64_t block = ~(SIGBIT(SIGSYS) | SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) |
			   SIGBIT(SIGFPE) | SIGBIT(SIGTRAP)),
		 guest = 0;
	int saved_errno = errno;
	ucontext_t uc;
	bool done, unnoted = false,
		   masked = __atomic_load_n(&hy_grt.guest_handlers, __ATOMIC_RELAXED);
	const long long *trapped;

	/*
	 * The selector is at "allow" only while every signal the guest handles is
	 * blocked: a handler of the guest never runs with its calls let through.
	 * A guest without handlers has no code a signal could run: two calls fewer.
	 */
	if (masked)
		hy_gate_setmask(&block, &guest);
	hy_grt_sel = HY_SEL_ALLOW;
	depth++;
	memcpy(&uc.uc_sigmask, &guest, sizeof(guest));
	trapped = hy_grt_trap_regs;
	hy_grt_trap_regs = NULL; /* no ucontext: hy_backtrace() says -ENOSYS */
	done = handle(&uc, HY_ABI_X86_64, nr, nr, a, masked, &unnoted);
	hy_grt_trap_regs = trapped;
	depth--;
	errno = saved_errno;
	hy_grt_sel = HY_SEL_BLOCK;
	if (masked)
		hy_gate_setmask(&guest, NULL);
	/* not done: made as when the handler returns into the gate, with the guest's mask */
	if (done)
		return uc.uc_mcontext.gregs[REG_RAX];
	return unnoted ? hy_gate_syscall_held(nr, a[0], a[1], a[2], a[3], a[4], a[5]) : gate(nr, a);
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

	hy_grt_sel = HY_SEL_ALLOW;
	depth++;
	if (si->si_code != SYS_USER_DISPATCH) {
		forward(sig, si, uv);
		goto out;
	}
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
	if (hy_sysset_contains(&hy_grt.trap, abi, nr)) {
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
		resume_at(g, hy_gate_resume, raw, a, slot);
	else
		make_call(uc, raw, nr, a, slot, unnoted);
out:
	depth--;
	errno = saved_errno;
	hy_grt_sel = HY_SEL_BLOCK;
}
