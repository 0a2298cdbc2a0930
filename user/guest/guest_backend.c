// SPDX-License-Identifier: MIT
/*
 * The in-guest backend, hytrace's side (guest.h), once the command is in
 * (guest_launch.c): the operations for the guests' tasks, the hand-off of an
 * execve, and the loop that records and reaps (whether a run takes it:
 * guest_choice.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/capability.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "deferred.h"
#include "drain.h"
#include "end_request.h"
#include "error.h"
#include "guest/guest.h"
#include "guest/guest_defer.h"
#include "guest/guest_handoff_states.h"
#include "guest/guest_run.h"
#include "guest/guest_shm.h"
#include "guest/guest_slots.h"
#include "kernel_recorder.h"
#include "record.h"
#include "session.h"
#include "tasks.h"
#include "tidmap.h"

/* A task whose calls stop in hytrace (a hand-off, a ptraced process): ptrace's operations. */
static const struct hy_backend_ops *held_by_ptrace(struct hy_session *s, struct hy_task *t)
{
	const struct hy_guest_handoff *ho = s->guest->ho;

	return ho && t && ho->holds(s, t) ? ho->ops : NULL;
}

struct hy_tidmap *hy_guest_by_hand_map(struct hy_session *s)
{
	return &s->guest->by_hand;
}

struct hy_tidmap *hy_guest_output_map(struct hy_session *s)
{
	return &s->guest->output;
}

struct hy_tidmap *hy_guest_skip_map(struct hy_session *s)
{
	return &s->guest->skip_mem;
}

bool hy_guest_own_record(struct hy_session *s, const void *rec, size_t len)
{
	return hy_guest_own_load(&s->guest->own_load, s->guest->hdr->preload, rec, len);
}

struct hy_tidmap *hy_guest_exec_env_map(struct hy_session *s)
{
	return &s->guest->exec_env;
}

bool hy_guest_exec_env_record(struct hy_session *s, const void *rec, size_t len)
{
	return hy_guest_exec_env(&s->guest->exec_env, s->merge, s->guest->hdr->launch_envc, rec,
				 len);
}

void hy_guest_count_record(struct hy_session *s, const void *rec, size_t len)
{
	hy_guest_count(&s->guest->counts, &s->guest->held, rec, len);
}

/* hy_resume() in hytrace (on_event, a tool's thread) of a call a guest holds. */
static int remote_resume(void *ctx, uintptr_t handle, bool timed, uint64_t due, void *cookie)
{
	struct hy_guest *g = ctx;

	return hy_gdef_resume(hy_gdef_entry(g->hdr, (const void *)handle), timed, due, cookie);
}

/* Every hand-off slot @tid owns is free, in any state: it will step none of them again. */
static void slots_gone(struct hy_guest_hdr *h, pid_t tid)
{
	for (int k = 0; k < HY_GUEST_MAX_SLOTS; k++) {
		uint32_t w = __atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE);

		if (HY_GSLOT_TID(w) == tid)
			hy_gslot_free(h, k, w);
	}
}

/*
 * A thread gone (its end recorded, or its exit status): the entries of a
 * call it held are free again (no on_resume runs), and so is a hand-off
 * slot it owned: one it had claimed and was killed before asking (nobody
 * else can tell the claim from a live one's).
 */
static void remote_task_gone(void *ctx, int tid)
{
	struct hy_guest *g = ctx;

	for (int i = 0; i < HY_GUEST_MAX_DEFER; i++) {
		struct hy_guest_defer *e = &g->hdr->defer[i];

		if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != HY_GDEF_FREE && e->tid == tid)
			__atomic_store_n(&e->state, HY_GDEF_FREE, __ATOMIC_RELEASE);
	}
	slots_gone(g->hdr, tid);
}

bool hy_guest_first_unheld(struct hy_session *s)
{
	bool first = !s->guest->unheld_said;

	s->guest->unheld_said = true;
	return first;
}

/*
 * hytrace's own callbacks (on_event, the task callbacks) hold no call here:
 * they may read a guest's memory, nothing more.
 */
static ssize_t host_read_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf,
			     size_t len)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n;

	if (pt)
		return pt->read_mem(s, t, addr, buf, len);
	n = process_vm_readv(t->tid, &local, 1, &remote, 1, 0);
	return n < 0 ? (errno == ESRCH ? -ESRCH : -EFAULT) : n;
}

static ssize_t host_write_mem(struct hy_session *s, struct hy_task *t, uint64_t addr,
			      const void *buf, size_t len)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	return pt ? pt->write_mem(s, t, addr, buf, len) : -EPERM;
}

