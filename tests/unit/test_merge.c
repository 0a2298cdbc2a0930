// SPDX-License-Identifier: MIT
/*
 * The merge: ring records built byte for byte as bpf/hytrace.bpf.c writes them,
 * and the tracer's notes, become one event per call, handed over in completion
 * order per thread. Every test feeds a sequence and checks the events the sink
 * received (copied there: the merge reuses its records).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "hy_event.h"
#include "merge.h"
#include "record.h"
#include "syscall_table.h"

/* ---- what the sinks received ---- */

#define MAX_EVENTS 400

struct got {
	int n;
	struct hy_record ev[MAX_EVENTS];
	int ntask;
	uint64_t task[MAX_EVENTS][5]; /* type, tid, tgid, aux, ts */
};

static void sink(void *ctx, struct hy_record *r)
{
	struct got *g = ctx;

	assert_true(g->n < MAX_EVENTS);
	assert_int_equal(hy_rec_copy(&g->ev[g->n++], r), 0);
}

static void task_sink(void *ctx, int type, int tid, int tgid, int aux, uint64_t ts)
{
	struct got *g = ctx;

	assert_true(g->ntask < MAX_EVENTS);
	g->task[g->ntask][0] = type;
	g->task[g->ntask][1] = tid;
	g->task[g->ntask][2] = tgid;
	g->task[g->ntask][3] = aux;
	g->task[g->ntask++][4] = ts;
}

static struct got *got;
static struct hy_merge *m;

static int setup(void **state)
{
	(void)state;
	got = calloc(1, sizeof(*got));
	m = hy_merge_new(sink, got);
	return got && m ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	hy_merge_free(m);
	for (int i = 0; i < got->n; i++)
		hy_rec_release(&got->ev[i]);
	free(got);
	return 0;
}

static long nr_of(const char *name)
{
	long n = hy_syscall_number(HY_ABI_X86_64, name);

	assert_true(n >= 0);
	return n;
}

/* ---- ring records, as the BPF programs lay them out ---- */

struct kbuf {
	size_t len;
	union {
		struct hy_kev_hdr hdr;
		struct hy_kev_sys sys;
		struct hy_kev_call call;
		unsigned char b[8192];
	};
};

static void hdr(struct kbuf *k, uint16_t type, uint64_t ts, int tid, int tgid, size_t len)
{
	memset(k, 0, sizeof(*k));
	k->len = len;
	k->hdr.ts = ts;
	k->hdr.tid = tid;
	k->hdr.tgid = tgid;
	k->hdr.type = type;
	k->hdr.size = len;
}

/* sys_enter of a call with entry memory (captures follow with kcap()). */
static struct kbuf *kenter(struct kbuf *k, uint64_t ts, int tid, int tgid, long nr,
			   const uint64_t args[6])
{
	hdr(k, HY_KEV_ENTER, ts, tid, tgid, sizeof(struct hy_kev_sys));
	k->sys.nr = nr;
	k->sys.abi = HY_KABI_X86_64;
	memcpy(k->sys.args, args, sizeof(k->sys.args));
	return k;
}

/* The entry memory read again at sys_exit: the enter's layout. */
static struct kbuf *krefetch(struct kbuf *k, uint64_t ts, int tid, int tgid, long nr,
			     const uint64_t args[6])
{
	kenter(k, ts, tid, tgid, nr, args);
	k->hdr.type = HY_KEV_REFETCH;
	return k;
}

/* sys_exit of a call whose enter is in the ring (nr -1: the tracer skipped it). */
static struct kbuf *kexit(struct kbuf *k, uint64_t ts, int tid, int tgid, long nr, int64_t ret)
{
	hdr(k, HY_KEV_EXIT, ts, tid, tgid, HY_KEV_EXIT_SIZE);
	k->sys.nr = nr;
	k->sys.abi = HY_KABI_X86_64;
	k->sys.ret = ret;
	return k;
}

/* A whole call kept in the guests map until sys_exit (or the task's death). */
static struct kbuf *kcall(struct kbuf *k, uint64_t enter_ts, uint64_t ts, int tid, int tgid,
			  long nr, const uint64_t args[6], int64_t ret)
{
	hdr(k, HY_KEV_CALL, ts, tid, tgid, sizeof(struct hy_kev_call));
	k->call.nr = nr;
	k->call.abi = HY_KABI_X86_64;
	k->call.ret = ret;
	k->call.enter_ts = enter_ts;
	memcpy(k->call.args, args, sizeof(k->call.args));
	return k;
}

/* FORK (aux: child), EXEC (aux: old tid), TASK_EXIT (aux: wait status). */
static struct kbuf *ktask(struct kbuf *k, uint16_t type, uint64_t ts, int tid, int tgid,
			  uint32_t aux)
{
	hdr(k, type, ts, tid, tgid, sizeof(struct hy_kev_hdr));
	k->hdr.aux = aux;
	return k;
}

/* The new program's argument strings, @len bytes with a NUL after each; its envc unknown. */
static struct kbuf *kexec_args(struct kbuf *k, uint64_t ts, int tid, int tgid, const char *s,
			       size_t len)
{
	struct hy_kev_exec_args *x = (struct hy_kev_exec_args *)k->b;

	hdr(k, HY_KEV_EXEC_ARGS, ts, tid, tgid, sizeof(*x) + len);
	k->hdr.aux = len;
	x->envc = HY_EXEC_ENVC_UNKNOWN;
	x->pad = 0;
	memcpy(k->b + sizeof(*x), s, len);
	return k;
}

/* One captured argument, appended as put_chunk() does: header, data padded to 8. */
static struct kbuf *kcap(struct kbuf *k, int arg, uint64_t addr, const void *data, uint16_t len,
			 uint8_t flags)
{
	struct hy_kcap c = { .addr = addr, .len = len, .arg = arg, .flags = flags };

	memcpy(k->b + k->len, &c, sizeof(c));
	if (len)
		memcpy(k->b + k->len + sizeof(c), data, len);
	k->len += sizeof(c) + ((len + 7) & ~7u);
	k->hdr.size = k->len;
	k->sys.ncap++; /* at the same offset in hy_kev_sys and hy_kev_call */
	return k;
}

