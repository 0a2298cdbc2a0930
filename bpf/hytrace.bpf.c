// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel fast path: record every syscall of the guest tree into a ring
 * buffer, without stopping anyone.
 *
 * tp_btf rather than raw_tp: the tracepoint arguments are typed, so reading the
 * registers is a plain load instead of a bpf_probe_read_kernel() call per field,
 * and tp_btf loads on every kernel since 5.5 (we avoid bpf_get_current_task_btf(),
 * which would need 5.11). The tracepoints fire for every task of the system, so the
 * first thing each program does is the one hash lookup that tells a guest apart.
 */
#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hy_event.h"

char LICENSE[] SEC("license") = "GPL";

#define TS_COMPAT 0x0002 /* arch/x86/include/asm/thread_info.h: in an i386 syscall */
#define X32_SYSCALL_BIT 0x40000000
#define NR_EXECVE 59
#define NR_EXECVEAT 322

/* Set by user space before load. */
const volatile __u64 wakeup_bytes = 1 << 20; /* wake the reader only past this backlog */

/* tid -> enum hy_guest_state */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} guests SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 << 20); /* resized by user space */
} events SEC(".maps");

/* Records that did not fit in the ring; user space reports them. */
__u64 lost = 0;
/* Guests that could not be added to the guests map (full). */
__u64 untracked = 0;

static __always_inline void submit(void *rec)
{
	__u64 avail = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);

	bpf_ringbuf_submit(rec, avail >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
}

static __always_inline void fill_hdr(struct hy_kev_hdr *h, __u64 ts, __u64 pid_tgid, __u16 type,
				     __u16 size)
{
	h->ts = ts;
	h->tid = (__u32)pid_tgid;
	h->tgid = pid_tgid >> 32;
	h->type = type;
	h->size = size;
	h->aux = 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(hy_sys_enter, struct pt_regs *regs, long id)
{
	__u64 ts = bpf_ktime_get_ns();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	__u32 *state = bpf_map_lookup_elem(&guests, &tid);
	struct task_struct *task;
	struct hy_kev_sys *e;
	__u8 abi = HY_KABI_X86_64;
	__s32 nr = id;

	if (!state)
		return 0;

	task = (struct task_struct *)bpf_get_current_task();
	if (BPF_CORE_READ(task, thread_info.status) & TS_COMPAT) {
		abi = HY_KABI_I386;
	} else if (nr & X32_SYSCALL_BIT) {
		abi = HY_KABI_X32;
		nr &= ~X32_SYSCALL_BIT;
	}

	if (*state == HY_GUEST_PENDING_EXEC) {
		/* The launched child becomes a guest at its execve of the command. */
		if (abi != HY_KABI_X86_64 || (nr != NR_EXECVE && nr != NR_EXECVEAT))
			return 0;
		*state = HY_GUEST_ACTIVE;
	}

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&lost, 1);
		return 0;
	}
	fill_hdr(&e->hdr, ts, pid_tgid, HY_KEV_ENTER, sizeof(*e));
	e->nr = nr;
	e->abi = abi;
	e->ncap = 0;
	e->_pad = 0;
	if (abi == HY_KABI_I386) {
		e->args[0] = (__u32)regs->bx;
		e->args[1] = (__u32)regs->cx;
		e->args[2] = (__u32)regs->dx;
		e->args[3] = (__u32)regs->si;
		e->args[4] = (__u32)regs->di;
		e->args[5] = (__u32)regs->bp;
	} else {
		e->args[0] = regs->di;
		e->args[1] = regs->si;
		e->args[2] = regs->dx;
		e->args[3] = regs->r10;
		e->args[4] = regs->r8;
		e->args[5] = regs->r9;
	}
	submit(e);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(hy_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 ts = bpf_ktime_get_ns();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	__u32 *state = bpf_map_lookup_elem(&guests, &tid);
	struct hy_kev_sys *e;

	if (!state || *state != HY_GUEST_ACTIVE)
		return 0;

	e = bpf_ringbuf_reserve(&events, HY_KEV_EXIT_SIZE, 0);
	if (!e) {
		__sync_fetch_and_add(&lost, 1);
		return 0;
	}
	fill_hdr(&e->hdr, ts, pid_tgid, HY_KEV_EXIT, HY_KEV_EXIT_SIZE);
	e->nr = (__s32)regs->orig_ax;
	if (e->nr != -1)
		e->nr &= ~X32_SYSCALL_BIT;
	e->abi = 0;
	e->ncap = 0;
	e->_pad = 0;
	e->ret = ret;
	submit(e);
	return 0;
}

static __always_inline void task_event(__u16 type, __u32 tid, __u32 tgid, __u32 aux)
{
	struct hy_kev_hdr *h = bpf_ringbuf_reserve(&events, sizeof(*h), 0);

	if (!h) {
		__sync_fetch_and_add(&lost, 1);
		return;
	}
	fill_hdr(h, bpf_ktime_get_ns(), ((__u64)tgid << 32) | tid, type, sizeof(*h));
	h->aux = aux;
	submit(h);
}

/* Runs in the parent: a child of a guest is a guest before its first instruction. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(hy_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptid = (__u32)bpf_get_current_pid_tgid();
	__u32 *state = bpf_map_lookup_elem(&guests, &ptid);
	__u32 active = HY_GUEST_ACTIVE;
	__u32 ctid, ctgid;

	if (!state || *state != HY_GUEST_ACTIVE)
		return 0;
	ctid = BPF_CORE_READ(child, pid);
	ctgid = BPF_CORE_READ(child, tgid);
	if (bpf_map_update_elem(&guests, &ctid, &active, BPF_ANY))
		__sync_fetch_and_add(&untracked, 1);
	task_event(HY_KEV_FORK, ptid, bpf_get_current_pid_tgid() >> 32, ctid);
	(void)ctgid;
	return 0;
}

/* A non-leader thread that executes takes over the leader's tid. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(hy_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 old = old_pid;
	__u32 tid = BPF_CORE_READ(p, pid);
	__u32 *state = bpf_map_lookup_elem(&guests, &old);
	__u32 active = HY_GUEST_ACTIVE;

	if (!state)
		return 0;
	if (old != tid) {
		bpf_map_update_elem(&guests, &tid, &active, BPF_ANY);
		bpf_map_delete_elem(&guests, &old);
	}
	task_event(HY_KEV_EXEC, tid, BPF_CORE_READ(p, tgid), old);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(hy_task_exit, struct task_struct *p)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	if (!bpf_map_lookup_elem(&guests, &tid))
		return 0;
	bpf_map_delete_elem(&guests, &tid);
	task_event(HY_KEV_TASK_EXIT, tid, bpf_get_current_pid_tgid() >> 32, 0);
	return 0;
}
