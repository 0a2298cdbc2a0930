/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel filter: calls that strace's -P PATH, -z, -Z or -e status= would
 * drop, and calls no consumer watches, never reach the ring, so they are
 * neither copied nor formatted (hytrace -P /etc/passwd -- make costs about
 * what -c costs). User space decides what is filtered and loads it
 * (user/kfilter.c); it still filters what arrives, so the kernel only ever
 * drops a call user space would drop too, and keeps what it cannot decide
 * (a path it cannot read, a full descriptor map).
 *
 * The path filter follows strace -P: a call is kept when a path argument is
 * one of the paths (exact string), or a descriptor argument is one a kept
 * open of the same process returned (or a kept dup copied), or that its
 * parent had at fork; a kept close forgets it; or, failing those, one whose
 * open file is one of the paths' files (kf_files: inherited, passed over a
 * socket), which the call's record is marked for. A call some tool learns from (HY_KF_TRACK: -y's opens and
 * closes) is kept whatever the filter says, its descriptors followed alike.
 * The status filter decides at sys_exit; a call whose entry
 * memory would go to the ring at sys_enter has it read at sys_exit instead
 * (HY_GUEST_KF_DEFERRED), once its status says it is kept.
 *
 * Stands alone (make check-bpf-headers): its maps are its own; arg_at and
 * USER_ADDR_MIN are capture.bpf.h's.
 */
#ifndef HY_KFILTER_BPF_H
#define HY_KFILTER_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include "hy_event.h"
#include "capture.bpf.h"
#include "fd_file.bpf.h"

/* Set by user space before load; with kf_on 0 the verifier drops all of it. */
const volatile __u8 kf_on = 0;
const volatile __u8 kf_status = 0; /* HY_KF_* kept; 0: every status */
const volatile __u8 kf_paths_on = 0;
const volatile __u8 kf_files_on = 0; /* kf_files has entries */

/* A descriptor could not be followed (the map was full): fd arguments keep every call. */
__u8 kf_fds_full = 0;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, HY_PLAN_ENTRIES);
	__type(key, __u32);
	__type(value, struct hy_kf_nr);
} kf_nrs SEC(".maps");

struct kf_path {
	char b[HY_KF_PATH_MAX];
};

/* The paths of -P, NUL-padded to the key size. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HY_KF_PATHS_MAX);
	__type(key, struct kf_path);
	__type(value, __u8);
} kf_paths SEC(".maps");

/* The files of the paths that existed at start (user/path_files.c). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HY_KF_PATHS_MAX);
	__type(key, struct hy_kf_file);
	__type(value, __u8);
} kf_files SEC(".maps");

/*
 * Descriptors open on one of the paths, per process: those below KF_FDS_LOW
 * as one byte each in the process's set, copied whole to a child at fork (a
 * hash of (process, descriptor) could not be walked to copy it: 5.10 has no
 * bpf_for_each_map_elem); a byte, not a bit, so that two threads opening at
 * once need no atomic or. Higher descriptors (rare) in a hash of their own,
 * not inherited.
 */
#define KF_FDS_LOW 1024
struct kf_fdset {
	__u8 on[KF_FDS_LOW];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 16384);
	__type(key, __u32); /* tgid */
	__type(value, struct kf_fdset);
} kf_fdsets SEC(".maps");

/* A process's first set: all zero (never written; too large for the stack). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kf_fdset);
} kf_fdset_zero SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 65536);
	__type(key, struct hy_kf_fd);
	__type(value, __u8);
} kf_fds SEC(".maps");

/* The path read from the guest, as a key (too large for the stack). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kf_path);
} kf_key SEC(".maps");

#define KF_F_DUPFD 0
#define KF_F_DUPFD_CLOEXEC 1030

static __always_inline const struct hy_kf_nr *kf_nr_of(__u8 abi, __s32 nr)
{
	__u32 key;

	if (nr < 0 || nr >= HY_PLAN_NR_MAX || abi > HY_KABI_X32)
		return NULL;
	key = abi * HY_PLAN_NR_MAX + nr;
	return bpf_map_lookup_elem(&kf_nrs, &key);
}

/*
 * Whether the string at @addr is one of the paths: KF_HIT, 0, or KF_UNREAD
 * when it cannot be read (kept: user space decides then). A function of its
 * own: the verifier walks it once, not once per path argument.
 */
#define KF_HIT 1
#define KF_UNREAD 2
__attribute__((noinline)) int kf_path_hit(__u64 addr)
{
	__u32 zero = 0;
	struct kf_path *k = bpf_map_lookup_elem(&kf_key, &zero);

	if (!k)
		return KF_UNREAD;
	if (addr < USER_ADDR_MIN)
		return 0; /* NULL or an integer: no path (user space reads none either) */
	/* the key is compared whole: the bytes after the NUL must be 0 */
	for (int i = 0; i < HY_KF_PATH_MAX / 8; i++)
		((__u64 *)k->b)[i] = 0;
	if (bpf_probe_read_user_str(k->b, sizeof(k->b), (void *)addr) < 0)
		return KF_UNREAD;
	return bpf_map_lookup_elem(&kf_paths, k) ? KF_HIT : 0;
}

