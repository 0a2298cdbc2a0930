// SPDX-License-Identifier: MIT
/*
 * The hand-off at an execve (HACKING.md, "The loader's calls"): the new
 * program's dynamic loader runs before its runtime, so the thread asks
 * hytrace to hold it with ptrace until that runtime arms. Its tools' process
 * and thread state go to hytrace with it (the loader's calls are held there
 * with them) and come back to the new runtime (rt_main.c), one state as on
 * ptrace. A program no runtime goes into (static, 32-bit, set-ID) is asked for to be
 * kept: hytrace holds its calls, and its children's, through ptrace for good.
 * Any thread: one that is not its process's leader takes the leader's pid
 * at the exec, and hytrace follows it there (handoff.c's hy_pt_handoff_exec()).
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest_handoff_states.h"
#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

bool hy_grt_ask_seize(int keep)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	uint32_t st = HY_GSEIZE_FREE;
	struct timespec to = { 0, 20 * 1000 * 1000 };
	struct hy_task *t;

	/*
	 * A thread of a threaded process too: the exec ends the others and gives
	 * it the leader's pid, which hytrace follows (its exec event). A
	 * vfork-type child is alone in its process whatever its parent's
	 * threads: its own task (hy_grt_after_vfork) is in the registry it shares
	 * with them, so under their lock (as a thread's). Its parent's thread
	 * waits for the exec anyway; its other threads (posix_spawn) run on
	 * meanwhile.
	 */
	if (!__atomic_compare_exchange_n(&h->seize_state, &st, HY_GSEIZE_CLAIMED, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	pthread_mutex_lock(&hy_grt.lock);
	t = hy_task_find(&hy_grt.s->tasks, hy_grt_tid);
	if (t)
		hy_guest_handoff_states(h, hy_grt.s, t, true);
	pthread_mutex_unlock(&hy_grt.lock);
	if (!t) {
		__atomic_store_n(&h->seize_state, HY_GSEIZE_FREE, __ATOMIC_RELEASE);
		return false;
	}
	h->seize_tid = hy_grt_tid;
	h->seize_keep = keep;
	__atomic_store_n(&h->seize_state, HY_GSEIZE_ASKED, __ATOMIC_RELEASE);
	hy_grt_ring_door();
	/*
	 * 10 s for hytrace to take the ask (it does within its next poll, 10 ms,
	 * but an emulated VM on a loaded host took over 2 s); once taken, the
	 * answer comes (a seize), so the wait goes on (up to a minute: hytrace
	 * may have died meanwhile)
	 */
	for (int i = 0; i < 3000; i++) {
		st = __atomic_load_n(&h->seize_state, __ATOMIC_ACQUIRE);
		if (st == HY_GSEIZE_ASKED && i >= 500) {
			/* not taken: taken back, unless hytrace took it meanwhile */
			if (__atomic_compare_exchange_n(&h->seize_state, &st, HY_GSEIZE_FREE, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return false;
		}
		if (st != HY_GSEIZE_ASKED && st != HY_GSEIZE_ANSWERING)
			break;
		syscall(SYS_futex, &h->seize_state, FUTEX_WAIT, st, &to, NULL, 0);
	}
	if (st == HY_GSEIZE_REFUSED)
		__atomic_store_n(&h->seize_state, HY_GSEIZE_FREE, __ATOMIC_RELEASE);
	return st == HY_GSEIZE_SEIZED;
}
