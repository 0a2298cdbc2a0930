/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fatal signal no tracer would see delivered, shown as a tracer sees it.
 *
 * When a signal is sent, the kernel's complete_signal() (kernel/signal.c)
 * turns it into a group exit at once if it is fatal (handler SIG_DFL, default
 * action terminate), not core-dumping, not blocked by the thread picked to
 * take it, and the target is not ptraced: SIGKILL for every thread, the
 * group exit code that signal. The signal itself is never dequeued, so
 * signal_deliver fires only for that SIGKILL, which the recorder leaves out.
 * A ptraced target keeps it queued and stops for it (strace: `--- SIGTERM
 * {...} ---`), so runs without a tracer (the in-guest backend, -p without
 * ptrace, --cgroup, -a) would show `+++ killed by SIGTERM +++` with no line.
 *
 * signal_generate fires after complete_signal(), with the target's siglock
 * still held: the signal is kept there (its siginfo, for the thread that
 * takes it) and written at that thread's exit, after what it did last (its
 * call in flight returns first, as a tracer shows it), before its exit.
 * Stands alone (make check-bpf-headers); included once, by tasks.bpf.h.
 */
#ifndef HY_FATAL_SIGNAL_BPF_H
#define HY_FATAL_SIGNAL_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "hy_event.h"
#include "guests.bpf.h"

#define HY_SIGNAL_GROUP_EXIT 0x4 /* include/linux/sched/signal.h, since 2.6 */
#define HY_PF_EXITING 0x4
#define HY_SI_USER 0
#define HY_SI_KERNEL 0x80
#define HY_SI_TKILL (-6)
#define HY_SIG_BIT(sig) (1ul << ((sig)-1))

/*
 * The signals whose default action ends the process without a core dump
 * (the kernel's sig_fatal() minus SIG_KERNEL_COREDUMP_MASK): HUP INT USR1
 * USR2 PIPE ALRM TERM STKFLT VTALRM PROF IO PWR, and the real-time ones.
 * SIGKILL is left out: no tracer stops for it either.
 */
#define HY_SIG_FATAL_NO_CORE                                                                       \
	(HY_SIG_BIT(1) | HY_SIG_BIT(2) | HY_SIG_BIT(10) | HY_SIG_BIT(12) | HY_SIG_BIT(13) |        \
	 HY_SIG_BIT(14) | HY_SIG_BIT(15) | HY_SIG_BIT(16) | HY_SIG_BIT(26) | HY_SIG_BIT(27) |      \
	 HY_SIG_BIT(29) | HY_SIG_BIT(30) | (~0ul << 31))

/* The signal programs are loaded (hy_krec_opts.signals): sched_process_exit asks. */
const volatile __u8 record_signals = 0;

struct hy_fatal {
	__u8 info[HY_KEV_SIGINFO_BYTES]; /* siginfo; its si_signo is the signal */
	__u8 exact;			 /* the tp_btf program saw the group exit start */
	__u8 group;			 /* sent to the process, not to a thread */
	__u8 _pad[6];
};

/*
 * Per thread to print the line, from the signal's sending to that thread's
 * exit (microseconds, for the exact tp_btf programs). LRU: the classic
 * programs keep every such signal sent to a guest, most of which go to a
 * handler, and an old entry must make room rather than stop a new one.
 */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct hy_fatal);
} fatal_sigs SEC(".maps");

/*
 * Whether sending @sig to @p just turned it into a group exit. Only read from
 * signal_generate with result TRACE_SIGNAL_DELIVERED: prepare_signal() let it
 * through, which it does not once SIGNAL_GROUP_EXIT is set (but for SIGKILL
 * in a core dump), so a group exit with @sig's code was started by this very
 * send, under the siglock the tracepoint still holds. The outcome is read
 * rather than complete_signal()'s condition redone: that one also depends on
 * which thread wants the signal (wants_signal(): task_curr(), other pending
 * signals), which a program cannot see as the kernel did.
 */
static __always_inline bool fatal_started_group_exit(struct task_struct *p, int sig)
{
	struct signal_struct *s = BPF_CORE_READ(p, signal);

	return (BPF_CORE_READ(s, flags) & HY_SIGNAL_GROUP_EXIT) &&
	       BPF_CORE_READ(s, group_exit_code) == sig;
}

/*
 * The thread complete_signal() picked: the target, or for a signal to the
 * process whose target blocks it or is exiting, the one it found instead
 * (left in curr_target). A target that had other signals pending and was not
 * running is passed over there too; it prints the line here.
 */
static __always_inline __u32 fatal_taker(struct task_struct *p, int sig, int group)
{
	if (group && ((BPF_CORE_READ(p, blocked.sig[0]) & HY_SIG_BIT(sig)) ||
		      (BPF_CORE_READ(p, flags) & HY_PF_EXITING)))
		p = BPF_CORE_READ(p, signal, curr_target);
	return BPF_CORE_READ(p, pid);
}

/* A guest's thread, or (watching runs) maybe one at its exit: fatal_adopt(). */
static __always_inline bool fatal_wanted(__u32 tid)
{
	return find_guest(tid) || watch_scope != HY_AGG_TREE;
}

/* The si_code the kernel gives SEND_SIG_NOINFO (0: a user's) and SEND_SIG_PRIV (1: its own). */
#define HY_SI_SPECIAL(info) ((info) == (void *)1 ? HY_SI_KERNEL : HY_SI_USER)

/*
 * Fills @dst (zeroed, HY_KEV_SIGINFO_BYTES) with the siginfo of @sig: @info's,
 * or where there is none to read (SEND_SIG_NOINFO, SEND_SIG_PRIV, NULL from a
 * classic program) the number, @err and @code. @sent: the current task sends
 * it, and a user's signal (SI_USER, SI_TKILL) names that sender, as the kernel
 * fills si_pid and si_uid when it queues one with no siginfo (but in the root
 * pid namespace, not the target's; the classic programs' kill(2) and
 * tgkill(2) get theirs so too).
 */