static int host_inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		       int64_t *result)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	return pt ? pt->inject(s, t, nr, args, result) : -EPERM;
}

/* Only a call ptrace holds is ever deferred in hytrace (the guests' wait in the guest). */
static void host_continue_held(struct hy_session *s, struct hy_task *t)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	if (pt)
		pt->continue_held(s, t);
}

static int host_stack_regs(struct hy_session *s, struct hy_task *t, struct hy_stack_regs *out)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	return pt ? pt->stack_regs(s, t, out) : -ENOSYS;
}

/*
 * A skipped call's entry memory, which the runtime read in the guest at the
 * call and noted (the guest has gone on since: reading it now would show what
 * is there now, or nothing once the process is gone).
 */
static bool host_captured(struct hy_session *s, struct hy_task *t, struct hy_record *r, int phase)
{
	return phase == HY_PHASE_ENTER && !held_by_ptrace(s, t) &&
	       hy_guest_skip_take(&s->guest->skip_mem, t->tid, r);
}

static const struct hy_backend_ops host_ops = {
	.name = "guest",
	.read_mem = host_read_mem,
	.write_mem = host_write_mem,
	.inject = host_inject,
	.continue_held = host_continue_held,
	.stack_regs = host_stack_regs,
	.captured = host_captured,
};

void hy_guest_host_start(struct hy_session *s)
{
	struct hy_guest *g = s->guest;

	s->backend = &host_ops;
	g->remote = (struct hy_deferred_remote){ remote_resume, remote_task_gone, g };
	hy_deferred_set_remote(&g->remote);
}

void hy_guest_take_over(struct hy_session *s, pid_t tid)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	struct hy_task *t = tid ? hy_task_find(&s->tasks, tid) : NULL;
	/* an execve's slot (its owner moved at the exec), or one for the launch */
	int k = t ? hy_gslot_find(h, HY_GSLOT(tid, HY_GSEIZE_SEIZED)) : -1;
	uint32_t from = HY_GSLOT(tid, HY_GSEIZE_SEIZED);

	s->backend = &host_ops;
	if (t && k < 0) {
		k = hy_gslot_claim(h, tid, HY_GSEIZE_CLAIMED);
		from = HY_GSLOT(tid, HY_GSEIZE_CLAIMED);
	}
	/* the states first: the new runtime takes them once it sees ARMED, and frees the slot */
	if (k >= 0) {
		hy_guest_handoff_states(h, k, s, t, true);
		hy_gslot_cas(h, k, from, HY_GSLOT(tid, HY_GSEIZE_ARMED));
	}
	/*
	 * A tool that handles calls in the guest has its process and thread state
	 * there from now: the guest starts them (rt_main.c), not hytrace, but
	 * for a ptraced process (no runtime goes into it). (Only now: until the
	 * hand-off, and in a run that falls back to ptrace, they are hytrace's.)
	 * on_exec stays: an execve handed off runs it here on the state the
	 * thread gave (answer_seizes), as ptrace does; for one not handed off, on
	 * hytrace's copy, which the new image does not take.
	 */
	for (int i = 0; i < s->ntools; i++)
		s->tools[i].starts_in_guest = s->tools[i].tool->on_syscall_enter ||
					      s->tools[i].tool->on_syscall_exit;
}

/*
 * The first process's status is the run's; the rest of the tree is followed by
 * the kernel recorder's guest marks. hytrace is no subreaper: an orphan of the
 * tree goes to init as it would natively (a guest may wait for getppid() == 1).
 */
static bool reap(struct hy_session *s, const struct hy_guest_handoff *ho, bool *first_done)
{
	struct hy_task *first = hy_task_find(&s->tasks, s->first_pid);
	int st;
	pid_t p = 0;

	/*
	 * Not while the command's own process is handed off (it execs), or kept
	 * traced (a static program it executed): it is traced then, and waitpid
	 * would take its ptrace stops, which only the hand-off's loop resumes (a
	 * stop taken here was never resumed: a slow VM hung so); that loop also
	 * takes its exit, if it ends (ECHILD below). A thread of it handed off
	 * takes its pid at its exec.
	 */
	if (!*first_done && !ho->in_process(s, s->first_pid) && !(first && first->proc->ptraced))
		p = waitpid(s->first_pid, &st, WNOHANG | __WALL);

	if (p == s->first_pid)
		s->first_status = st;
	/* ECHILD: the hand-off's loop reaped it (it ended before its runtime armed) */
	if (p == s->first_pid || (p < 0 && errno == ECHILD))
		*first_done = true;
	return !*first_done || hy_krec_guests(s->krec);
}

