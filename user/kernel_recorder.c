// SPDX-License-Identifier: MIT
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "capture_plan.h"
#include "sysset.h"
#include "error.h"
#include "kernel_recorder.h"
#include "kfilter_config.h"
#include "load_heap.h"
#include "sock_ends.h"
#include "tracepoint_family.h"
#include "aggregate.h" /* enum hy_agg_scope: who the recorder watches */
#include "hy_event.h"
#include "hytrace.skel.h"

/*
 * 16 MiB: allocating the ring is part of every start-up (64 MiB cost ~20 ms
 * more), and with a 10 ms drain and backpressure a storm of 4 threads still
 * runs as fast as with 64 MiB, losing nothing.
 */
#define DEFAULT_RING (16u << 20)
#define DEFAULT_WAKEUP (8u << 20)

/* Each recorder program and its classic tracepoint twin (bpf/hytrace.bpf.c). */
#define PROG_PAIRS 7
/* the skeleton's links */
#define NLINKS (sizeof(((struct hytrace_bpf *)0)->links) / sizeof(struct bpf_link *))

/* the kernel's ENOTSUPP (524), which libbpf may pass on for a missing batch op */
#define ENOTSUPP_ERRNO 524

struct hy_krec {
	struct hytrace_bpf *skel;
	bool classic;		/* the classic tracepoint programs are the ones loaded */
	bool started;		/* a guest was added: skips from now on may be a guest's */
	uint64_t missed_before; /* skips before that */
	int ring_fd;
	size_t ring_size, page;
	unsigned long *consumer_pos;	   /* rw page */
	const unsigned long *producer_pos; /* ro page, followed by the data twice */
	const uint8_t *data;
	uint8_t *guest_bytes; /* the BPF side's "fast" map, mapped here */
	size_t guest_bytes_size;
	/* hy_krec_detach_begin(): one thread per link, joined by hy_krec_close() */
	pthread_t detach_th[NLINKS];
	bool detach_started[NLINKS];
	bool detaching;
};

static uint64_t missed_total(const struct hy_krec *k);

/*
 * libbpf's messages are kept for the error line instead of being printed: the
 * verifier's reason is the last line of its log that is not bookkeeping.
 */
static __thread char libbpf_msg[256];

static bool bookkeeping(const char *line)
{
	return !strncmp(line, "-- ", 3) || !strncmp(line, "processed ", 10) ||
	       !strncmp(line, "verification time", 17) || !strncmp(line, "stack depth", 11) ||
	       strstr(line, "failed to load") || strstr(line, "failed to open") || !*line;
}

static int libbpf_capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char text[4096], *save = NULL;

	if (level == LIBBPF_DEBUG) {
		/* HYTRACE_BPF_STATS: the verifier's counts of a program that loaded */
		if (getenv("HYTRACE_BPF_STATS") && strstr(fmt, "PROG LOAD LOG"))
			vfprintf(stderr, fmt, ap);
		return 0;
	}
	/* for whoever debugs a verifier refusal on another kernel (HACKING.md) */
	if (getenv("HYTRACE_BPF_LOG")) {
		va_list copy;

		va_copy(copy, ap);
		vfprintf(stderr, fmt, copy);
		va_end(copy);
	}
	vsnprintf(text, sizeof(text), fmt, ap);
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ')
			line++;
		if (!bookkeeping(line))
			snprintf(libbpf_msg, sizeof(libbpf_msg), "%s", line);
	}
	return 0;
}

static int why_not(int err, const char *what)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK))
		return hy_error(err, "kernel recorder unavailable: the kernel has no BTF "
				     "(/sys/kernel/btf/vmlinux)");
	/* as root, EACCES is the verifier refusing a program, not a missing privilege */
	if (err == -EPERM || (err == -EACCES && geteuid() != 0))
		return hy_error(err,
				"kernel recorder unavailable: %s: permission denied (needs root, "
				"or CAP_BPF and CAP_PERFMON)",
				what);
	if (err == -EACCES || err == -EINVAL || err == -E2BIG)
		return hy_error(err,
				"kernel recorder unavailable: this kernel's BPF verifier refused "
				"the programs: %s",
				libbpf_msg[0] ? libbpf_msg : strerror(-err));
	return hy_error(err, "kernel recorder unavailable: %s: %s%s%s", what, strerror(-err),
			libbpf_msg[0] ? ": " : "", libbpf_msg);
}

