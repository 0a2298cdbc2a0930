// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel fast path: record every syscall of the guest tree into a ring
 * buffer, without stopping anyone.
 *
 * tp_btf rather than raw_tp: the tracepoint arguments are typed, so reading the
 * registers is a plain load instead of a bpf_probe_read_kernel() call per field,
 * and tp_btf loads on every kernel since 5.5 (the tp_btf programs avoid
 * bpf_get_current_task_btf(), which would need 5.11). Each program also exists
 * as a classic tracepoint program, which kernels after 6.18 load instead: they
 * run tp_btf preemptibly and skip a program on a CPU where a preempted task is
 * inside it (HACKING.md, "Lossless on every kernel"). The tracepoints fire for
 * every task of the system, so the first thing each program does is the one
 * load that tells a guest apart.
 */
#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hy_event.h"
#include "ring.bpf.h"
#include "capture.bpf.h"
#include "ustack.bpf.h"
#include "kfilter.bpf.h"
#include "guests.bpf.h"
#include "guest_note.h"
#include "sock_ends.bpf.h"
#include "dying.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define TS_COMPAT 0x0002 /* arch/x86/include/asm/thread_info.h: in an i386 syscall */
#define X32_SYSCALL_BIT 0x40000000
#define NR_EXECVE 59
#define NR_EXECVEAT 322

/* Set by user space before load: hold a traced writer back past this backlog. */
const volatile __u64 throttle_bytes = 32 << 20;
/* -i: each call's instruction pointer (HY_KEV_IP); with 0 the verifier drops that code */
const volatile __u8 want_ip = 0;

#define SIGSTOP 19

/* What memory each syscall's arguments point to: abi * HY_PLAN_NR_MAX + nr. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, HY_PLAN_ENTRIES);
	__type(key, __u32);
	__type(value, struct hy_plan);
} plans SEC(".maps");

/*
 * Holding a traced task at its next return to user space: a SIGSTOP (which it
 * cannot block), recognised by its tracer by the mark and swallowed after the
 * tracer drained the ring. The mark is the task's byte (a flag in the map
 * value above TID_FAST), and says why: backpressure (throttle) or memory the
 * kernel could not read (hold_to_read). One signal for both.
 */
static __always_inline void hold(__u32 tid, struct hy_guest *g, bool to_read)
{
	struct guest_bytes *gb;
	__u64 i = tid;

	gb = guest_bytes();
	barrier_var(i);
	if (i < TID_FAST && gb) {
		if (gb->b[i] == HY_GUEST_BYTE_THROTTLED || gb->b[i] == HY_GUEST_BYTE_HELD_READ)
			return;
		gb->b[i] = to_read ? HY_GUEST_BYTE_HELD_READ : HY_GUEST_BYTE_THROTTLED;
	} else {
		if (g->state & (HY_GUEST_THROTTLED | HY_GUEST_HELD_READ))
			return;
		g->state |= to_read ? HY_GUEST_HELD_READ : HY_GUEST_THROTTLED;
	}
	bpf_send_signal_thread(SIGSTOP);
}

/*
 * Backpressure: a traced task that writes while the ring is filling up stops
 * until its tracer has drained the ring. Slowing the guest beats losing its
 * events.
 */
static __always_inline void throttle(__u32 tid, struct hy_guest *g, __u64 avail)
{
	if (avail < throttle_bytes || !(g->state & HY_GUEST_TRACED))
		return;
	hold(tid, g, false);
}

/*
 * Entry memory still not resident at sys_exit (a failed call never touched
 * it: write(-1, buf, n) of a fresh page): bpf_probe_read_user cannot fault it
 * in, but a tracer's read can, as strace's does. A traced task is held at its
 * return, before any instruction of its own, and its exit record says so
 * (HY_SYS_LIVE): the tracer reads the memory then (merge.c). Others keep the
 * address, and so does an exec that succeeded or a sigreturn (@faulted
 * false): the memory the call was given is not there any more.
 */
static __always_inline __u16 hold_to_read(__u32 tid, struct hy_guest *g, bool faulted)
{
	if (!faulted || !(g->state & HY_GUEST_TRACED))
		return 0;
	hold(tid, g, true);
	return HY_SYS_LIVE;
}

