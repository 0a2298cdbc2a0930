/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hytrace -k: at sys_enter of a call whose stack some tool wants, the
 * registers DWARF unwinding starts from and a copy of the user stack from sp
 * (struct hy_kev_stack), unwound later in user space (user/stack/). The
 * kernel's own user stack walk (bpf_get_stack with BPF_F_USER_STACK) follows
 * frame pointers, which Debian's libraries do not keep, and cost ~1 us per call
 * even when it stopped after one frame. Measured with a getppid loop 20 KiB
 * deep, per call over the bare tracepoint: the registers alone +0.2 us, 2 KiB
 * +0.9 us, 8 KiB +1.4-2.3 us, 16 KiB +2.9 us (two copies: into the scratch, into
 * the ring). The copy ends at the top of the stack's mapping, so a shallow
 * stack costs what it holds, not the limit.
 *
 * Stands alone (the ring is ring.bpf.h's); the caller hands it the header of
 * the call the stack belongs to.
 */
#ifndef HY_USTACK_BPF_H
#define HY_USTACK_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "hy_event.h"
#include "ring.bpf.h"

/* Bytes of stack copied per call (up to HY_STACK_MAX); 0: no stacks. */
const volatile __u32 stack_bytes = 0;

/* Which calls take their stack: abi * HY_PLAN_NR_MAX + nr -> 1. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, HY_PLAN_ENTRIES);
	__type(key, __u32);
	__type(value, __u8);
} stack_want SEC(".maps");

/*
 * The copy's offset and limit live here, not in registers: the verifier treats
 * what it loads from a map as unknown. With the limit a known constant (a small
 * --stack-size) older verifiers (5.10, 6.1) walked loop paths with impossible
 * ranges and refused them. A page of slack: nor can it tell that a page read at
 * off ends below the limit.
 */
struct stack_scratch {
	__u32 off, limit;
	struct hy_kev_stack k; /* k and buf go to the ring together */
	__u8 buf[HY_STACK_MAX + 4096];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stack_scratch);
} stack_scratch_map SEC(".maps");

static __always_inline bool stack_wanted(__u8 abi, __s32 nr)
{
	__u32 key;
	__u8 *want;

	if (!stack_bytes || abi == HY_KABI_I386 || nr < 0 || nr >= HY_PLAN_NR_MAX)
		return false;
	key = abi * HY_PLAN_NR_MAX + nr;
	want = bpf_map_lookup_elem(&stack_want, &key);
	return want && *want;
}

/*
 * Page by page from sp: bpf_probe_read_user() is all or nothing, and the
 * stack's mapping may end before stack_bytes do. Returns the bytes copied.
 */
/*
 * How much to copy: stack_bytes, but no further than where frames can be. On
 * the main thread's stack that is where it began (argc): above are argv and the
 * environment (find /usr copied 6.4 KiB a call for 2 KiB of frames). On a glibc
 * thread's it is its TLS base: above is its thread descriptor (a one-thread
 * getppid storm copied 12.4 KiB a call).
 */
static __always_inline __u32 copy_limit(__u64 sp)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	__u64 top = mm ? BPF_CORE_READ(mm, start_stack) : 0,
	      fs = BPF_CORE_READ(task, thread.fsbase);
	__u32 limit = stack_bytes < HY_STACK_MAX ? stack_bytes : HY_STACK_MAX;

	if (sp < top && top - sp < limit)
		limit = top - sp;
	if (sp < fs && fs - sp < limit)
		limit = fs - sp;
	return limit;
}

static __always_inline __u32 copy_stack(struct stack_scratch *s, __u64 sp)
{
	__u32 off, limit, want;

	s->off = 0;
	s->limit = copy_limit(sp);
	for (int i = 0; i < HY_STACK_MAX / 4096 + 1; i++) {
		off = *(volatile __u32 *)&s->off;
		limit = *(volatile __u32 *)&s->limit;
		if (off >= limit)
			break;
		want = i == 0 ? 4096 - (sp & 4095) : 4096;
		if (want > limit - off)
			want = limit - off;
		/* the compiler would drop masks it can prove idle: the verifier cannot */
		barrier_var(off);
		barrier_var(want);
		off &= HY_STACK_MAX - 1;
		want &= 8191;
		if (!want || want > 4096)
			break;
		if (bpf_probe_read_user(&s->buf[off], want, (void *)(sp + off)))
			break;
		*(volatile __u32 *)&s->off = off + want;
	}
	return *(volatile __u32 *)&s->off;
}

/*
 * @hdr: the call's record header (its ts, tid, tgid, aux); type and size are
 * set here. @slot: a call the in-guest runtime makes for the guest from its
 * gate, with rsp at {the guest's rip, the guest's rsp} (bpf/hytrace.bpf.c,
 * runtime_call): the stack is the guest's from there, as ptrace would see it.
 */
static __always_inline void capture_stack(struct pt_regs *r, __u8 abi, __s32 nr,
					  const struct hy_kev_hdr *hdr, bool slot)
{
	struct stack_scratch *s;
	__u32 zero = 0, n;

	if (!stack_wanted(abi, nr) || !(s = bpf_map_lookup_elem(&stack_scratch_map, &zero)))
		return;
	s->k.ip = r->ip;
	s->k.sp = r->sp;
	if (slot && (bpf_probe_read_user(&s->k.ip, sizeof(s->k.ip), (void *)r->sp) ||
		     bpf_probe_read_user(&s->k.sp, sizeof(s->k.sp), (void *)(r->sp + 8)))) {
		s->k.ip = r->ip;
		s->k.sp = r->sp;
	}
	s->k.bp = r->bp;
	s->k.bx = r->bx;
	s->k.r12 = r->r12;
	s->k.r13 = r->r13;
	s->k.r14 = r->r14;
	s->k.r15 = r->r15;
	n = copy_stack(s, s->k.sp);
	s->k.hdr = *hdr;
	s->k.hdr.type = HY_KEV_STACK;
	s->k.hdr.size = sizeof(s->k) + n;
	s->k.hdr.aux = n;
	/* the length the verifier checks must be the one the call gets */
	barrier_var(n);
	n &= 2 * HY_STACK_MAX - 1;
	if (n > HY_STACK_MAX)
		return;
	ring_output(&s->k, sizeof(s->k) + n);
}

#endif