static int map_ring(struct hy_krec *k)
{
	void *p;

	k->page = sysconf(_SC_PAGESIZE);
	p = mmap(NULL, k->page, PROT_READ | PROT_WRITE, MAP_SHARED, k->ring_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	k->consumer_pos = p;
	p = mmap(NULL, k->page + 2 * k->ring_size, PROT_READ, MAP_SHARED, k->ring_fd, k->page);
	if (p == MAP_FAILED)
		return -errno;
	k->producer_pos = p;
	k->data = (const uint8_t *)p + k->page;
	return 0;
}

/* @n array elements in one bpf(2) call where the kernel can, one by one where not */
static int update_batch(int fd, const __u32 *keys, const void *values, __u32 n, size_t size)
{
	__u32 count = n;

	if (!n || !bpf_map_update_batch(fd, keys, values, &count, NULL))
		return 0;
	if (errno != EINVAL && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOTSUPP_ERRNO)
		return -errno;
	for (__u32 i = 0; i < n; i++)
		if (bpf_map_update_elem(fd, &keys[i], (const char *)values + i * size, BPF_ANY))
			return -errno;
	return 0;
}

/*
 * The capture plan of every syscall of every ABI whose memory some tool wants,
 * from the table; the others record numbers only, in one record per call.
 * Built before the load: the kinds they use go into the programs' read-only
 * data, so that the verifier skips the code of the others (bpf/capture.bpf.h,
 * cap_kinds). Written after it in one batch: ~700 plans one bpf(2) call each
 * cost ~15 ms of every start (a kernel without batches for arrays gets them
 * one by one).
 */
struct plan_set {
	struct hy_plan *plans;
	__u32 *keys, count, kinds;
};

static int build_plans(struct plan_set *ps, unsigned int strsize, unsigned int verbose,
		       const struct hy_sysset *want)
{
	size_t max = (size_t)HY_ABI_COUNT * HY_PLAN_NR_MAX;

	ps->plans = calloc(max, sizeof(*ps->plans));
	ps->keys = calloc(max, sizeof(*ps->keys));
	if (!ps->plans || !ps->keys)
		return -ENOMEM;
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		const struct hy_systable *t = hy_systable(abi);

		for (unsigned int nr = 0; nr < t->size && nr < HY_PLAN_NR_MAX; nr++) {
			struct hy_plan *plan = &ps->plans[ps->count];

			if (!t->ent[nr].name || (want && !hy_sysset_contains(want, abi, nr)))
				continue;
			hy_capture_plan(&t->ent[nr], strsize, verbose, plan);
			if (!hy_plan_any(plan, HY_PHASE_ENTER) && !hy_plan_any(plan, HY_PHASE_EXIT))
				continue;
			for (int i = 0; i < HY_PLAN_SLOTS; i++)
				ps->kinds |= 1u << plan->enter[i].kind | 1u << plan->exit[i].kind;
			ps->keys[ps->count++] = abi * HY_PLAN_NR_MAX + nr;
		}
	}
	ps->kinds &= ~(1u << HY_CAP_NONE);
	return 0;
}

static void free_plans(struct plan_set *ps)
{
	free(ps->plans);
	free(ps->keys);
	ps->plans = NULL;
	ps->keys = NULL;
}

