// SPDX-License-Identifier: MIT
/*
 * chaos: reproducible fault injection for resilience testing.
 *
 * A chosen share of the subscribed syscalls fail with a chosen errno, or, in
 * short mode, reads and writes move fewer bytes than asked (the length argument
 * is lowered, so the kernel really does a partial transfer). Whether a call is
 * hit depends only on the seed, the process's place in the tree and the call's
 * index in that process, never on pids or timing: the same seed breaks the same
 * calls again, so a failure found once can be replayed.
 *
 *   hytrace --tool build/tools/chaos.so --tool-opt rate=0.2 --tool-opt seed=7 -- CMD
 *
 * Options:
 *   syscalls=SET  calls that may be hit (--subscribe grammar; default read,write,openat)
 *   rate=R        share of them hit, 0 to 1 (default 0.1)
 *   mode=M        fail: the call does not run and returns -errno (default);
 *                 short: reads, writes and copies (read, write, pread64, readv,
 *                 sendto, sendfile, copy_file_range, splice...) move fewer bytes;
 *                 other calls run unchanged
 *   errno=E       the error in fail mode, a name or a number (default EIO)
 *   seed=N        the seed, a decimal number (default 1)
 *   skip=N        leave the first N calls after each exec alone, so the dynamic
 *                 loader is not the one that fails (default 0)
 *   gdb=1         with hytrace --gdbserver: stop the guest in gdb at each call it
 *                 breaks (the first process's calls), as at a breakpoint, with a
 *                 line saying which call and how
 *
 * A process is named by its path from the first guest (the Kth child of the Jth
 * child...), so a forked child's faults do not depend on what its parent did
 * before the fork. Threads of one process share its call index: a multi-threaded
 * guest replays only as far as its threads keep their order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"

#define MAX_LIVE 1024 /* processes alive at once whose children get distinct names */

struct chaos {
	double rate;
	bool shorten;
	int error;
	uint64_t seed;
	unsigned long skip;
	bool debug;
	uint64_t seen, hit;
	struct {
		int pid;
		uint32_t children;
	} live[MAX_LIVE];
};

struct chaos_proc {
	uint64_t name;	     /* the process's place in the tree, hashed */
	uint64_t calls;	     /* subscribed calls so far: the index of the next one */
	unsigned long spare; /* calls still left alone after an exec */
};

/* splitmix64's finaliser: every input bit moves every output bit */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static int chaos_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		      const char *const *values)
{
	static const char *const known[] = { "syscalls", "rate", "mode", "errno",
					     "seed",	 "skip", "gdb",	 NULL };
	struct chaos *g = hy_global_state(ctx);
	const char *set = hy_option(ctx, "syscalls"), *v;
	int64_t seed = 1, skip = 0, debug = 0;
	int err;

	(void)nopts, (void)keys, (void)values;
	set = set ? set : "read,write,openat";
	g->rate = 0.1;
	if ((err = hy_options_known(ctx, known)) ||
	    (err = hy_option_double(ctx, "rate", 0, 1, &g->rate)) ||
	    (err = hy_option_int(ctx, "seed", 0, INT64_MAX, &seed)) ||
	    (err = hy_option_int(ctx, "skip", 0, UINT32_MAX, &skip)) ||
	    (err = hy_option_int(ctx, "gdb", 0, 1, &debug)))
		return err;
	g->debug = debug;
	g->seed = seed;
	g->skip = skip;
	v = hy_option(ctx, "mode");
	if (v && strcmp(v, "fail") && strcmp(v, "short"))
		return hy_fail(ctx, -EINVAL, "mode=%s: want fail or short", v);
	g->shorten = v && !strcmp(v, "short");
	if ((g->error = hy_errno_number((v = hy_option(ctx, "errno")) ? v : "EIO")) < 0)
		return hy_fail(ctx, -EINVAL, "errno=%s: not an errno name or number", v);
	return hy_subscribe(ctx, set);
}

static void chaos_process_start(struct hy_ctx *ctx, const void *parent_state)
{
	struct chaos *g = hy_global_state(ctx);
	struct chaos_proc *p = hy_process_state(ctx);
	uint32_t nth = 0;
	int free_slot = -1;

	for (int i = 0; i < MAX_LIVE; i++) {
		if (parent_state && g->live[i].pid == hy_ppid(ctx))
			nth = ++g->live[i].children;
		if (!g->live[i].pid && free_slot < 0)
			free_slot = i;
	}
	if (free_slot >= 0)
		g->live[free_slot].pid = hy_pid(ctx);
	/* a forked child starts counting afresh and runs no loader: nothing spared */
	if (parent_state)
		p->name = mix(((const struct chaos_proc *)parent_state)->name ^ mix(nth));
	else
		p->spare = g->skip; /* the first guest was just executed */
}

