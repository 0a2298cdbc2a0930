// SPDX-License-Identifier: MIT
/*
 * Capturing a held call's memory from the live guest, by the same plan the
 * kernel recorder follows (capture_plan.c), for calls recorded without it.
 * Memory is read through the backend, so this works for any backend.
 */
#include <linux/aio_abi.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "capture_plan.h"
#include "live_capture.h"
#include "session.h"
#include "sock_meta.h"
#include "tasks.h"

static ssize_t rd(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf, size_t len)
{
	return s->backend->read_mem(s, t, addr, buf, len);
}

/* What a call's data capture may hold: at exit only as much as it returned. */
static uint64_t data_left(const struct hy_record *r, enum hy_phase ph)
{
	return ph == HY_PHASE_EXIT ? (r->ret > 0 ? (uint64_t)r->ret : 0) : ~0ull;
}

/*
 * An iovec array and its buffers, @left bytes of them at most. @w: bytes of a
 * pointer in an entry (4: i386's and x32's compat layout). An array that runs
 * into an unmapped page keeps its readable entries, as strace prints them.
 */
static void capture_iov_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			     enum hy_phase ph, int arg, uint64_t addr, uint64_t count,
			     size_t maxbuf, unsigned int w, uint64_t left)
{
	uint8_t raw[16 * HY_IOV_MAX];
	uint8_t buf[HY_CAP_MAX];
	ssize_t n;

	if (!addr)
		return;
	if (count > HY_IOV_MAX)
		count = HY_IOV_MAX;
	n = rd(s, t, addr, raw, count * 2 * w);
	if (n < (ssize_t)(2 * w) && count) {
		hy_rec_add_chunk(r, ph, arg, addr, NULL, 0, HY_MEM_FAULT);
		return;
	}
	if (n < (ssize_t)(count * 2 * w))
		count = n / (2 * w);
	hy_rec_add_chunk(r, ph, arg, addr, raw, count * 2 * w, 0);
	if (maxbuf > sizeof(buf))
		maxbuf = sizeof(buf);
	for (uint64_t k = 0; k < count && left; k++) {
		uint64_t base = 0, ilen = 0, len;
		size_t show;
		ssize_t got;

		memcpy(&base, raw + 2 * w * k, w);
		memcpy(&ilen, raw + 2 * w * k + w, w);
		len = ilen < left ? ilen : left;
		show = len < maxbuf ? len : maxbuf;
		left -= len;
		if (!base || !show)
			continue;
		got = rd(s, t, base, buf, show);
		hy_rec_add_chunk(r, ph, arg, base, got > 0 ? buf : NULL, got > 0 ? got : 0,
				 got < 0 ? HY_MEM_FAULT : (len > (uint64_t)got ? HY_MEM_TRUNC : 0));
	}
}

/*
 * A msghdr, its name, control messages and vector (@w32: the 32-bit layout,
 * seven 32-bit words, 8-byte iovecs; @size: bytes of the header, an mmsghdr's
 * with its msg_len), @left bytes of data; @out: what a failed call wrote is
 * not read.
 */
static void capture_msghdr_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
				enum hy_phase ph, int i, uint64_t addr, bool w32, size_t size,
				size_t maxbuf, uint64_t left, bool out)
{
	struct {
		uint64_t name;
		uint32_t namelen, pad;
		uint64_t iov, iovlen, control, controllen;
		uint32_t flags, pad2;
		uint32_t msg_len, pad3;
	} m;
	uint8_t buf[HY_CMSG_CAP];
	uint64_t name, iov, iovlen, control, controllen;
	uint32_t namelen, w[7];
	ssize_t n;

	if (rd(s, t, addr, &m, size) != (ssize_t)size) {
		hy_rec_add_chunk(r, ph, i, addr, NULL, 0, HY_MEM_FAULT);
		return;
	}
	hy_rec_add_chunk(r, ph, i, addr, &m, size, 0);
	memcpy(w, &m, sizeof(w));
	name = w32 ? w[0] : m.name;
	namelen = w32 ? w[1] : m.namelen;
	iov = w32 ? w[2] : m.iov;
	iovlen = w32 ? w[3] : m.iovlen;
	control = w32 ? w[4] : m.control;
	controllen = w32 ? w[5] : m.controllen;
	if (name && namelen && !out) {
		n = rd(s, t, name, buf, namelen < 128 ? namelen : 128);
		if (n > 0)
			hy_rec_add_chunk(r, ph, i, name, buf, n, 0);
	}
	if (control && controllen && !out) {
		n = rd(s, t, control, buf, controllen < HY_CMSG_CAP ? controllen : HY_CMSG_CAP);
		if (n > 0)
			hy_rec_add_chunk(r, ph, i, control, buf, n, 0);
	}
	capture_iov_live(s, t, r, ph, i, iov, iovlen, maxbuf, w32 ? 4 : 8, left);
}