static int load_plans(struct hy_krec *k, const struct plan_set *ps)
{
	int err = update_batch(bpf_map__fd(k->skel->maps.plans), ps->keys, ps->plans, ps->count,
			       sizeof(*ps->plans));
	/* the rules the plans' HY_CAP_FOLLOW slots look up (a handful: one write each) */
	int fd = bpf_map__fd(k->skel->maps.follows);

	for (size_t i = 0; !err && i < HY_FOLLOW_RULES; i++) {
		struct hy_follow_key key;
		struct hy_follow f;

		if (!hy_follow_rule(i, &key, &f))
			break;
		if (bpf_map_update_elem(fd, &key, &f, BPF_ANY))
			err = -errno;
	}
	return err;
}

/* The kernel filter's table and paths (bpf/kfilter.bpf.h), before any guest runs. */
static int load_filter(struct hy_krec *k, const struct hy_kf_config *c)
{
	int fd = bpf_map__fd(k->skel->maps.kf_nrs), err;
	__u8 yes = 1;

	if (!c)
		return 0;
	/* the whole table in one batch: the entries left zero are the map's own zeros */
	{
		__u32 keys[HY_PLAN_ENTRIES];

		for (__u32 key = 0; key < HY_PLAN_ENTRIES; key++)
			keys[key] = key;
		if ((err = update_batch(fd, keys, c->nrs, HY_PLAN_ENTRIES, sizeof(c->nrs[0]))))
			return err;
	}
	fd = bpf_map__fd(k->skel->maps.kf_paths);
	for (int i = 0; i < c->npaths; i++) {
		/* NUL-padded: the kernel compares whole keys */
		if (bpf_map_update_elem(fd, c->paths[i], &yes, BPF_ANY))
			return -errno;
	}
	fd = bpf_map__fd(k->skel->maps.kf_files);
	for (int i = 0; i < c->nfiles; i++)
		if (bpf_map_update_elem(fd, &c->files[i], &yes, BPF_ANY))
			return -errno;
	return 0;
}

/* -k: the calls whose user stack is copied at sys_enter (bpf/ustack.bpf.h). */
static int load_stack_want(struct hy_krec *k, const struct hy_sysset *want)
{
	int fd = bpf_map__fd(k->skel->maps.stack_want);
	__u32 keys[HY_ABI_COUNT * HY_PLAN_NR_MAX], n = 0;
	__u8 yes[HY_ABI_COUNT * HY_PLAN_NR_MAX];

	for (int abi = 0; want && abi < HY_ABI_COUNT; abi++) {
		for (unsigned int nr = 0; nr < HY_PLAN_NR_MAX; nr++) {
			if (hy_sysset_contains(want, abi, nr)) {
				keys[n] = abi * HY_PLAN_NR_MAX + nr;
				yes[n++] = 1;
			}
		}
	}
	return update_batch(fd, keys, yes, n, 1);
}

/*
 * The path filter's maps take their room only when paths are given (-P): a
 * hash map's buckets are allocated and set up at its creation even without
 * preallocation, and kf_fds' and kf_fdsets' 80k buckets were ~2 ms of every
 * start. One entry otherwise: with kf_paths_on 0 the programs never reach
 * them, and were they to, a full descriptor map keeps every call (kf_fds_full).
 */
static void size_filter_maps(struct hytrace_bpf *skel, const struct hy_kf_config *c)
{
	if (!c || !c->nfiles)
		bpf_map__set_max_entries(skel->maps.kf_files, 1);
	if (c && c->npaths > 0)
		return;
	bpf_map__set_max_entries(skel->maps.kf_fds, 1);
	bpf_map__set_max_entries(skel->maps.kf_fdsets, 1);
	bpf_map__set_max_entries(skel->maps.kf_paths, 1);
}

static void prog_pairs(const struct hytrace_bpf *skel, struct bpf_program *pairs[PROG_PAIRS][2])
{
	struct bpf_program *p[PROG_PAIRS][2] = {
		{ skel->progs.hy_sys_enter, skel->progs.hy_sys_enter_tp },
		{ skel->progs.hy_sys_exit, skel->progs.hy_sys_exit_tp },
		{ skel->progs.hy_fork, skel->progs.hy_fork_tp },
		{ skel->progs.hy_exec, skel->progs.hy_exec_tp },
		{ skel->progs.hy_task_exit, skel->progs.hy_task_exit_tp },
		{ skel->progs.hy_signal, skel->progs.hy_signal_tp },
		{ skel->progs.hy_signal_generate, skel->progs.hy_signal_generate_tp },
	};

	memcpy(pairs, p, sizeof(p));
}

