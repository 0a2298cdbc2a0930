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
#include <limits.h>
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

__thread bool hy_grt_exec_granted __attribute__((tls_model("initial-exec")));

/*
 * The slot, waited for while another thread's hand-off holds it (its
 * loader's few ms; up to 2 s): before, an exec then ran its loader unheld,
 * and so did the exec of a parent that a killed child's hand-off told of
 * its end before hytrace had freed the slot.
 */
static bool claim_slot(struct hy_guest_hdr *h)
{
	struct timespec to = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 200; i++) {
		uint32_t st = HY_GSEIZE_FREE;

		if (__atomic_compare_exchange_n(&h->seize_state, &st, HY_GSEIZE_CLAIMED, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
		syscall(SYS_futex, &h->seize_state, FUTEX_WAIT, st, &to, NULL, 0);
	}
	return false;
}

void hy_grt_exec_failed(void)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	struct timespec to = { 0, 20 * 1000 * 1000 };
	uint32_t st = HY_GSEIZE_SEIZED;

	hy_grt_exec_granted = false;
	/* a vfork child's grant, seen by its parent in the variables they share: not ours */
	if (__atomic_load_n(&h->seize_tid, __ATOMIC_ACQUIRE) != hy_grt_tid ||
	    !__atomic_compare_exchange_n(&h->seize_state, &st, HY_GSEIZE_FAILED, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	hy_grt_ring_door();
	/* hytrace lets go of this thread, then frees the slot (2 s: it may be gone) */
	for (int i = 0; i < 100; i++) {
		if (__atomic_load_n(&h->seize_state, __ATOMIC_ACQUIRE) != HY_GSEIZE_FAILED)
			break;
		syscall(SYS_futex, &h->seize_state, FUTEX_WAIT, HY_GSEIZE_FAILED, &to, NULL, 0);
	}
}

bool hy_grt_ask_seize(int keep)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	uint32_t st;
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
	if (!claim_slot(h))
		return false;
	pthread_mutex_lock(&hy_grt.lock);
	/*
	 * A forked child has no task until its first held call, which may be this
	 * execve (fork then exec): started now, as a held call would, and as
	 * ptrace starts it at the fork. Before, such an exec ran its loader unheld.
	 */
	t = hy_task_find(&hy_grt.s->tasks, hy_grt_tid);
	if (!t)
		t = hy_rt_task_get(hy_grt.s, hy_grt_tid, getpid(), getppid());
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
	/* an exchange: hytrace frees a refusal whose asker it finds gone (guest_backend.c) */
	if (st == HY_GSEIZE_REFUSED &&
	    __atomic_compare_exchange_n(&h->seize_state, &st, HY_GSEIZE_FREE, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &h->seize_state, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	/* SEIZED for this thread (not another's, after a refusal hytrace freed) */
	hy_grt_exec_granted = st == HY_GSEIZE_SEIZED &&
			      __atomic_load_n(&h->seize_tid, __ATOMIC_ACQUIRE) == hy_grt_tid;
	return hy_grt_exec_granted;
}