static void feed(const struct kbuf *k)
{
	hy_merge_kernel(m, k->b, k->len);
}

static const uint64_t noargs[6];

/* ---- checks ---- */

static const struct hy_record *ev(int i)
{
	assert_true(i < got->n);
	return &got->ev[i];
}

static void assert_event(int i, int tid, long nr, int64_t ret, unsigned int flags)
{
	const struct hy_record *r = ev(i);

	assert_int_equal(r->tid, tid);
	assert_int_equal(r->nr, nr);
	assert_int_equal(r->flags, flags);
	if (!(flags & HY_EV_UNFINISHED))
		assert_int_equal(r->ret, ret);
}

static void assert_times(int i, uint64_t t_enter, uint64_t t_exit)
{
	assert_int_equal(ev(i)->t_enter, t_enter);
	assert_int_equal(ev(i)->t_exit, t_exit);
}

static void assert_str(int i, uint64_t addr, const char *want, bool want_trunc)
{
	const char *s;
	size_t len;
	bool trunc;

	assert_int_equal(hy_rec_str(ev(i), addr, &s, &len, &trunc, NULL, 0), 0);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
	assert_int_equal(trunc, want_trunc);
}

/* ---- the kernel's records alone ---- */

static void test_call_record_is_one_event(void **state)
{
	const uint64_t args[6] = { 1, 2, 3, 4, 5, 6 };
	struct kbuf k;

	(void)state;
	feed(kcall(&k, 1000, 1500, 100, 100, nr_of("getppid"), args, 42));
	assert_int_equal(got->n, 1);
	assert_event(0, 100, nr_of("getppid"), 42, 0);
	assert_int_equal(ev(0)->pid, 100);
	assert_int_equal(ev(0)->abi, HY_ABI_X86_64);
	assert_memory_equal(ev(0)->args, args, sizeof(args));
	assert_times(0, 1000, 1500);
	assert_non_null(ev(0)->ent);
	assert_string_equal(ev(0)->ent->name, "getppid");
	assert_int_equal(ev(0)->nchunks, 0);
}

static void test_call_record_carries_exit_memory(void **state)
{
	const uint64_t args[6] = { 3, 0x7000, 100 };
	struct kbuf k;
	char buf[16];

	(void)state;
	kcall(&k, 10, 20, 100, 100, nr_of("read"), args, 11);
	feed(kcap(&k, 1, 0x7000, "hello world", 11, 0));
	assert_int_equal(got->n, 1);
	assert_int_equal(ev(0)->nchunks, 1);
	assert_int_equal(hy_rec_read(ev(0), HY_PHASE_EXIT, 0x7000, buf, sizeof(buf)), 11);
	assert_memory_equal(buf, "hello world", 11);
	assert_int_equal(hy_rec_read(ev(0), HY_PHASE_ENTER, 0x7000, buf, sizeof(buf)), -EFAULT);
	assert_int_equal(ev(0)->chunk[0].arg, 1);
}

static void test_enter_exit_pair_is_one_event(void **state)
{
	const uint64_t args[6] = { (uint32_t)-100, 0x5000, 0 };
	struct kbuf k;

	(void)state;
	kenter(&k, 100, 7, 5, nr_of("openat"), args);
	feed(kcap(&k, 1, 0x5000, "/etc/passwd", 11, HY_KCAP_STR));
	assert_int_equal(got->n, 0); /* not before its exit */
	feed(kexit(&k, 180, 7, 5, nr_of("openat"), 3));
	assert_int_equal(got->n, 1);
	assert_event(0, 7, nr_of("openat"), 3, 0);
	assert_int_equal(ev(0)->pid, 5);
	assert_memory_equal(ev(0)->args, args, sizeof(args));
	assert_times(0, 100, 180);
	assert_str(0, 0x5000, "/etc/passwd", false);
}

/* nanosleep's request at entry, its remainder at exit: each read back at its phase. */
static void test_enter_and_exit_memory_keep_their_phase(void **state)
{
	const uint64_t args[6] = { 0x100000, 0x200000 };
	const struct timespec in = { 1, 500 }, out = { 0, 7 };
	struct timespec t;
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("nanosleep"), args);
	feed(kcap(&k, 0, 0x100000, &in, sizeof(in), 0));
	kexit(&k, 2, 9, 9, nr_of("nanosleep"), -4);
	feed(kcap(&k, 1, 0x200000, &out, sizeof(out), 0));
	assert_int_equal(got->n, 1);
	assert_int_equal(hy_rec_read(ev(0), HY_PHASE_ENTER, 0x100000, &t, sizeof(t)), sizeof(t));
	assert_memory_equal(&t, &in, sizeof(t));
	assert_int_equal(hy_rec_read(ev(0), HY_PHASE_EXIT, 0x200000, &t, sizeof(t)), sizeof(t));
	assert_memory_equal(&t, &out, sizeof(t));
	assert_int_equal(hy_rec_read(ev(0), HY_PHASE_EXIT, 0x100000, &t, sizeof(t)), -EFAULT);
	assert_int_equal(ev(0)->chunk[0].arg, 0);
	assert_int_equal(ev(0)->chunk[1].arg, 1);
}