int hy_krec_open(struct hy_krec **out, const struct hy_krec_opts *opts)
{
	struct bpf_program *pairs[PROG_PAIRS][2];
	struct plan_set ps = { 0 };
	struct hy_load_heap heap;
	const char *spin;
	struct hy_krec *k;
	int err;

	libbpf_set_print(libbpf_capture);
	libbpf_msg[0] = 0;
	k = calloc(1, sizeof(*k));
	if (!k)
		return hy_error(-ENOMEM, "out of memory");
	k->ring_size = opts && opts->ring_bytes ? opts->ring_bytes : DEFAULT_RING;
	k->skel = hytrace_bpf__open();
	if (!k->skel) {
		err = why_not(-errno, "opening the BPF object");
		goto fail;
	}
	k->classic = hy_tracepoints_classic();
	prog_pairs(k->skel, pairs);
	for (int i = 0; i < PROG_PAIRS; i++)
		bpf_program__set_autoload(pairs[i][!k->classic], false);
	/* what the verifier did per program (HACKING.md, "Verification cost") */
	if (getenv("HYTRACE_BPF_STATS")) {
		struct bpf_program *prog;

		bpf_object__for_each_program(prog, k->skel->obj) bpf_program__set_log_level(
			prog, atoi(getenv("HYTRACE_BPF_STATS")) == 2 ? 2 : 4);
	}
	if (!opts || !opts->signals)
		for (int i = PROG_PAIRS - 2; i < PROG_PAIRS; i++) /* the two signal pairs, last */
			bpf_program__set_autoload(pairs[i][k->classic], false);
	k->skel->rodata->guest_backend = opts && opts->guest_backend;
	k->skel->rodata->record_signals = opts && opts->signals;
	/* a test's deliberately long program (bpf/hytrace.bpf.c, test_spin) */
	spin = getenv("HYTRACE_TEST_BPF_SPIN");
	if (spin)
		k->skel->rodata->test_spin = strtoul(spin, NULL, 10);
	k->skel->rodata->wakeup_bytes = opts && opts->wakeup_bytes ? opts->wakeup_bytes :
								     DEFAULT_WAKEUP;
	k->skel->rodata->throttle_bytes = k->ring_size / 2;
	/* without -k the verifier drops the stack code: it costs nothing */
	if (opts && opts->stacks && !hy_sysset_empty(opts->stacks))
		k->skel->rodata->stack_bytes = opts->stack_bytes ? opts->stack_bytes : HY_STACK_MAX;
	if (opts) {
		k->skel->rodata->watch_scope = opts->watch_scope;
		k->skel->rodata->watch_self = getpid();
	}
	/* without -i the verifier drops the HY_KEV_IP code: it costs nothing */
	k->skel->rodata->want_ip = opts && opts->want_ip;
	k->skel->rodata->want_socks = opts && opts->want_socks; /* likewise */
	if (opts && opts->filter) {
		k->skel->rodata->kf_on = 1;
		k->skel->rodata->kf_status = opts->filter->status;
		k->skel->rodata->kf_paths_on = opts->filter->npaths > 0;
		k->skel->rodata->kf_files_on = opts->filter->nfiles > 0;
	}
	bpf_map__set_max_entries(k->skel->maps.events, k->ring_size);
	size_filter_maps(k->skel, opts ? opts->filter : NULL);
	err = build_plans(&ps, opts && opts->strsize ? opts->strsize : 32,
			  opts ? opts->plan_verbose : 0, opts ? opts->capture : NULL);
	if (err) {
		err = why_not(err, "building the capture plan");
		goto fail;
	}
	k->skel->rodata->cap_kinds = ps.kinds;
	if (opts && opts->tune_malloc)
		hy_load_heap_begin(&heap);
	err = hytrace_bpf__load(k->skel);
	if (opts && opts->tune_malloc)
		hy_load_heap_end(&heap);
	if (err) {
		err = why_not(err, "loading the BPF programs");
		goto fail;
	}
	err = load_plans(k, &ps);
	free_plans(&ps);
	if (err) {
		err = why_not(err, "loading the capture plan");
		goto fail;
	}
	err = load_filter(k, opts ? opts->filter : NULL);
	if (err) {
		err = why_not(err, "loading the kernel filter");
		goto fail;
	}
	err = load_stack_want(k, opts ? opts->stacks : NULL);
	if (err) {
		err = why_not(err, "loading the stack plan");
		goto fail;
	}
	if (opts && opts->want_socks &&
	    (err = hy_sock_fd_args_load(bpf_map__fd(k->skel->maps.sock_fd_args)))) {
		err = why_not(err, "loading the socket descriptors' table");
		goto fail;
	}
	if (opts && opts->watch_scope == HY_AGG_CGROUP &&
	    bpf_map_update_elem(bpf_map__fd(k->skel->maps.watch_cgroups), &(__u32){ 0 },
				&opts->watch_cgroup_fd, BPF_ANY)) {
		err = why_not(-errno, "watching the cgroup");
		goto fail;
	}
	err = hytrace_bpf__attach(k->skel);
	if (err) {
		int tracefs = k->classic ? hy_tracefs_missing(err) : 0;

		err = tracefs ? tracefs : why_not(err, "attaching to the syscall tracepoints");
		goto fail;
	}
	k->guest_bytes_size = bpf_map__value_size(k->skel->maps.fast);
	k->guest_bytes = mmap(NULL, k->guest_bytes_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			      bpf_map__fd(k->skel->maps.fast), 0);
	if (k->guest_bytes == MAP_FAILED) {
		k->guest_bytes = NULL;
		err = why_not(-errno, "mapping the guest marks");
		goto fail;
	}
	k->ring_fd = bpf_map__fd(k->skel->maps.events);
	err = map_ring(k);
	if (err) {
		err = why_not(err, "mapping the ring buffer");
		goto fail;
	}
	*out = k;
	return 0;
fail:
	free_plans(&ps);
	hy_krec_close(k);
	return err;
}

