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

/*
 * The buffers of the iovec array in s->iov (@count entries), from the start of
 * the bytes in s->iov_left. A global function: the verifier walks its loop
 * once, not once for each way capture_iovec got there (32-bit or not, entry
 * or exit, a fault on the array's page), which made it twelve times.
 */
__attribute__((noinline)) int capture_iov_bufs(__u64 count, __u32 maxbuf, __u32 arg)
{
	struct scratch *s = scratch_get();

	if (!s)
		return 0;
#pragma unroll
	for (int i = 0; i < HY_IOV_MAX; i++) {
		/* from the map: every way one buffer ended meets the next the same */
		__u64 len, rest = *(volatile __u64 *)&s->iov_left;
		__u32 show;

		if ((__u64)i >= count || !rest)
			break;
		len = s->iov[i].len < rest ? s->iov[i].len : rest;
		show = len < maxbuf ? len : maxbuf;
		*(volatile __u64 *)&s->iov_left = rest - len;
		if (s->iov[i].base)
			capture_buf(s->iov[i].base, show, len > show, arg);
	}
	return 0;
}

/*
 * readv/writev: the iovec array as one chunk, then each buffer (at exit only as
 * much of each as the call returned in total, filled in order). @compat: 8-byte
 * entries of 32-bit pointers and lengths (i386, x32's compat calls). An array
 * that runs into an unmapped page keeps the entries before it (strace prints
 * those, then the address where reading stopped). Returns how many entries
 * capture_iov_bufs is to walk.
 */
static __always_inline int capture_iovec(struct scratch *s, __u64 addr, __u64 count, __s64 ret,
					 bool at_exit, bool compat, __u8 arg)
{
	__u32 off = scratch_off(s), size, part, esize = compat ? 8 : 16;
	__u64 left = at_exit ? (ret > 0 ? ret : 0) : ~0ull;

	if (off >= CAP_OFF_MAX || !count)
		return 0;
	off &= CAP_OFF_MAX - 1;
	__builtin_memset(s->iov, 0, sizeof(s->iov));
	size = (count < HY_IOV_MAX ? count : HY_IOV_MAX) * esize;
	barrier_var(size);
	size &= sizeof(s->iov) * 2 - 1;
	if (size > sizeof(s->iov))
		return 0;
	if (bpf_probe_read_user(s->iov, size, (void *)addr)) {
		part = page_part(addr, size) & ~(esize - 1);
		barrier_var(part);
		part &= sizeof(s->iov) * 2 - 1;
		if (part > sizeof(s->iov))
			part = 0;
		/*
		 * Kept apart from the test of 0: clang folds "!part || part > N" into
		 * one unsigned compare of part - 1, whose bound 5.10's verifier does
		 * not carry back to part ("invalid indirect access to stack").
		 */
		barrier_var(part);
		if (!part || bpf_probe_read_user(s->iov, part, (void *)addr)) {
			put_chunk(s, off, addr, 0, arg, HY_KCAP_FAULT);
			return 0;
		}
		size = part;
	}
	count = compat ? size >> 3 : size >> 4;
	__builtin_memcpy(chunk_data(s, off), s->iov, sizeof(s->iov));
	put_chunk(s, off, addr, size, arg, 0);
	if (compat) {
		/*
		 * Unpacked in place from the top: entry i's 8 bytes lie below
		 * s->iov[i]. Volatile: the compiler keeps each entry's load before
		 * the stores that overwrite it (the types differ, so it need not).
		 */
#pragma unroll
		for (int i = HY_IOV_MAX - 1; i >= 0; i--) {
			__u64 e = *(volatile __u64 *)((__u8 *)s->iov + 8 * i);

			*(volatile __u64 *)&s->iov[i].base = (__u32)e;
			*(volatile __u64 *)&s->iov[i].len = e >> 32;
		}
	}
	s->iov_left = left;
	return count;
}

/*
 * getdents64: strace shows how many records the call returned, so walk their
 * headers (d_reclen at offset 16) and keep only the count. The buffer is read
 * in windows of DIRENTS_WIN bytes, each starting at a record, into the end of
 * the scratch buffer (past any chunk), and walked there: one copy per window
 * costs far less than one per record (find makes a million of those).
 */
#define DIRENTS_WIN 8192
/*
 * 32 KiB (glibc's buffer) and the partial records each window leaves to the next;
 * a larger result gets no count.
 */
#define DIRENTS_WINS 5
#define DIRENTS_AT (SCRATCH_SIZE - DIRENTS_WIN)
#define DIRENT_MIN 24 /* the smallest record: header, a 1-byte name, its NUL, aligned */

