/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capturing the guest memory syscall arguments point to, per the capture plan
 * (struct hy_plan, from user/capture_plan.c), into records of exact length.
 * Stands alone: its scratch map is its own, the ring is ring.bpf.h's. The user
 * space twin, reading the same plan from a stopped guest, is
 * user/live_capture.c; t_capture_paths_agree compares the two.
 */
#ifndef HY_CAPTURE_BPF_H
#define HY_CAPTURE_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include "hy_event.h"
#include "ring.bpf.h"
#include "sock.bpf.h"

/*
 * Records with captured memory are assembled here, then copied into the ring
 * with their exact length: a reservation must have a constant size. The running
 * offset, capture count and fault flag live in the map value, not in registers:
 * the verifier treats what it loads from a map as unknown, so every path through
 * one capture reaches the next with the same state and is pruned. Kept in
 * registers, the paths multiplied (six kinds, three slots) past a million
 * instructions.
 */
#define CAP_OFF_MAX (1 << 14)		  /* a capture starts below this offset... */
#define CAP_LEN_MASK (2 * HY_CAP_MAX - 1) /* ...and is shorter than this */
/* per-CPU values are limited to 32 KiB */
#define SCRATCH_SIZE (CAP_OFF_MAX + sizeof(struct hy_kcap) + CAP_LEN_MASK + 1)
struct scratch {
	__u32 off;
	__u8 ncap;
	__u8 faulted;
	__u16 _pad;
	__u32 dirents_n;  /* the getdents walk between windows (laundered, as off) */
	__u32 dirents_at; /* and between the walks of one window */
	__u32 sock_data;  /* a netlink socket's data: at least this much (capture_sock_slot) */
	__u64 dirents_pos;
	__u64 iov_left; /* bytes of the result not yet given to an iovec buffer (same) */
	__u64 args[6];	/* the call's arguments, for capture_slots (a global function) */
	/*
	 * capture_iovec's array, here rather than on its stack: three calls deep
	 * (program, capture_slot, capture_iovec_slot) the frames passed 5.10's and
	 * 6.1's 512-byte limit ("combined stack size of 3 calls is 544").
	 */
	struct {
		__u64 base, len;
	} iov[HY_IOV_MAX];
	/* capture_argv's pointer array: 520 bytes, more than a BPF stack frame holds */
	__u64 argv[HY_ARGV_MAX + 1];
	__u8 buf[SCRATCH_SIZE];
};
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

/*
 * The capture kinds (bit HY_CAP_*) some plan of this run has, set before the
 * load (kernel_recorder.c): the verifier then walks no code of a kind no
 * watched call needs, as it drops the stack code without -k. That code is most
 * of the programs' verification, and of a start (`-e trace=kill` captures no
 * memory at all; HACKING.md, "Verification cost"). Every bit set by default.
 */
const volatile __u32 cap_kinds = ~0u;
#define CAP_BIT(kind) (1u << HY_CAP_##kind)
#define CAP_USED(bits) (cap_kinds & (bits))
/* the kinds whose data goes through capture_buf, directly or in a struct's buffers */
#define CAP_BUF_KINDS                                                                              \
	(CAP_BIT(BUF_ARG) | CAP_BIT(BUF_RET) | CAP_BIT(FIXED) | CAP_BIT(IOVEC) |                   \
	 CAP_BIT(IOVEC32) | CAP_BIT(MSGHDR) | CAP_BIT(MSGHDR32) | CAP_BIT(MMSG_IN) |               \
	 CAP_BIT(MMSG_OUT) | CAP_BIT(IOCBS) | CAP_BIT(DIRENTS) | CAP_BIT(FOLLOW) | CAP_BIT(PTRS))
#define CAP_IOV_KINDS                                                                              \
	(CAP_BIT(IOVEC) | CAP_BIT(IOVEC32) | CAP_BIT(MSGHDR) | CAP_BIT(MSGHDR32) |                 \
	 CAP_BIT(MMSG_IN) | CAP_BIT(MMSG_OUT))

/* args[i] without a variable stack offset, which older verifiers refuse. */
static __always_inline __u64 arg_at(const __u64 *args, int i)
{
	switch (i) {
	case 0:
		return args[0];
	case 1:
		return args[1];
	case 2:
		return args[2];
	case 3:
		return args[3];
	case 4:
		return args[4];
	case 5:
		return args[5];
	}
	return 0;
}

