// SPDX-License-Identifier: MIT
/*
 * deterministic: the same run twice. What a program reads of the clock, the
 * TSC, the kernel's random numbers and its process ids is made a function of
 * what it did before, never of when or where it ran, so that two runs of a
 * program that prints timestamps, random numbers and pids print the same bytes
 * (a replayable test, a reproducible fuzzing run).
 *
 *   hytrace --tool build/tools/deterministic.so -- CMD
 *
 * - Time: one virtual clock, advanced by step= ns at each read. clock_gettime,
 *   gettimeofday and time return it (CLOCK_REALTIME and friends from epoch=),
 *   and RDTSC/RDTSCP read it as a 3 GHz TSC. The vDSO's clock functions, which
 *   read the TSC and the kernel's clock page without a syscall, are made to
 *   make the syscall (HY_TOOL_VDSO_SYSCALLS), so every read is seen.
 * - Randomness: getrandom fills its buffer from a stream seeded with seed=.
 * - Process ids: each task gets a virtual id in the order it appears, from
 *   pid= on; getpid, getppid, gettid, getpgid, getsid and setsid return them,
 *   fork/clone/wait4/waitid return a child's, and kill, tkill, tgkill, wait4,
 *   waitid, setpgid, getpgid and getsid take them.
 *
 * Options: seed=N (default 1), epoch=SECONDS (default 1700000000),
 * step=NS (default 1000), pid=N (default 1000).
 *
 * What stays real: ids the kernel writes into memory (CLONE_PARENT_SETTID,
 * set_tid_address: libc's own thread ids, which it hands back to the kernel),
 * /proc, ids in signals' siginfo and SCM_CREDENTIALS, /dev/urandom, AT_RANDOM,
 * addresses (ASLR), i386 and x32 programs' calls, and the order in which
 * several tasks that run at once reach their calls: a run is reproducible as
 * far as the program's own scheduling is.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "hytrace.h"

#define MAX_IDS 8192 /* tasks of one run with a virtual id; later ones keep their own */
#define TSC_PER_NS 3
#define SIGINFO_PID_OFFSET 16 /* si_pid of a SIGCHLD siginfo (x86-64) */

struct det {
	uint64_t clock_ns, step_ns, epoch_ns;
	uint64_t rng;
	int first_vid, nvids;
	int real_of[MAX_IDS]; /* by virtual id - first_vid */
	struct {
		int real, virt;
	} map[2 * MAX_IDS]; /* real -> virtual, open addressing */
	unsigned long clocks, random_bytes, ids;
};

struct det_proc {
	int vpid, vppid;
};

struct det_thread {
	int vtid;
};

/* splitmix64: a fast stream whose every output bit depends on every seed bit */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = (*state += 0x9e3779b97f4a7c15ull);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* ---- ids ---- */

static unsigned int slot(int real)
{
	return ((unsigned int)real * 2654435761u) % (2 * MAX_IDS);
}

static int new_vid(struct det *g, int real)
{
	int i = g->nvids;
	unsigned int h = slot(real);

	if (i >= MAX_IDS)
		return real;
	g->nvids++;
	g->real_of[i] = real;
	while (g->map[h].real && g->map[h].real != real)
		h = (h + 1) % (2 * MAX_IDS);
	g->map[h].real = real;
	g->map[h].virt = g->first_vid + i;
	return g->first_vid + i;
}

/* The virtual id of real id @real, or @real when it has none. */
static int virt_of(const struct det *g, int real)
{
	for (unsigned int h = slot(real); g->map[h].real; h = (h + 1) % (2 * MAX_IDS))
		if (g->map[h].real == real)
			return g->map[h].virt;
	return real;
}

/* The real id of virtual id @v, or @v when it is not one. */
static int real_of(const struct det *g, int v)
{
	return v >= g->first_vid && v < g->first_vid + g->nvids ? g->real_of[v - g->first_vid] : v;
}

/* A pid argument: > 0 a process, < -1 a process group, 0 and -1 themselves. */
static int64_t real_pid_arg(const struct det *g, int64_t v)
{
	if (v > 0)
		return real_of(g, (int)v);
	if (v < -1)
		return -(int64_t)real_of(g, (int)-v);
	return v;
}

static void det_process_start(struct hy_ctx *ctx, const void *parent_state)
{
	struct det *g = hy_global_state(ctx);
	struct det_proc *p = hy_process_state(ctx);
	const struct det_proc *parent = parent_state;

	p->vpid = new_vid(g, hy_pid(ctx));
	p->vppid = parent ? parent->vpid : 1; /* the first guest's parent is hytrace */
}