/* A syscall record (enter, exit, refetch): the header and the call's number and ABI. */
static __always_inline void fill_sys(struct hy_kev_sys *e, __u64 ts, __u64 pid_tgid, __u16 type,
				     __u16 size, __s32 nr, __u8 abi)
{
	fill_hdr(&e->hdr, ts, pid_tgid, type, size);
	e->nr = nr;
	e->abi = abi;
	e->ncap = 0;
	e->flags = 0;
}

static __always_inline const struct hy_plan *plan_of(__u8 abi, __s32 nr)
{
	__u32 key;

	/* no plan of this run captures memory: the capture paths are dead code */
	if (!cap_kinds || nr < 0 || nr >= HY_PLAN_NR_MAX)
		return NULL;
	key = abi * HY_PLAN_NR_MAX + nr;
	return bpf_map_lookup_elem(&plans, &key);
}

static __always_inline void read_args(struct pt_regs *regs, __u8 abi, __u64 *args)
{
	if (abi == HY_KABI_I386) {
		args[0] = (__u32)regs->bx;
		args[1] = (__u32)regs->cx;
		args[2] = (__u32)regs->dx;
		args[3] = (__u32)regs->si;
		args[4] = (__u32)regs->di;
		args[5] = (__u32)regs->bp;
	} else {
		args[0] = regs->di;
		args[1] = regs->si;
		args[2] = regs->dx;
		args[3] = regs->r10;
		args[4] = regs->r8;
		args[5] = regs->r9;
	}
}

static __always_inline __u8 current_abi(__s32 *nr)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	if (BPF_CORE_READ(task, thread_info.status) & TS_COMPAT)
		return HY_KABI_I386;
	if (*nr & X32_SYSCALL_BIT) {
		*nr &= ~X32_SYSCALL_BIT;
		return HY_KABI_X32;
	}
	return HY_KABI_X86_64;
}

#define NR_PRCTL 157
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define GATE_RESTORER_END 7	  /* the gate's first entry: mov $15,%eax; syscall */
#define GATE_SETMASK_END 33	  /* its second, hy_gate_setmask (gate.S checks both) */
#define GATE_HELD_RESUME_END 36	  /* hy_gate_resume_held: a held call, let run as it was */
#define GATE_HELD_SYSCALL_END 121 /* hy_gate_syscall_held: the same */
#define GATE_SLOTS_END 0x300	  /* the guest's calls with a slot end by here (gate.S) */

/*
 * A call of the in-guest backend's runtime (--backend=guest, user/guest/rt/),
 * not the guest's: made while its thread's dispatch selector says "allow"
 * from outside the gate (the runtime's own work), or its handler's
 * rt_sigreturn (the gate's first instruction), its rt_sigprocmask made with
 * the selector at "block" (the gate's second entry), or its prctl arming dispatch.
 * A call of number -1 from the gate stands for a call a tool skipped: as for
 * the ptrace backend's skips, only its exit is recorded.
 * The guest's calls the runtime makes for it come from the gate while the
 * selector says "block", and are the guest's. Not recorded. *@held: a call
 * of the guest's from the gate's held entries (HY_CALL_HELD). *@slot: one
 * made with rsp at {the guest's rip, its rsp} and the guest's callee-saved
 * registers in place (gate.S: the start + 34 up to GATE_SLOTS_END), whose
 * stack (-k) and rip (-i) are read from there: the guest's, not the gate's.
 */
const volatile __u8 guest_backend = 0; /* the runtime runs in the guests (--backend=guest) */

#define PT_TRACED_FLAG 0x1 /* task_struct.ptrace's PT_PTRACED */