static __always_inline void siginfo_fill(__u8 *dst, int sig, int err, int code, const void *info,
					 bool sent)
{
	int *w = (int *)dst;

	if ((unsigned long)info > 1 && !bpf_probe_read_kernel(dst, HY_KEV_SIGINFO_BYTES, info))
		return;
	w[0] = sig;
	w[1] = err;
	w[2] = code;
	if (sent && (code == HY_SI_USER || code == HY_SI_TKILL)) {
		w[4] = bpf_get_current_pid_tgid() >> 32;
		w[5] = (__u32)bpf_get_current_uid_gid();
	}
}

/*
 * Keeps the line of @sig for thread @tid, sent by the current task.
 * @info, @err, @code: siginfo_fill()'s.
 */
static __always_inline void fatal_keep(__u32 tid, int sig, int err, int code, const void *info,
				       bool exact, int group)
{
	struct hy_fatal f;

	__builtin_memset(&f, 0, sizeof(f));
	f.exact = exact;
	f.group = !!group;
	siginfo_fill(f.info, sig, err, code, info, true);
	bpf_map_update_elem(&fatal_sigs, &tid, &f, BPF_ANY);
}

/* tp_btf signal_generate, TRACE_SIGNAL_DELIVERED: exact (see above). */
static __always_inline void fatal_generated(int sig, const void *info, struct task_struct *p,
					    int group)
{
	__u32 tid;

	if (sig < 1 || sig > 64 || sig == 9 || !fatal_started_group_exit(p, sig))
		return;
	tid = fatal_taker(p, sig, group);
	if (fatal_wanted(tid))
		fatal_keep(tid, sig, 0, HY_SI_SPECIAL(info), info, true, group);
}

/*
 * The classic signal_generate, TRACE_SIGNAL_DELIVERED: no task pointer (the
 * sender is the current task), so neither the handler nor the outcome can
 * be read here. Every signal that is fatal by default is kept for the target
 * thread; fatal_dequeued() and fatal_unseen() sort them out. A process
 * signal whose target blocks it prints on the target, not on the thread
 * that took it.
 */
static __always_inline void fatal_generated_classic(int sig, int err, int code, __u32 tid,
						    int group)
{
	if (sig < 1 || sig > 64 || !(HY_SIG_FATAL_NO_CORE & HY_SIG_BIT(sig)) || !fatal_wanted(tid))
		return;
	fatal_keep(tid, sig, err, code, NULL, false, group);
}

/*
 * The classic signal_deliver: a kept signal the thread dequeued went to its
 * handler or its default action, and this record shows it.
 */
static __always_inline void fatal_dequeued(__u32 tid, int sig)
{
	struct hy_fatal *f = bpf_map_lookup_elem(&fatal_sigs, &tid);

	if (f && *(int *)f->info == sig)
		bpf_map_delete_elem(&fatal_sigs, &tid);
}

/*
 * At the current task's exit: whether @f's signal ended its group unseen.
 * Its code must be the group exit's (else the entry is an old one: a
 * handled signal's, a reused tid's). The tp_btf program saw the rest. The
 * classic one's: a thread's signal that was dequeued is gone (above); a
 * process signal any thread dequeued is no longer pending for the process
 * (the shared set is flushed when the group leader is released, after every
 * thread's exit). The thread's own set is of no use here: the kernel has
 * emptied it by sched_process_exit.
 */
static __always_inline bool fatal_unseen(const struct hy_fatal *f)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct signal_struct *s = BPF_CORE_READ(t, signal);
	int sig = *(int *)f->info;

	if (sig < 1 || sig > 64 || !(BPF_CORE_READ(s, flags) & HY_SIGNAL_GROUP_EXIT) ||
	    BPF_CORE_READ(s, group_exit_code) != sig)
		return false;
	return f->exact || !f->group ||
	       (BPF_CORE_READ(s, shared_pending.signal.sig[0]) & HY_SIG_BIT(sig));
}

/*
 * The kept signal of the exiting thread @tid, if it ended the group unseen:
 * its siginfo (in the map, for signal_record() to copy), else NULL. The
 * entry is dropped either way.
 */
static __always_inline struct hy_fatal *fatal_at_exit(__u32 tid)
{
	struct hy_fatal *f = bpf_map_lookup_elem(&fatal_sigs, &tid);

	if (!f)
		return NULL;
	if (fatal_unseen(f))
		return f;
	bpf_map_delete_elem(&fatal_sigs, &tid);
	return NULL;
}

/*
 * A watched task (--cgroup, -a) that is no guest yet, because it made no call
 * since hytrace started, becomes one at its exit if a kept signal ended it
 * unseen, as it would at a signal's delivery (tasks.bpf.h, adopt_receiver()).
 */
static __always_inline struct hy_guest *fatal_adopt(__u32 tid)
{
	struct hy_guest *g;
	struct hy_fatal *f;

	if (!record_signals || watch_scope == HY_AGG_TREE ||
	    !(f = bpf_map_lookup_elem(&fatal_sigs, &tid)))
		return NULL;
	g = fatal_unseen(f) ? watch_adopt(tid) : NULL;
	if (!g) /* not what ended it, or a task outside the scope: the entry is of no use */
		bpf_map_delete_elem(&fatal_sigs, &tid);
	return g;
}

/* After fatal_at_exit() returned @f for @tid and its line was written. */
static __always_inline void fatal_done(__u32 tid)
{
	bpf_map_delete_elem(&fatal_sigs, &tid);
}

#endif
