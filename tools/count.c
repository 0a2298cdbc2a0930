// SPDX-License-Identifier: MIT
/*
 * count: syscall counts per thread and per process, printed at the end as the
 * process tree:
 *
 *   count: 3 processes, 3 threads, 61 syscalls
 *   pid 4100 (forker) exited 0: 53 syscalls in 1 thread
 *     syscalls: mmap 9, close 4, ..., wait4 2
 *     thread 4100: 53
 *     pid 4101 (forker) exited 3: 4 syscalls in 1 thread
 *       syscalls: getppid 3, exit_group 1
 *
 * Counting happens in on_event and never stops the guest: each thread counts
 * into its own state, a thread's counts are added to its process when it exits,
 * and a process's to the report when it exits. A process that is still running
 * when the run ends is not in the tree. No options.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "hytrace.h"

#define NR_MAX 1024

struct counts {
	uint32_t n[HY_ABI_COUNT][NR_MAX];
	uint64_t total;
};

struct thread_total {
	int tid;
	uint64_t calls;
};

struct count_proc {
	unsigned long seq; /* start order, to print siblings in it */
	char comm[16];
	struct counts c;
	struct thread_total *threads;
	int nthreads;
};

struct sys_count {
	uint16_t abi, nr;
	uint32_t n;
};

/* A process that ended: its counts, only the syscalls it made. */
struct proc_report {
	int pid, ppid, wstatus;
	unsigned long seq;
	char comm[16];
	uint64_t total;
	struct thread_total *threads;
	int nthreads, nsys;
	struct sys_count sys[];
};

struct count {
	unsigned long started;
	uint64_t orphan_events; /* of a task without state: must stay 0 */
	struct proc_report **procs;
	int nprocs, cap;
};

static void read_comm(struct hy_ctx *ctx, char *comm)
{
	char path[64];
	FILE *f;

	/* the tracer shares the guest's /proc: any tool may read its name there */
	snprintf(path, sizeof(path), "/proc/%d/comm", hy_pid(ctx));
	if (!(f = fopen(path, "re")))
		return;
	if (fgets(comm, 16, f))
		comm[strcspn(comm, "\n")] = 0;
	fclose(f);
}

/* It takes no options: one given is a mistake, said rather than ignored. */
static int count_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
		      const char *const *values)
{
	static const char *const none[] = { NULL };

	(void)nopts, (void)keys, (void)values;
	return hy_options_known(ctx, none);
}

static void count_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	struct counts *t = hy_thread_state(ctx);
	long nr = hy_event_nr(ev);

	if (!t) {
		((struct count *)hy_global_state(ctx))->orphan_events++;
		return;
	}
	if (nr >= 0 && nr < NR_MAX)
		t->n[hy_event_abi(ev)][nr]++;
	t->total++;
}

static void count_process_start(struct hy_ctx *ctx, const void *parent_state)
{
	struct count *g = hy_global_state(ctx);
	struct count_proc *p = hy_process_state(ctx);

	(void)parent_state;
	p->seq = g->started++;
	read_comm(ctx, p->comm);
}

static void count_exec(struct hy_ctx *ctx)
{
	read_comm(ctx, ((struct count_proc *)hy_process_state(ctx))->comm);
}

static void count_thread_exit(struct hy_ctx *ctx)
{
	struct counts *t = hy_thread_state(ctx);
	struct count_proc *p = hy_process_state(ctx);
	struct thread_total *more = realloc(p->threads, (p->nthreads + 1) * sizeof(*more));

	for (int a = 0; a < HY_ABI_COUNT; a++)
		for (int nr = 0; nr < NR_MAX; nr++)
			p->c.n[a][nr] += t->n[a][nr];
	p->c.total += t->total;
	if (more) {
		p->threads = more;
		p->threads[p->nthreads++] = (struct thread_total){ hy_tid(ctx), t->total };
	}
}

static void count_process_exit(struct hy_ctx *ctx, int wstatus)
{
	struct count *g = hy_global_state(ctx);
	struct count_proc *p = hy_process_state(ctx);
	struct proc_report *r;
	int nsys = 0;

	for (int a = 0; a < HY_ABI_COUNT; a++)
		for (int nr = 0; nr < NR_MAX; nr++)
			nsys += !!p->c.n[a][nr];
	if (g->nprocs == g->cap) {
		struct proc_report **more = realloc(g->procs, (g->cap * 2 + 16) * sizeof(*more));

		if (!more)
			return;
		g->procs = more;
		g->cap = g->cap * 2 + 16;
	}
	if (!(r = calloc(1, sizeof(*r) + nsys * sizeof(r->sys[0]))))
		return;
	*r = (struct proc_report){ .pid = hy_pid(ctx),
				   .ppid = hy_ppid(ctx),
				   .wstatus = wstatus,
				   .seq = p->seq,
				   .total = p->c.total,
				   .threads = p->threads,
				   .nthreads = p->nthreads };
	memcpy(r->comm, p->comm, sizeof(r->comm));
	p->threads = NULL; /* the report owns them now */
	for (int a = 0; a < HY_ABI_COUNT; a++)
		for (int nr = 0; nr < NR_MAX; nr++)
			if (p->c.n[a][nr])
				r->sys[r->nsys++] = (struct sys_count){ a, nr, p->c.n[a][nr] };
	g->procs[g->nprocs++] = r;
}