static __always_inline bool runtime_call(struct pt_regs *regs, __s32 nr, bool *held, bool *slot)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	unsigned long off, len, ip;
	char *sel, b;

	/*
	 * the guest's own such prctl is done by hand there, so this one is the
	 * runtime's; but not in a task hytrace holds through ptrace (a static
	 * program, which has no runtime: the hand-off lets go of a runtime's
	 * task at its arming's entry stop, before this tracepoint)
	 */
	if (nr == NR_PRCTL && regs->di == PR_SET_SYSCALL_USER_DISPATCH)
		return guest_backend && !(BPF_CORE_READ(task, ptrace) & PT_TRACED_FLAG);
	if (!bpf_core_field_exists(task->syscall_dispatch) ||
	    !bpf_core_field_exists(task->thread_info.syscall_work) ||
	    !bpf_core_enum_value_exists(enum syscall_work_bit,
					SYSCALL_WORK_BIT_SYSCALL_USER_DISPATCH))
		return false;
	if (!(BPF_CORE_READ(task, thread_info.syscall_work) &
	      (1ul << bpf_core_enum_value(enum syscall_work_bit,
					  SYSCALL_WORK_BIT_SYSCALL_USER_DISPATCH))))
		return false;
	off = BPF_CORE_READ(task, syscall_dispatch.offset);
	len = BPF_CORE_READ(task, syscall_dispatch.len);
	ip = regs->ip;
	*held = ip == off + GATE_HELD_RESUME_END || ip == off + GATE_HELD_SYSCALL_END;
	*slot = ip - off > GATE_SETMASK_END && ip - off <= GATE_SLOTS_END;
	if (ip - off < len) /* and number -1: a skipped call, recorded by its exit alone */
		return ip == off + GATE_RESTORER_END || ip == off + GATE_SETMASK_END || nr == -1;
	sel = BPF_CORE_READ(task, syscall_dispatch.selector);
	if (!sel || bpf_probe_read_user(&b, 1, sel))
		return false;
	return b == 0;
}

/*
 * A deliberately long program, for tests only (HYTRACE_TEST_BPF_SPIN): the
 * longer a program runs, the likelier a preemption inside it. 0 (always, but
 * in that test) makes the verifier drop the loop: it costs nothing.
 */
const volatile __u32 test_spin = 0;

static __always_inline void spin(void)
{
	for (__u32 i = 0; i < 4096; i++) {
		if (i >= test_spin)
			break;
		bpf_ktime_get_ns();
	}
}

/*
 * Whether some capture of @list has memory to read: a call whose pointers are
 * all NULL or small integers keeps the one-record path (recvfrom(fd, buf, len,
 * 0, NULL, NULL), whose socklen_t * is read at entry when there is one;
 * fcntl(fd, F_GETFL), whose lock struct is read at both ends when it is one).
 */
static __always_inline bool slots_memory(const struct hy_cap_slot *list, const __u64 *args)
{
#pragma unroll
	for (int i = 0; i < HY_PLAN_SLOTS; i++) {
		if (!list[i].kind)
			break;
		if (arg_at(args, list[i].arg) >= USER_ADDR_MIN)
			return true;
	}
	return false;
}