static void test_capture_flags_become_memory_flags(void **state)
{
	const uint64_t args[6] = { 0x1000, 0x2000, 0x3000 };
	const uint64_t dargs[6] = { 3, 0x8000, 32768 };
	const uint32_t count = 17;
	struct kbuf k;
	char c;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("execve"), args);
	kcap(&k, 0, 0x1000, "/bin/tr", 7, HY_KCAP_STR | HY_KCAP_TRUNC);
	feed(kcap(&k, 1, 0x2000, NULL, 0, HY_KCAP_FAULT));
	feed(kexit(&k, 2, 9, 9, nr_of("execve"), -2));
	kcall(&k, 3, 4, 9, 9, nr_of("getdents64"), dargs, 600);
	feed(kcap(&k, 1, 0x8000, &count, sizeof(count), HY_KCAP_COUNT));
	assert_int_equal(got->n, 2);
	assert_int_equal(ev(0)->nchunks, 2);
	assert_int_equal(ev(0)->chunk[0].flags, HY_MEM_STR | HY_MEM_TRUNC);
	assert_int_equal(ev(0)->chunk[1].flags, HY_MEM_FAULT);
	assert_str(0, 0x1000, "/bin/tr", true);
	assert_int_equal(hy_rec_read(ev(0), HY_PHASE_ENTER, 0x2000, &c, 1), -EFAULT);
	assert_int_equal(ev(1)->chunk[0].flags, HY_MEM_COUNT);
	assert_int_equal(hy_rec_count(ev(1), HY_PHASE_EXIT, 0x8000), 17);
	assert_int_equal(hy_rec_read(ev(1), HY_PHASE_EXIT, 0x8000, &c, 1), -EFAULT); /* no bytes */
}

/* A capture that runs past the record's end is dropped, and the ones after it. */
static void test_capture_past_the_record_end_is_dropped(void **state)
{
	const uint64_t args[6] = { 0x1000, 0x2000 };
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("rename"), args);
	kcap(&k, 0, 0x1000, "old", 3, HY_KCAP_STR);
	kcap(&k, 1, 0x2000, "a-much-longer-name", 18, HY_KCAP_STR);
	k.len -= 16; /* cut inside the second capture's data */
	feed(&k);
	feed(kexit(&k, 2, 9, 9, nr_of("rename"), 0));
	assert_int_equal(got->n, 1);
	assert_int_equal(ev(0)->nchunks, 1);
	assert_str(0, 0x1000, "old", false);
}

static void test_short_records_are_ignored(void **state)
{
	struct kbuf k;

	(void)state;
	kcall(&k, 1, 2, 9, 9, nr_of("getpid"), noargs, 9);
	hy_merge_kernel(m, k.b, sizeof(struct hy_kev_call) - 1);
	kenter(&k, 1, 9, 9, nr_of("openat"), noargs);
	hy_merge_kernel(m, k.b, sizeof(struct hy_kev_sys) - 1);
	kexit(&k, 2, 9, 9, nr_of("openat"), 0);
	hy_merge_kernel(m, k.b, HY_KEV_EXIT_SIZE - 1);
	hy_merge_kernel(m, k.b, sizeof(struct hy_kev_hdr) - 1);
	hy_merge_finish(m);
	assert_int_equal(got->n, 0);
}

/* sys_enter could not read the path (not resident); sys_exit read it again. */
static void test_refetch_fills_memory_the_enter_could_not_read(void **state)
{
	const uint64_t args[6] = { (uint32_t)-100, 0x5000 };
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("openat"), args);
	feed(kcap(&k, 1, 0x5000, NULL, 0, HY_KCAP_FAULT));
	krefetch(&k, 2, 9, 9, nr_of("openat"), args);
	feed(kcap(&k, 1, 0x5000, "/late/page", 10, HY_KCAP_STR));
	feed(kexit(&k, 2, 9, 9, nr_of("openat"), 4));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), 4, 0);
	assert_str(0, 0x5000, "/late/page", false); /* the readable chunk wins over the fault */
}

/* A refetch with no call pending (its enter was lost) goes nowhere. */
static void test_refetch_without_a_pending_call_is_ignored(void **state)
{
	struct kbuf k;

	(void)state;
	krefetch(&k, 2, 9, 9, nr_of("openat"), noargs);
	feed(kcap(&k, 1, 0x5000, "/x", 2, HY_KCAP_STR));
	hy_merge_finish(m);
	assert_int_equal(got->n, 0);
}

/* A child's first return from fork, or a call begun before the task was a guest. */
static void test_exit_without_enter_is_ignored(void **state)
{
	struct kbuf k;

	(void)state;
	feed(kexit(&k, 5, 9, 9, nr_of("openat"), 3));
	feed(kcall(&k, 6, 7, 9, 9, nr_of("getpid"), noargs, 9));
	feed(kexit(&k, 8, 9, 9, nr_of("clone"), 0));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("getpid"), 9, 0);
}

/* An enter whose exit never came (lost) ends when the thread's next call begins. */
static void test_next_call_ends_the_pending_one_unfinished(void **state)
{
	const uint64_t args[6] = { 0, 0x5000 };
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("openat"), args);
	feed(kcap(&k, 1, 0x5000, "/a", 2, HY_KCAP_STR));
	feed(kcall(&k, 3, 4, 9, 9, nr_of("getpid"), noargs, 9));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("openat"), 0, HY_EV_UNFINISHED);
	assert_str(0, 0x5000, "/a", false);
	assert_event(1, 9, nr_of("getpid"), 9, 0);
	assert_int_equal(ev(1)->nchunks, 0); /* the reused record kept nothing */
}

/* ---- task lifetimes ---- */

/* exit_group kept in the map: sys_exit never comes, the death writes the call. */
static void test_call_unfinished_at_death(void **state)
{
	const uint64_t args[6] = { 3 };
	struct kbuf k;

	(void)state;
	kcall(&k, 50, 60, 9, 9, nr_of("exit_group"), args, 0);
	k.call.flags = HY_CALL_UNFINISHED;
	feed(&k);
	feed(ktask(&k, HY_KEV_TASK_EXIT, 61, 9, 9, 3 << 8));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("exit_group"), 0, HY_EV_UNFINISHED);
	assert_int_equal(ev(0)->args[0], 3);
	assert_int_equal(ev(0)->t_enter, 50);
}

