// SPDX-License-Identifier: MIT
/*
 * hy_backtrace() at a call held in a guest, hytrace's side (guest_shm.h,
 * "hy_backtrace()"): the held thread waits in its handler while hytrace
 * unwinds it from the registers it sent, with the unwinder and the mappings
 * that serve a ptrace-held task (stack/run_stacks.h), so both backends give
 * the same frames. hytrace's copy of the mappings and the symbol tables stay
 * in hytrace: the guest pays only when a tool asks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "stack/run_stacks.h"

static ssize_t read_thread(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n = process_vm_readv(*(pid_t *)ctx, &local, 1, &remote, 1, 0);

	return n < 0 ? -errno : n;
}

static void answer(struct hy_session *s, struct hy_guest_bt *b)
{
	struct hy_stack_regs regs = { b->regs[0], b->regs[1], b->regs[2], b->regs[3],
				      b->regs[4], b->regs[5], b->regs[6], b->regs[7] };
	pid_t tid = b->tid;
	const struct hy_bytes *f = hy_run_stacks_unwind(s, b->tgid, &regs, read_thread, &tid);

	b->len = 0;
	if (!f)
		b->err = -ESRCH;
	else if (f->len > sizeof(b->frames))
		b->err = -E2BIG; /* more than ~200 frames with long names: not met */
	else {
		memcpy(b->frames, f->p, f->len);
		b->len = f->len;
		b->err = 0;
	}
}

void hy_guest_backtraces_answer(struct hy_session *s, struct hy_guest_hdr *h)
{
	for (int i = 0; i < HY_GUEST_MAX_BT; i++) {
		struct hy_guest_bt *b = &h->bt[i];
		uint32_t asked = HY_GBT_ASKED;

		/* the thread may take it back (it gave up waiting): only one of us moves it */
		if (!__atomic_compare_exchange_n(&b->state, &asked, HY_GBT_ANSWERING, false,
						 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			continue;
		answer(s, b);
		__atomic_store_n(&b->state, HY_GBT_ANSWERED, __ATOMIC_RELEASE);
		/* shared futex: the waiter is in another process */
		syscall(SYS_futex, &b->state, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	}
}
