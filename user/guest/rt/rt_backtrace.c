// SPDX-License-Identifier: MIT
/*
 * hy_backtrace() and hy_format_frame() in the guest. The held call's stack is
 * unwound by hytrace, not here (guest_shm.h, "hy_backtrace()"): it has the
 * unwinder, the process's mappings and the symbol tables already, so the
 * frames are those the ptrace backend gives, and a guest process carries no
 * unwinder nor parses its own ELF files. The thread sends the registers its
 * call trapped with and waits (a round trip to hytrace, ~0.1-1 ms), only
 * when a tool asks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "decode/printer.h"
#include "guest/rt/rt.h"
#include "hytrace.h"
#include "session.h"
#include "stack/frames.h"

/*
 * The last answer, which the frames' strings point into: a process's
 * callbacks run one at a time (hy_grt.lock), so it is valid until the
 * callback that asked returns, as hy_backtrace() promises.
 */
static uint8_t answer[HY_GUEST_BT_BYTES];
/* where this library is mapped: its ELF header to the end of its data (the linker's) */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern const char _end[] __attribute__((visibility("hidden")));

static struct hy_guest_bt *claim(struct hy_guest_hdr *h)
{
	for (int i = 0; i < HY_GUEST_MAX_BT; i++) {
		uint32_t free_ = HY_GBT_FREE;

		if (__atomic_compare_exchange_n(&h->bt[i].state, &free_, HY_GBT_CLAIMED, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return &h->bt[i];
	}
	return NULL;
}

/* hytrace's answer: the packed frames' length, or -errno (-ETIMEDOUT: none came). */
static int ask(struct hy_guest_hdr *h, const long long *g, size_t *len)
{
	static const int from[8] = { REG_RIP, REG_RSP, REG_RBP, REG_RBX,
				     REG_R12, REG_R13, REG_R14, REG_R15 };
	uint64_t deadline = hy_now_ns() + 2000000000ull;
	struct hy_guest_bt *b = claim(h);
	uint32_t st, asked = HY_GBT_ASKED;
	int err;

	if (!b)
		return -EBUSY; /* as many processes asking at once as entries: not met */
	b->tid = hy_grt_tid;
	b->tgid = getpid();
	for (int i = 0; i < 8; i++)
		b->regs[i] = (uint64_t)g[from[i]];
	__atomic_store_n(&b->state, HY_GBT_ASKED, __ATOMIC_RELEASE);
	hy_grt_ring_door();
	/* bounded, as the task handshake: a hytrace that is gone does not hang the guest */
	while ((st = __atomic_load_n(&b->state, __ATOMIC_ACQUIRE)) != HY_GBT_ANSWERED &&
	       hy_now_ns() < deadline) {
		struct timespec to = { 0, 20000000 };

		syscall(SYS_futex, &b->state, FUTEX_WAIT, st, &to, NULL, 0);
	}
	if (__atomic_compare_exchange_n(&b->state, &asked, HY_GBT_FREE, false, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return -ETIMEDOUT;
	while (__atomic_load_n(&b->state, __ATOMIC_ACQUIRE) != HY_GBT_ANSWERED)
		__builtin_ia32_pause(); /* hytrace is unwinding it now */
	err = b->err;
	*len = b->len <= sizeof(answer) ? b->len : 0;
	if (!err)
		memcpy(answer, b->frames, *len);
	__atomic_store_n(&b->state, HY_GBT_FREE, __ATOMIC_RELEASE);
	return err;
}

int hy_backtrace(struct hy_ctx *ctx, const struct hy_event *ev, struct hy_frame *frames, int max)
{
	/* as answer: under the tools' lock; the held call they are of */
	static struct hy_frame every[HY_FRAMES_MAX];
	static int last_tid, last_n;
	static uint64_t last_ts;
	size_t len = 0;
	int err, all, n = 0;

	if (max < 0 || (max && !frames))
		return -EINVAL;
	if (ev)
		return -ENOENT; /* events are hytrace's: on_event never runs here */
	if (!ctx->task || !ctx->call)
		return -EPERM;
	/* i386: as on ptrace (a rewritten site's held call has its site's registers) */
	if (ctx->call->abi == HY_ABI_I386 || !hy_grt_trap_regs || !hy_grt.hdr)
		return -ENOSYS;
	/* once per held call however many tools ask, as on ptrace (run_stacks.c) */
	if (ctx->task->tid != last_tid || ctx->call->ts != last_ts) {
		last_tid = 0;
		if ((err = ask(hy_grt.hdr, hy_grt_trap_regs, &len)))
			return err == -ETIMEDOUT || err == -EBUSY ? -ESRCH : err;
		if ((last_n = hy_frames_unpack(answer, len, every, HY_FRAMES_MAX, NULL)) < 0)
			return last_n;
		last_tid = ctx->task->tid;
		last_ts = ctx->call->ts;
	}
	all = last_n;
	/*
	 * The runtime's own frames are not the guest's (a thread's start goes
	 * through its trampoline, rt_main.c): the stack ptrace would show.
	 */
	for (int i = 0; i < all && i < HY_FRAMES_MAX; i++) {
		if (every[i].pc >= (uintptr_t)__ehdr_start && every[i].pc < (uintptr_t)_end)
			continue;
		if (n < max)
			frames[n] = every[i];
		n++;
	}
	return n;
}

int hy_format_frame(const struct hy_frame *f, char *buf, size_t size)
{
	struct hy_printer p;

	hy_pr_init(&p, buf, size, 0);
	hy_frames_print_one(&p, f);
	return p.len;
}
