// SPDX-License-Identifier: MIT
/*
 * New tasks of the guest: the handshake with hytrace at their start, and a
 * vfork-type child (vfork, posix_spawn's clone) armed before its first
 * instruction, so its execve keeps the runtime and its calls are held. Such a
 * child shares this thread's memory, its thread-local variables included,
 * while the parent waits: it takes the runtime's thread identity over and the
 * parent takes its own back when it resumes (gate.S calls hy_grt_after_vfork
 * on both sides).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest_elf.h"
#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

/*
 * The task handshake (guest_shm.h): a new thread, a forked child or a new
 * program waits here, before its first instruction of the guest's, until
 * hytrace has run the tools' callbacks of its start (on_process_start,
 * on_thread_start, on_exec), as a ptrace stop at the event would hold it:
 * a tool that reads /proc/PID there finds the task alive, its name, its
 * thread group. It rings the doorbell so hytrace drains at once, not at its
 * next tick; the cost is one round trip to hytrace per new task. Bounded:
 * a hytrace that is gone does not hang the guest.
 */
/* An entry of the question table (guest_shm.h), or NULL when all are taken. */
static struct hy_guest_ask *ask(struct hy_guest_hdr *h, uint64_t since)
{
	for (int i = 0; i < HY_GUEST_MAX_ASK; i++) {
		struct hy_guest_ask *a = &h->ask[i];
		uint32_t free = HY_GASK_FREE;

		if (!__atomic_compare_exchange_n(&a->state, &free, HY_GASK_CLAIMED, false,
						 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			continue;
		a->tid = hy_grt_tid;
		a->since = since;
		__atomic_store_n(&a->state, HY_GASK_ASKED, __ATOMIC_RELEASE);
		return a;
	}
	return NULL;
}

/* hytrace's answer into @t (none when it did not come in time); the entry is free again. */
static void take_answer(struct hy_guest_ask *a, struct hy_task *t)
{
	struct hy_grt_task *g = (struct hy_grt_task *)t;
	uint32_t asked = HY_GASK_ASKED, n;

	if (__atomic_compare_exchange_n(&a->state, &asked, HY_GASK_FREE, false, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return;
	while (__atomic_load_n(&a->state, __ATOMIC_ACQUIRE) != HY_GASK_ANSWERED)
		__builtin_ia32_pause(); /* hytrace is writing it: a few stores */
	n = a->n < HY_GUEST_ASK_CALLS ? a->n : HY_GUEST_ASK_CALLS;
	memcpy(g->before, a->calls, n * sizeof(*a->calls));
	g->nbefore = n;
	__atomic_store_n(&a->state, HY_GASK_FREE, __ATOMIC_RELEASE);
}

void hy_grt_ring_door(void)
{
	char door[PATH_MAX + 16];
	int fd;

	snprintf(door, sizeof(door), "%s" HY_GUEST_DOOR_SUFFIX, hy_grt.shm);
	fd = open(door, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "t", 1) < 0) {
			/* full: hytrace has a wake-up pending anyway */
		}
		close(fd);
	}
}

void hy_grt_wait_hytrace(struct hy_task *t)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	uint64_t since = hy_now_ns(), deadline = since + 2000000000ull;
	struct hy_guest_ask *a;

	if (!h)
		return;
	a = t ? ask(h, since) : NULL;
	hy_grt_ring_door();
	for (;;) {
		uint32_t seq = __atomic_load_n(&h->drained_seq, __ATOMIC_ACQUIRE);
		struct timespec to = { 0, 20000000 };

		if (__atomic_load_n(&h->drained_ts, __ATOMIC_ACQUIRE) >= since ||
		    hy_now_ns() >= deadline)
			break;
		syscall(SYS_futex, &h->drained_seq, FUTEX_WAIT, seq, &to, NULL, 0);
	}
	if (a)
		take_answer(a, t);
}

/*
 * The parent's notes of its signal actions while a vfork child runs: glibc's
 * posix_spawn child puts every handled signal back to SIG_DFL, SIGSYS too,
 * and the parent's handler then looked gone, its own SIGSYS killed it.
 */
static __thread struct hy_grt_actions vfork_actions __attribute__((tls_model("initial-exec")));

void hy_grt_before_vfork(void)
{
	hy_grt_vfork_slot[2] = (uint64_t)hy_grt_tid;
	hy_grt_vfork_slot[3] = hy_grt_sigsys_blocked;
	hy_grt_actions_save(&vfork_actions);
	hy_grt_seccomp_before_vfork();
}

/*
 * @ret: the call's result, in the parent and in the child. Called from the
 * gate with the guest's registers saved, outside the handler: signals are
 * as the guest has them; the selector is "block".
 */
void hy_grt_after_vfork(long ret)
{
	struct hy_task *t;

	if (ret) { /* the parent: the child executed or exited */
		/* or was killed in the handler (its variables, this thread's, as it left them) */
		int child = hy_grt_tid; /* its own id, as it armed (or ours: not armed) */

		hy_grt_outside_handler();
		hy_grt_tid = (int)hy_grt_vfork_slot[2];
		/* what it held, killed there, it cannot give back: before our next lock */
		if (child != hy_grt_tid)
			hy_grt_free_held(child);
		hy_grt_vforking = 0; /* posix_spawn's too (vfork's: gate.S) */
		/* the child's rt_sigprocmask changed the copy they share, not this mask */
		hy_grt_sigsys_blocked = hy_grt_vfork_slot[3];
		hy_grt_actions_restore(&vfork_actions); /* nor its rt_sigaction these actions */
		if (ret < 0)
			return;
		hy_grt_lock(&hy_grt.lock);
		/* the child's entry in this (once shared) registry: its own image has it now */
		if ((t = hy_task_find(&hy_grt.s->tasks, (pid_t)ret)))
			hy_rt_task_forget(hy_grt.s, t);
		hy_grt_unlock(&hy_grt.lock);
		return;
	}
	if (hy_grt_arm()) {
		hy_grt_sel = HY_SEL_BLOCK; /* unarmed: it runs on, not held, as before */
		return;
	}
	hy_grt_lock(&hy_grt.lock);
	t = hy_rt_task_get(hy_grt.s, hy_grt_tid, getpid(), getppid());
	hy_grt_unlock(&hy_grt.lock);
	hy_grt_wait_hytrace(t);
	hy_grt_sel = HY_SEL_BLOCK;
}

/*
 * Whether executing @fd is a secure exec (AT_SECURE), as the kernel decides
 * it: a set-user-ID file of another owner, a set-group-ID one of another
 * group, file capabilities for a user, or a thread whose ids differ already;
 * never under no_new_privs, and no file's bits count on a nosuid mount.
 */
static bool secure_exec(int fd, const struct stat *st)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	struct statvfs vfs;

	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1)
		return false;
	if (geteuid() != uid || getegid() != gid)
		return true;
	if (!fstatvfs(fd, &vfs) && vfs.f_flag & ST_NOSUID)
		return false;
	if (st->st_mode & S_ISUID && st->st_uid != uid)
		return true;
	if ((st->st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) && st->st_gid != gid)
		return true;
	return uid && fgetxattr(fd, "security.capability", NULL, 0) > 0;
}

/*
 * What @path runs as (execve): HY_IMAGE_STATIC, HY_IMAGE_32BIT or
 * HY_IMAGE_SETID when no runtime can be preloaded into it, else 0 (a dynamic
 * 64-bit program, a file that will not execute: its call says so). A script
 * is its interpreter's program (a script of a static one is a static one).
 * @loaderless: it has no loader (a static program of any class, set-ID or
 * not), so hytrace's filter holds only its own code's calls and a dynamic
 * 64-bit program it executes can run on the guest backend.
 */
int hy_grt_image_kind(const char *path, bool *loaderless)
{
	struct stat st;
	int fd = hy_guest_open_program(path, NULL, 0), kind;

	*loaderless = false;
	if (fd < 0)
		return 0;
	kind = hy_guest_elf_kind(fd, loaderless);
	if (kind < 0)
		kind = 0; /* a file that will not execute */
	/* set-user/group-ID: the loader ignores LD_PRELOAD in a secure exec */
	if (!fstat(fd, &st) && secure_exec(fd, &st))
		kind = HY_IMAGE_SETID;
	close(fd);
	return kind;
}