/* The scratch offset, laundered through the map so the verifier forgets its history. */
static __always_inline __u32 scratch_off(struct scratch *s)
{
	return *(volatile __u32 *)&s->off;
}

/*
 * Where the data of a chunk at @off goes. Masked here, after barrier_var, as
 * put_chunk does: 5.10 forgets a bound checked on a copy of an offset that was
 * spilled to the stack (in a global function, around its helper calls).
 */
static __always_inline void *chunk_data(struct scratch *s, __u32 off)
{
	barrier_var(off);
	return &s->buf[(off & (CAP_OFF_MAX - 1)) + sizeof(struct hy_kcap)];
}

/* Record one chunk header at @off and advance past @len bytes of data. */
static __always_inline void put_chunk(struct scratch *s, __u32 off, __u64 addr, __u32 len, __u8 arg,
				      __u8 flags)
{
	struct hy_kcap *k;

	/* masked here whatever the caller checked (chunk_data) */
	barrier_var(off);
	k = (struct hy_kcap *)&s->buf[off & (CAP_OFF_MAX - 1)];
	k->addr = addr;
	k->len = len;
	k->arg = arg;
	k->flags = flags;
	k->_pad = 0;
	*(volatile __u8 *)&s->ncap += 1;
	if (flags & HY_KCAP_FAULT)
		*(volatile __u8 *)&s->faulted = 1;
	*(volatile __u32 *)&s->off = off + sizeof(*k) + ((len + 7) & ~7u);
}

/*
 * The two leaf captures are global functions: the verifier checks each once,
 * not once per place that calls it (argv's 64 strings, the iovec and mmsg
 * loops' entries, every slot kind), which made most of its work and of
 * start-up (HACKING.md, "Verification cost"). Scalars only (5.10), the
 * scratch value found again by each.
 */
static __always_inline struct scratch *scratch_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch_map, &zero);
}

/* A NUL-terminated string of at most @cap bytes (the NUL included). */
__attribute__((noinline)) int capture_str(__u64 addr, __u32 cap, __u32 arg)
{
	struct scratch *s = scratch_get();
	__u32 off;
	long n;

	if (!CAP_USED(CAP_BIT(STR) | CAP_BIT(ARGV) | CAP_BIT(ARGV32) | CAP_BIT(FOLLOW)))
		return 0;
	if (!s)
		return 0;
	off = scratch_off(s);
	if (off >= CAP_OFF_MAX)
		return 0;
	off &= CAP_OFF_MAX - 1;
	barrier_var(cap);
	cap &= CAP_LEN_MASK;
	if (!cap)
		return 0;
	n = bpf_probe_read_user_str(chunk_data(s, off), cap, (void *)addr);
	if (n < 0)
		put_chunk(s, off, addr, 0, arg, HY_KCAP_FAULT);
	else if (n == 0) /* an empty string, as kernels before 5.11 or so count it */
		put_chunk(s, off, addr, 0, arg, HY_KCAP_STR);
	else
		put_chunk(s, off, addr, (n - 1) & CAP_LEN_MASK, arg,
			  HY_KCAP_STR | (n == cap ? HY_KCAP_TRUNC : 0));
	return 0;
}

/*
 * The bytes of @len that lie in the page @addr starts in, when the read of all
 * @len failed: an object may end right before an unmapped page while the
 * capture asks for more (a sockaddr's 128 bytes, a CPU mask's), so the read is
 * tried again up to the page's end. 0 when that is no shorter.
 */
static __always_inline __u32 page_part(__u64 addr, __u32 len)
{
	__u32 first = 4096 - (addr & 4095);

	return first < len ? first : 0;
}

/* @len bytes (@trunc: the object is longer); what a page holds if the rest faults. */
__attribute__((noinline)) int capture_buf(__u64 addr, __u32 len, __u32 trunc, __u32 arg)
{
	struct scratch *s = scratch_get();
	__u32 off, part;
	void *dst;

	if (!CAP_USED(CAP_BUF_KINDS))
		return 0;
	if (!s)
		return 0;
	off = scratch_off(s);
	if (off >= CAP_OFF_MAX)
		return 0;
	off &= CAP_OFF_MAX - 1;
	dst = chunk_data(s, off);
	barrier_var(len);
	len &= CAP_LEN_MASK;
	if (!len || !bpf_probe_read_user(dst, len, (void *)addr)) {
		put_chunk(s, off, addr, len, arg, trunc ? HY_KCAP_TRUNC : 0);
		return 0;
	}
	part = page_part(addr, len);
	barrier_var(part);
	part &= 4095;
	if (part && !bpf_probe_read_user(dst, part, (void *)addr))
		put_chunk(s, off, addr, part, arg, HY_KCAP_TRUNC);
	else
		put_chunk(s, off, addr, 0, arg, HY_KCAP_FAULT);
	return 0;
}