/*
 * sendmmsg/recvmmsg's array, at exit, as the kernel recorder captures it
 * (capture_mmsg_slot): its first HY_MMSG_MAX entries (fewer past
 * HY_MMSG_CHUNKS chunks), the @vlen given whole
 * or the received ones (@recv) of their msg_len.
 */
static void capture_mmsg_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			      enum hy_phase ph, int i, uint64_t addr, uint64_t vlen, size_t maxbuf,
			      bool recv)
{
	uint64_t n = recv ? (r->ret > 0 ? (uint64_t)r->ret : 0) : vlen;
	int first = r->nchunks;

	for (uint64_t k = 0; k < n && k < HY_MMSG_MAX && r->nchunks - first < HY_MMSG_CHUNKS; k++) {
		uint32_t len = 0;

		if (recv && rd(s, t, addr + k * 64 + 56, &len, sizeof(len)) != sizeof(len))
			len = 0;
		capture_msghdr_live(s, t, r, ph, i, addr + k * 64, false, 64, maxbuf,
				    recv ? len : ~0ull, false);
	}
}

/* A NUL-terminated string of at most @cap bytes (the NUL included). */
static void capture_str_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			     enum hy_phase ph, int arg, uint64_t addr, size_t cap)
{
	uint8_t buf[HY_CAP_MAX];
	ssize_t n;
	char *nul;

	if (cap > sizeof(buf))
		cap = sizeof(buf);
	n = rd(s, t, addr, buf, cap);
	if (n < 0) {
		hy_rec_add_chunk(r, ph, arg, addr, NULL, 0, HY_MEM_FAULT);
		return;
	}
	nul = memchr(buf, 0, n);
	if (!nul && (size_t)n < cap) {
		/*
		 * the read stopped at an unmapped page before the NUL: as the
		 * kernel recorder's string read, and strace, it is unreadable
		 */
		hy_rec_add_chunk(r, ph, arg, addr, NULL, 0, HY_MEM_FAULT);
		return;
	}
	hy_rec_add_chunk(r, ph, arg, addr, buf, nul ? (uint32_t)(nul - (char *)buf) : (uint32_t)n,
			 HY_MEM_STR | (nul ? 0 : HY_MEM_TRUNC));
}

/* One buffer of at most @max bytes (@len long): its bytes, or a fault. */
static void capture_part(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			 enum hy_phase ph, int arg, uint64_t addr, uint64_t len, size_t max)
{
	uint8_t buf[HY_CAP_MAX];
	size_t want = len < max ? len : max;
	ssize_t n;

	if (want > sizeof(buf))
		want = sizeof(buf);
	n = rd(s, t, addr, buf, want);
	hy_rec_add_chunk(r, ph, arg, addr, n > 0 ? buf : NULL, n > 0 ? n : 0,
			 n < 0 ? HY_MEM_FAULT : (len > want ? HY_MEM_TRUNC : 0));
}

/*
 * io_submit's iocbs (HY_CAP_IOCBS), as bpf/capture_aio.bpf.h reads them: the
 * pointer array, each iocb, a PWRITE's data, a PREADV/PWRITEV's iovec array
 * and a PWRITEV's buffers, at most @max bytes of data a buffer.
 */
