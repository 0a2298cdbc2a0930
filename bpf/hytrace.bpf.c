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

/*
 * Allocated as guests come: preallocating 65536 entries cost every start-up
 * ~12 ms. Entries are only added at fork and removed at exit, never on the
 * per-syscall path, which only looks them up.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, struct hy_guest);
} guests SEC(".maps");

/* What memory each syscall's arguments point to: abi * HY_PLAN_NR_MAX + nr. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, HY_PLAN_ENTRIES);
	__type(key, __u32);
	__type(value, struct hy_plan);
} plans SEC(".maps");

/*
 * One byte per tid (for tids below 2^21; above, every task takes the hash
 * lookup): the tracepoints run for every task of the system, and this load
 * costs a non-guest almost nothing where the hash lookup cost it ~50 ns per
 * tracepoint. Bytes, not bits: a plain store is atomic, and atomic or/and on
 * maps need kernel 5.12. Kept in step with the guests map, which holds each
 * guest's state. HY_GUEST_BYTE_THROTTLED (a guest held back by backpressure)
 * lives here too, so the tracer reads and clears it through its mapping: a
 * bpf(2) map operation would hold the kernel's bpf_prog_active up while it
 * runs, and a preemption inside it would make the classic tracepoint
 * programs skip every call on that CPU (HACKING.md).
 */
#define TID_FAST (1u << 21)
struct guest_bytes {
	__u8 b[TID_FAST];
};

/*
 * Its own mmapable map, not a global: libbpf copies the initial .bss into the
 * kernel at load, and 2 MiB of it cost every start-up ~12 ms. User space maps
 * it and marks the first guest directly.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct guest_bytes);
} fast SEC(".maps");

static __always_inline struct guest_bytes *guest_bytes(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&fast, &zero);
}

static __always_inline bool maybe_guest(__u32 tid)
{
	struct guest_bytes *gb = guest_bytes();
	__u64 i = tid;

	/* the bound must be on the index the load uses, for the verifier */
	barrier_var(i);
	if (i >= TID_FAST || !gb)
		return true;
	return gb->b[i];
}

/* The guest state of @tid, or NULL: most tasks of the system stop at the byte. */
static __always_inline struct hy_guest *find_guest(__u32 tid)
{
	return maybe_guest(tid) ? bpf_map_lookup_elem(&guests, &tid) : NULL;
}

static __always_inline void mark_guest(__u32 tid, bool on)
{
	struct guest_bytes *gb = guest_bytes();
	__u64 i = tid;

	barrier_var(i);
	if (i < TID_FAST && gb)
		gb->b[i] = on ? HY_GUEST_BYTE_ON : 0;
}

/* Guests that could not be added to the guests map (full). */
__u64 untracked = 0;

#include "watch.bpf.h"

/*
 * Backpressure: a traced task that writes while the ring is filling up stops
 * (SIGSTOP, which it cannot block) until its tracer has drained the ring; the
 * tracer recognises the stop by the mark and swallows the signal. Slowing the
 * guest beats losing its events. The mark is the task's byte (the flag in the
 * map value above TID_FAST).
 */
static __always_inline void throttle(__u32 tid, struct hy_guest *g, __u64 avail)
{
	struct guest_bytes *gb;
	__u64 i = tid;

	if (avail < throttle_bytes || !(g->state & HY_GUEST_TRACED))
		return;
	gb = guest_bytes();
	barrier_var(i);
	if (i < TID_FAST && gb) {
		if (gb->b[i] == HY_GUEST_BYTE_THROTTLED)
			return;
		gb->b[i] = HY_GUEST_BYTE_THROTTLED;
	} else {
		if (g->state & HY_GUEST_THROTTLED)
			return;
		g->state |= HY_GUEST_THROTTLED;
	}
	bpf_send_signal_thread(SIGSTOP);
}