/*
 * HY_CAP_SOCK: what descriptor @fd is, a META chunk (none for what is not a
 * netlink socket); a netlink socket's data is then captured up to @data bytes
 * whatever -s says (the slot's aux, capture_plan.c), so it is looked up before
 * the data slots. A global function of its own: its frame is then not
 * capture_slot's, which the iovec capture's already deepens.
 */
__attribute__((noinline)) int capture_sock_slot(__s64 fd, __u32 data)
{
	__u32 zero = 0, off;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	struct hy_sock_meta m;

	if (!CAP_USED(CAP_BIT(SOCK)))
		return 0;
	if (!s)
		return 0;
	off = scratch_off(s);
	if (off >= CAP_OFF_MAX || !sock_meta(fd, &m))
		return 0;
	off &= CAP_OFF_MAX - 1;
	__builtin_memcpy(chunk_data(s, off), &m, sizeof(m));
	put_chunk(s, off, 0, sizeof(m), HY_META_SOCK, HY_KCAP_META);
	*(volatile __u32 *)&s->sock_data = data;
	return 0;
}

/*
 * argv: the pointer array as one chunk, then up to HY_ARGV_MAX strings, each its
 * own chunk keyed by its address. The array is read into the scratch value (it
 * is larger than a stack frame); the strings in a loop the verifier walks once
 * per string (5.10 has bounded loops, not bpf_loop): unrolled, 64 copies of
 * capture_str would make the program four times its size.
 */
static __always_inline void capture_argv(struct scratch *s, __u64 addr, __u32 cap, __u8 arg,
					 bool compat)
{
	__u32 off = scratch_off(s), len, part, w = compat ? 4 : 8;

	if (off >= CAP_OFF_MAX)
		return;
	off &= CAP_OFF_MAX - 1;
	__builtin_memset(s->argv, 0, sizeof(s->argv));
	/* @compat: 32-bit pointers (the array of the same count is half as long) */
	len = compat ? sizeof(s->argv) / 2 : sizeof(s->argv);
	barrier_var(len);
	len &= 1023;
	if (len > sizeof(s->argv))
		return;
	if (bpf_probe_read_user(s->argv, len, (void *)addr)) {
		/* an array that ends at an unmapped page: what its page holds (the rest stays 0) */
		part = page_part(addr, len) & ~(w - 1);
		barrier_var(part);
		part &= 1023;
		if (part > sizeof(s->argv))
			part = 0;
		/* kept apart from the test of 0 (see capture_iovec) */
		barrier_var(part);
		if (!part || bpf_probe_read_user(s->argv, part, (void *)addr)) {
			put_chunk(s, off, addr, 0, arg, HY_KCAP_FAULT);
			return;
		}
		len = part;
	}
	__builtin_memcpy(chunk_data(s, off), s->argv, sizeof(s->argv));
	put_chunk(s, off, addr, len, arg, 0);
	if (compat) {
		/* unpacked in place from the top: pointer i's 4 bytes lie below argv[i] */
		for (int i = HY_ARGV_MAX; i >= 0; i--)
			s->argv[i] = ((volatile __u32 *)s->argv)[i];
	}
	if (cap > 256)
		cap = 256;
#pragma nounroll
	for (int i = 0; i < HY_ARGV_MAX; i++) {
		__u64 p = *(volatile __u64 *)&s->argv[i];

		if (!p)
			break;
		capture_str(p, cap, arg);
	}
}

/*
 * A pointer array to be counted (envp): up to HY_CAP_MAX bytes, but no further
 * than the page after the one it starts in, which may not be mapped (the top
 * of the stack).
 */