/* Whether a path argument of the call names one of the paths (KF_HIT, KF_UNREAD or 0). */
static __always_inline int kf_paths_hit(const struct hy_kf_nr *f, const __u64 *args)
{
	int hit = 0;

#pragma unroll
	for (int i = 0; i < 6; i++)
		if (hit != KF_HIT && (f->path_args & (1u << i)))
			hit = kf_path_hit(arg_at(args, i));
	return hit;
}

static __always_inline bool kf_fd_hit(__u32 tgid, __u64 fd)
{
	struct hy_kf_fd key = { .tgid = tgid, .fd = (__s32)fd };
	struct kf_fdset *set;

	if (kf_fds_full)
		return true;
	if (key.fd >= 0 && key.fd < KF_FDS_LOW) {
		set = bpf_map_lookup_elem(&kf_fdsets, &tgid);
		return set && set->on[key.fd & (KF_FDS_LOW - 1)];
	}
	return bpf_map_lookup_elem(&kf_fds, &key) != NULL;
}

/*
 * Whether descriptor @fd of the calling task is open on one of the paths'
 * files, by its inode: a descriptor the filter never saw open (inherited from
 * before the run or the attach, passed over a socket, or at KF_FDS_LOW and up
 * in a child). A function of its own: the verifier walks it once.
 */
__attribute__((noinline)) int kf_fd_file_hit(__s32 fd)
{
	struct file *file;
	struct hy_kf_file key = {};

	if (!kf_files_on || fd < 0 || !(file = file_of_fd(fd)))
		return 0;
	key.ino = BPF_CORE_READ(file, f_inode, i_ino);
	key.dev = BPF_CORE_READ(file, f_inode, i_sb, s_dev);
	return bpf_map_lookup_elem(&kf_files, &key) != NULL;
}

/* Follow (@on) or forget descriptor @fd of process @tgid. */
static __always_inline void kf_fd_set(__u32 tgid, __s32 fd, bool on)
{
	struct hy_kf_fd key = { .tgid = tgid, .fd = fd };
	struct kf_fdset *set;
	__u32 zero = 0;
	__u8 one = 1;

	if (fd < 0 || fd >= KF_FDS_LOW) {
		if (!on)
			bpf_map_delete_elem(&kf_fds, &key);
		else if (bpf_map_update_elem(&kf_fds, &key, &one, BPF_ANY))
			kf_fds_full = 1;
		return;
	}
	set = bpf_map_lookup_elem(&kf_fdsets, &tgid);
	if (!set && on) {
		void *z = bpf_map_lookup_elem(&kf_fdset_zero, &zero);

		/* BPF_NOEXIST: a thread that made it meanwhile keeps its own */
		if (z)
			bpf_map_update_elem(&kf_fdsets, &tgid, z, BPF_NOEXIST);
		set = bpf_map_lookup_elem(&kf_fdsets, &tgid);
		if (!set)
			kf_fds_full = 1;
	}
	if (set)
		set->on[fd & (KF_FDS_LOW - 1)] = on;
}

/*
 * At fork (in the parent, before the child runs): a new process inherits the
 * descriptors, as strace -P sees them (it reads /proc/PID/fd). Its set is the
 * parent's copy, or none: a set a gone process of the same tgid left goes.
 * Descriptors from KF_FDS_LOW up are not inherited.
 */
static __always_inline void kf_fork(__u32 parent, __u32 child)
{
	struct kf_fdset *set;

	if (!kf_on || !kf_paths_on)
		return;
	set = bpf_map_lookup_elem(&kf_fdsets, &parent);
	if (!set)
		bpf_map_delete_elem(&kf_fdsets, &child);
	else if (bpf_map_update_elem(&kf_fdsets, &child, set, BPF_ANY))
		kf_fds_full = 1;
}

/*
 * At sys_enter: whether the call is dropped (nothing of it is recorded). A
 * call the path filter keeps is marked, for its result's descriptors.
 */