static __always_inline int on_sys_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), ts;
	__u32 tid = (__u32)pid_tgid;
	struct hy_guest *g;
	const struct hy_plan *plan;
	struct hy_kev_sys tmp;
	__s32 nr = id;
	bool held = false, slot = false;
	__u8 abi;

	if (!(g = find_guest(tid)) && !(g = watch_adopt(tid)))
		return 0;
	if (test_spin)
		spin();
	ts = bpf_ktime_get_ns(); /* only guests pay for the clock */
	/* -1 (a call the tracer skipped at a syscall-entry stop) is no x32 number */
	abi = nr == -1 ? HY_KABI_X86_64 : current_abi(&nr);
	if ((g->state & 0xff) == HY_GUEST_PENDING_EXEC) {
		/* the launched child becomes a guest at its execve of the command */
		if (abi != HY_KABI_X86_64 || (nr != NR_EXECVE && nr != NR_EXECVEAT))
			return 0;
		g->state = (g->state & ~0xffu) | HY_GUEST_ACTIVE;
	}
	if (abi == HY_KABI_X86_64 && runtime_call(regs, nr, &held, &slot)) {
		g->pending = HY_PEND_NONE; /* its exit is the runtime's too */
		return 0;
	}
	g->state = held ? g->state | HY_GUEST_HELD : g->state & ~HY_GUEST_HELD;
	read_args(regs, abi, tmp.args);
	g->state &=
		~(HY_GUEST_KF_HIT | HY_GUEST_KF_DEFERRED | HY_GUEST_KF_UNSURE | HY_GUEST_KF_FILE);
	if (kf_drop_at_enter(g, abi, nr, tmp.args, pid_tgid >> 32)) {
		g->pending = HY_PEND_NONE; /* its exit finds nothing to write */
		return 0;
	}
	if (stack_bytes) { /* -k: before the call's own records */
		__u8 sabi = abi;
		__s32 snr = nr;

		/*
		 * A call a tool skipped in a guest never reaches the kernel: its stack
		 * is taken at its first note, whose time is the call's (the runtime
		 * makes it from a slot: the guest's stack; user/guest/guest_shm.h).
		 */
		if (slot && nr == HY_GUEST_NOTE_NR && regs->di == HY_GUEST_NOTE_SKIP1) {
			sabi = regs->si >> 32;
			snr = (__s32)regs->si;
		}
		fill_hdr(&tmp.hdr, ts, pid_tgid, HY_KEV_STACK, 0);
		capture_stack(regs, sabi, snr, &tmp.hdr, slot);
	}
	if (want_ip) { /* -i: likewise; the merge gives it to the call of the same ts */
		struct hy_kev_ip *ip = ring_reserve(sizeof(*ip));

		if (ip) {
			fill_hdr(&ip->hdr, ts, pid_tgid, HY_KEV_IP, sizeof(*ip));
			/* a gate's call: the guest's rip, from its slot (runtime_call) */
			if (!slot || bpf_probe_read_user(&ip->ip, sizeof(ip->ip), (void *)regs->sp))
				ip->ip = regs->ip;
			ring_submit(ip);
		}
	}
	if (want_socks) /* -y, -yy: likewise */
		sock_ends_enter(abi, nr, tmp.args, ts, pid_tgid);

	plan = plan_of(abi, nr);
	if (plan && plan->enter[0].kind && slots_memory(plan->enter, tmp.args) &&
	    kf_defer_entry(abi, nr, abi != HY_KABI_X86_64 || nr == NR_EXECVE || nr == NR_EXECVEAT,
			   plan))
		g->state |= HY_GUEST_KF_DEFERRED; /* read at sys_exit if its status is kept */
	else if (plan && plan->enter[0].kind && slots_memory(plan->enter, tmp.args)) {
		/* entry memory must be read now, before the call changes or frees it */
		fill_sys(&tmp, ts, pid_tgid, HY_KEV_ENTER, sizeof(tmp), nr, abi);
		tmp.flags = (held ? HY_SYS_HELD : 0) |
			    (g->state & HY_GUEST_KF_FILE ? HY_SYS_ON_PATH : 0);
		if (submit_captured(&tmp, sizeof(tmp), plan->enter, tmp.args, 0, true, false))
			g->state |= HY_GUEST_REFETCH;
		g->pending = HY_PEND_EMITTED;
		return 0;
	}
	/* the rest waits in the map value: sys_exit writes the whole call at once */
	g->pending = HY_PEND_STORED;
	g->nr = nr;
	g->abi = abi;
	g->ts = ts;
	__builtin_memcpy(g->args, tmp.args, sizeof(g->args));
	return 0;
}

/*
 * The user registers of the task in a syscall, for the classic tracepoint
 * programs (their context has the number and arguments, not the registers).
 */