/*
 * Drain, and tell the new tasks waiting in the handshake (guest_shm.h) when
 * every record made before the drain began has had its callbacks: when the
 * drain got past where the ring's writers were then (a record still being
 * written stops a drain early). Not "the ring is empty": under a storm of
 * calls it seldom is.
 */
static void drain_and_tell(struct hy_session *s)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	uint64_t now = hy_now_ns(), produced, consumed, later;

	hy_krec_positions(s->krec, &produced, &consumed); /* after now: nothing older is beyond */
	hy_drain(s);
	hy_krec_positions(s->krec, &later, &consumed);
	if (consumed < produced)
		return;
	hy_guest_counts_answer(&s->guest->counts, h, now);
	__atomic_store_n(&h->drained_ts, now, __ATOMIC_RELEASE);
	__atomic_add_fetch(&h->drained_seq, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &h->drained_seq, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* Whether an exec this process traces keeps its set-user/group-ID (the kernel's ptracer_capable). */
static bool may_trace_setid(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return false;
	return data[CAP_SYS_PTRACE / 32].effective >> (CAP_SYS_PTRACE % 32) & 1;
}

/*
 * Guest threads ask to be held through their execve's new loader (guest_shm.h,
 * rt_handoff.c), each in its slot: its tools' states become hytrace's task's,
 * and it is seized.
 */
static void answer_seizes(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	struct hy_guest_hdr *h = s->guest->hdr;

	for (int k = 0; k < HY_GUEST_MAX_SLOTS; k++) {
		uint32_t w = __atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE);
		pid_t tid = HY_GSLOT_TID(w);
		int keep = h->slot[k].keep;
		struct hy_task *t;
		bool ok;

		if (HY_GSLOT_STATE(w) != HY_GSEIZE_ASKED ||
		    !hy_gslot_cas(h, k, w, HY_GSLOT(tid, HY_GSEIZE_ANSWERING)))
			continue;
		t = hy_task_find(&s->tasks, tid);
		if (t)
			hy_guest_handoff_states(h, k, s, t, false);
		/* traced by a tracer without CAP_SYS_PTRACE, a set-ID program would run without its IDs */
		ok = t && (keep != HY_IMAGE_SETID || may_trace_setid()) &&
		     !ho->seize(s, tid, h->preload);
		s->backend = &host_ops; /* which gives ptrace's for the tasks ptrace holds */
		/* no runtime goes into its program: it stays under ptrace */
		if (ok && keep)
			ho->keep(s, tid);
		hy_gslot_cas(h, k, HY_GSLOT(tid, HY_GSEIZE_ANSWERING),
			     HY_GSLOT(tid, ok ? HY_GSEIZE_SEIZED : HY_GSEIZE_REFUSED));
	}
}

/*
 * Seized threads whose execve failed (their runtime says so at their next
 * call, rt_handoff.c): hytrace lets go of each and frees its slot. Before,
 * such a thread stayed seized and the slot taken until its next execve or
 * its end.
 */
static void take_back(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	struct hy_guest_hdr *h = s->guest->hdr;

	for (int k = 0; k < HY_GUEST_MAX_SLOTS; k++) {
		uint32_t w = __atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE);

		if (HY_GSLOT_STATE(w) != HY_GSEIZE_FAILED)
			continue;
		ho->let_go(s, HY_GSLOT_TID(w));
		hy_gslot_free(h, k, w);
	}
}

/*
 * An asker refused (hytrace found no task, or could not seize it) frees its
 * slot itself; one that died meanwhile (killed in its execve) never will.
 */
static void refused_gone(struct hy_session *s)
{
	struct hy_guest_hdr *h = s->guest->hdr;

	for (int k = 0; k < HY_GUEST_MAX_SLOTS; k++) {
		uint32_t w = __atomic_load_n(&h->slot[k].word, __ATOMIC_ACQUIRE);

		/* its own exchange (rt_handoff.c) loses if this one wins: never freed twice */
		if (HY_GSLOT_STATE(w) == HY_GSEIZE_REFUSED &&
		    !hy_task_find(&s->tasks, HY_GSLOT_TID(w)))
			hy_gslot_free(h, k, w);
	}
}

bool hy_guest_slot_claim(struct hy_session *s, pid_t tid)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	/* hytrace's own: seized already, no asker waits on it */
	int k = hy_gslot_claim(h, tid, HY_GSEIZE_SEIZED);

	if (k >= 0)
		h->slot[k].keep = 0;
	return k >= 0;
}