/*
 * Up to DIRENTS_STEP records of the window from where the last walk stopped,
 * as a global function: the verifier walks its loop once. A window takes
 * DIRENTS_WALKS of them (a walk of the whole window's 342 records cost it as
 * much as the rest of sys_exit). Returns 1 when records are left, 0 at the
 * window's end, -1 when the result cannot be counted.
 */
#define DIRENTS_STEP 49
#define DIRENTS_WALKS 7 /* of DIRENTS_STEP: DIRENTS_WIN / DIRENT_MIN + 1 records */

__attribute__((noinline)) int capture_dirents_walk(__u32 len)
{
	struct scratch *s = scratch_get();
	__u32 at, n;

	if (!s)
		return -1;
	at = *(volatile __u32 *)&s->dirents_at;
	n = *(volatile __u32 *)&s->dirents_n;
	for (int i = 0; i < DIRENTS_STEP && at + 18 <= len; i++) {
		/* records are 8-aligned: reclen sits at an even offset */
		__u16 reclen = *(__u16 *)&s->buf[DIRENTS_AT + ((at + 16) & (DIRENTS_WIN - 2))];

		if (!reclen)
			return -1; /* no count rather than a wrong one */
		at += reclen;
		n++;
	}
	*(volatile __u32 *)&s->dirents_at = at;
	*(volatile __u32 *)&s->dirents_n = n;
	return at + 18 <= len;
}

/*
 * One window, as a global function. Where the walk stands is kept in the
 * scratch value. Returns 0 to go on, -1 when the result cannot be counted.
 */
__attribute__((noinline)) int capture_dirents_window(__u64 addr, __s64 ret)
{
	struct scratch *s = scratch_get();
	__u32 len;
	__u64 pos, left;
	int more = 1;

	if (!s)
		return -1;
	pos = *(volatile __u64 *)&s->dirents_pos;
	if (ret <= 0 || pos >= (__u64)ret)
		return 0;
	left = ret - pos;
	len = left < DIRENTS_WIN ? left : DIRENTS_WIN;
	barrier_var(len);
	if (len > DIRENTS_WIN ||
	    bpf_probe_read_user(&s->buf[DIRENTS_AT], len, (void *)(addr + pos)))
		return -1;
	*(volatile __u32 *)&s->dirents_at = 0;
	for (int i = 0; i < DIRENTS_WALKS && more > 0; i++)
		more = capture_dirents_walk(len);
	if (more)
		return -1; /* more records than a window can hold: not a real buffer */
	*(volatile __u64 *)&s->dirents_pos = pos + *(volatile __u32 *)&s->dirents_at;
	return 0;
}

static __always_inline void capture_dirents(struct scratch *s, __u64 addr, __s64 ret, __u8 arg)
{
	__u32 off = scratch_off(s), n;
	__u64 pos;

	if (off >= CAP_OFF_MAX || ret <= 0)
		return;
	s->dirents_pos = 0;
	s->dirents_n = 0;
	for (int w = 0; w < DIRENTS_WINS; w++)
		if (capture_dirents_window(addr, ret))
			return;
	pos = *(volatile __u64 *)&s->dirents_pos;
	n = *(volatile __u32 *)&s->dirents_n;
	if (pos < (__u64)ret)
		return;
	/* bounded again: older verifiers lose the bound of a value kept on the stack */
	off = scratch_off(s) & (CAP_OFF_MAX - 1);
	*(__u32 *)chunk_data(s, off) = n;
	put_chunk(s, off, addr, sizeof(n), arg, HY_KCAP_COUNT);
}

/*
 * One capture slot, as a global function: the verifier checks it once, on its
 * own, whatever the caller's state, instead of once per call site, slot and
 * kind (which multiplied to a million instructions and seconds of start-up).
 * So it takes only scalars (the slot packed into @slot, the argument's value,
 * the value of the argument a length comes from, the result) and finds the
 * scratch buffer itself. @flags: CAP_AT_EXIT.
 */
#define CAP_AT_EXIT 2
#define CAP_IOV32 4 /* an iovec array of the 32-bit layout */

/*
 * The iovec array once per program, for readv/writev and for msghdr's vector;
 * its buffers after it (capture_iovec_all), not from inside it: one frame
 * less on the deepest call chain (scripts/bpf_stack.py).
 */
__attribute__((noinline)) int capture_iovec_slot(__u64 addr, __u64 count, __s64 ret,
						 __u32 flags_arg)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (s && addr)
		return capture_iovec(s, addr, count, ret, flags_arg & CAP_AT_EXIT,
				     flags_arg & CAP_IOV32, flags_arg >> 8);
	return 0;
}