static __always_inline struct pt_regs *user_regs(void)
{
	return (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
}

/*
 * Each program exists twice: as tp_btf (typed arguments, the cheapest way in)
 * and as a classic tracepoint program, which the kernel runs with preemption
 * off where it runs tp_btf preemptibly (HACKING.md, "Lossless on every
 * kernel"). User space loads one of the two (kernel_recorder.c).
 */
SEC("tp_btf/sys_enter")
int BPF_PROG(hy_sys_enter, struct pt_regs *regs, long id)
{
	return on_sys_enter(regs, id);
}

SEC("tracepoint/raw_syscalls/sys_enter")
int hy_sys_enter_tp(struct trace_event_raw_sys_enter *ctx)
{
	return on_sys_enter(user_regs(), ctx->id);
}

/*
 * Outputs are captured for calls that succeeded, but an iovec array is shown
 * for a failed readv too (strace: the entries, their bases as addresses), and
 * a struct the plan marks HY_CAP_ON_ERROR (name_to_handle_at's EOVERFLOW
 * writes the handle_bytes it needs).
 */
static __always_inline bool out_on_error(const struct hy_plan *plan)
{
	/* sendmmsg's array too: a failed call prints what it was given (read at exit) */
	return plan->exit[0].kind == HY_CAP_IOVEC || plan->exit[0].kind == HY_CAP_IOVEC32 ||
	       plan->exit[0].kind == HY_CAP_MMSG_IN ||
	       (plan->exit[0].kind == HY_CAP_FIXED && (plan->exit[0].aux & HY_CAP_ON_ERROR));
}

#define NR_RT_SIGRETURN 15
#define NR_I386_EXECVE 11
#define NR_I386_SIGRETURN 119
#define NR_I386_RT_SIGRETURN 173
#define NR_I386_EXECVEAT 358

/* A sigreturn, or an exec that succeeded: its exit has the registers it put in place. */
static __always_inline bool replaced_regs(__u8 abi, __s32 nr, long ret)
{
	if (abi == HY_KABI_I386)
		return nr == NR_I386_SIGRETURN || nr == NR_I386_RT_SIGRETURN ||
		       (ret == 0 && (nr == NR_I386_EXECVE || nr == NR_I386_EXECVEAT));
	return nr == NR_RT_SIGRETURN || (ret == 0 && (nr == NR_EXECVE || nr == NR_EXECVEAT));
}

/*
 * A guest's exit with no sys_enter since its last exit: a call its own seccomp
 * filter ended before the sys_enter tracepoint (ERRNO, TRACE without a tracer:
 * -ENOSYS, USER_NOTIF's answer), which still passes sys_exit. It never ran, so
 * its registers and memory are as at entry: stored in @g as sys_enter would
 * have, its entry time the exit's (the entry's is not known), its entry memory
 * read by the deferred path (HY_GUEST_KF_DEFERRED). Not for the runtime's
 * calls nor those the kernel filter drops (false), nor an exec's return in the
 * new image or a sigreturn's (registers replaced: a call whose sys_enter
 * program did not run, counted as missed). HACKING.md, "Calls without a sys_enter".
 */
static __always_inline bool enter_at_exit(struct pt_regs *regs, struct hy_guest *g, __u64 ts,
					  __u64 pid_tgid, __s32 nr, long ret)
{
	const struct hy_plan *plan;
	bool held = false, slot = false;
	__u8 abi = current_abi(&nr);

	if (abi == HY_KABI_X86_64 && runtime_call(regs, nr, &held, &slot))
		return false;
	if (replaced_regs(abi, nr, ret))
		return false;
	g->state = held ? g->state | HY_GUEST_HELD : g->state & ~HY_GUEST_HELD;
	g->state &=
		~(HY_GUEST_KF_HIT | HY_GUEST_KF_DEFERRED | HY_GUEST_KF_UNSURE | HY_GUEST_KF_FILE);
	read_args(regs, abi, g->args);
	if (kf_drop_at_enter(g, abi, nr, g->args, pid_tgid >> 32))
		return false;
	g->nr = nr;
	g->abi = abi;
	g->ts = ts;
	plan = plan_of(abi, nr);
	if (plan && plan->enter[0].kind && slots_memory(plan->enter, g->args))
		g->state |= HY_GUEST_KF_DEFERRED;
	return true;
}

/* A call record's HY_CALL_* flags from its thread's state. */
static __always_inline __u16 call_flags(const struct hy_guest *g)
{
	return (g->state & HY_GUEST_HELD ? HY_CALL_HELD : 0) |
	       (g->state & HY_GUEST_KF_FILE ? HY_CALL_ON_PATH : 0);
}

static __always_inline int on_sys_exit(struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), ts;
	__u32 tid = (__u32)pid_tgid;
	struct hy_guest *g;
	const struct hy_plan *plan;
	struct hy_kev_sys *e, tmp;
	__u8 pending, abi;
	__u16 live = 0;
	__s32 nr;

	if (!(g = find_guest(tid)) || (g->state & 0xff) != HY_GUEST_ACTIVE)
		return 0;
	/* its call stays unfinished: the task's exit writes it (`= ?`, as strace) */
	if (dies_before_return())
		return 0;
	ts = bpf_ktime_get_ns();
	pending = g->pending;
	g->pending = HY_PEND_DONE;
	nr = (__s32)regs->orig_ax;
	/* a child's first return from fork (its parent's call has it), or a call in flight at attach */
	if (pending == HY_PEND_NONE && nr != -1)
		return 0;
	if ((pending == HY_PEND_DONE || pending == HY_PEND_ATTACHED) && nr != -1) {
		if (!enter_at_exit(regs, g, ts, pid_tgid, nr, ret))
			return 0;
		pending = HY_PEND_STORED;
	}

	if (pending == HY_PEND_STORED) {
		struct hy_kev_call *c, call;

		kf_fds_after(g, pid_tgid >> 32, g->abi, g->nr, g->args, ret);
		if (kf_status_drops(g->abi, g->nr, ret)) {
			g->state &= ~HY_GUEST_KF_DEFERRED;
			return 0;
		}
		if (g->state & HY_GUEST_KF_DEFERRED) {
			/* kept: its entry memory, read now, then its exit as usual */
			g->state &= ~HY_GUEST_KF_DEFERRED;
			plan = plan_of(g->abi, g->nr);
			if (plan) {
				fill_sys(&tmp, g->ts, pid_tgid, HY_KEV_ENTER, sizeof(tmp), g->nr,
					 g->abi);
				__builtin_memcpy(tmp.args, g->args, sizeof(tmp.args));
				tmp.flags = g->state & HY_GUEST_KF_FILE ? HY_SYS_ON_PATH : 0;
				live = hold_to_read(tid, g,
						    submit_captured(&tmp, sizeof(tmp), plan->enter,
								    tmp.args, 0, false, false) &&
							    !replaced_regs(g->abi, g->nr, ret));
			}
			abi = g->abi;
			nr = g->nr;
			goto emitted;
		}
		if (want_socks) /* before the call's record, as at sys_enter */
			sock_ends_exit(g->abi, g->nr, g->args, ret, ts, pid_tgid);
		plan = plan_of(g->abi, g->nr);
		if (plan && plan->exit[0].kind && (ret >= 0 || out_on_error(plan)) &&
		    slots_memory(plan->exit, g->args)) {
			/* output buffers: their addresses are in the stored arguments */
			fill_call(&call, g, ts, pid_tgid, ret, call_flags(g), sizeof(call));
			submit_captured(&call, sizeof(call), plan->exit, call.args, ret, false,
					true);
			throttle(tid, g, bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA));
			return 0;
		}
		c = ring_reserve(sizeof(*c));
		if (!c)
			return 0;
		fill_call(c, g, ts, pid_tgid, ret, call_flags(g), sizeof(*c));
		throttle(tid, g, ring_submit(c)); /* the common path: one query for both */
		return 0;
	}

	/* the enter went to the ring (it had memory), or the tracer skipped the call */
	abi = nr == -1 ? HY_KABI_X86_64 : current_abi(&nr);
	if (g->state & HY_GUEST_KF_HIT) {
		__u64 args[6];

		read_args(regs, abi, args);
		kf_fds_after(g, pid_tgid >> 32, abi, nr, args, ret);
	}