static void test_task_exit_ends_the_pending_call_unfinished(void **state)
{
	const uint64_t args[6] = { 0, 0x5000 };
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("openat"), args);
	feed(kcap(&k, 1, 0x5000, "/fifo", 5, HY_KCAP_STR));
	feed(ktask(&k, HY_KEV_TASK_EXIT, 2, 9, 9, 9)); /* killed by SIGKILL */
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), 0, HY_EV_UNFINISHED);
	assert_str(0, 0x5000, "/fifo", false);
	/* the thread's state is gone: a late exit finds nothing */
	feed(kexit(&k, 3, 9, 9, nr_of("openat"), 0));
	assert_int_equal(got->n, 1);
}

static void test_task_gone_ends_the_pending_call_unfinished(void **state)
{
	struct kbuf k;

	(void)state;
	feed(kenter(&k, 1, 9, 9, nr_of("openat"), noargs));
	hy_merge_task_gone(m, 9);
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), 0, HY_EV_UNFINISHED);
}

static void test_finish_ends_everything_pending(void **state)
{
	struct hy_record skip;
	struct kbuf k;

	(void)state;
	feed(kenter(&k, 1, 9, 9, nr_of("openat"), noargs));
	feed(kenter(&k, 1, 10, 9, nr_of("openat"), noargs));
	hy_rec_init(&skip);
	skip.tid = 11;
	skip.nr = nr_of("getpid");
	skip.flags = HY_EV_ESCALATED | HY_EV_SKIPPED;
	skip.skip_ret = -1;
	hy_merge_note_skip(m, &skip, 5);
	hy_merge_finish(m);
	assert_int_equal(got->n, 3);
	for (int i = 0, seen = 0; i < 3; i++) {
		seen |= 1 << (ev(i)->tid - 9); /* each thread once */
		if (ev(i)->tid == 11)
			assert_event(i, 11, nr_of("getpid"), -1, HY_EV_ESCALATED | HY_EV_SKIPPED);
		else
			assert_event(i, ev(i)->tid, nr_of("openat"), 0, HY_EV_UNFINISHED);
		if (i == 2)
			assert_int_equal(seen, 7);
	}
}

static void test_task_records_reach_the_task_sink(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_set_task_sink(m, task_sink, got);
	feed(ktask(&k, HY_KEV_FORK, 1, 9, 9, 12));
	feed(ktask(&k, HY_KEV_EXEC, 2, 12, 12, 12));
	feed(ktask(&k, HY_KEV_TASK_EXIT, 3, 12, 12, 0));
	assert_int_equal(got->ntask, 3);
	assert_int_equal(got->task[0][0], HY_KEV_FORK);
	assert_int_equal(got->task[0][1], 9);
	assert_int_equal(got->task[0][3], 12);
	assert_int_equal(got->task[0][4], 1); /* when: a child inherits what its parent had then */
	assert_int_equal(got->task[1][0], HY_KEV_EXEC);
	assert_int_equal(got->task[1][3], 12);
	assert_int_equal(got->task[2][0], HY_KEV_TASK_EXIT);
	assert_int_equal(got->task[2][1], 12);
	assert_int_equal(got->n, 0);
}

/*
 * A non-leader thread executes: the leader dies, the thread takes its tid, and
 * its execve returns there.
 */
static void test_exec_from_a_thread_finishes_under_the_leaders_tid(void **state)
{
	const uint64_t args[6] = { 0x1000, 0, 0 }, oargs[6] = { 0, 0x6000 };
	struct kbuf k;

	(void)state;
	hy_merge_set_task_sink(m, task_sink, got);
	kenter(&k, 1, 100, 100, nr_of("openat"), oargs); /* the leader waits on a fifo */
	feed(kcap(&k, 1, 0x6000, "/fifo", 5, HY_KCAP_STR));
	kenter(&k, 2, 101, 100, nr_of("execve"), args);
	feed(kcap(&k, 0, 0x1000, "/bin/true", 9, HY_KCAP_STR));
	feed(ktask(&k, HY_KEV_TASK_EXIT, 3, 100, 100, 0));
	feed(ktask(&k, HY_KEV_EXEC, 4, 100, 100, 101));
	feed(kexit(&k, 5, 100, 100, nr_of("execve"), 0));
	assert_int_equal(got->n, 2);
	assert_event(0, 100, nr_of("openat"), 0, HY_EV_UNFINISHED);
	assert_event(1, 100, nr_of("execve"), 0, 0);
	assert_times(1, 2, 5);
	assert_str(1, 0x1000, "/bin/true", false);
	assert_int_equal(got->task[1][0], HY_KEV_EXEC);
	assert_int_equal(got->task[1][3], 101);
	/* the old tid is no longer a thread with a pending call */
	feed(kexit(&k, 6, 101, 100, nr_of("execve"), 0));
	assert_int_equal(got->n, 2);
}

/* execve's argv: the pointers, then each string that could be read (BPF's capture_argv). */
static struct kbuf *kcap_argv(struct kbuf *k, int arg, uint64_t addr, const uint64_t *ptrs, int n)
{
	uint64_t v[HY_ARGV_MAX + 1] = { 0 };

	memcpy(v, ptrs, n * sizeof(*ptrs));
	return kcap(k, arg, addr, v, sizeof(v), 0);
}