static __always_inline void capture_iovec_all(__u64 addr, __u64 count, __u32 maxbuf, __s64 ret,
					      __u32 flags_arg)
{
	int n = capture_iovec_slot(addr, count, ret, flags_arg);

	if (n > 0)
		capture_iov_bufs(n, maxbuf > HY_CAP_MAX ? HY_CAP_MAX : maxbuf, flags_arg >> 8);
}

/*
 * sendmsg/recvmsg: the header, the peer's address and the data vector.
 * @flags CAP_IOV32: the 32-bit layout (i386, x32's compat calls), seven 32-bit
 * words, its vector of 8-byte iovecs. CAP_MMSG: a struct mmsghdr entry, the
 * header and its msg_len (64 bytes).
 */
#define CAP_MMSG 8
static __always_inline void capture_msghdr(struct scratch *s, __u64 addr, __u32 maxbuf, __s64 ret,
					   __u32 flags, __u8 arg)
{
	/*
	 * Read straight into its chunk: a copy on the stack (64 bytes) took the
	 * deepest call chain (the program, capture_slots_exit, capture_mmsg_slot,
	 * capture_iovec_slot, capture_buf) past the verifier's 512 bytes.
	 */
	struct msg {
		__u64 name;
		__u32 namelen, _pad;
		__u64 iov, iovlen, control, controllen;
		__u32 msg_flags, _pad2;
		__u32 msg_len, _pad3; /* an mmsghdr's */
	} * m;
	__u32 off = scratch_off(s), namelen, ctllen;
	__u32 size = flags & CAP_IOV32 ? 28 : flags & CAP_MMSG ? sizeof(*m) : 56;
	__u64 name, iov, iovlen, control, controllen;

	if (off >= CAP_OFF_MAX)
		return;
	off &= CAP_OFF_MAX - 1;
	m = (struct msg *)chunk_data(s, off);
	barrier_var(size);
	size &= 127;
	if (size > sizeof(*m))
		return;
	if (bpf_probe_read_user(m, size, (void *)addr)) {
		put_chunk(s, off, addr, 0, arg, HY_KCAP_FAULT);
		return;
	}
	put_chunk(s, off, addr, size, arg, 0);
	if (flags & CAP_IOV32) {
		__u32 *w = (__u32 *)m;

		name = w[0];
		namelen = w[1];
		iov = w[2];
		iovlen = w[3];
		control = w[4];
		controllen = w[5];
	} else {
		name = m->name;
		namelen = m->namelen;
		iov = m->iov;
		iovlen = m->iovlen;
		control = m->control;
		controllen = m->controllen;
	}
	namelen = namelen < 128 ? namelen : 128;
	if (name && namelen && !((flags & CAP_AT_EXIT) && ret < 0))
		capture_buf(name, namelen, false, arg);
	/* the control messages (SCM_RIGHTS, SCM_CREDENTIALS): their first bytes */
	ctllen = controllen < HY_CMSG_CAP ? controllen : HY_CMSG_CAP;
	if (control && ctllen && !((flags & CAP_AT_EXIT) && ret < 0))
		capture_buf(control, ctllen, false, arg);
	if (iov)
		capture_iovec_all(iov, iovlen, maxbuf, ret,
				  (flags & (CAP_AT_EXIT | CAP_IOV32)) | arg << 8);
}

/*
 * Below this no user memory is mapped (Debian's and most kernels' default
 * vm.mmap_min_addr): an "address" there is an integer that the call reads as one
 * (fcntl(fd, F_SETFD, FD_CLOEXEC), most ioctls), and trying to read it costs a
 * page fault, twice (the fault also asks for a second try at sys_exit).
 */
#define USER_ADDR_MIN 65536

/*
 * sendmmsg/recvmmsg's array, at exit: its first HY_MMSG_MAX entries, fewer
 * once they took HY_MMSG_CHUNKS chunks (@recv:
 * the @ret received ones, each entry's data of its msg_len; else the @vlen
 * given, whole, as strace prints them). An entry that cannot be read leaves a
 * fault chunk: the array ends there. Called by the slot loop itself, not by
 * capture_slot: one frame less under the 512-byte stack the verifier allows.
 */
__attribute__((noinline)) int capture_mmsg_slot(__u64 addr, __u64 vlen, __u32 maxbuf, __s64 ret,
						__u32 recv_arg)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	bool recv = recv_arg & 1;
	__u64 n = recv ? (ret > 0 ? (__u64)ret : 0) : vlen;
	__u32 data;
	__u8 first;

	if (!s || addr < USER_ADDR_MIN)
		return 0;
	/* a netlink socket's data: as much as its decoder needs (capture_sock_slot) */
	data = *(volatile __u32 *)&s->sock_data;
	if (maxbuf < data)
		maxbuf = data;
	if (maxbuf > HY_CAP_MAX)
		maxbuf = HY_CAP_MAX;
	first = *(volatile __u8 *)&s->ncap;
	for (int i = 0; i < HY_MMSG_MAX; i++) {
		__u64 a = addr + (__u64)i * 64;
		__u32 len = 0;

		if ((__u64)i >= n || (__u8)(*(volatile __u8 *)&s->ncap - first) >= HY_MMSG_CHUNKS)
			break;
		if (recv && bpf_probe_read_user(&len, sizeof(len), (void *)(a + 56)))
			len = 0;
		capture_msghdr(s, a, maxbuf, len, (recv ? CAP_AT_EXIT : 0) | CAP_MMSG,
			       recv_arg >> 8);
	}
	return 0;
}

