/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Part of capture.bpf.h, included by it (it uses its scratch buffer, chunks
 * and capture_buf): io_submit's iocbs (HY_CAP_IOCBS).
 */
#ifndef HY_CAPTURE_AIO_BPF_H
#define HY_CAPTURE_AIO_BPF_H

/* <linux/aio_abi.h>'s commands whose memory strace prints */
#define IOCB_PWRITE 1
#define IOCB_PREADV 7
#define IOCB_PWRITEV 8

/* struct iocb up to aio_nbytes: what says which memory the command reads */
struct iocb_head {
	__u64 data;
	__u32 key, rw_flags;
	__u16 opcode;
	__s16 reqprio;
	__u32 fildes;
	__u64 buf;
	__u64 nbytes;
};

/*
 * A PWRITEV's buffers: each iovec entry read again from the guest (the
 * array is in the scratch value only as a chunk's bytes). Inlined in
 * capture_iocb, a global function: walked once all the same, and one frame
 * less on the deepest call chain (scripts/bpf_stack.py).
 */
static __always_inline void capture_iocb_iov_bufs(__u64 iov, __u64 count, __u32 cap, __u32 arg)
{
#pragma unroll
	for (int j = 0; j < HY_IOV_MAX; j++) {
		__u64 e[2] = { 0, 0 };

		if ((__u64)j >= count)
			break;
		if (bpf_probe_read_user(e, sizeof(e), (void *)(iov + j * sizeof(e))))
			break;
		if (e[0] >= USER_ADDR_MIN)
			capture_buf(e[0], e[1] < cap ? e[1] : cap, e[1] > cap, arg);
	}
}

/*
 * One iocb at @p: its 64 bytes and the memory its command reads, at most @cap
 * bytes of data a buffer. A global function: the verifier walks it once, not
 * in each turn of the loop below (that loop cost 13k lines of verifier log in
 * each program, more than any other capture but argv's).
 */
__attribute__((noinline)) int capture_iocb(__u64 p, __u32 cap, __u32 arg)
{
	struct iocb_head cb;
	__u64 count;

	if (!CAP_USED(CAP_BIT(IOCBS)))
		return 0;
	barrier_var(cap);
	cap &= CAP_LEN_MASK;
	capture_buf(p, 64, false, arg);
	if (bpf_probe_read_user(&cb, sizeof(cb), (void *)p) || cb.buf < USER_ADDR_MIN)
		return 0;
	if (cb.opcode == IOCB_PWRITE) {
		capture_buf(cb.buf, cb.nbytes < cap ? cb.nbytes : cap, cb.nbytes > cap, arg);
	} else if (cb.opcode == IOCB_PREADV || cb.opcode == IOCB_PWRITEV) {
		count = cb.nbytes < HY_IOV_MAX ? cb.nbytes : HY_IOV_MAX;
		capture_buf(cb.buf, count * 16, false, arg);
		if (cb.opcode == IOCB_PWRITEV)
			capture_iocb_iov_bufs(cb.buf, count, cap, arg);
	}
	return 0;
}

/*
 * io_submit(ctx, nr, iocbpp): the pointer array (what its page holds, if the
 * rest faults), then each iocb (capture_iocb). A global function: the
 * verifier walks its loop once per program.
 */
__attribute__((noinline)) int capture_iocbs_slot(__u64 addr, __s64 nr, __u32 cap, __u32 arg)
{
	__u32 n = nr < 0 ? 0 : nr < HY_IOCB_MAX ? nr : HY_IOCB_MAX;

	if (!CAP_USED(CAP_BIT(IOCBS)))
		return 0;
	if (addr < USER_ADDR_MIN || !n)
		return 0;
	capture_buf(addr, n * 8, false, arg);
	for (int i = 0; i < HY_IOCB_MAX; i++) {
		__u64 p = 0;

		if ((__u32)i >= n || bpf_probe_read_user(&p, sizeof(p), (void *)(addr + i * 8)))
			break;
		if (p >= USER_ADDR_MIN)
			capture_iocb(p, cap, arg);
	}
	return 0;
}

#endif
