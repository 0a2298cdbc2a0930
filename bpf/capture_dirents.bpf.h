/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Part of capture.bpf.h, included by it (it uses its scratch buffer, chunks
 * and capture_buf): getdents' records, counted, or with -v their bytes.
 */
#ifndef HY_CAPTURE_DIRENTS_BPF_H
#define HY_CAPTURE_DIRENTS_BPF_H

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

	if (!CAP_USED(CAP_BIT(DIRENTS)))
		return 0;
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

	if (!CAP_USED(CAP_BIT(DIRENTS)))
		return 0;
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
 * getdents' records: counted, or with @windows (-v) their bytes, in windows
 * of HY_CAP_MAX (one capture is at most that), one chunk each.
 */
__attribute__((noinline)) int capture_dirents_slot(__u64 addr, __s64 ret, __u32 arg, __u32 windows)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);

	if (!CAP_USED(CAP_BIT(DIRENTS)))
		return 0;
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

#endif