__attribute__((noinline)) int capture_slot(__u32 slot, __u64 addr, __u64 len_arg, __s64 ret,
					   __u32 flags)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	__u8 kind = slot, arg = slot >> 8;
	__u32 aux = slot >> 16, cap = aux > HY_CAP_MAX ? HY_CAP_MAX : aux, data;
	/* buffer kinds pack an argument in aux's low bits and their size above */
	__u32 bufcap = aux >> 3 < HY_CAP_MAX ? aux >> 3 : HY_CAP_MAX;

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
		if (ret >= 0) /* an output struct of a failed call holds nothing */
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
		capture_msghdr(s, addr, bufcap, ret, flags, arg);
		break;
	case HY_CAP_MSGHDR32:
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

	if (!s || addr < USER_ADDR_MIN || ((packed >> 31) && ret < 0))
		return 0;
	f = bpf_map_lookup_elem(&follows, &k);
	if (!f)
		return 0;
	if (bpf_probe_read_user(&ptr, sizeof(ptr), (void *)(addr + f->ptr_off)) ||
	    bpf_probe_read_user(&len, sizeof(len), (void *)(addr + f->len_off)))
		return 0;
	if (f->flags & HY_FOLLOW_PTR32)
		ptr = (__u32)ptr;
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

	if (s && addr)
		capture_argv(s, addr, cap > HY_CAP_MAX ? HY_CAP_MAX : cap, arg, arg >> 8);
	return 0;
}

/*
 * getdents' records: counted, or with @windows (-v) their bytes, in windows
 * of HY_CAP_MAX (one capture is at most that), one chunk each.
 */
__attribute__((noinline)) int capture_dirents_slot(__u64 addr, __s64 ret, __u32 arg, __u32 windows)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (!s || !addr)
		return 0;
	if (!windows) {
		capture_dirents(s, addr, ret, arg);
		return 0;
	}
	for (int i = 0; i < HY_DENTS_WINDOWS; i++) {
		__u64 pos = (__u64)i * HY_CAP_MAX, len;

		if ((__u32)i >= windows || ret <= 0 || pos >= (__u64)ret)
			break;
		len = (__u64)ret - pos;
		capture_buf(addr + pos, len < HY_CAP_MAX ? len : HY_CAP_MAX, len > HY_CAP_MAX, arg);
	}
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

__attribute__((noinline)) int capture_slots_argv(__u64 lo, __u64 hi)
{
	capture_slots(lo, hi, 0, true, false);
	return 0;
}

__attribute__((noinline)) int capture_slots_entry(__u64 lo, __u64 hi)
{
	capture_slots(lo, hi, 0, false, false);
	return 0;
}

__attribute__((noinline)) int capture_slots_exit(__u64 lo, __u64 hi, __s64 ret)
{
	capture_slots(lo, hi, ret, false, true);
	return 0;
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
	__u32 zero = 0, off;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	struct hy_kev_hdr *e;
	__u64 lo, hi;

	if (!s)
		return false;
	e = (struct hy_kev_hdr *)s->buf;
	__builtin_memcpy(s->buf, src, hdr_size); /* constant: the callers are inlined */
	__builtin_memcpy(s->args, args, sizeof(s->args));
	s->off = hdr_size;
	s->ncap = 0;
	s->faulted = 0;
	s->sock_data = 0;
	lo = slot_bits(&list[0]) | slot_bits(&list[1]) << 32;
	hi = slot_bits(&list[2]) | slot_bits(&list[3]) << 32;
	if (at_exit)
		capture_slots_exit(lo, hi, ret);
	else if (with_argv)
		capture_slots_argv(lo, hi);
	else
		capture_slots_entry(lo, hi);
	/* ncap sits at the same offset in struct hy_kev_sys and struct hy_kev_call */
	((struct hy_kev_sys *)e)->ncap = s->ncap;
	off = scratch_off(s);
	if (off > SCRATCH_SIZE)
		return false;
	e->size = off;
	ring_output(s->buf, off);
	return s->faulted;
}

#endif
