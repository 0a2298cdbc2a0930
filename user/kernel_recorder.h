/* SPDX-License-Identifier: MIT */
/*
 * The kernel recorder: loads the BPF programs, keeps the set of guest tasks, and
 * hands the ring buffer's records to a callback. Only this module knows libbpf.
 */
#ifndef HY_KERNEL_RECORDER_H
#define HY_KERNEL_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct hy_krec;
struct hy_sysset;

struct hy_krec_opts {
	size_t ring_bytes;		 /* power of two; 0 means the default */
	size_t wakeup_bytes;		 /* backlog that wakes a waiting reader */
	unsigned int strsize;		 /* bytes of strings and buffers captured (strace -s) */
	unsigned int plan_verbose;	 /* HY_PLAN_* (capture_plan.h): what -v makes captured */
	bool want_ip;			 /* each call's instruction pointer (strace -i) */
	bool want_socks;		 /* the sockets calls use and create (HY_KEV_SOCK, -yy) */
	const struct hy_sysset *capture; /* whose memory is captured; NULL: every syscall's */
	const struct hy_sysset *stacks;	 /* whose user stack is copied (-k); NULL: none */
	unsigned int stack_bytes;	 /* how much of it: a power of two up to HY_STACK_MAX */
	/* production mode: every task of a cgroup, or of the host, is a guest (enum hy_agg_scope) */
	unsigned int watch_scope;
	int watch_cgroup_fd;		   /* the cgroup v2 directory, open */
	const struct hy_kf_config *filter; /* calls dropped in the kernel (kfilter.h); NULL: none */
	/*
	 * The in-guest backend's runtime runs in the guests: its prctl arming
	 * dispatch is not recorded as the guest's (without it, a guest's own such
	 * prctl is).
	 */
	bool guest_backend;
	/*
	 * Records of signals (HY_KEV_SIGNAL), for runs whose tasks no tracer
	 * seizes (the guest backend, -p without ptrace): they have no signal
	 * stops. Off otherwise: a tracer sees the signals, and the programs would
	 * also run inside the recorder's own backpressure SIGSTOP, where a BPF
	 * program cannot nest.
	 */
	bool signals;
	/* the process lets hytrace tune its malloc: huge pages under the load (load_heap.h) */
	bool tune_malloc;
};

/**
 * Load and attach the programs. Returns 0, or a negative errno with
 * hy_last_error() saying what is missing (privilege, BTF, kernel support).
 */
int hy_krec_open(struct hy_krec **out, const struct hy_krec_opts *opts);

/**
 * Begin detaching the programs (a thread per link: the kernel's grace periods
 * overlap) once nothing more is drained; the maps and the ring stay until
 * hy_krec_close(), which waits for the detaching to end.
 */
void hy_krec_detach_begin(struct hy_krec *k);
void hy_krec_close(struct hy_krec *k);

/**
 * Watch task @tid; @pending_exec: only from its next execve on; @traced: it (and
 * its descendants) may be held back with a SIGSTOP when the ring fills up.
 */
int hy_krec_add_guest(struct hy_krec *k, pid_t tid, bool pending_exec, bool traced);

/**
 * Watch task @tid, a running task adopted without a tracer (-p): the call it is
 * in, if any, is recorded whole at its exit, from the registers the exit finds
 * (strace -p's attach restarts that call and shows it whole).
 */
int hy_krec_adopt_running(struct hy_krec *k, pid_t tid);

#define HY_KREC_HELD_DRAIN 1 /* backpressure: the ring was filling up */
#define HY_KREC_HELD_READ 2  /* its memory the kernel could not read (HY_SYS_LIVE) */

/**
 * Whether the kernel recorder held @tid (its SIGSTOP): 0 if not, else why
 * (HY_KREC_HELD_*); clears the mark.
 */
int hy_krec_take_throttle(struct hy_krec *k, pid_t tid);

/** Whether any task is watched (0, or 1 or more: counting stops early). */
size_t hy_krec_guests(const struct hy_krec *k);

/** Bytes of the ring. */
size_t hy_krec_ring_size(const struct hy_krec *k);

typedef void (*hy_krec_cb)(void *ctx, const void *rec, size_t len);

/**
 * Hand every complete record now in the ring to @cb, oldest first, and free
 * their space. Records produced meanwhile wait for the next call, so one call
 * is bounded. Returns the number of records.
 */
size_t hy_krec_drain(struct hy_krec *k, hy_krec_cb cb, void *ctx);

/** Bytes waiting in the ring. */
size_t hy_krec_backlog(const struct hy_krec *k);
/**
 * Ring positions: bytes ever written (@produced) and ever consumed. Every
 * record submitted before a read of @produced has been handled once
 * @consumed has reached it.
 */
void hy_krec_positions(const struct hy_krec *k, uint64_t *produced, uint64_t *consumed);
/** File descriptor that becomes readable when the backlog passes wakeup_bytes. */
int hy_krec_fd(const struct hy_krec *k);
/** Records the kernel could not write (ring full). */
uint64_t hy_krec_lost(const struct hy_krec *k);
/**
 * Runs of the recorder's programs the kernel skipped since the first guest was
 * added (any task's: the kernel does not say whose).
 */
uint64_t hy_krec_missed(const struct hy_krec *k);
/** Whether the classic tracepoint programs record, else tp_btf (tracepoint_family.h). */
bool hy_krec_classic(const struct hy_krec *k);
/** Tasks the kernel could not start watching (guests map full): their calls are missing. */
uint64_t hy_krec_untracked(const struct hy_krec *k);

#endif