static void *destroy_link(void *link)
{
	bpf_link__destroy(link);
	return NULL;
}

/*
 * Detaching waits for the kernel's grace periods: closing a classic
 * tracepoint's perf event waits ~30-70 ms here (tracepoint_synchronize_
 * unregister), five in a row were ~370 ms at the end of every run where the
 * classic programs are loaded (7.x); a tp_btf link's close took 0.3-20 ms
 * on the host (6.18, loaded). Closed side by side, the waits overlap; begun as soon as the last drain is done,
 * they overlap with the run's last output too (run.c). The run still ends
 * only once all are gone (hy_krec_close()).
 */
void hy_krec_detach_begin(struct hy_krec *k)
{
	struct bpf_link **links;

	if (!k || !k->skel || k->detaching)
		return;
	k->detaching = true;
	links = (struct bpf_link **)&k->skel->links;
	for (size_t i = 0; i < NLINKS; i++) {
		if (!links[i])
			continue;
		k->detach_started[i] =
			!pthread_create(&k->detach_th[i], NULL, destroy_link, links[i]);
		if (!k->detach_started[i])
			bpf_link__destroy(links[i]); /* no thread: one after the other */
		links[i] = NULL;
	}
}

static void detach_all(struct hy_krec *k)
{
	hy_krec_detach_begin(k);
	for (size_t i = 0; i < NLINKS; i++)
		if (k->detach_started[i])
			pthread_join(k->detach_th[i], NULL);
}