static __always_inline bool kf_drop_at_enter(struct hy_guest *g, __u8 abi, __s32 nr,
					     const __u64 *args, __u32 tgid)
{
	const struct hy_kf_nr *f;
	int hit;

	if (!kf_on || !(f = kf_nr_of(abi, nr)))
		return false;
	if (f->mode == HY_KF_DROP)
		return true;
	if ((f->mode != HY_KF_FILTER && f->mode != HY_KF_TRACK) || !kf_paths_on)
		return false;
	hit = kf_paths_hit(f, args);
#pragma unroll
	for (int i = 0; i < 6; i++)
		if (hit != KF_HIT && (f->fd_args & (1u << i)) && kf_fd_hit(tgid, arg_at(args, i)))
			hit = KF_HIT;
#pragma unroll
	for (int i = 0; i < 6; i++)
		if (hit != KF_HIT && (f->fd_args & (1u << i)) &&
		    kf_fd_file_hit((__s32)arg_at(args, i))) {
			hit = KF_HIT;
			g->state |= HY_GUEST_KF_FILE;
		}
	if (!hit)
		return f->mode == HY_KF_FILTER; /* HY_KF_TRACK: kept, not followed */
	g->state |= HY_GUEST_KF_HIT | (hit == KF_UNREAD ? HY_GUEST_KF_UNSURE : 0);
	return false;
}

/*
 * At sys_enter, for a call with entry memory: whether it waits for its status.
 * Not when the call writes where it read (accept's addrlen, select's fd sets,
 * recvmsg's msghdr: an argument captured at both ends), whose entry value
 * would be gone by sys_exit.
 */
static __always_inline bool kf_defer_entry(__u8 abi, __s32 nr, bool execs,
					   const struct hy_plan *plan)
{
	const struct hy_kf_nr *f;

	/* an unfinished call would have no entry memory; execve's is gone at its exit */
	if (!kf_on || !kf_status || (kf_status & HY_KF_UNFINISHED) || execs)
		return false;
	f = kf_nr_of(abi, nr);
	if (!f || f->mode != HY_KF_FILTER)
		return false;
#pragma unroll
	for (int i = 0; i < HY_PLAN_SLOTS; i++) {
#pragma unroll
		for (int j = 0; j < HY_PLAN_SLOTS; j++)
			if (plan->enter[i].kind && plan->exit[j].kind &&
			    plan->enter[i].arg == plan->exit[j].arg)
				return false;
	}
	return true;
}

/* At sys_exit: whether the status filter drops the call (strace's -z, -Z). */
static __always_inline bool kf_status_drops(__u8 abi, __s32 nr, __s64 ret)
{
	const struct hy_kf_nr *f;
	__u8 bit;

	if (!kf_on || !kf_status)
		return false;
	f = kf_nr_of(abi, nr);
	if (!f || f->mode != HY_KF_FILTER)
		return false;
	if (abi != HY_KABI_X86_64)
		ret = (__s32)ret;
	bit = ret < 0 && ret >= -4095 ? HY_KF_FAILED : HY_KF_SUCCESSFUL;
	return !(kf_status & bit);
}

/* A call that ends in exit (exit_group): whether its unfinished record is dropped. */
static __always_inline bool kf_unfinished_drops(__u8 abi, __s32 nr)
{
	const struct hy_kf_nr *f;

	if (!kf_on || !kf_status || (kf_status & HY_KF_UNFINISHED))
		return false;
	f = kf_nr_of(abi, nr);
	return f && f->mode == HY_KF_FILTER;
}

/* At sys_exit of a call the path filter kept: the descriptors it opened, copied or closed. */
static __always_inline void kf_fds_after(struct hy_guest *g, __u32 tgid, __u8 abi, __s32 nr,
					 const __u64 *args, __s64 ret)
{
	const struct hy_kf_nr *f;
	bool unsure;

	if (!kf_on || !(g->state & HY_GUEST_KF_HIT))
		return;
	unsure = g->state & HY_GUEST_KF_UNSURE;
	g->state &= ~(HY_GUEST_KF_HIT | HY_GUEST_KF_UNSURE);
	if (!(f = kf_nr_of(abi, nr)))
		return;
	if (f->effect == HY_KF_FX_CLOSE) {
		kf_fd_set(tgid, (__s32)args[0], false);
		return;
	}
	if (ret < 0 || f->effect == HY_KF_FX_NONE ||
	    (f->effect == HY_KF_FX_FCNTL && args[1] != KF_F_DUPFD && args[1] != KF_F_DUPFD_CLOEXEC))
		return;
	/*
	 * An open kept because its path could not be read at sys_enter (a page of
	 * a program just executed, not yet faulted in): the call has read it since,
	 * so it is compared again before its descriptor is followed, or every call
	 * on it (a million reads of /dev/zero) would be kept.
	 */
	if (unsure && f->effect == HY_KF_FX_OPEN && kf_paths_hit(f, args) == 0)
		return;
	/*
	 * A copy is on a path when its source is: dup2(11, 0) kept for its target
	 * 0 replaces what 0 was with what 11 is.
	 */
	if (f->effect != HY_KF_FX_OPEN && !kf_fd_hit(tgid, args[0])) {
		kf_fd_set(tgid, (__s32)ret, false);
		return;
	}
	kf_fd_set(tgid, (__s32)ret, true);
}

#endif