void hy_guest_slot_moved(struct hy_session *s, pid_t from, pid_t to)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	uint32_t w = HY_GSLOT(from, HY_GSEIZE_SEIZED);
	int k = hy_gslot_find(h, w);

	/*
	 * to: the hand-off goes on at its task's new tid (the loop steps it;
	 * the slot is freed if the task ends before its runtime arms); 0: its
	 * exec failed, or it is kept for good (no runtime frees it)
	 */
	if (k >= 0)
		hy_gslot_cas(h, k, w,
			     to ? HY_GSLOT(to, HY_GSEIZE_SEIZED) : HY_GSLOT(0, HY_GSEIZE_FREE));
}

void hy_guest_slot_gone(struct hy_session *s, pid_t tid)
{
	slots_gone(s->guest->hdr, tid);
}

const char *hy_guest_region_var(struct hy_session *s)
{
	struct hy_guest *g = s->guest;

	if (!g->region_var[0])
		snprintf(g->region_var, sizeof(g->region_var), "%s=%s", HY_GUEST_ENV, g->path);
	return g->region_var;
}

void hy_guest_exec_env_told(struct hy_session *s, pid_t tid, uint64_t n, uint64_t envp)
{
	hy_guest_exec_env_note(&s->guest->exec_env, tid, n, envp);
}

/* The handed-off threads' stops; each is let go at its runtime's arming. */
static void hand_off(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	pid_t tid;
	int ms = 1;

	while ((tid = ho->step(s, ms))) {
		hy_guest_take_over(s, tid); /* the new runtime frees the slot */
		ho->release(s, tid);
		ms = 0; /* the others' stops at once, then back to the ring */
	}
}

int hy_guest_loop(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	bool killed = false, first_done = false;
	char buf[256];
	int sig;
	sigset_t chld, old;
	int sigfd;

	s->guest->ho = ho;
	/* a ptraced process's stops wake the wait as the ring and the doorbell do */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &chld, &old);
	sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
	for (;;) {
		struct pollfd pfd[3] = { { .fd = hy_krec_fd(s->krec), .events = POLLIN },
					 { .fd = s->guest->door_fd, .events = POLLIN },
					 { .fd = sigfd, .events = POLLIN } };
		bool stops;

		/* the command gets the signal that ends the run, then its grace (end_request.h) */
		if (hy_end_take_signal(&sig) && sig)
			kill(s->first_pid, sig);
		if (!killed && hy_end_kill_due()) {
			kill(s->first_pid, SIGKILL);
			killed = true;
		}
		/* handing off, the wait is the stops' (hand_off) */
		poll(pfd, 3, ho->seized(s, 0) ? 0 : 10);
		while (pfd[1].revents & POLLIN && read(s->guest->door_fd, buf, sizeof(buf)) > 0)
			;
		stops = sigfd < 0 || pfd[2].revents & POLLIN;
		while (pfd[2].revents & POLLIN && read(sigfd, buf, sizeof(buf)) > 0)
			;
		/* before the drain: a held thread waits for its stack, not for the records */
		hy_guest_backtraces_answer(s, s->guest->hdr);
		drain_and_tell(s);
		answer_seizes(s, ho);
		refused_gone(s);
		take_back(s, ho);
		/* ...or a dynamic program a ptraced one executed (exec_runtime.c) */
		if (ho->seized(s, 0))
			hand_off(s, ho);
		else if (stops || s->tasks.nptraced || s->defer.all ||
			 atomic_load(&s->defer.queued))
			ho->step(s, 0); /* ptraced processes' stops (hy_pt_handoff_keep) */
		if (!reap(s, ho, &first_done))
			break;
	}
	drain_and_tell(s);
	if (sigfd >= 0)
		close(sigfd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

void hy_guest_close(struct hy_session *s)
{
	struct hy_guest *g = s->guest;

	if (!g)
		return;
	if (g->hdr) {
		hy_deferred_set_remote(NULL);
		munmap(g->hdr, g->size);
		unlink(g->path);
	}
	if (g->runtime_link[0])
		unlink(g->runtime_link);
	if (g->door_fd >= 0) {
		close(g->door_fd);
		unlink(g->door);
	}
	hy_guest_by_hand_free(&g->by_hand);
	hy_guest_output_free(s, &g->output);
	hy_guest_skip_free(&g->skip_mem);
	hy_guest_counts_free(&g->counts);
	hy_guest_own_load_free(&g->own_load);
	hy_guest_exec_env_free(&g->exec_env);
	free(g);
	s->guest = NULL;
}