void hy_krec_close(struct hy_krec *k)
{
	if (!k)
		return;
	detach_all(k);
	if (k->consumer_pos)
		munmap(k->consumer_pos, k->page);
	if (k->producer_pos)
		munmap((void *)k->producer_pos, k->page + 2 * k->ring_size);
	if (k->guest_bytes)
		munmap(k->guest_bytes, k->guest_bytes_size);
	hytrace_bpf__destroy(k->skel);
	free(k);
}

static int add_guest(struct hy_krec *k, pid_t tid, __u32 state, __u8 pending)
{
	struct hy_guest val = { .state = state, .pending = pending };
	__u32 key = tid;

	if (bpf_map__update_elem(k->skel->maps.guests, &key, sizeof(key), &val, sizeof(val),
				 BPF_ANY))
		return hy_error(-errno, "cannot watch task %d: %s", tid, strerror(errno));
	/* the marks are mapped into this process: mark the task directly */
	if ((size_t)tid < k->guest_bytes_size)
		__atomic_store_n(&k->guest_bytes[tid], HY_GUEST_BYTE_ON, __ATOMIC_SEQ_CST);
	/*
	 * The update above is a bpf(2) map operation: were this thread preempted
	 * inside it, the classic programs skipped the calls other tasks made on
	 * its CPU meanwhile (the launched child's first ones, before it waits for
	 * its go). No guest existed before this first one, nor could a pending
	 * one's calls be recorded: those skips are nobody's loss.
	 */
	if (!k->started) {
		k->started = true;
		k->missed_before = missed_total(k);
	}
	return 0;
}

int hy_krec_add_guest(struct hy_krec *k, pid_t tid, bool pending_exec, bool traced)
{
	return add_guest(k, tid,
			 (pending_exec ? HY_GUEST_PENDING_EXEC : HY_GUEST_ACTIVE) |
				 (traced ? HY_GUEST_TRACED : 0),
			 HY_PEND_NONE);
}

int hy_krec_adopt_running(struct hy_krec *k, pid_t tid)
{
	/* no tracer interrupts the call the task is in: its exit records it whole */
	return add_guest(k, tid, HY_GUEST_ACTIVE, HY_PEND_ATTACHED);
}