static void capture_iocbs_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			       enum hy_phase ph, int arg, uint64_t addr, int64_t nr, size_t max)
{
	uint64_t ptrs[HY_IOCB_MAX];
	size_t n = nr < 0 ? 0 : nr < HY_IOCB_MAX ? (size_t)nr : HY_IOCB_MAX;
	ssize_t got;

	if (!addr || !n)
		return;
	capture_part(s, t, r, ph, arg, addr, n * 8, n * 8);
	got = rd(s, t, addr, ptrs, n * 8);
	for (size_t i = 0; got > 0 && i < (size_t)got / 8; i++) {
		struct iocb cb;
		uint64_t count, iov[2 * HY_IOV_MAX];

		if (!ptrs[i])
			continue;
		capture_part(s, t, r, ph, arg, ptrs[i], sizeof(cb), sizeof(cb));
		if (rd(s, t, ptrs[i], &cb, sizeof(cb)) != (ssize_t)sizeof(cb) || !cb.aio_buf)
			continue;
		if (cb.aio_lio_opcode == IOCB_CMD_PWRITE) {
			capture_part(s, t, r, ph, arg, cb.aio_buf, cb.aio_nbytes, max);
		} else if (cb.aio_lio_opcode == IOCB_CMD_PREADV ||
			   cb.aio_lio_opcode == IOCB_CMD_PWRITEV) {
			count = cb.aio_nbytes < HY_IOV_MAX ? cb.aio_nbytes : HY_IOV_MAX;
			capture_part(s, t, r, ph, arg, cb.aio_buf, count * 16, count * 16);
			if (cb.aio_lio_opcode != IOCB_CMD_PWRITEV)
				continue;
			for (uint64_t j = 0; j < count; j++) {
				if (rd(s, t, cb.aio_buf + j * 16, &iov[2 * j], 16) != 16)
					break;
				if (iov[2 * j])
					capture_part(s, t, r, ph, arg, iov[2 * j], iov[2 * j + 1],
						     max);
			}
		}
	}
}

/*
 * An array of pointers (execve's envp) whose capture @got of @n bytes has no
 * NULL: its entries counted on, as strace counts them (up to 2^22, as the
 * kernel recorder's), its count a chunk of its own (decode_exec.c).
 */
static void count_ptrs_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			    enum hy_phase ph, int arg, uint64_t addr, const uint8_t *got, size_t n)
{
	unsigned int ws = r->abi == HY_ABI_X86_64 ? 8 : 4;
	uint8_t more[HY_CAP_MAX];
	uint32_t count = 0;

	for (size_t k = 0; k + ws <= n; k += ws, count++)
		if (!memcmp(got + k, "\0\0\0\0\0\0\0\0", ws))
			return; /* it ends in the capture */
	while (count < (1u << 22)) {
		ssize_t m = rd(s, t, addr + (uint64_t)count * ws, more, sizeof(more));

		if (m < (ssize_t)ws)
			return;
		for (size_t k = 0; k + ws <= (size_t)m; k += ws, count++)
			if (!memcmp(more + k, "\0\0\0\0\0\0\0\0", ws)) {
				hy_rec_add_chunk(r, ph, arg, addr, &count, sizeof(count),
						 HY_MEM_COUNT);
				return;
			}
	}
}

static void capture_arg(struct hy_session *s, struct hy_task *t, struct hy_record *r,
			enum hy_phase ph, const struct hy_cap_slot *c)
{
	uint8_t buf[HY_CAP_MAX];
	int i = c->arg;
	uint64_t addr = r->args[i];
	uint8_t kind = c->kind;
	size_t want = 0;
	ssize_t n;

