/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The task lifecycle and signal programs of the recorder: fork (a guest's
 * child is a guest before its first instruction), exec (the new program's
 * arguments), exit (a call that never returns), and the signals the in-guest
 * backend shows. Each exists as tp_btf and as a classic tracepoint program,
 * as hytrace.bpf.c's (user space loads one of the two). Stands alone (make
 * check-bpf-headers); included once, by hytrace.bpf.c.
 */
#ifndef HY_TASKS_BPF_H
#define HY_TASKS_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hy_event.h"
#include "ring.bpf.h"
#include "capture.bpf.h"
#include "kfilter.bpf.h"
#include "guests.bpf.h"
#include "fatal_signal.bpf.h"

static __always_inline void task_event(__u16 type, __u32 tid, __u32 tgid, __u32 aux)
{
	struct hy_kev_hdr *h = ring_reserve(sizeof(*h));

	if (!h)
		return;
	fill_hdr(h, bpf_ktime_get_ns(), ((__u64)tgid << 32) | tid, type, sizeof(*h));
	h->aux = aux;
	ring_submit(h);
}

/*
 * Runs in the parent, inside copy_process(), before the child can be woken: a
 * child of a guest is a guest before its first instruction. (sched_process_fork
 * comes later, and some kernels let the child run first.)
 */
#define CLONE_THREAD 0x00010000
static __always_inline int on_fork(__u32 ctid, __u64 clone_flags)
{
	__u32 ptid = (__u32)bpf_get_current_pid_tgid();
	struct hy_guest fresh = { .state = HY_GUEST_ACTIVE }, *g;

	if (!(g = find_guest(ptid)) || (g->state & 0xff) != HY_GUEST_ACTIVE)
		return 0;
	/* a new process (its tgid is its tid): the -P descriptors it inherits */
	if (!(clone_flags & CLONE_THREAD))
		kf_fork(bpf_get_current_pid_tgid() >> 32, ctid);
	fresh.state |= g->state & HY_GUEST_TRACED;
	if (bpf_map_update_elem(&guests, &ctid, &fresh, BPF_ANY))
		__sync_fetch_and_add(&untracked, 1);
	else
		mark_guest(ctid, true);
	task_event(HY_KEV_FORK, ptid, bpf_get_current_pid_tgid() >> 32, ctid);
	return 0;
}

SEC("tp_btf/task_newtask")
int BPF_PROG(hy_fork, struct task_struct *child, unsigned long clone_flags)
{
	return on_fork(BPF_CORE_READ(child, pid), clone_flags);
}

SEC("tracepoint/task/task_newtask")
int hy_fork_tp(struct trace_event_raw_task_newtask *ctx)
{
	return on_fork(ctx->pid, ctx->clone_flags);
}

/*
 * The new program's argument strings, then the file name as execve got it:
 * the kernel copied it above the environment strings (at mm->env_end), where
 * a forked child's execve path, a literal in a page it never touched, is
 * resident when the old memory is gone (HY_KEV_EXEC_ARGS); and @envc.
 */
static __always_inline void exec_args(struct task_struct *p, __u32 tid, __u32 envc)
{
	__u64 start = BPF_CORE_READ(p, mm, arg_start), end = BPF_CORE_READ(p, mm, arg_end);
	__u64 file = BPF_CORE_READ(p, mm, env_end);
	__u32 zero = 0, len = end > start ? end - start : 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	struct hy_kev_exec_args *h;
	long n;

	if (!s || !len)
		return;
	if (len > HY_CAP_MAX)
		len = HY_CAP_MAX;
	h = (struct hy_kev_exec_args *)s->buf;
	barrier_var(len);
	len &= CAP_LEN_MASK;
	if (bpf_probe_read_user(&s->buf[sizeof(*h)], len, (void *)start))
		return;
	n = bpf_probe_read_user_str(&s->buf[sizeof(*h) + len], HY_EXEC_FILE_MAX, (void *)file);
	if (n < 0)
		n = 0;
	n &= 2 * HY_EXEC_FILE_MAX - 1;
	fill_hdr(&h->hdr, bpf_ktime_get_ns(), ((__u64)BPF_CORE_READ(p, tgid) << 32) | tid,
		 HY_KEV_EXEC_ARGS, sizeof(*h) + len + n);
	h->hdr.aux = len;
	h->envc = envc;
	h->pad = 0;
	ring_output(s->buf, sizeof(*h) + len + n);
}