int hy_krec_take_throttle(struct hy_krec *k, pid_t tid)
{
	struct hy_guest val;
	__u32 key = tid;
	int fd = bpf_map__fd(k->skel->maps.guests);
	uint8_t mark = HY_GUEST_BYTE_THROTTLED;

	/*
	 * Through the mapping, not bpf(2): a map operation holds the kernel's
	 * bpf_prog_active up, and where the classic tracepoint programs run, a
	 * preemption of this thread inside one would make them skip every call
	 * on its CPU meanwhile. The task is stopped: nothing else writes its byte.
	 */
	if ((size_t)tid < k->guest_bytes_size) {
		if (__atomic_compare_exchange_n(&k->guest_bytes[tid], &mark, HY_GUEST_BYTE_ON,
						false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return HY_KREC_HELD_DRAIN;
		mark = HY_GUEST_BYTE_HELD_READ;
		return __atomic_compare_exchange_n(&k->guest_bytes[tid], &mark, HY_GUEST_BYTE_ON,
						   false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) ?
			       HY_KREC_HELD_READ :
			       0;
	}
	if (bpf_map_lookup_elem(fd, &key, &val) ||
	    !(val.state & (HY_GUEST_THROTTLED | HY_GUEST_HELD_READ)))
		return 0;
	/* only the task writes its own entry, and it is stopped: no race */
	mark = val.state & HY_GUEST_THROTTLED ? HY_KREC_HELD_DRAIN : HY_KREC_HELD_READ;
	val.state &= ~(HY_GUEST_THROTTLED | HY_GUEST_HELD_READ);
	bpf_map_update_elem(fd, &key, &val, BPF_EXIST);
	return mark;
}

size_t hy_krec_guests(const struct hy_krec *k)
{
	int fd = bpf_map__fd(k->skel->maps.guests);
	__u32 key, next;
	size_t n = 0;

	for (int err = bpf_map_get_next_key(fd, NULL, &next); !err && n < 2;
	     err = bpf_map_get_next_key(fd, &key, &next)) {
		key = next;
		n++;
	}
	return n;
}

size_t hy_krec_ring_size(const struct hy_krec *k)
{
	return k->ring_size;
}

size_t hy_krec_backlog(const struct hy_krec *k)
{
	unsigned long prod = __atomic_load_n(k->producer_pos, __ATOMIC_ACQUIRE);

	return prod - *k->consumer_pos;
}

void hy_krec_positions(const struct hy_krec *k, uint64_t *produced, uint64_t *consumed)
{
	*produced = __atomic_load_n(k->producer_pos, __ATOMIC_ACQUIRE);
	*consumed = __atomic_load_n(k->consumer_pos, __ATOMIC_ACQUIRE);
}

int hy_krec_fd(const struct hy_krec *k)
{
	return k->ring_fd;
}

uint64_t hy_krec_lost(const struct hy_krec *k)
{
	return __atomic_load_n(&k->skel->bss->lost, __ATOMIC_RELAXED);
}

static uint64_t missed_total(const struct hy_krec *k)
{
	struct bpf_program *pairs[PROG_PAIRS][2];
	uint64_t missed = 0;

	/*
	 * A kernel skips a tp_btf program that would run again on a CPU where it
	 * is already running (possible where tracepoints run preemptibly), and a
	 * classic one while any kprobe or classic tracepoint program or bpf(2)
	 * map operation is under way there: that run's record is missing, and
	 * only this counter knows (classic programs count since Linux 6.7).
	 */
	prog_pairs(k->skel, pairs);
	/*
	 * Not the signal programs (the last two pairs): they also run inside the
	 * recorder's own backpressure SIGSTOP, where they cannot nest, and no
	 * call is missing then (a --backend=guest run that fell back to ptrace).
	 */
	for (int i = 0; i < PROG_PAIRS - 2; i++) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);

		if (!bpf_obj_get_info_by_fd(bpf_program__fd(pairs[i][k->classic]), &info, &len))
			missed += info.recursion_misses;
		/* which program, for whoever chases skips on another kernel (HACKING.md) */
		if (info.recursion_misses && getenv("HYTRACE_BPF_LOG"))
			fprintf(stderr, "hytrace: %s: %llu runs skipped\n",
				bpf_program__name(pairs[i][k->classic]),
				(unsigned long long)info.recursion_misses);
	}
	return missed;
}

uint64_t hy_krec_missed(const struct hy_krec *k)
{
	return missed_total(k) - k->missed_before;
}

bool hy_krec_classic(const struct hy_krec *k)
{
	return k->classic;
}

uint64_t hy_krec_untracked(const struct hy_krec *k)
{
	return __atomic_load_n(&k->skel->bss->untracked, __ATOMIC_RELAXED);
}

size_t hy_krec_drain(struct hy_krec *k, hy_krec_cb cb, void *ctx)
{
	unsigned long cons = *k->consumer_pos;
	unsigned long prod = __atomic_load_n(k->producer_pos, __ATOMIC_ACQUIRE);
	unsigned long mask = k->ring_size - 1;
	unsigned long released = cons;
	size_t n = 0;

	while (cons < prod) {
		const uint32_t *hdr = (const uint32_t *)(k->data + (cons & mask));
		uint32_t len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);

		if (len & BPF_RINGBUF_BUSY_BIT)
			break; /* reserved but not yet submitted: the rest waits */
		cons += (((len & ~BPF_RINGBUF_DISCARD_BIT) + BPF_RINGBUF_HDR_SZ) + 7) & ~7ul;
		if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
			cb(ctx, hdr + 2, len & ~BPF_RINGBUF_DISCARD_BIT);
			n++;
		}
		/* give space back to the producers now and then, not per record */
		if (cons - released >= (256u << 10)) {
			__atomic_store_n(k->consumer_pos, cons, __ATOMIC_RELEASE);
			released = cons;
		}
	}
	__atomic_store_n(k->consumer_pos, cons, __ATOMIC_RELEASE);
	return n;
}