static __always_inline void capture_ptrs(struct scratch *s, __u64 addr, __u8 arg)
{
	__u32 off = scratch_off(s), first = 4096 - (addr & 4095), len;

	if (off >= CAP_OFF_MAX)
		return;
	off &= CAP_OFF_MAX - 1;
	barrier_var(first);
	first &= 4095;
	if (!first)
		first = 4096;
	if (bpf_probe_read_user(chunk_data(s, off), first, (void *)addr)) {
		put_chunk(s, off, addr, 0, arg, HY_KCAP_FAULT);
		return;
	}
	len = first;
	if (first < HY_CAP_MAX) {
		__u32 rest = (HY_CAP_MAX - first) & 4095;

		if (rest &&
		    !bpf_probe_read_user(
			    &s->buf[(off + sizeof(struct hy_kcap) + first) & (2 * CAP_OFF_MAX - 1)],
			    rest, (void *)(addr + first)))
			len = HY_CAP_MAX;
	}
	put_chunk(s, off, addr, len, arg, 0);
}

#include "capture_dirents.bpf.h"
#include "capture_msg.bpf.h"
#include "capture_aio.bpf.h"

__attribute__((noinline)) int capture_slot(__u32 slot, __u64 addr, __u64 len_arg, __s64 ret,
					   __u32 flags)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	__u8 kind = slot, arg = slot >> 8;
	__u32 aux = slot >> 16, data;
	__u32 cap = (aux & ~HY_CAP_ON_ERROR) > HY_CAP_MAX ? HY_CAP_MAX : aux & ~HY_CAP_ON_ERROR;
	/* buffer kinds pack an argument in aux's low bits and their size above */
	__u32 bufcap = aux >> 3 < HY_CAP_MAX ? aux >> 3 : HY_CAP_MAX;

	if (!CAP_USED(CAP_BIT(STR) | CAP_BIT(PTRS) | CAP_BIT(BUF_ARG) | CAP_BIT(BUF_RET) |
		      CAP_BIT(FIXED) | CAP_IOV_KINDS))
		return 0;
	if (!s || addr < USER_ADDR_MIN)
		return 0;
	/* a netlink socket's data: as much as its decoder needs (capture_sock_slot) */
	data = *(volatile __u32 *)&s->sock_data;
	if (data > HY_CAP_MAX)
		data = HY_CAP_MAX;
	if (kind == HY_CAP_BUF_ARG || kind == HY_CAP_BUF_RET || kind == HY_CAP_IOVEC ||
	    kind == HY_CAP_IOVEC32 || kind == HY_CAP_MSGHDR || kind == HY_CAP_MSGHDR32) {
		bufcap = bufcap < data ? data : bufcap;
		cap = cap < data ? data : cap;
	}
	switch (kind) {
	case HY_CAP_STR:
		capture_str(addr, cap, arg);
		break;
	case HY_CAP_PTRS:
		if (!CAP_USED(CAP_BIT(PTRS)))
			break;
		capture_ptrs(s, addr, arg);
		break;
	case HY_CAP_BUF_ARG:
		capture_buf(addr, len_arg < bufcap ? len_arg : bufcap, len_arg > bufcap, arg);
		break;
	case HY_CAP_BUF_RET:
		if (ret > 0)
			capture_buf(addr, (__u64)ret < cap ? ret : cap, (__u64)ret > cap, arg);
		break;
	case HY_CAP_FIXED:
		/* an output struct of a failed call holds nothing, but where the plan says */
		if (ret >= 0 || (aux & HY_CAP_ON_ERROR))
			capture_buf(addr, cap, false, arg);
		break;
	case HY_CAP_IOVEC:
		capture_iovec_all(addr, len_arg, bufcap, ret, (flags & CAP_AT_EXIT) | arg << 8);
		break;
	case HY_CAP_IOVEC32:
		capture_iovec_all(addr, len_arg, bufcap, ret,
				  (flags & CAP_AT_EXIT) | CAP_IOV32 | arg << 8);
		break;
	case HY_CAP_MSGHDR:
		if (!CAP_USED(CAP_BIT(MSGHDR)))
			break;
		capture_msghdr(s, addr, bufcap, ret, flags, arg);
		break;
	case HY_CAP_MSGHDR32:
		if (!CAP_USED(CAP_BIT(MSGHDR32)))
			break;
		capture_msghdr(s, addr, bufcap, ret, flags | CAP_IOV32, arg);
		break;
	}
	return 0;
}

