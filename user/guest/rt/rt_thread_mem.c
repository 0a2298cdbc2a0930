// SPDX-License-Identifier: MIT
/*
 * Each thread's own memory for the runtime (hy_scratch()'s buffer, an
 * execve's environment), allocated at its first use and freed at the
 * thread's end. Not thread-local: the loader maps the static TLS block with
 * the guest's own size (64 KiB there made the main thread's TLS mmap differ
 * from the guest's own run), and only one pointer of it is the runtime's.
 * Not static either: two threads executing at once each build their own
 * environment. A vfork-type child shares its parent thread's while the
 * parent waits, so the two never use it at once, and no lock is held across
 * a call (a child whose exec succeeds would leave it held in the parent).
 */
#define _GNU_SOURCE
#include <signal.h>

#include "guest/rt/rt.h"

static __thread struct hy_grt_thread_mem *mine __attribute__((tls_model("initial-exec")));

struct hy_grt_thread_mem *hy_grt_thread_mem(bool make)
{
	if (!mine && make && (mine = hy_grt_malloc(sizeof(*mine)))) {
		mine->exec_env = NULL;
		mine->vfork_filters = NULL;
	}
	return mine;
}

void hy_grt_thread_mem_free(void *unused)
{
	/* the allocator's lock is never taken where a handler could interrupt it */
	uint64_t all = HY_GRT_HANDLER_MASK, old;
	char sel = hy_grt_sel;

	(void)unused;
	if (!mine)
		return;
	hy_gate_setmask(&all, &old);
	/* a large environment's munmap is the runtime's, not a call of the guest's */
	hy_grt_sel = HY_SEL_ALLOW;
	hy_grt_free(mine->exec_env);
	hy_grt_free(mine);
	mine = NULL;
	hy_grt_sel = sel;
	hy_gate_setmask(&old, NULL);
}