/* The one place a record header is filled. */
static __always_inline void fill_hdr(struct hy_kev_hdr *h, __u64 ts, __u64 pid_tgid, __u16 type,
				     __u16 size)
{
	h->ts = ts;
	h->tid = (__u32)pid_tgid;
	h->tgid = pid_tgid >> 32;
	h->type = type;
	h->size = size;
	h->aux = watch_tag();
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

	if (nr < 0 || nr >= HY_PLAN_NR_MAX)
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
#define GATE_RESTORER_END 7	 /* the gate's first entry: mov $15,%eax; syscall */
#define GATE_SETMASK_END 33	 /* its second, hy_gate_setmask (gate.S checks both) */
#define GATE_HELD_RESUME_END 36	 /* hy_gate_resume_held: a held call, let run as it was */
#define GATE_HELD_SYSCALL_END 72 /* hy_gate_syscall_held: the same */

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
 * of the guest's from the gate's held entries (HY_CALL_HELD).
 */
const volatile __u8 guest_backend = 0; /* the runtime runs in the guests (--backend=guest) */

static __always_inline bool runtime_call(struct pt_regs *regs, __s32 nr, bool *held)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	unsigned long off, len, ip;
	char *sel, b;

	/* the guest's own such prctl is done by hand there, so this one is the runtime's */
	if (nr == NR_PRCTL && regs->di == PR_SET_SYSCALL_USER_DISPATCH)
		return guest_backend;
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
	bool held = false;
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
	if (abi == HY_KABI_X86_64 && runtime_call(regs, nr, &held))
		return 0;
	g->state = held ? g->state | HY_GUEST_HELD : g->state & ~HY_GUEST_HELD;
	read_args(regs, abi, tmp.args);
	g->state &= ~(HY_GUEST_KF_HIT | HY_GUEST_KF_DEFERRED | HY_GUEST_KF_UNSURE);
	if (kf_drop_at_enter(g, abi, nr, tmp.args, pid_tgid >> 32)) {
		g->pending = HY_PEND_NONE; /* its exit finds nothing to write */
		return 0;
	}
	if (stack_bytes) { /* -k: before the call's own records */
		fill_hdr(&tmp.hdr, ts, pid_tgid, HY_KEV_STACK, 0);
		capture_stack(regs, abi, nr, &tmp.hdr);
	}
	if (want_ip) { /* -i: likewise; the merge gives it to the call of the same ts */
		struct hy_kev_ip *ip = ring_reserve(sizeof(*ip));

		if (ip) {
			fill_hdr(&ip->hdr, ts, pid_tgid, HY_KEV_IP, sizeof(*ip));
			ip->ip = regs->ip;
			ring_submit(ip);
		}
	}

	plan = plan_of(abi, nr);
	if (plan && plan->enter[0].kind && slots_memory(plan->enter, tmp.args) &&
	    kf_defer_entry(abi, nr, abi != HY_KABI_X86_64 || nr == NR_EXECVE || nr == NR_EXECVEAT,
			   plan))
		g->state |= HY_GUEST_KF_DEFERRED; /* read at sys_exit if its status is kept */
	else if (plan && plan->enter[0].kind && slots_memory(plan->enter, tmp.args)) {
		/* entry memory must be read now, before the call changes or frees it */
		fill_sys(&tmp, ts, pid_tgid, HY_KEV_ENTER, sizeof(tmp), nr, abi);
		tmp.flags = held ? HY_SYS_HELD : 0;
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

static __always_inline void fill_call(struct hy_kev_call *c, const struct hy_guest *g, __u64 ts,
				      __u64 pid_tgid, __s64 ret, __u16 flags, __u32 size)
{
	fill_hdr(&c->hdr, ts, pid_tgid, HY_KEV_CALL, size);
	c->nr = g->nr;
	c->abi = g->abi;
	c->ncap = 0;
	c->flags = flags;
	c->ret = ret;
	c->enter_ts = g->ts;
	__builtin_memcpy(c->args, g->args, sizeof(c->args));
}

/*
 * Outputs are captured for calls that succeeded, but an iovec array is shown
 * for a failed readv too (strace: the entries, their bases as addresses).
 */
static __always_inline bool iovec_out(const struct hy_plan *plan)
{
	return plan->exit[0].kind == HY_CAP_IOVEC || plan->exit[0].kind == HY_CAP_IOVEC32;
}

static __always_inline int on_sys_exit(struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), ts;
	__u32 tid = (__u32)pid_tgid;
	struct hy_guest *g;
	const struct hy_plan *plan;
	struct hy_kev_sys *e, tmp;
	__u8 pending, abi;
	__s32 nr;

	if (!(g = find_guest(tid)) || (g->state & 0xff) != HY_GUEST_ACTIVE)
		return 0;
	ts = bpf_ktime_get_ns();
	pending = g->pending;
	g->pending = HY_PEND_NONE;
	nr = (__s32)regs->orig_ax;
	if (pending == HY_PEND_NONE && nr != -1)
		return 0; /* a child's first return from fork: its parent's call has it */

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
				submit_captured(&tmp, sizeof(tmp), plan->enter, tmp.args, 0, false,
						false);
			}
			abi = g->abi;
			nr = g->nr;
			goto emitted;
		}
		plan = plan_of(g->abi, g->nr);
		if (plan && plan->exit[0].kind && (ret >= 0 || iovec_out(plan)) &&
		    slots_memory(plan->exit, g->args)) {
			/* output buffers: their addresses are in the stored arguments */
			fill_call(&call, g, ts, pid_tgid, ret,
				  g->state & HY_GUEST_HELD ? HY_CALL_HELD : 0, sizeof(call));
			submit_captured(&call, sizeof(call), plan->exit, call.args, ret, false,
					true);
			throttle(tid, g, bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA));
			return 0;
		}
		c = ring_reserve(sizeof(*c));
		if (!c)
			return 0;
		fill_call(c, g, ts, pid_tgid, ret, g->state & HY_GUEST_HELD ? HY_CALL_HELD : 0,
			  sizeof(*c));
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
	plan = plan_of(abi, nr);
	if (g->state & HY_GUEST_REFETCH) {
		/* the call itself brought the pages in: take the entry memory now */
		g->state &= ~HY_GUEST_REFETCH;
		if (plan) {
			fill_sys(&tmp, ts, pid_tgid, HY_KEV_REFETCH, sizeof(tmp), nr, abi);
			read_args(regs, abi, tmp.args);
			/* argv (execve) is gone after a successful exec: not refetched */
			submit_captured(&tmp, sizeof(tmp), plan->enter, tmp.args, 0, false, false);
		}
	}
	if (plan && plan->exit[0].kind && (ret >= 0 || iovec_out(plan))) {
		/* output buffers: the arguments still sit in the saved registers */
		__u64 args[6];

		fill_sys(&tmp, ts, pid_tgid, HY_KEV_EXIT, HY_KEV_EXIT_SIZE, nr, abi);
		tmp.ret = ret;
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

static __always_inline void exec_args(struct task_struct *p, __u32 tid)
{
	__u64 start = BPF_CORE_READ(p, mm, arg_start), end = BPF_CORE_READ(p, mm, arg_end);
	__u32 zero = 0, len = end > start ? end - start : 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	struct hy_kev_hdr *h;

	if (!s || !len)
		return;
	if (len > HY_CAP_MAX)
		len = HY_CAP_MAX;
	h = (struct hy_kev_hdr *)s->buf;
	barrier_var(len);
	len &= CAP_LEN_MASK;
	if (bpf_probe_read_user(&s->buf[sizeof(*h)], len, (void *)start))
		return;
	fill_hdr(h, bpf_ktime_get_ns(), ((__u64)BPF_CORE_READ(p, tgid) << 32) | tid,
		 HY_KEV_EXEC_ARGS, sizeof(*h) + len);
	h->aux = len;
	ring_output(s->buf, sizeof(*h) + len);
}

/* A non-leader thread that executes takes over the leader's tid. */
/* @p: the task that executed (the current one), @tid its tid now, @old before. */
static __always_inline int on_exec(struct task_struct *p, __u32 tid, __u32 old)
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
	exec_args(p, tid);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(hy_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	return on_exec(p, BPF_CORE_READ(p, pid), old_pid);
}

SEC("tracepoint/sched/sched_process_exec")
int hy_exec_tp(struct trace_event_raw_sched_process_exec *ctx)
{
	return on_exec((struct task_struct *)bpf_get_current_task(), ctx->pid, ctx->old_pid);
}

/*
 * A signal for a guest (HY_KEV_SIGNAL), of task @pid_tgid. @info NULL: only the
 * number, errno and code are known (the classic tracepoints have no siginfo).
 */
static __always_inline int signal_record(__u64 pid_tgid, int sig, int err, int code,
					 const void *info)
{
	struct hy_kev_signal *r;
	int *w;

	if (sig == 31 /* SIGSYS */ && code == 2 /* SYS_USER_DISPATCH */)
		return 0; /* the in-guest backend's own trap, not the guest's signal */
	if (!find_guest((__u32)pid_tgid) || !(r = ring_reserve(sizeof(*r))))
		return 0;
	fill_hdr(&r->hdr, bpf_ktime_get_ns(), pid_tgid, HY_KEV_SIGNAL, sizeof(*r));
	r->hdr.aux = sig;
	__builtin_memset(r->info, 0, sizeof(r->info));
	if (!info || bpf_probe_read_kernel(r->info, sizeof(r->info), info)) {
		w = (int *)r->info;
		w[0] = sig;
		w[1] = err;
		w[2] = code;
	}
	ring_submit(r);
	return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(hy_signal, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	int code = 0;

	bpf_probe_read_kernel(&code, sizeof(code), (char *)info + 8); /* si_code */
	return signal_record(bpf_get_current_pid_tgid(), sig, 0, code, info);
}

SEC("tracepoint/signal/signal_deliver")
int hy_signal_tp(struct trace_event_raw_signal_deliver *ctx)
{
	return signal_record(bpf_get_current_pid_tgid(), ctx->sig, ctx->errno, ctx->code, NULL);
}

/*
 * A signal the kernel drops at once because it is ignored (SIGCHLD by
 * default): never delivered, so shown when sent, as a tracer sees it (a
 * traced task's ignored signals are queued and reach its tracer).
 */
#define TRACE_SIGNAL_IGNORED 1

SEC("tp_btf/signal_generate")
int BPF_PROG(hy_signal_ignored, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	__u64 pid_tgid = ((__u64)BPF_CORE_READ(task, tgid) << 32) | (__u32)BPF_CORE_READ(task, pid);
	int code = 0;

	if (result != TRACE_SIGNAL_IGNORED)
		return 0;
	/* SEND_SIG_NOINFO and SEND_SIG_PRIV (0, 1) fail to read: the number only */
	bpf_probe_read_kernel(&code, sizeof(code), (char *)info + 8);
	return signal_record(pid_tgid, sig, 0, code, info);
}

SEC("tracepoint/signal/signal_generate")
int hy_signal_ignored_tp(struct trace_event_raw_signal_generate *ctx)
{
	if (ctx->result != TRACE_SIGNAL_IGNORED)
		return 0;
	/* the target's tid, and its thread group's unknown here: the tid stands for both */
	return signal_record(((__u64)ctx->pid << 32) | (__u32)ctx->pid, ctx->sig, ctx->errno,
			     ctx->code, NULL);
}

/* @p: the task that exits (the current one). */
static __always_inline int on_task_exit(struct task_struct *p)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct hy_guest *g;

	if (!(g = find_guest(tid)))
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