/* HY_CAP_FOLLOW's rules (struct hy_follow), written by user space before the guest starts. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HY_FOLLOW_RULES);
	__type(key, struct hy_follow_key);
	__type(value, struct hy_follow);
} follows SEC(".maps");

/*
 * HY_CAP_FOLLOW: the buffer behind a pointer inside the struct at @addr, when a
 * rule names the selector's @value (SIOCGIFCONF: ifc_len bytes at ifc_buf, at
 * exit). @packed: the argument, the rule group above it, bit 31 for exit. Its
 * own global function, as capture_sock_slot: capture_slot's frame stays as it is.
 */
__attribute__((noinline)) int capture_follow_slot(__u64 addr, __u64 value, __s64 ret, __u32 packed)
{
	__u32 zero = 0, want;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	struct hy_follow_key k = { .group = (packed >> 8) & 0xffff, .value = (__u32)value };
	const struct hy_follow *f;
	__u64 ptr = 0;
	__s32 len = 0;

	if (!CAP_USED(CAP_BIT(FOLLOW)))
		return 0;
	if (!s || addr < USER_ADDR_MIN || ((packed >> 31) && ret < 0))
		return 0;
	f = bpf_map_lookup_elem(&follows, &k);
	if (!f)
		return 0;
	if (f->flags & HY_FOLLOW_IOV) {
		capture_iovec_all(addr, arg_at(s->args, f->len_off & 7), f->max, ret,
				  (packed >> 31 ? CAP_AT_EXIT : 0) | (packed & 0xff) << 8);
		return 0;
	}
	if (bpf_probe_read_user(&ptr, sizeof(ptr), (void *)(addr + f->ptr_off)))
		return 0;
	if (f->flags & HY_FOLLOW_PTR32)
		ptr = (__u32)ptr;
	if (f->flags & HY_FOLLOW_STR) {
		if (ptr >= USER_ADDR_MIN)
			capture_str(ptr, f->max < HY_CAP_MAX ? f->max : HY_CAP_MAX, packed & 0xff);
		return 0;
	}
	if (f->flags & HY_FOLLOW_FIXED)
		len = (__s32)f->max;
	else if (bpf_probe_read_user(&len, sizeof(len), (void *)(addr + f->len_off)))
		return 0;
	if (len <= 0 || ptr < USER_ADDR_MIN)
		return 0;
	want = (__u32)len < f->max ? (__u32)len : f->max;
	if (want > HY_CAP_MAX)
		want = HY_CAP_MAX;
	capture_buf(ptr, want, (__u32)len > want, packed & 0xff);
	return 0;
}

/*
 * execve's argv, and getdents' records: global functions of their own, so only
 * the program that can meet them (sys_enter, sys_exit) has the verifier walk
 * their loops.
 */
__attribute__((noinline)) int capture_argv_slot(__u64 addr, __u32 cap, __u32 arg)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (!CAP_USED(CAP_BIT(ARGV) | CAP_BIT(ARGV32)))
		return 0;
	if (s && addr)
		capture_argv(s, addr, cap > HY_CAP_MAX ? HY_CAP_MAX : cap, arg, arg >> 8);
	return 0;
}

/*
 * One phase's slots of a call (a plan's list, packed in two scalars), its
 * arguments in the scratch value. The list's loop as a global function: the
 * verifier walks it once per variant, not once per place a record is built
 * (four in sys_exit). One variant per (@with_argv, @at_exit) pair, so that
 * the argv walk is verified in sys_enter only, getdents' and mmsg's in
 * sys_exit only.
 */