/* Strings not resident at sys_enter come from the new program's stack. */
static void test_exec_args_fill_the_argv_strings_not_captured(void **state)
{
	const uint64_t args[6] = { 0x1000, 0x2000, 0x3000 };
	const uint64_t argv[] = { 0x4000, 0x4100, 0x4200 };
	static const char strs[] = "ls\0-l\0/tmp";
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("execve"), args);
	kcap(&k, 0, 0x1000, "/bin/ls", 7, HY_KCAP_STR);
	kcap_argv(&k, 1, 0x2000, argv, 3);
	kcap(&k, 1, 0x4000, "ls", 2, HY_KCAP_STR);
	feed(kcap(&k, 1, 0x4100, NULL, 0, HY_KCAP_FAULT));
	/* 0x4200 was not even tried */
	feed(ktask(&k, HY_KEV_EXEC, 2, 9, 9, 9));
	feed(kexec_args(&k, 3, 9, 9, strs, sizeof(strs)));
	feed(kexit(&k, 4, 9, 9, nr_of("execve"), 0));
	assert_int_equal(got->n, 1);
	assert_str(0, 0x4000, "ls", false);
	assert_str(0, 0x4100, "-l", false);
	assert_str(0, 0x4200, "/tmp", false);
	assert_int_equal(ev(0)->nchunks, 6); /* "ls" was captured: not added again */
}

/*
 * An envp longer than its capture has its count from the new program
 * (HY_KEV_EXEC_ARGS' envc), kept as a count at envp; unknown: none.
 */
static void test_exec_args_count_the_environment(void **state)
{
	const uint64_t args[6] = { 0x1000, 0x2000, 0x3000 };
	const uint64_t argv[] = { 0x4000 };
	static const char strs[] = "true";
	struct kbuf k;

	(void)state;
	for (int i = 0; i < 2; i++) {
		kenter(&k, 1 + 3 * i, 9, 9, nr_of("execve"), args);
		feed(kcap_argv(&k, 1, 0x2000, argv, 1));
		kexec_args(&k, 2 + 3 * i, 9, 9, strs, sizeof(strs));
		((struct hy_kev_exec_args *)k.b)->envc = i ? HY_EXEC_ENVC_UNKNOWN : 600;
		feed(&k);
		feed(kexit(&k, 3 + 3 * i, 9, 9, nr_of("execve"), 0));
	}
	assert_int_equal(got->n, 2);
	assert_int_equal(hy_rec_count(ev(0), HY_PHASE_ENTER, 0x3000), 600);
	assert_int_equal(hy_rec_count(ev(1), HY_PHASE_ENTER, 0x3000), -1);
}

/* i386's argv holds 4-byte pointers; execveat's argv is its third argument. */
static void test_exec_args_follow_the_abi_and_the_call(void **state)
{
	const long nr32 = hy_syscall_number(HY_ABI_I386, "execve");
	const uint64_t args[6] = { 0x1000, 0x2000 };
	const uint32_t argv32[HY_ARGV_MAX + 1] = { 0x4000, 0x4100 };
	const uint64_t at_args[6] = { 3, 0x1000, 0x2000 };
	const uint64_t argv64[] = { 0x5000 };
	static const char strs[] = "sh\0-c";
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr32, args);
	k.sys.abi = HY_KABI_I386;
	feed(kcap(&k, 1, 0x2000, argv32, sizeof(argv32), 0));
	feed(kexec_args(&k, 2, 9, 9, strs, sizeof(strs)));
	kexit(&k, 3, 9, 9, nr32, 0);
	k.sys.abi = HY_KABI_I386;
	feed(&k);
	kenter(&k, 4, 10, 10, nr_of("execveat"), at_args);
	feed(kcap_argv(&k, 2, 0x2000, argv64, 1));
	feed(kexec_args(&k, 5, 10, 10, "env", 4));
	feed(kexit(&k, 6, 10, 10, nr_of("execveat"), 0));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr32, 0, 0);
	assert_int_equal(ev(0)->abi, HY_ABI_I386);
	assert_string_equal(ev(0)->ent->name, "execve");
	assert_str(0, 0x4000, "sh", false);
	assert_str(0, 0x4100, "-c", false);
	assert_str(1, 0x5000, "env", false);
	assert_int_equal(ev(1)->chunk[1].arg, 2);
}

/* The strings are cut at HY_CAP_MAX: the last one may have no NUL in the record. */
static void test_exec_args_last_string_cut_without_its_nul(void **state)
{
	const uint64_t args[6] = { 0x1000, 0x2000 };
	const uint64_t argv[] = { 0x4000, 0x4100 };
	struct kbuf k;

	(void)state;
	kenter(&k, 1, 9, 9, nr_of("execve"), args);
	feed(kcap_argv(&k, 1, 0x2000, argv, 2));
	kexec_args(&k, 2, 9, 9, "ls\0-lXYZ", 9);
	k.len -= 4; /* "XYZ" and its NUL lie past the record's end */
	k.hdr.size = k.len;
	k.hdr.aux = 5;
	feed(&k);
	feed(kexit(&k, 3, 9, 9, nr_of("execve"), 0));
	assert_int_equal(got->n, 1);
	assert_str(0, 0x4000, "ls", false);
	assert_str(0, 0x4100, "-l", false);
}

/*
 * The leader's own exit record was lost (ring full): its pending call ends when
 * the thread that executed takes its tid.
 */
static void test_exec_ends_the_call_pending_under_the_leaders_tid(void **state)
{
	const uint64_t args[6] = { 0x1000 };
	struct kbuf k;

	(void)state;
	feed(kenter(&k, 1, 100, 100, nr_of("openat"), noargs));
	feed(kenter(&k, 2, 101, 100, nr_of("execve"), args));
	feed(ktask(&k, HY_KEV_EXEC, 4, 100, 100, 101));
	feed(kexit(&k, 5, 100, 100, nr_of("execve"), 0));
	assert_int_equal(got->n, 2);
	assert_event(0, 100, nr_of("openat"), 0, HY_EV_UNFINISHED);
	assert_event(1, 100, nr_of("execve"), 0, 0);
}

/* ---- the tracer's notes ---- */

static void test_run_note_marks_the_next_call(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED | HY_EV_MODIFIED, false);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	feed(kcall(&k, 130, 140, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 1, HY_EV_ESCALATED | HY_EV_MODIFIED);
	assert_event(1, 9, nr_of("getppid"), 1, 0);
}