static void det_thread_start(struct hy_ctx *ctx)
{
	struct det *g = hy_global_state(ctx);
	struct det_proc *p = hy_process_state(ctx);
	struct det_thread *t = hy_thread_state(ctx);

	t->vtid = hy_tid(ctx) == hy_pid(ctx) ? p->vpid : new_vid(g, hy_tid(ctx));
	g->ids++;
}

/* A thread that executes becomes the leader: its id is the process's. */
static void det_exec(struct hy_ctx *ctx)
{
	struct det_proc *p = hy_process_state(ctx);
	struct det_thread *t = hy_thread_state(ctx);

	t->vtid = p->vpid;
}

/* ---- time ---- */

static uint64_t tick(struct det *g)
{
	g->clocks++;
	return g->clock_ns += g->step_ns;
}

static bool is_realtime(uint64_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE ||
	       clock == CLOCK_REALTIME_ALARM || clock == CLOCK_TAI;
}

static enum hy_cont skip_with(struct hy_ctx *ctx, int64_t ret)
{
	hy_set_return(ctx, ret);
	return HY_CONT_SKIP;
}

static enum hy_cont do_clock_gettime(struct hy_ctx *ctx, struct det *g)
{
	uint64_t clock = hy_arg(ctx, 0), ns;
	struct timespec ts;

	/* negative ids are other tasks' CPU clocks and dynamic clocks: real ones */
	if (clock > CLOCK_TAI || clock == 10)
		return HY_CONT_RUN;
	ns = tick(g) + (is_realtime(clock) ? g->epoch_ns : 0);
	ts.tv_sec = ns / 1000000000;
	ts.tv_nsec = ns % 1000000000;
	if (hy_write_mem(ctx, hy_arg(ctx, 1), &ts, sizeof(ts)) != sizeof(ts))
		return skip_with(ctx, -EFAULT);
	return skip_with(ctx, 0);
}

static enum hy_cont do_gettimeofday(struct hy_ctx *ctx, struct det *g)
{
	uint64_t ns = tick(g) + g->epoch_ns;
	struct {
		int64_t sec, usec;
	} tv = { ns / 1000000000, ns % 1000000000 / 1000 };
	int tz[2] = { 0, 0 };

	if (hy_arg(ctx, 0) && hy_write_mem(ctx, hy_arg(ctx, 0), &tv, sizeof(tv)) != sizeof(tv))
		return skip_with(ctx, -EFAULT);
	if (hy_arg(ctx, 1) && hy_write_mem(ctx, hy_arg(ctx, 1), tz, sizeof(tz)) != sizeof(tz))
		return skip_with(ctx, -EFAULT);
	return skip_with(ctx, 0);
}

static enum hy_cont do_time(struct hy_ctx *ctx, struct det *g)
{
	int64_t sec = (tick(g) + g->epoch_ns) / 1000000000;

	if (hy_arg(ctx, 0) && hy_write_mem(ctx, hy_arg(ctx, 0), &sec, sizeof(sec)) != sizeof(sec))
		return skip_with(ctx, -EFAULT);
	return skip_with(ctx, sec);
}

static void det_rdtsc(struct hy_ctx *ctx, uint64_t *tsc, uint32_t *aux)
{
	*tsc = tick(hy_global_state(ctx)) * TSC_PER_NS;
	if (aux)
		*aux = 0; /* the CPU number: always the first */
}

/* ---- randomness ---- */

static enum hy_cont do_getrandom(struct hy_ctx *ctx, struct det *g)
{
	uint64_t addr = hy_arg(ctx, 0), len = hy_arg(ctx, 1), done = 0;
	uint64_t chunk[512];

	/* the kernel, too, may return less than asked for beyond 256 bytes */
	if (len > (1u << 20))
		len = 1u << 20;
	while (done < len) {
		size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);

		for (size_t i = 0; i < (n + 7) / 8; i++)
			chunk[i] = next_random(&g->rng);
		if (hy_write_mem(ctx, addr + done, chunk, n) != (ssize_t)n)
			return skip_with(ctx, done ? (int64_t)done : -EFAULT);
		done += n;
	}
	g->random_bytes += done;
	return skip_with(ctx, done);
}

/* ---- process ids ---- */

static void translate_arg(struct hy_ctx *ctx, struct det *g, int i, bool signed_pid)
{
	int64_t v = (int32_t)hy_arg(ctx, i);
	int64_t r = signed_pid ? real_pid_arg(g, v) : real_of(g, (int)v);

	if (r != v)
		hy_set_arg(ctx, i, (uint64_t)r);
}

