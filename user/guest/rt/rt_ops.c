// SPDX-License-Identifier: MIT
/*
 * The guest backend's operations, in the guest: its memory is this process's
 * (read and written with process_vm_readv/writev, so a bad address is -EFAULT,
 * not a crash), and an injected call is made from the gate, here and now.
 * A deferred call (hy_defer()) is held by its own thread, which waits in the
 * handler (rt_defer.c) and goes on by itself: continue_held has nothing to do.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#include "backend.h"
#include "guest/rt/rt.h"
#include "tasks.h"

static ssize_t rw(uint64_t addr, void *buf, size_t len, bool write)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n = write ? process_vm_writev(getpid(), &local, 1, &remote, 1, 0) :
			    process_vm_readv(getpid(), &local, 1, &remote, 1, 0);

	return n < 0 ? -errno : n;
}

static ssize_t read_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf,
			size_t len)
{
	(void)s, (void)t;
	return rw(addr, buf, len, false);
}

static ssize_t write_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, const void *buf,
			 size_t len)
{
	(void)s, (void)t;
	return rw(addr, (void *)buf, len, true);
}

static int inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t a[6],
		  int64_t *result)
{
	long r;

	(void)s;
	hy_grt_note_injected();
	if (t->call.abi == HY_ABI_I386)
		r = hy_gate_int80(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	else
		r = hy_gate_syscall(t->call.abi == HY_ABI_X32 ? nr | 0x40000000L : nr, a[0], a[1],
				    a[2], a[3], a[4], a[5]);
	if (result)
		*result = r;
	return 0;
}

static int stack_regs(struct hy_session *s, struct hy_task *t, struct hy_stack_regs *out)
{
	(void)s, (void)t, (void)out;
	return -ENOSYS;
}

static void continue_held(struct hy_session *s, struct hy_task *t)
{
	(void)s, (void)t;
}

/* hytrace's count of them at the thread's handshake (rt_task.c) */
static unsigned int calls_before(struct hy_session *s, struct hy_task *t, int abi, long nr)
{
	const struct hy_grt_task *g = (const struct hy_grt_task *)t;

	(void)s;
	for (uint32_t i = 0; i < g->nbefore; i++)
		if (g->before[i].abi == abi && g->before[i].nr == nr)
			return g->before[i].count;
	return 0;
}

const struct hy_backend_ops hy_guest_ops = {
	.name = "guest",
	.read_mem = read_mem,
	.write_mem = write_mem,
	.inject = inject,
	.stack_regs = stack_regs,
	.continue_held = continue_held,
	.calls_before = calls_before,
	.output = hy_grt_output,
};