static int by_count(const void *a, const void *b)
{
	const struct sys_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->abi != y->abi ? x->abi - y->abi : x->nr - y->nr;
}

static void print_tree(struct count *g, FILE *out, const struct proc_report *r, int depth)
{
	char how[48], sig[32];
	int ind = 2 * depth;

	if (WIFSIGNALED(r->wstatus))
		snprintf(how, sizeof(how), "killed by %s",
			 hy_signal_name_r(WTERMSIG(r->wstatus), sig, sizeof(sig)));
	else
		snprintf(how, sizeof(how), "exited %d", WEXITSTATUS(r->wstatus));
	fprintf(out, "%*spid %d (%s) %s: %llu syscalls in %d thread%s\n", ind, "", r->pid, r->comm,
		how, (unsigned long long)r->total, r->nthreads, r->nthreads == 1 ? "" : "s");
	fprintf(out, "%*s  syscalls:", ind, "");
	for (int i = 0; i < r->nsys; i++) {
		const char *name = hy_syscall_name_of(r->sys[i].abi, r->sys[i].nr);
		const char *abi = r->sys[i].abi == HY_ABI_I386 ? "@i386" :
				  r->sys[i].abi == HY_ABI_X32  ? "@x32" :
								 "";

		fprintf(out, "%s %s%s %u", i ? "," : "", name ? name : "?", abi, r->sys[i].n);
	}
	fputc('\n', out);
	for (int i = 0; i < r->nthreads; i++)
		fprintf(out, "%*s  thread %d: %llu\n", ind, "", r->threads[i].tid,
			(unsigned long long)r->threads[i].calls);
	/* children in the order they started (procs is sorted by it) */
	for (int i = 0; i < g->nprocs; i++)
		if (g->procs[i]->ppid == r->pid && g->procs[i]->seq > r->seq)
			print_tree(g, out, g->procs[i], depth + 1);
}

static int by_start(const void *a, const void *b)
{
	const struct proc_report *x = *(struct proc_report *const *)a,
				 *y = *(struct proc_report *const *)b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void count_end(struct hy_ctx *ctx, FILE *out)
{
	struct count *g = hy_global_state(ctx);
	uint64_t total = 0;
	int threads = 0;

	if (g->nprocs) /* no process seen: no array, and qsort must not see its NULL */
		qsort(g->procs, g->nprocs, sizeof(*g->procs), by_start);
	for (int i = 0; i < g->nprocs; i++) {
		if (g->procs[i]->nsys)
			qsort(g->procs[i]->sys, g->procs[i]->nsys, sizeof(g->procs[i]->sys[0]),
			      by_count);
		total += g->procs[i]->total;
		threads += g->procs[i]->nthreads;
	}
	fprintf(out, "count: %d processes, %d threads, %llu syscalls\n", g->nprocs, threads,
		(unsigned long long)total);
	for (int i = 0; i < g->nprocs; i++) {
		const struct proc_report *r = g->procs[i];
		bool has_parent = false;

		for (int j = 0; j < g->nprocs && !has_parent; j++)
			has_parent = g->procs[j]->pid == r->ppid && g->procs[j]->seq < r->seq;
		if (!has_parent)
			print_tree(g, out, r, 0);
	}
	if (g->orphan_events)
		fprintf(out, "count: %llu events of unknown tasks, not in the tree\n",
			(unsigned long long)g->orphan_events);
	for (int i = 0; i < g->nprocs; i++) {
		free(g->procs[i]->threads);
		free(g->procs[i]);
	}
	free(g->procs);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "count",
	.description = "syscall counts per thread and process, as a process tree",
	.global_size = sizeof(struct count),
	.process_size = sizeof(struct count_proc),
	.thread_size = sizeof(struct counts),
	.flags = HY_TOOL_NO_EVENT_MEMORY,
	.init = count_init,
	.on_event = count_event,
	.on_process_start = count_process_start,
	.on_exec = count_exec,
	.on_thread_exit = count_thread_exit,
	.on_process_exit = count_process_exit,
	.on_end = count_end,
};