/*
 * The ring lags behind the tracer: a note waits for the first call that began
 * after it, past the records of calls that began before it.
 */
static void test_note_waits_for_the_call_that_began_after_it(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, false);
	hy_merge_note_run(m, 9, 200, HY_EV_ESCALATED | HY_EV_MODIFIED, false);
	feed(kcall(&k, 50, 60, 9, 9, nr_of("getpid"), noargs, 9));
	feed(kenter(&k, 70, 9, 9, nr_of("openat"), noargs));
	feed(kexit(&k, 90, 9, 9, nr_of("openat"), 3));
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	feed(kcall(&k, 210, 220, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 4);
	assert_event(0, 9, nr_of("getpid"), 9, 0);
	assert_event(1, 9, nr_of("openat"), 3, 0);
	assert_event(2, 9, nr_of("getppid"), 1, HY_EV_ESCALATED);
	assert_event(3, 9, nr_of("getppid"), 1, HY_EV_ESCALATED | HY_EV_MODIFIED);
}

/* An injected call, then the original: two notes, two calls, in order. */
static void test_injected_call_then_the_original(void **state)
{
	const uint64_t wargs[6] = { 2, 0x9000, 4 };
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_INJECTED, false);
	hy_merge_note_run(m, 9, 130, HY_EV_ESCALATED, false);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("write"), wargs, 4));
	feed(kcall(&k, 140, 150, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("write"), 4, HY_EV_INJECTED);
	assert_event(1, 9, nr_of("getppid"), 1, HY_EV_ESCALATED);
}

static void test_exit_note_after_the_kernel_exit(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 0); /* the handler's result is still to come */
	hy_merge_note_exit(m, 9, 77, true, 0);
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("getppid"), 77, HY_EV_ESCALATED | HY_EV_RETVAL_SET);
	assert_times(0, 110, 120);
}

static void test_exit_note_before_the_kernel_exit(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	feed(kenter(&k, 110, 9, 9, nr_of("openat"), noargs));
	hy_merge_note_exit(m, 9, -13, true, 0);
	assert_int_equal(got->n, 0);
	feed(kexit(&k, 120, 9, 9, nr_of("openat"), 3));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), -13, HY_EV_ESCALATED | HY_EV_RETVAL_SET);
}

/* Both notes came before any of the call's records. */
static void test_exit_note_before_the_kernel_enter(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	hy_merge_note_exit(m, 9, 5, true, 0);
	hy_merge_note_run(m, 9, 200, HY_EV_ESCALATED, false);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	feed(kcall(&k, 210, 220, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 5, HY_EV_ESCALATED | HY_EV_RETVAL_SET);
	assert_event(1, 9, nr_of("getppid"), 1, HY_EV_ESCALATED);
}

/* A call a handler deferred began when it was held (the tracer's time), as strace counts it. */
static void test_delayed_call_begins_when_it_was_held(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED | HY_EV_DELAYED, false);
	hy_merge_note_run(m, 9, 300, HY_EV_ESCALATED, false);
	feed(kcall(&k, 250, 260, 9, 9, nr_of("getppid"), noargs, 1));
	feed(kcall(&k, 310, 320, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 1, HY_EV_ESCALATED | HY_EV_DELAYED);
	assert_times(0, 100, 260);
	assert_event(1, 9, nr_of("getppid"), 1, HY_EV_ESCALATED);
	assert_times(1, 310, 320); /* an undelayed call keeps the kernel's start */
}

/* Deferred at its exit: the exit note's flags join the event, whichever came first. */
static void test_exit_note_flags_join_the_event(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	hy_merge_note_exit(m, 9, 1, false, HY_EV_DELAYED);
	hy_merge_note_run(m, 9, 200, HY_EV_ESCALATED, true);
	hy_merge_note_exit(m, 9, 3, true, HY_EV_DELAYED);
	feed(kcall(&k, 210, 220, 9, 9, nr_of("getppid"), noargs, 2));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 1, HY_EV_ESCALATED | HY_EV_DELAYED);
	assert_event(1, 9, nr_of("getppid"), 3, HY_EV_ESCALATED | HY_EV_DELAYED | HY_EV_RETVAL_SET);
}

/*
 * Killed (SIGKILL) in a call a handler waits to see return: the kernel writes
 * the exit, but no exit stop follows, so no handler result. Unfinished, as
 * strace shows a call its task was killed in.
 */
static void test_killed_before_the_exit_note(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	feed(kenter(&k, 110, 9, 9, nr_of("openat"), noargs));
	feed(kexit(&k, 120, 9, 9, nr_of("openat"), -4));
	feed(ktask(&k, HY_KEV_TASK_EXIT, 130, 9, 9, 9));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), 0, HY_EV_ESCALATED | HY_EV_UNFINISHED);
}

/*
 * The handler's result never came (the tracer let go of the thread at its
 * exit stop): the next call ends it unfinished, and the next call's note is
 * that call's, not taken for the missing result.
 */
static void test_exit_note_that_never_comes(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	hy_merge_note_run(m, 9, 200, HY_EV_MODIFIED, false);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	feed(kcall(&k, 210, 220, 9, 9, nr_of("getppid"), noargs, 2));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 0, HY_EV_ESCALATED | HY_EV_UNFINISHED);
	assert_event(1, 9, nr_of("getppid"), 2, HY_EV_MODIFIED);
}

/* Flags only this call's note carries (the merge does not read them). */
static unsigned int flags_of(int call)
{
	return (call % 7 + 1) << 8;
}

/*
 * Notes of up to six calls queued ahead of the ring, thousands of times over:
 * the queue grows, wraps and compacts, and every call gets its own note.
 */