static void chaos_exec(struct hy_ctx *ctx)
{
	struct chaos *g = hy_global_state(ctx);
	struct chaos_proc *p = hy_process_state(ctx);

	p->spare = g->skip;
}

static void chaos_process_exit(struct hy_ctx *ctx, int wstatus)
{
	struct chaos *g = hy_global_state(ctx);

	(void)wstatus;
	for (int i = 0; i < MAX_LIVE; i++)
		if (g->live[i].pid == hy_pid(ctx))
			g->live[i].pid = g->live[i].children = 0;
}

/* Which argument of a call is its byte count (or iovec count), or -1. */
static int length_arg(const char *name)
{
	static const struct {
		const char *name;
		int arg;
	} rw[] = {
		{ "read", 2 },	   { "write", 2 },	     { "pread64", 2 },	{ "pwrite64", 2 },
		{ "readv", 2 },	   { "writev", 2 },	     { "preadv", 2 },	{ "pwritev", 2 },
		{ "preadv2", 2 },  { "pwritev2", 2 },	     { "recvfrom", 2 }, { "sendto", 2 },
		{ "sendfile", 3 }, { "copy_file_range", 4 }, { "splice", 4 },
	};

	for (size_t i = 0; name && i < sizeof(rw) / sizeof(rw[0]); i++)
		if (!strcmp(name, rw[i].name))
			return rw[i].arg;
	return -1;
}

/* gdb=1: the guest stops in the debugger right after the call it broke. */
static void hand_to_debugger(struct hy_ctx *ctx, const struct chaos *g, const char *how)
{
	char why[160];

	if (!g->debug)
		return;
	snprintf(why, sizeof(why), "chaos: %s() %s %s (seed %llu, call %llu)",
		 hy_syscall_name(ctx) ?: "?", how,
		 g->shorten		   ? "fewer bytes" :
		 strerrorname_np(g->error) ?:
					     "an error",
		 (unsigned long long)g->seed, (unsigned long long)g->seen);
	hy_debug_stop(ctx, why);
}

static enum hy_cont chaos_enter(struct hy_ctx *ctx)
{
	struct chaos *g = hy_global_state(ctx);
	struct chaos_proc *p = hy_process_state(ctx);
	int arg = length_arg(hy_syscall_name(ctx));
	uint64_t r, len = arg < 0 ? 0 : hy_arg(ctx, arg);

	if (p->spare) {
		p->spare--;
		return HY_CONT_RUN;
	}
	r = mix(g->seed ^ mix(p->name ^ mix(p->calls++)));
	g->seen++;
	/* the top 53 bits as a uniform double in [0, 1) */
	if ((double)(r >> 11) / (double)(1ull << 53) >= g->rate)
		return HY_CONT_RUN;
	if (!g->shorten) {
		g->hit++;
		hy_set_return(ctx, -g->error);
		hand_to_debugger(ctx, g, "fails with");
		return HY_CONT_SKIP;
	}
	if (len <= 1)
		return HY_CONT_RUN;
	/*
	 * 1 to len-1 bytes (at most a page: "copy everything" asks for 2^63): strictly
	 * short, never zero, which would read as end of file
	 */
	if (hy_set_arg(ctx, arg, 1 + mix(r) % (len - 1 < 4096 ? len - 1 : 4096)) == 0) {
		g->hit++;
		hand_to_debugger(ctx, g, "is shortened");
	}
	return HY_CONT_RUN;
}

static void chaos_end(struct hy_ctx *ctx, FILE *out)
{
	struct chaos *g = hy_global_state(ctx);

	fprintf(out, "chaos: seed %llu: %llu of %llu calls %s\n", (unsigned long long)g->seed,
		(unsigned long long)g->hit, (unsigned long long)g->seen,
		g->shorten		  ? "shortened" :
		strerrorname_np(g->error) ?:
					    "failed");
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "chaos",
	.description = "reproducible fault injection: fail or shorten a share of syscalls",
	.global_size = sizeof(struct chaos),
	.process_size = sizeof(struct chaos_proc),
	.init = chaos_init,
	.on_syscall_enter = chaos_enter,
	.on_process_start = chaos_process_start,
	.on_exec = chaos_exec,
	.on_process_exit = chaos_process_exit,
	.on_end = chaos_end,
};