/*
 * The new program's environment entries read from its stack, where the
 * classic tracepoint has no bprm->envc: argc at mm->start_stack, then the
 * argv pointers, NULL, the envp ones, NULL, the auxv. The envp pointers are
 * in [env_start, env_end) and nothing after them is (the auxv's types are
 * small, its addresses outside the strings, AT_EXECFN at env_end): a binary
 * search, 22 reads at most, checked at its end (the first pointer is
 * env_start, the one found NULL). A 32-bit program's 4-byte pointers, read
 * as 8, are never in range: unknown but for none.
 */
static __always_inline __u32 stack_envc(struct task_struct *p)
{
	__u64 sp = BPF_CORE_READ(p, mm, start_stack), args = BPF_CORE_READ(p, mm, arg_start);
	__u64 lo_s = BPF_CORE_READ(p, mm, env_start), hi_s = BPF_CORE_READ(p, mm, env_end);
	__u64 argc, envp, w;
	__u32 lo = 0, hi, mid;

	if (bpf_probe_read_user(&argc, sizeof(argc), (void *)sp) || argc > (1 << 22))
		return HY_EXEC_ENVC_UNKNOWN;
	envp = sp + 8 * (argc + 2);
	if (envp >= args)
		return HY_EXEC_ENVC_UNKNOWN;
	hi = (args - envp) / 8 > (1 << 22) ? 1 << 22 : (args - envp) / 8;
	for (int i = 0; i < 23 && lo < hi; i++) {
		mid = lo + (hi - lo) / 2;
		if (bpf_probe_read_user(&w, sizeof(w), (void *)(envp + 8 * (__u64)mid)))
			return HY_EXEC_ENVC_UNKNOWN;
		if (w >= lo_s && w < hi_s)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (bpf_probe_read_user(&w, sizeof(w), (void *)(envp + 8 * (__u64)lo)) || w)
		return HY_EXEC_ENVC_UNKNOWN;
	if (lo && (bpf_probe_read_user(&w, sizeof(w), (void *)envp) || w != lo_s))
		return HY_EXEC_ENVC_UNKNOWN;
	return lo;
}

/* A non-leader thread that executes takes over the leader's tid. */
/*
 * @p: the task that executed (the current one), @tid its tid now, @old
 * before; @bprm the kernel's exec (tp_btf's; @classic: the tracepoint has none).
 */
static __always_inline int on_exec(struct task_struct *p, __u32 tid, __u32 old, bool classic,
				   struct linux_binprm *bprm)
{
	struct hy_guest *g;

	if (!(g = find_guest(old)))
		return 0;
	if (old != tid) {
		/* its execve is pending: move it with the task */
		bpf_map_update_elem(&guests, &tid, g, BPF_ANY);
		bpf_map_delete_elem(&guests, &old);
		mark_guest(old, false);
		mark_guest(tid, true);
	}
	task_event(HY_KEV_EXEC, tid, BPF_CORE_READ(p, tgid), old);
	exec_args(p, tid, classic ? stack_envc(p) : BPF_CORE_READ(bprm, envc));
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(hy_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	return on_exec(p, BPF_CORE_READ(p, pid), old_pid, false, bprm);
}

SEC("tracepoint/sched/sched_process_exec")
int hy_exec_tp(struct trace_event_raw_sched_process_exec *ctx)
{
	return on_exec((struct task_struct *)bpf_get_current_task(), ctx->pid, ctx->old_pid, true,
		       NULL);
}

/*
 * A signal for a guest (HY_KEV_SIGNAL), of task @pid_tgid; @info, @err, @code
 * and @sent (at its sending, by the current task): siginfo_fill()'s. @info
 * NULL: only the number, errno and code are known (the classic tracepoints
 * have no siginfo).
 */
static __always_inline int signal_record(__u64 pid_tgid, int sig, int err, int code,
					 const void *info, bool sent, bool in_call, bool stops)
{
	struct hy_kev_signal *r;

	if (sig == 31 /* SIGSYS */ && code == 2 /* SYS_USER_DISPATCH */)
		return 0; /* the in-guest backend's own trap, not the guest's signal */
	if (sig == 9)
		return 0; /* SIGKILL (or a group exit's kill of the other threads): no tracer sees it */
	if (!find_guest((__u32)pid_tgid) || !(r = ring_reserve(sizeof(*r))))
		return 0;
	fill_hdr(&r->hdr, bpf_ktime_get_ns(), pid_tgid, HY_KEV_SIGNAL, sizeof(*r));
	r->hdr.aux = sig | (in_call ? HY_KSIG_IN_CALL : 0) | (stops ? HY_KSIG_STOPS : 0);
	__builtin_memset(r->info, 0, sizeof(r->info));
	siginfo_fill(r->info, sig, err, code, info, sent);
	ring_submit(r);
	return 0;
}

/*
 * A watched task (--cgroup, -a) becomes a guest at its first call, or at its
 * first signal if that comes first (a task that joined the cgroup while it
 * waited in sigsuspend): its signal lines are a tracer's, as -p's.
 */
static __always_inline void adopt_receiver(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	if (!find_guest(tid))
		watch_adopt(tid);
}

/* get_signal() stops the process for these at their default action (SIG_DFL, 0) */
static __always_inline bool stops_process(int sig, unsigned long handler)
{
	return sig >= 19 /* SIGSTOP */ && sig <= 22 /* SIGTTOU */ && !handler;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(hy_signal, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	unsigned long handler = 1;
	int code = 0;

	adopt_receiver();

	bpf_probe_read_kernel(&code, sizeof(code), (char *)info + 8); /* si_code */
	/* ka->sa.sa_handler: the first member of both */
	bpf_probe_read_kernel(&handler, sizeof(handler), ka);
	return signal_record(bpf_get_current_pid_tgid(), sig, 0, code, info, false, false,
			     stops_process(sig, handler));
}

SEC("tracepoint/signal/signal_deliver")
int hy_signal_tp(struct trace_event_raw_signal_deliver *ctx)
{
	adopt_receiver();
	if (record_signals)
		fatal_dequeued((__u32)bpf_get_current_pid_tgid(), ctx->sig);
	return signal_record(bpf_get_current_pid_tgid(), ctx->sig, ctx->errno, ctx->code, NULL,
			     false, false, stops_process(ctx->sig, ctx->sa_handler));
}

/*
 * Signals at their sending: one the kernel drops at once because it is
 * ignored (SIGCHLD by default) is never delivered, so shown when sent, as a
 * tracer sees it (a traced task's ignored signals are queued and reach its
 * tracer); one that ends its group unseen is kept for the exit
 * (fatal_signal.bpf.h).
 */
#define TRACE_SIGNAL_DELIVERED 0
#define TRACE_SIGNAL_IGNORED 1
#define NR_EXIT_GROUP 231
#define NR_I386_EXIT_GROUP 252

/*
 * Whether a signal to @p (@group: to its process) the kernel reports as
 * ignored goes to a task that will dequeue no signal any more, so no tracer
 * would see it either: its group exit has begun (SIGNAL_GROUP_EXIT, which
 * newer kernels also set at a last thread's exit; prepare_signal() drops
 * every signal then), or @p is past exit_signals() (PF_EXITING) and the
 * signal is its own or its process has no other thread (another one would
 * take a process signal: a traced task's ignored signals are queued).
 */
static __always_inline bool signal_to_dying(struct task_struct *p, int group)
{
	struct signal_struct *s = BPF_CORE_READ(p, signal);

	if (BPF_CORE_READ(s, flags) & HY_SIGNAL_GROUP_EXIT)
		return true;
	return (BPF_CORE_READ(p, flags) & HY_PF_EXITING) &&
	       (!group || BPF_CORE_READ(s, nr_threads) == 1);
}

/*
 * Whether the current task, @tid, sends itself a signal inside one of its
 * calls the recorder saw begin: its line then follows that call's (as a
 * tracer's stop, after the call, shows it), not precedes it.
 */
static __always_inline bool sent_in_own_call(__u32 tid)
{
	struct hy_guest *g;

	if (tid != (__u32)bpf_get_current_pid_tgid() || !(g = find_guest(tid)))
		return false;
	return g->pending == HY_PEND_STORED || g->pending == HY_PEND_EMITTED;
}

SEC("tp_btf/signal_generate")
int BPF_PROG(hy_signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	__u64 pid_tgid;

	if (result == TRACE_SIGNAL_DELIVERED)
		fatal_generated(sig, info, (void *)task, group);
	if (result != TRACE_SIGNAL_IGNORED || signal_to_dying((void *)task, group))
		return 0;
	pid_tgid = ((__u64)BPF_CORE_READ(task, tgid) << 32) | (__u32)BPF_CORE_READ(task, pid);
	return signal_record(pid_tgid, sig, 0, HY_SI_SPECIAL(info), info, true,
			     sent_in_own_call((__u32)pid_tgid), false);
}

/*
 * The classic program has the target's tid, not its task: of a dying target
 * it sees only a thread in exit_group (its call kept in the map), not the
 * other threads of its process, nor a thread that ends by exit(2).
 */
SEC("tracepoint/signal/signal_generate")
int hy_signal_generate_tp(struct trace_event_raw_signal_generate *ctx)
{
	struct hy_guest *g;

	if (ctx->result == TRACE_SIGNAL_DELIVERED)
		fatal_generated_classic(ctx->sig, ctx->errno, ctx->code, ctx->pid, ctx->group);
	if (ctx->result != TRACE_SIGNAL_IGNORED)
		return 0;
	if ((g = find_guest(ctx->pid)) && g->pending == HY_PEND_STORED &&
	    g->nr == (g->abi == HY_KABI_I386 ? NR_I386_EXIT_GROUP : NR_EXIT_GROUP))
		return 0;
	/* the target's tid, and its thread group's unknown here: the tid stands for both */
	return signal_record(((__u64)ctx->pid << 32) | (__u32)ctx->pid, ctx->sig, ctx->errno,
			     ctx->code, NULL, true, sent_in_own_call(ctx->pid), false);
}

/* @p: the task that exits (the current one). */
static __always_inline int on_task_exit(struct task_struct *p)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct hy_fatal *f;
	struct hy_guest *g;

	if (!(g = find_guest(tid)) && !(g = fatal_adopt(tid)))
		return 0;
	if (g->pending == HY_PEND_STORED && !kf_unfinished_drops(g->abi, g->nr)) {
		/* it died in a call kept in the map (exit_group): that call never returns */
		struct hy_kev_call *c = ring_reserve(sizeof(*c));

		if (c) {
			fill_call(c, g, bpf_ktime_get_ns(), pid_tgid, 0, HY_CALL_UNFINISHED,
				  sizeof(*c));
			ring_submit(c);
		}
	}
	/* a fatal signal no tracer would have seen: its line, as a tracer's stop shows it */
	if (record_signals && (f = fatal_at_exit(tid))) {
		signal_record(pid_tgid, *(int *)f->info, 0, 0, f->info, false, false, false);
		fatal_done(tid);
	}
	bpf_map_delete_elem(&guests, &tid);
	mark_guest(tid, false);
	/* exit_code is set by now, in wait(2)'s encoding */
	task_event(HY_KEV_TASK_EXIT, tid, pid_tgid >> 32, BPF_CORE_READ(p, exit_code));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(hy_task_exit, struct task_struct *p)
{
	return on_task_exit(p);
}

SEC("tracepoint/sched/sched_process_exit")
int hy_task_exit_tp(void *ctx)
{
	return on_task_exit((struct task_struct *)bpf_get_current_task());
}

#endif