static void test_notes_queued_ahead_stay_in_order(void **state)
{
	struct kbuf k;
	int noted = 0;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		for (; noted < i + 1 + i % 6; noted++)
			hy_merge_note_run(m, 9, 10 * noted + 5, flags_of(noted), false);
		feed(kcall(&k, 10 * i + 6, 10 * i + 7, 9, 9, nr_of("getppid"), noargs, i));
		assert_int_equal(got->n, 1);
		assert_event(0, 9, nr_of("getppid"), i, flags_of(i));
		hy_rec_release(&got->ev[0]);
		got->n = 0;
	}
}

static void test_unchanged_exit_note_keeps_the_kernels_result(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, true);
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	hy_merge_note_exit(m, 9, 99, false, 0);
	hy_merge_note_run(m, 9, 200, HY_EV_ESCALATED, true);
	hy_merge_note_exit(m, 9, 98, false, 0);
	feed(kcall(&k, 210, 220, 9, 9, nr_of("getppid"), noargs, 2));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 1, HY_EV_ESCALATED);
	assert_event(1, 9, nr_of("getppid"), 2, HY_EV_ESCALATED);
}

/* A skipped call as call_notes.c notes it: the tracer's record with its entry memory. */
static void note_skip(int tid, long nr, uint64_t ts, int64_t skip_ret, uint64_t path)
{
	struct hy_record r;

	hy_rec_init(&r);
	r.tid = r.pid = tid;
	r.abi = HY_ABI_X86_64;
	r.nr = nr;
	r.ent = hy_sysent_get(HY_ABI_X86_64, nr);
	r.args[1] = path;
	r.t_enter = ts;
	r.t_exit = ts + 5;
	r.flags = HY_EV_ESCALATED | HY_EV_SKIPPED;
	r.skip_ret = r.ret = skip_ret;
	if (path)
		hy_rec_add_chunk(&r, HY_PHASE_ENTER, 1, path, "/secret", 7, HY_MEM_STR);
	hy_merge_note_skip(m, &r, ts);
	hy_rec_release(&r); /* the merge keeps its own copy */
}

/* The kernel sees no sys_enter, only a sys_exit of number -1 with the result. */
static void test_skipped_call_pairs_with_the_exit_of_number_minus_one(void **state)
{
	struct kbuf k;

	(void)state;
	note_skip(9, nr_of("openat"), 100, -13, 0x5000);
	assert_int_equal(got->n, 0);
	feed(kexit(&k, 120, 9, 9, -1, -1));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), -1, HY_EV_ESCALATED | HY_EV_SKIPPED);
	assert_times(0, 100, 120);
	assert_str(0, 0x5000, "/secret", false);
}

/* Calls before the skip complete first; the skip's exit ends it, in order. */
static void test_skipped_call_after_a_pending_call(void **state)
{
	struct kbuf k;

	(void)state;
	note_skip(9, nr_of("openat"), 100, -13, 0x5000);
	feed(kenter(&k, 50, 9, 9, nr_of("openat"), noargs));
	feed(kexit(&k, 90, 9, 9, nr_of("openat"), 3));
	feed(kexit(&k, 120, 9, 9, -1, -13));
	feed(kcall(&k, 130, 140, 9, 9, nr_of("getpid"), noargs, 9));
	assert_int_equal(got->n, 3);
	assert_event(0, 9, nr_of("openat"), 3, 0);
	assert_event(1, 9, nr_of("openat"), -13, HY_EV_ESCALATED | HY_EV_SKIPPED);
	assert_event(2, 9, nr_of("getpid"), 9, 0);
}

/* Its exit was lost (ring full): the next call ends it, with the handler's value. */
static void test_skipped_call_missing_its_exit(void **state)
{
	struct kbuf k;

	(void)state;
	note_skip(9, nr_of("openat"), 100, -13, 0x5000);
	feed(kcall(&k, 130, 140, 9, 9, nr_of("getpid"), noargs, 9));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("openat"), -13, HY_EV_ESCALATED | HY_EV_SKIPPED);
	assert_times(0, 100, 105); /* the tracer's times */
	assert_event(1, 9, nr_of("getpid"), 9, 0);
}

/*
 * Attached with PTRACE_SYSCALL, the tracer skips at the syscall-entry stop,
 * before the sys_enter tracepoint: the kernel sees a call of number -1 (no
 * entry memory, so kept in the map and written whole at sys_exit).
 */
static void test_skipped_call_seen_as_a_call_of_number_minus_one(void **state)
{
	struct kbuf k;

	(void)state;
	note_skip(9, nr_of("getppid"), 100, 7, 0);
	feed(kcall(&k, 110, 120, 9, 9, -1, noargs, 7));
	feed(kcall(&k, 130, 140, 9, 9, nr_of("getpid"), noargs, 9));
	assert_int_equal(got->n, 2);
	assert_event(0, 9, nr_of("getppid"), 7, HY_EV_ESCALATED | HY_EV_SKIPPED);
	assert_times(0, 100, 120);
	assert_event(1, 9, nr_of("getpid"), 9, 0);
}

/* A guest's own syscall(-1), with no skip noted, is a call like any other. */
static void test_call_of_number_minus_one_without_a_skip_note(void **state)
{
	struct kbuf k;

	(void)state;
	note_skip(9, nr_of("getppid"), 200, 7, 0); /* taken after the call began */
	feed(kcall(&k, 110, 120, 9, 9, -1, noargs, -38));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, -1, -38, 0);
	assert_null(ev(0)->ent);
}

/* An exit of number -1 with no skip noted (a guest's own syscall(-1)) makes no event. */
static void test_exit_minus_one_without_a_skip_note(void **state)
{
	struct kbuf k;

	(void)state;
	hy_merge_note_run(m, 9, 100, HY_EV_ESCALATED, false);
	feed(kexit(&k, 90, 9, 9, -1, -38));
	feed(kcall(&k, 110, 120, 9, 9, nr_of("getppid"), noargs, 1));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("getppid"), 1, HY_EV_ESCALATED);
}