static __always_inline void capture_slots(__u64 lo, __u64 hi, __s64 ret, bool with_argv,
					  bool at_exit)
{
	__u32 zero = 0, flags = at_exit ? CAP_AT_EXIT : 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	const __u64 *args;

	if (!s)
		return;
	args = s->args;
	/* the socket first: its family says how much of its data to capture */
#pragma unroll
	for (int i = 0; i < HY_PLAN_SLOTS; i++) {
		__u32 w = (i < 2 ? lo : hi) >> (i % 2 * 32);
		struct hy_cap_slot c = { .kind = w, .arg = w >> 8, .aux = w >> 16 };

		if (c.kind == HY_CAP_SOCK)
			capture_sock_slot(arg_at(args, c.arg), c.aux);
	}
#pragma unroll
	for (int i = 0; i < HY_PLAN_SLOTS; i++) {
		__u32 w = (i < 2 ? lo : hi) >> (i % 2 * 32);
		struct hy_cap_slot c = { .kind = w, .arg = w >> 8, .aux = w >> 16 };

		if (!c.kind)
			break;
		/* with_argv and at_exit are constants here: the other branch is gone */
		if (c.kind == HY_CAP_ARGV || c.kind == HY_CAP_ARGV32) {
			if (with_argv)
				capture_argv_slot(arg_at(args, c.arg), c.aux,
						  c.arg | (c.kind == HY_CAP_ARGV32) << 8);
		} else if (c.kind == HY_CAP_DIRENTS) {
			if (at_exit)
				capture_dirents_slot(arg_at(args, c.arg), ret, c.arg, c.aux);
		} else if (c.kind == HY_CAP_MMSG_IN || c.kind == HY_CAP_MMSG_OUT) {
			if (at_exit)
				capture_mmsg_slot(arg_at(args, c.arg), arg_at(args, c.aux & 7),
						  c.aux >> 3, ret,
						  (c.kind == HY_CAP_MMSG_OUT) | (__u32)c.arg << 8);
		} else if (c.kind == HY_CAP_IOCBS) {
			if (!at_exit)
				capture_iocbs_slot(arg_at(args, c.arg), arg_at(args, c.aux & 7),
						   c.aux >> 3, c.arg);
		} else if (c.kind == HY_CAP_FOLLOW) {
			capture_follow_slot(arg_at(args, c.arg), arg_at(args, c.aux & 7), ret,
					    c.arg | (__u32)(c.aux >> 3) << 8 |
						    (at_exit ? 1u << 31 : 0));
		} else if (c.kind != HY_CAP_SOCK) {
			capture_slot(c.kind | (__u32)c.arg << 8 | (__u32)c.aux << 16,
				     arg_at(args, c.arg), arg_at(args, c.aux & 7), ret, flags);
		}
	}
}

/*
 * The record in the scratch buffer (its header, then the chunks) into the ring.
 * In the global variants below, not in each caller: sys_exit builds a record
 * with captures in four places, and each inlined copy of this was walked again.
 * Returns whether some memory could not be read (not resident).
 */
static __always_inline int submit_scratch(void)
{
	__u32 zero = 0, off;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (!s)
		return 0;
	/* ncap sits at the same offset in struct hy_kev_sys and struct hy_kev_call */
	((struct hy_kev_sys *)s->buf)->ncap = s->ncap;
	off = scratch_off(s);
	if (off > SCRATCH_SIZE)
		return 0;
	((struct hy_kev_hdr *)s->buf)->size = off;
	ring_output(s->buf, off);
	return s->faulted;
}

__attribute__((noinline)) int capture_slots_argv(__u64 lo, __u64 hi)
{
	if (!cap_kinds)
		return 0;
	capture_slots(lo, hi, 0, true, false);
	return submit_scratch();
}

__attribute__((noinline)) int capture_slots_entry(__u64 lo, __u64 hi)
{
	if (!cap_kinds)
		return 0;
	capture_slots(lo, hi, 0, false, false);
	return submit_scratch();
}

__attribute__((noinline)) int capture_slots_exit(__u64 lo, __u64 hi, __s64 ret)
{
	if (!cap_kinds)
		return 0;
	capture_slots(lo, hi, ret, false, true);
	return submit_scratch();
}

/* A slot as the scalar it is (kind, arg, aux in its little-endian bytes). */
static __always_inline __u64 slot_bits(const struct hy_cap_slot *c)
{
	return c->kind | (__u32)c->arg << 8 | (__u32)c->aux << 16;
}

/*
 * A record with captures: built in the scratch buffer, copied into the ring.
 * Returns true when some memory could not be read (not resident).
 */
static __always_inline bool submit_captured(const void *src, __u32 hdr_size,
					    const struct hy_cap_slot *list, const __u64 *args,
					    __s64 ret, bool with_argv, bool at_exit)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	__u64 lo, hi;

	if (!s)
		return false;
	__builtin_memcpy(s->buf, src, hdr_size); /* constant: the callers are inlined */
	__builtin_memcpy(s->args, args, sizeof(s->args));
	s->off = hdr_size;
	s->ncap = 0;
	s->faulted = 0;
	s->sock_data = 0;
	lo = slot_bits(&list[0]) | slot_bits(&list[1]) << 32;
	hi = slot_bits(&list[2]) | slot_bits(&list[3]) << 32;
	if (at_exit)
		return capture_slots_exit(lo, hi, ret);
	if (with_argv)
		return capture_slots_argv(lo, hi);
	return capture_slots_entry(lo, hi);
}

#endif