/* Calls that take ids: which arguments. Calls that return one: their exit. */
static enum hy_cont do_ids(struct hy_ctx *ctx, struct det *g, const char *name)
{
	if (!strcmp(name, "kill") || !strcmp(name, "wait4"))
		translate_arg(ctx, g, 0, true);
	else if (!strcmp(name, "tkill") || !strcmp(name, "getpgid") || !strcmp(name, "getsid"))
		translate_arg(ctx, g, 0, false);
	else if (!strcmp(name, "tgkill") || !strcmp(name, "setpgid"))
		translate_arg(ctx, g, 0, false), translate_arg(ctx, g, 1, false);
	else if (!strcmp(name, "waitid") && (hy_arg(ctx, 0) == P_PID || hy_arg(ctx, 0) == P_PGID))
		translate_arg(ctx, g, 1, false);
	if (!strcmp(name, "kill") || !strcmp(name, "tkill") || !strcmp(name, "tgkill") ||
	    !strcmp(name, "setpgid"))
		return HY_CONT_RUN; /* nothing to translate in their result */
	return HY_CONT_RUN_EXIT;
}

static void det_exit(struct hy_ctx *ctx)
{
	struct det *g = hy_global_state(ctx);
	int64_t ret = hy_return(ctx);
	uint64_t info = hy_arg(ctx, 2);
	int pid;

	if (strcmp(hy_syscall_name(ctx), "waitid")) {
		if (ret > 0)
			hy_set_return(ctx, virt_of(g, (int)ret));
		return;
	}
	/* waitid says which child in the siginfo it fills in */
	if (ret || !info || hy_read_mem(ctx, info + SIGINFO_PID_OFFSET, &pid, 4) != 4 || !pid)
		return;
	pid = virt_of(g, pid);
	hy_write_mem(ctx, info + SIGINFO_PID_OFFSET, &pid, 4);
}

static enum hy_cont det_enter(struct hy_ctx *ctx)
{
	struct det *g = hy_global_state(ctx);
	const char *name = hy_syscall_name(ctx);

	if (hy_syscall_abi(ctx) != HY_ABI_X86_64 || !name)
		return HY_CONT_RUN; /* other ABIs lay their structs out otherwise */
	if (!strcmp(name, "clock_gettime"))
		return do_clock_gettime(ctx, g);
	if (!strcmp(name, "gettimeofday"))
		return do_gettimeofday(ctx, g);
	if (!strcmp(name, "time"))
		return do_time(ctx, g);
	if (!strcmp(name, "getrandom"))
		return do_getrandom(ctx, g);
	if (!strcmp(name, "getpid"))
		return skip_with(ctx, ((struct det_proc *)hy_process_state(ctx))->vpid);
	if (!strcmp(name, "getppid"))
		return skip_with(ctx, ((struct det_proc *)hy_process_state(ctx))->vppid);
	if (!strcmp(name, "gettid"))
		return skip_with(ctx, ((struct det_thread *)hy_thread_state(ctx))->vtid);
	return do_ids(ctx, g, name);
}

static int det_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		    const char *const *values)
{
	static const char *const known[] = { "seed", "epoch", "step", "pid", NULL };
	struct det *g = hy_global_state(ctx);
	int64_t seed = 1, epoch = 1700000000, step = 1000, pid = 1000;
	int err;

	(void)nopts, (void)keys, (void)values;
	if ((err = hy_options_known(ctx, known)) ||
	    (err = hy_option_int(ctx, "seed", 0, INT64_MAX, &seed)) ||
	    (err = hy_option_int(ctx, "epoch", 0, INT64_MAX / 1000000000, &epoch)) ||
	    (err = hy_option_int(ctx, "step", 1, 1000000000, &step)) ||
	    (err = hy_option_int(ctx, "pid", 2, 4000000, &pid)))
		return err;
	g->rng = seed;
	g->epoch_ns = epoch * 1000000000;
	g->step_ns = step;
	g->first_vid = pid;
	return hy_subscribe(ctx, "clock_gettime,gettimeofday,time,getrandom,getpid,getppid,gettid,"
				 "clone,clone3,fork,vfork,wait4,waitid,kill,tkill,tgkill,"
				 "getpgid,getpgrp,getsid,setsid,setpgid");
}

static void det_end(struct hy_ctx *ctx, FILE *out)
{
	struct det *g = hy_global_state(ctx);

	fprintf(out, "deterministic: %lu clock reads, %lu random bytes, %lu tasks renumbered\n",
		g->clocks, g->random_bytes, g->ids);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "deterministic",
	.description = "fixed time, TSC, random numbers and pids: two runs print the same",
	.global_size = sizeof(struct det),
	.process_size = sizeof(struct det_proc),
	.thread_size = sizeof(struct det_thread),
	.flags = HY_TOOL_VDSO_SYSCALLS,
	.init = det_init,
	.on_syscall_enter = det_enter,
	.on_syscall_exit = det_exit,
	.on_process_start = det_process_start,
	.on_thread_start = det_thread_start,
	.on_exec = det_exec,
	.on_rdtsc = det_rdtsc,
	.on_end = det_end,
};
