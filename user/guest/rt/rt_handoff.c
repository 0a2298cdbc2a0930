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
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest_handoff_states.h"
#include "guest/guest_slots.h"
#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

__thread int hy_grt_exec_slot __attribute__((tls_model("initial-exec")));

/*
 * A free slot, waited for while every one is another thread's hand-off (a
 * loader's few ms each; up to 2 s): before, an exec then ran its loader
 * unheld, and so did the exec of a parent that a killed child's hand-off
 * told of its end before hytrace had freed the slot.
 */
static int claim_slot(struct hy_guest_hdr *h, int32_t me)
{
	struct timespec to = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 200; i++) {
		uint32_t freed = __atomic_load_n(&h->slots_freed, __ATOMIC_ACQUIRE);
		int k = hy_gslot_claim(h, me, HY_GSEIZE_CLAIMED);

		if (k >= 0)
			return k;
		syscall(SYS_futex, &h->slots_freed, FUTEX_WAIT, freed, &to, NULL, 0);
	}
	return -1;
}

void hy_grt_exec_failed(void)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	struct timespec to = { 0, 20 * 1000 * 1000 };
	uint32_t failed = HY_GSLOT(hy_grt_tid, HY_GSEIZE_FAILED);
	int k = hy_grt_exec_slot - 1;

	hy_grt_exec_slot = 0;
	/* a vfork child's grant, seen by its parent in the variables they share: not ours */
	if (!hy_gslot_cas(h, k, HY_GSLOT(hy_grt_tid, HY_GSEIZE_SEIZED), failed))
		return;
	hy_grt_ring_door();
	/* hytrace lets go of this thread, then frees the slot (2 s: it may be gone) */
	for (int i = 0; i < 100; i++) {
		if (__atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE) != failed)
			break;
		syscall(SYS_futex, &h->slot[k].word, FUTEX_WAIT, failed, &to, NULL, 0);
	}
}

bool hy_grt_ask_seize(int keep, const char *path)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	int32_t me = hy_grt_tid;
	uint32_t asked = HY_GSLOT(me, HY_GSEIZE_ASKED), w = asked;
	struct timespec to = { 0, 20 * 1000 * 1000 };
	struct hy_task *t;
	int k;

	/*
	 * A thread of a threaded process too: the exec ends the others and gives
	 * it the leader's pid, which hytrace follows (its exec event). A
	 * vfork-type child is alone in its process whatever its parent's
	 * threads: its own task (hy_grt_after_vfork) is in the registry it shares
	 * with them, so under their lock (as a thread's). Its parent's thread
	 * waits for the exec anyway; its other threads (posix_spawn) run on
	 * meanwhile.
	 */
	if ((k = claim_slot(h, me)) < 0)
		return false;
	if (hy_grt.die_claimed[0] && !strcmp(path, hy_grt.die_claimed))
		syscall(SYS_tgkill, getpid(), me, SIGKILL);
	hy_grt_lock(&hy_grt.lock);
	if (hy_grt.die_locked[0] && !strcmp(path, hy_grt.die_locked)) {
		hy_grt_alloc_hold();
		syscall(SYS_tgkill, getpid(), me, SIGKILL);
	}
	/*
	 * A forked child has no task until its first held call, which may be this
	 * execve (fork then exec): started now, as a held call would, and as
	 * ptrace starts it at the fork. Before, such an exec ran its loader unheld.
	 */
	t = hy_task_find(&hy_grt.s->tasks, me);
	if (!t)
		t = hy_rt_task_get(hy_grt.s, me, getpid(), getppid());
	if (t)
		hy_guest_handoff_states(h, k, hy_grt.s, t, true);
	hy_grt_unlock(&hy_grt.lock);
	if (!t) {
		hy_gslot_free(h, k, HY_GSLOT(me, HY_GSEIZE_CLAIMED));
		return false;
	}
	h->slot[k].keep = keep;
	__atomic_store_n(&h->slot[k].word, asked, __ATOMIC_RELEASE);
	hy_grt_ring_door();
	/*
	 * 10 s for hytrace to take the ask (it does within its next poll, 10 ms,
	 * but an emulated VM on a loaded host took over 2 s); once taken, the
	 * answer comes (a seize), so the wait goes on (up to a minute: hytrace
	 * may have died meanwhile)
	 */
	for (int i = 0; i < 3000; i++) {
		w = __atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE);
		/* not taken: taken back, unless hytrace took it meanwhile */
		if (w == asked && i >= 500 && hy_gslot_free(h, k, asked))
			return false;
		if (w != asked && w != HY_GSLOT(me, HY_GSEIZE_ANSWERING))
			break;
		syscall(SYS_futex, &h->slot[k].word, FUTEX_WAIT, w, &to, NULL, 0);
	}
	/* an exchange: hytrace frees a refusal whose asker it finds gone (guest_backend.c) */
	if (w == HY_GSLOT(me, HY_GSEIZE_REFUSED))
		hy_gslot_free(h, k, w);
	hy_grt_exec_slot = w == HY_GSLOT(me, HY_GSEIZE_SEIZED) ? k + 1 : 0;
	return hy_grt_exec_slot;
}