emitted:
	if (want_socks) {
		__u64 args[6];

		read_args(regs, abi, args);
		sock_ends_exit(abi, nr, args, ret, ts, pid_tgid);
	}
	plan = plan_of(abi, nr);
	if (g->state & HY_GUEST_REFETCH) {
		/* the call itself brought the pages in: take the entry memory now */
		g->state &= ~HY_GUEST_REFETCH;
		if (plan) {
			fill_sys(&tmp, ts, pid_tgid, HY_KEV_REFETCH, sizeof(tmp), nr, abi);
			read_args(regs, abi, tmp.args);
			/* argv (execve) is gone after a successful exec: not refetched */
			live = hold_to_read(tid, g,
					    submit_captured(&tmp, sizeof(tmp), plan->enter,
							    tmp.args, 0, false, false) &&
						    !replaced_regs(abi, nr, ret));
		}
	}
	if (plan && plan->exit[0].kind && (ret >= 0 || out_on_error(plan))) {
		/* output buffers: the arguments still sit in the saved registers */
		__u64 args[6];

		fill_sys(&tmp, ts, pid_tgid, HY_KEV_EXIT, HY_KEV_EXIT_SIZE, nr, abi);
		tmp.ret = ret;
		tmp.flags = live;
		read_args(regs, abi, args);
		submit_captured(&tmp, HY_KEV_EXIT_SIZE, plan->exit, args, ret, false, true);
		throttle(tid, g, bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA));
		return 0;
	}
	e = ring_reserve(HY_KEV_EXIT_SIZE);
	if (!e)
		return 0;
	fill_sys(e, ts, pid_tgid, HY_KEV_EXIT, HY_KEV_EXIT_SIZE, nr, abi);
	e->ret = ret;
	e->flags = live;
	throttle(tid, g, ring_submit(e));
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(hy_sys_exit, struct pt_regs *regs, long ret)
{
	return on_sys_exit(regs, ret);
}

SEC("tracepoint/raw_syscalls/sys_exit")
int hy_sys_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	return on_sys_exit(user_regs(), ctx->ret);
}

/* fork, exec, exit and signals */
#include "tasks.bpf.h"
