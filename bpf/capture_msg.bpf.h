/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Part of capture.bpf.h, included by it (it uses its scratch buffer, chunks
 * and capture_buf): the vectors of readv/writev, sendmsg/recvmsg's msghdr and
 * sendmmsg/recvmmsg's entries.
 */
#ifndef HY_CAPTURE_MSG_BPF_H
#define HY_CAPTURE_MSG_BPF_H

/*
 * The buffers of the iovec array in s->iov (@count entries), from the start of
 * the bytes in s->iov_left. A global function: the verifier walks its loop
 * once, not once for each way capture_iovec got there (32-bit or not, entry
 * or exit, a fault on the array's page), which made it twelve times.
 */
__attribute__((noinline)) int capture_iov_bufs(__u64 count, __u32 maxbuf, __u32 arg)
{
	struct scratch *s = scratch_get();

	if (!CAP_USED(CAP_IOV_KINDS))
		return 0;
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
 * The iovec array once per program, for readv/writev and for msghdr's vector;
 * its buffers after it (capture_iovec_all), not from inside it: one frame
 * less on the deepest call chain (scripts/bpf_stack.py).
 */
__attribute__((noinline)) int capture_iovec_slot(__u64 addr, __u64 count, __s64 ret,
						 __u32 flags_arg)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (!CAP_USED(CAP_IOV_KINDS))
		return 0;
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
 * One entry of sendmmsg/recvmmsg's array at @a: its header, name, control and
 * data (@recv: of the entry's msg_len). A global function: the verifier walks
 * it once, where the entry loop inlined it thirty-two times over, and that was
 * ~45% of what hy_sys_exit cost to verify (HACKING.md, "Verification cost").
 */
__attribute__((noinline)) int capture_mmsg_entry(__u64 a, __u32 maxbuf, __u32 recv_arg)
{
	struct scratch *s = scratch_get();
	bool recv = recv_arg & 1;
	__u32 len = 0;

	if (!CAP_USED(CAP_BIT(MMSG_IN) | CAP_BIT(MMSG_OUT)))
		return 0;
	if (!s)
		return 0;
	if (recv && bpf_probe_read_user(&len, sizeof(len), (void *)(a + 56)))
		len = 0;
	capture_msghdr(s, a, maxbuf, len, (recv ? CAP_AT_EXIT : 0) | CAP_MMSG, recv_arg >> 8);
	return 0;
}

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
	__u64 n = recv_arg & 1 ? (ret > 0 ? (__u64)ret : 0) : vlen;
	__u32 data;
	__u8 first;

	if (!CAP_USED(CAP_BIT(MMSG_IN) | CAP_BIT(MMSG_OUT)))
		return 0;
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
		if ((__u64)i >= n || (__u8)(*(volatile __u8 *)&s->ncap - first) >= HY_MMSG_CHUNKS)
			break;
		capture_mmsg_entry(addr + (__u64)i * 64, maxbuf, recv_arg);
	}
	return 0;
}

#endif