static void test_task_exit_ends_skip_notes(void **state)
{
	struct kbuf k;

	(void)state;
	note_skip(9, nr_of("openat"), 100, -13, 0);
	feed(ktask(&k, HY_KEV_TASK_EXIT, 120, 9, 9, 9));
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("openat"), -13, HY_EV_ESCALATED | HY_EV_SKIPPED);
}

/* Without the kernel recorder: the tracer's record goes straight to the sink. */
static void test_tracer_record_goes_straight_through(void **state)
{
	struct hy_record r;

	(void)state;
	hy_rec_init(&r);
	r.tid = 9;
	r.nr = nr_of("getppid");
	r.ret = 1;
	r.flags = HY_EV_FROM_TRACER;
	hy_merge_tracer_record(m, &r);
	assert_int_equal(got->n, 1);
	assert_event(0, 9, nr_of("getppid"), 1, HY_EV_FROM_TRACER);
}

/* ---- threads ---- */

/*
 * Three threads' records interleaved in the ring, notes for each taken before
 * their records were drained: each thread's events come in its own completion
 * order, and a note goes to its own thread only.
 */
static void test_threads_interleaved(void **state)
{
	const long rd = nr_of("read"), op = nr_of("openat"), pp = nr_of("getppid");
	const uint64_t rargs[6] = { 0, 0x7000, 8 };
	struct kbuf k;
	char buf[8];

	(void)state;
	hy_merge_note_run(m, 2, 15, HY_EV_ESCALATED, true);
	hy_merge_note_run(m, 3, 25, HY_EV_ESCALATED | HY_EV_MODIFIED, false);
	feed(kenter(&k, 10, 1, 1, op, noargs));
	feed(kenter(&k, 20, 2, 1, op, noargs));
	feed(kcall(&k, 12, 30, 3, 1, pp, noargs, 1)); /* began before its note */
	feed(kexit(&k, 31, 2, 1, op, 4));
	kcall(&k, 32, 40, 3, 1, rd, rargs, 8);
	feed(kcap(&k, 1, 0x7000, "thread-3", 8, 0));
	feed(kexit(&k, 41, 1, 1, op, 5));
	hy_merge_note_exit(m, 2, -1, true, 0);
	assert_int_equal(got->n, 4);
	assert_event(0, 3, pp, 1, 0);
	assert_event(1, 3, rd, 8, HY_EV_ESCALATED | HY_EV_MODIFIED);
	assert_int_equal(hy_rec_read(ev(1), HY_PHASE_EXIT, 0x7000, buf, 8), 8);
	assert_memory_equal(buf, "thread-3", 8);
	assert_event(2, 1, op, 5, 0);
	assert_times(2, 10, 41);
	assert_event(3, 2, op, -1, HY_EV_ESCALATED | HY_EV_RETVAL_SET);
	assert_times(3, 20, 31);
}

/* Enough threads to grow the merge's map, each with a call in flight. */
static void test_many_threads_each_keep_their_call(void **state)
{
	const uint64_t args[6] = { 0, 0x5000 };
	struct kbuf k;

	(void)state;
	for (int tid = 1; tid <= 300; tid++)
		feed(kenter(&k, tid, tid, 1, nr_of("openat"), args));
	for (int tid = 300; tid >= 1; tid--)
		feed(kexit(&k, 1000 + tid, tid, 1, nr_of("openat"), tid));
	assert_int_equal(got->n, 300);
	for (int i = 0; i < 300; i++) {
		assert_event(i, 300 - i, nr_of("openat"), 300 - i, 0);
		assert_times(i, 300 - i, 1300 - i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_call_record_is_one_event),
		T(test_call_record_carries_exit_memory),
		T(test_enter_exit_pair_is_one_event),
		T(test_enter_and_exit_memory_keep_their_phase),
		T(test_capture_flags_become_memory_flags),
		T(test_capture_past_the_record_end_is_dropped),
		T(test_short_records_are_ignored),
		T(test_refetch_fills_memory_the_enter_could_not_read),
		T(test_refetch_without_a_pending_call_is_ignored),
		T(test_exit_without_enter_is_ignored),
		T(test_next_call_ends_the_pending_one_unfinished),
		T(test_call_unfinished_at_death),
		T(test_task_exit_ends_the_pending_call_unfinished),
		T(test_task_gone_ends_the_pending_call_unfinished),
		T(test_finish_ends_everything_pending),
		T(test_task_records_reach_the_task_sink),
		T(test_exec_from_a_thread_finishes_under_the_leaders_tid),
		T(test_exec_args_fill_the_argv_strings_not_captured),
		T(test_exec_args_count_the_environment),
		T(test_exec_args_follow_the_abi_and_the_call),
		T(test_exec_args_last_string_cut_without_its_nul),
		T(test_exec_ends_the_call_pending_under_the_leaders_tid),
		T(test_run_note_marks_the_next_call),
		T(test_note_waits_for_the_call_that_began_after_it),
		T(test_injected_call_then_the_original),
		T(test_exit_note_after_the_kernel_exit),
		T(test_exit_note_before_the_kernel_exit),
		T(test_exit_note_before_the_kernel_enter),
		T(test_delayed_call_begins_when_it_was_held),
		T(test_exit_note_flags_join_the_event),
		T(test_killed_before_the_exit_note),
		T(test_exit_note_that_never_comes),
		T(test_notes_queued_ahead_stay_in_order),
		T(test_unchanged_exit_note_keeps_the_kernels_result),
		T(test_skipped_call_pairs_with_the_exit_of_number_minus_one),
		T(test_skipped_call_after_a_pending_call),
		T(test_skipped_call_missing_its_exit),
		T(test_skipped_call_seen_as_a_call_of_number_minus_one),
		T(test_call_of_number_minus_one_without_a_skip_note),
		T(test_exit_minus_one_without_a_skip_note),
		T(test_task_exit_ends_skip_notes),
		T(test_tracer_record_goes_straight_through),
		T(test_threads_interleaved),
		T(test_many_threads_each_keep_their_call),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