	/* the descriptor's socket: looked up first (hy_capture_live) */
	if (kind == HY_CAP_SOCK || !addr)
		return;
	switch (kind) {
	case HY_CAP_STR:
		capture_str_live(s, t, r, ph, i, addr, c->aux);
		return;
	case HY_CAP_ARGV:
	case HY_CAP_ARGV32: {
		unsigned int ws = r->abi == HY_ABI_X86_64 ? 8 : 4;
		uint8_t ptrs[8 * 128];
		size_t np;

		n = rd(s, t, addr, ptrs, sizeof(ptrs));
		if (n < 0)
			return;
		np = n / ws;
		for (size_t k = 0; k < np; k++) {
			uint64_t p = 0;

			memcpy(&p, ptrs + k * ws, ws);
			if (!p) {
				np = k + 1;
				break;
			}
		}
		hy_rec_add_chunk(r, ph, i, addr, ptrs, np * ws, 0);
		for (size_t k = 0; k < np && r->nchunks < HY_REC_MAX_CHUNKS - 1; k++) {
			uint64_t p = 0;
			struct hy_cap_slot sc = { .kind = HY_CAP_STR, .arg = i, .aux = c->aux };
			uint64_t save = r->args[i];

			memcpy(&p, ptrs + k * ws, ws);
			if (!p)
				break;
			r->args[i] = p;
			capture_arg(s, t, r, ph, &sc);
			r->args[i] = save;
		}
		return;
	}
	case HY_CAP_PTRS:
		want = c->aux; /* a backend read stops at the end of the mapping */
		break;
	case HY_CAP_DIRENTS: {
		/* count the records like the kernel recorder does */
		size_t size = r->ret > 0 && r->ret < (1 << 20) ? (size_t)r->ret : 0;
		uint8_t *dents;
		uint32_t count = 0;
		uint64_t pos = 0;

		/* -v: the bytes, in the kernel recorder's windows (capture_dirents_slot) */
		for (; c->aux && pos < size && pos < c->aux * HY_CAP_MAX; pos += HY_CAP_MAX) {
			uint64_t len = size - pos < HY_CAP_MAX ? size - pos : HY_CAP_MAX;

			n = rd(s, t, addr + pos, buf, len);
			hy_rec_add_chunk(r, ph, i, addr + pos, n > 0 ? buf : NULL, n > 0 ? n : 0,
					 n < 0 ? HY_MEM_FAULT :
						 (size - pos > len ? HY_MEM_TRUNC : 0));
		}
		dents = size && !c->aux ? malloc(size) : NULL;
		if (!dents)
			return;
		pos = 0;
		n = rd(s, t, addr, dents, size);
		if (n < (ssize_t)size) {
			free(dents);
			return;
		}
		while (pos + 18 <= (uint64_t)n) {
			uint16_t reclen;

			memcpy(&reclen, dents + pos + 16, sizeof(reclen));
			if (!reclen)
				break;
			pos += reclen;
			count++;
		}
		if (pos == (uint64_t)n)
			hy_rec_add_chunk(r, ph, i, addr, &count, sizeof(count), HY_MEM_COUNT);
		free(dents);
		return;
	}
	case HY_CAP_IOVEC:
	case HY_CAP_IOVEC32:
		capture_iov_live(s, t, r, ph, i, addr, r->args[c->aux & 7], c->aux >> 3,
				 kind == HY_CAP_IOVEC32 ? 4 : 8, data_left(r, ph));
		return;
	case HY_CAP_MSGHDR:
	case HY_CAP_MSGHDR32:
		/* the 32-bit layout: seven 32-bit words, 8-byte iovecs */
		capture_msghdr_live(s, t, r, ph, i, addr, kind == HY_CAP_MSGHDR32,
				    kind == HY_CAP_MSGHDR32 ? 28 : 56, c->aux >> 3,
				    data_left(r, ph), ph == HY_PHASE_EXIT && r->ret < 0);
		return;
	case HY_CAP_MMSG_IN:
	case HY_CAP_MMSG_OUT:
		capture_mmsg_live(s, t, r, ph, i, addr, r->args[c->aux & 7], c->aux >> 3,
				  kind == HY_CAP_MMSG_OUT);
		return;
	case HY_CAP_IOCBS:
		capture_iocbs_live(s, t, r, ph, i, addr, (int64_t)r->args[c->aux & 7], c->aux >> 3);
		return;
	case HY_CAP_FOLLOW: {
		const struct hy_follow *f = hy_follow_find(
			c->aux >> 3, (c->aux & 7) < 6 ? (uint32_t)r->args[c->aux & 7] : 0);
		ssize_t w = f && (f->flags & HY_FOLLOW_PTR32) ? 4 : 8;
		uint64_t ptr = 0;
		int32_t len;

		/* the struct's pointer and length as the call left them */
		if (!f || (ph == HY_PHASE_EXIT && r->ret < 0))
			return;
		if (f->flags & HY_FOLLOW_IOV) {
			capture_iov_live(s, t, r, ph, i, addr, r->args[f->len_off & 7], f->max, 8,
					 data_left(r, ph));
			return;
		}
		if ((f->flags & HY_FOLLOW_STR) && rd(s, t, addr + f->ptr_off, &ptr, w) == w &&
		    ptr) {
			capture_str_live(s, t, r, ph, i, ptr, f->max);
			return;
		}
		len = (int32_t)f->max;
		if (rd(s, t, addr + f->ptr_off, &ptr, w) != w ||
		    (!(f->flags & HY_FOLLOW_FIXED) &&
		     rd(s, t, addr + f->len_off, &len, sizeof(len)) != sizeof(len)) ||
		    len <= 0 || !ptr)
			return;
		want = (uint32_t)len < f->max ? (uint32_t)len : f->max;
		addr = ptr;
		break;
	}
	case HY_CAP_BUF_ARG:
		want = r->args[c->aux & 7];
		if (want > (size_t)(c->aux >> 3))
			want = c->aux >> 3;
		break;
	case HY_CAP_BUF_RET:
		if (r->ret <= 0)
			return;
		want = (size_t)r->ret < c->aux ? (size_t)r->ret : c->aux;
		break;
	case HY_CAP_FIXED:
		if (ph == HY_PHASE_EXIT && r->ret < 0 && !(c->aux & HY_CAP_ON_ERROR))
			return;
		want = c->aux & ~HY_CAP_ON_ERROR;
		break;
	default:
		return;
	}
	if (want > sizeof(buf))
		want = sizeof(buf);
	n = rd(s, t, addr, buf, want);
	if (n < 0)
		hy_rec_add_chunk(r, ph, i, addr, NULL, 0, HY_MEM_FAULT);
	else
		hy_rec_add_chunk(r, ph, i, addr, buf, n, 0);
	if (kind == HY_CAP_PTRS && n == (ssize_t)want)
		count_ptrs_live(s, t, r, ph, i, addr, buf, n);
}

void hy_capture_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
		     enum hy_phase phase)
{
	struct hy_cap_slot *list;
	struct hy_plan plan;

	if (s->backend->captured && s->backend->captured(s, t, r, phase))
		return;
	hy_capture_plan(r->ent, s->strsize, s->plan_verbose, &plan);
	list = phase == HY_PHASE_EXIT ? plan.exit : plan.enter;
	/*
	 * the descriptor's socket first: a netlink one's data prints by its
	 * protocol, as strace's, and is captured to the slot's size (capture_plan.h)
	 */
	for (int k = 0; k < HY_PLAN_SLOTS && list[k].kind; k++) {
		struct hy_sock_meta m;

		if (list[k].kind != HY_CAP_SOCK ||
		    !hy_sock_meta_proc(t->tid, (int)r->args[list[k].arg], &m))
			continue;
		hy_rec_add_chunk(r, HY_PHASE_META, HY_META_SOCK, 0, &m, sizeof(m), 0);
		hy_plan_widen_data(list, list[k].aux);
	}
	for (int k = 0; k < HY_PLAN_SLOTS && list[k].kind; k++)
		capture_arg(s, t, r, phase, &list[k]);
}

void hy_capture_held_entry(void *session, struct hy_record *r)
{
	struct hy_session *s = session;
	struct hy_task *t = hy_task_find(&s->tasks, r->tid);

	/* what the kernel read stays: a chunk read here only fills a faulted one (record.c) */
	if (t)
		hy_capture_live(s, t, r, HY_PHASE_ENTER);
}
