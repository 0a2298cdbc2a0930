// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stack/elf_module.h"
#include "hy_event.h"
#include "stack/module_cache.h"
#include "stack/proc_maps.h"
#include "record.h"
#include "stack/stacks.h"
#include "stack/symbolize.h"
#include "tidmap.h"
#include "stack/unwind.h"

struct proc {
	struct hy_procmaps pm;
};

/* The unwinder asks once per frame, in order: the mappings are kept for symbolizing. */
struct lookup {
	const struct hy_procmaps *pm;
	uint64_t t;
	bool missed; /* a pc in no mapping known */
	int n;
	const struct hy_mapping *maps[HY_FRAMES_MAX];
};

/* A thread's stack, unwound, waiting for its call's record. */
struct pending {
	uint64_t ts;
	bool have;
	struct hy_bytes blob;
};

struct hy_stacks {
	struct hy_modcache *mc;
	struct hy_tidmap procs;	  /* tgid -> struct proc */
	struct hy_tidmap forked;  /* child tid -> parent tgid, until its process is looked up */
	struct hy_tidmap pending; /* tid -> struct pending */
	struct hy_bytes live;	  /* the last stopped task's frames */
	uint8_t *live_stack;	  /* its stack, copied */
	uint64_t pcs[HY_FRAMES_MAX];
	struct hy_frame frames[HY_FRAMES_MAX];
	struct lookup lookup;
	struct hy_stacks_stats stats;
	char *hidden; /* a file whose frames are left out (hy_stacks_hide), or NULL */
};

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

struct hy_stacks *hy_stacks_new(void)
{
	struct hy_stacks *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->mc = hy_modcache_new();
	st->live_stack = malloc(HY_STACK_MAX);
	if (!st->mc || !st->live_stack) {
		hy_stacks_free(st);
		return NULL;
	}
	return st;
}

static void free_proc(void *ctx, int tgid, void *val)
{
	struct proc *p = val;

	(void)ctx;
	(void)tgid;
	hy_procmaps_release(&p->pm);
	free(p);
}

static void free_pending(void *ctx, int tid, void *val)
{
	struct pending *p = val;

	(void)ctx;
	(void)tid;
	free(p->blob.p);
	free(p);
}

void hy_stacks_free(struct hy_stacks *st)
{
	if (!st)
		return;
	hy_tidmap_each(&st->procs, free_proc, NULL);
	hy_tidmap_free(&st->procs);
	hy_tidmap_each(&st->pending, free_pending, NULL);
	hy_tidmap_free(&st->pending);
	hy_tidmap_free(&st->forked);
	hy_modcache_free(st->mc);
	free(st->hidden);
	free(st->live.p);
	free(st->live_stack);
	free(st);
}

/* The mappings of process @tgid; a child forked since starts with its parent's. */
static struct proc *proc_of(struct hy_stacks *st, int tgid)
{
	struct proc *p = hy_tidmap_get(&st->procs, tgid), *parent;
	int ptgid;

	if (p)
		return p;
	ptgid = (int)(intptr_t)hy_tidmap_del(&st->forked, tgid);
	p = calloc(1, sizeof(*p));
	if (!p || hy_tidmap_put(&st->procs, tgid, p)) {
		free(p);
		return NULL;
	}
	parent = ptgid ? hy_tidmap_get(&st->procs, ptgid) : NULL;
	if (parent)
		hy_procmaps_copy(&p->pm, &parent->pm);
	return p;
}

static void drop_proc(struct hy_stacks *st, int tgid)
{
	struct proc *p = hy_tidmap_del(&st->procs, tgid);

	if (p)
		free_proc(NULL, tgid, p);
}

static bool lookup(void *ctx, uint64_t pc, struct hy_elfmod **mod, uint64_t *vaddr)
{
	struct lookup *l = ctx;
	const struct hy_mapping *m = l->n ? l->maps[l->n - 1] : NULL;

	/* consecutive frames are mostly in the same file */
	if (!m || pc < m->start || pc >= m->end || l->t < m->from || l->t >= m->to)
		m = hy_procmaps_find(l->pm, pc, l->t);
	if (l->n < HY_FRAMES_MAX)
		l->maps[l->n++] = m;
	if (!m) {
		l->missed = true;
		return false;
	}
	*mod = m->mod;
	return m->mod && hy_elfmod_vaddr(m->mod, pc - m->start + m->pgoff, vaddr);
}

static int end_of(enum hy_unwind_end e)
{
	switch (e) {
	case HY_UNW_OUTERMOST:
		return HY_STACK_COMPLETE;
	case HY_UNW_LIMIT:
	case HY_UNW_NO_MEMORY:
		return HY_STACK_TRUNCATED;
	default:
		return HY_STACK_BROKEN;
	}
}

/*
 * Unwind and symbolize into @out. A pc in no known mapping makes the process's
 * mappings be read again (at @now, 0: read the clock), if it may have mapped
 * something since the last read (a library it loaded): once per stack at most.
 */
static int unwind(struct hy_stacks *st, struct proc *p, int pid, const struct hy_uregs *regs,
		  const struct hy_umem *mem, uint64_t t, uint64_t now, struct hy_bytes *out)
{
	struct lookup *l = &st->lookup;
	enum hy_unwind_end e;
	int n, kept = 0;

	l->pm = &p->pm;
	l->t = t;
	for (int attempt = 0;; attempt++) {
		l->missed = false;
		l->n = 0;
		n = hy_unwind(regs, mem, lookup, l, st->pcs, HY_FRAMES_MAX, &e);
		if (!l->missed || attempt || t < p->pm.snap_ns ||
		    hy_procmaps_snapshot(&p->pm, st->mc, pid, now ? now : mono_ns()))
			break;
		st->stats.snapshots++;
	}
	for (int i = 0, k = 0; i < n; i++) {
		const struct hy_mapping *m = i < l->n ? l->maps[i] : NULL;

		if (st->hidden && m && m->name && !strcmp(m->name, st->hidden)) {
			kept--;
			continue;
		}
		hy_symbolize_in(m, st->pcs[i], i == 0, &st->frames[k++]);
	}
	n += kept;
	st->stats.unwound++;
	st->stats.frames += n;
	st->stats.truncated += end_of(e) == HY_STACK_TRUNCATED;
	return hy_frames_pack(out, st->frames, n, end_of(e));
}

static struct pending *pending_of(struct hy_stacks *st, int tid)
{
	struct pending *p = hy_tidmap_get(&st->pending, tid);

	if (!p && (p = calloc(1, sizeof(*p))) && hy_tidmap_put(&st->pending, tid, p)) {
		free(p);
		p = NULL;
	}
	return p;
}

static void set_reg(struct hy_uregs *r, int reg, uint64_t v)
{
	r->r[reg] = v;
	r->known |= 1u << reg;
}

static void regs_of(const struct hy_stack_regs *k, struct hy_uregs *r)
{
	memset(r, 0, sizeof(*r));
	set_reg(r, HY_UREG_RIP, k->ip);
	set_reg(r, HY_UREG_RSP, k->sp);
	set_reg(r, HY_UREG_RBP, k->bp);
	set_reg(r, HY_UREG_RBX, k->bx);
	set_reg(r, 12, k->r12);
	set_reg(r, 13, k->r13);
	set_reg(r, 14, k->r14);
	set_reg(r, 15, k->r15);
}

static void on_stack(struct hy_stacks *st, const struct hy_kev_stack *k, size_t len)
{
	struct hy_stack_regs kr = { k->ip, k->sp, k->bp, k->bx, k->r12, k->r13, k->r14, k->r15 };
	struct hy_uregs regs;
	struct hy_umem mem = { (const uint8_t *)(k + 1), k->sp, len - sizeof(*k), NULL, NULL };
	struct proc *p = proc_of(st, k->hdr.tgid);
	struct pending *pend = pending_of(st, k->hdr.tid);

	if (!p || !pend)
		return;
	if (k->hdr.aux < mem.len)
		mem.len = k->hdr.aux;
	regs_of(&kr, &regs);
	pend->have = !unwind(st, p, k->hdr.tgid, &regs, &mem, k->hdr.ts, 0, &pend->blob);
	pend->ts = k->hdr.ts;
}

/* A thread that executes takes over its leader's tid (aux: the old one). */
static void on_exec(struct hy_stacks *st, const struct hy_kev_hdr *h, uint64_t now)
{
	struct proc *p = proc_of(st, h->tgid);

	if (h->aux != h->tid) {
		struct pending *old = hy_tidmap_del(&st->pending, h->aux);

		if (old) {
			struct pending *gone = hy_tidmap_del(&st->pending, h->tid);

			if (gone)
				free_pending(NULL, h->tid, gone);
			if (hy_tidmap_put(&st->pending, h->tid, old))
				free_pending(NULL, h->tid, old);
		}
	}
	if (!p)
		return;
	hy_procmaps_end_all(&p->pm, h->ts);
	if (!hy_procmaps_snapshot(&p->pm, st->mc, h->tgid, now))
		st->stats.snapshots++;
}

static void on_task_exit(struct hy_stacks *st, const struct hy_kev_hdr *h)
{
	struct pending *p = hy_tidmap_del(&st->pending, h->tid);

	if (p)
		free_pending(NULL, h->tid, p);
	if (h->tid == h->tgid)
		drop_proc(st, h->tgid);
	hy_tidmap_del(&st->forked, h->tid);
}

void hy_stacks_kernel(struct hy_stacks *st, const void *rec, size_t len)
{
	const struct hy_kev_hdr *h = rec;

	if (len < sizeof(*h))
		return;
	switch (h->type) {
	case HY_KEV_STACK:
		if (len >= sizeof(struct hy_kev_stack))
			on_stack(st, rec, len);
		break;
	case HY_KEV_FORK:
		/* aux is the new task; a thread's entry is never looked up */
		drop_proc(st, h->aux);
		hy_tidmap_put(&st->forked, h->aux, (void *)(intptr_t)h->tgid);
		break;
	case HY_KEV_EXEC:
		on_exec(st, h, mono_ns());
		break;
	case HY_KEV_TASK_EXIT:
		on_task_exit(st, h);
		break;
	}
}

void hy_stacks_attach(struct hy_stacks *st, struct hy_record *r)
{
	struct pending *p = hy_tidmap_get(&st->pending, r->tid);

	if (!p || !p->have || p->ts > r->t_enter)
		return;
	p->have = false; /* an older stack's call never came: it is dropped */
	if (p->ts == r->t_enter)
		hy_rec_add_chunk(r, HY_PHASE_ENTER, HY_STACK_ARG, 0, p->blob.p, p->blob.len,
				 HY_MEM_STACK);
}

const struct hy_bytes *hy_stacks_live(struct hy_stacks *st, pid_t tgid,
				      const struct hy_stack_regs *regs, hy_stack_read read,
				      void *read_ctx, uint64_t now)
{
	struct hy_uregs ur;
	struct hy_umem mem = { st->live_stack, regs->sp, 0, read, read_ctx };
	struct proc *p = proc_of(st, tgid);
	ssize_t n;
	int err;

	if (!p)
		return NULL;
	regs_of(regs, &ur);
	/* one read for the stack (it ends at the first unmapped page); more only if needed */
	n = read(read_ctx, regs->sp, st->live_stack, HY_STACK_MAX);
	mem.len = n > 0 ? n : 0;
	err = unwind(st, p, tgid, &ur, &mem, now, now, &st->live);
	return err ? NULL : &st->live;
}

const struct hy_bytes *hy_stacks_last_live(const struct hy_stacks *st)
{
	return &st->live;
}

void hy_stacks_exec(struct hy_stacks *st, pid_t tgid, uint64_t now)
{
	struct proc *p = proc_of(st, tgid);

	if (!p)
		return;
	hy_procmaps_end_all(&p->pm, now);
	if (!hy_procmaps_snapshot(&p->pm, st->mc, tgid, now))
		st->stats.snapshots++;
}

void hy_stacks_read_maps(struct hy_stacks *st, pid_t tgid, pid_t of)
{
	struct proc *p = proc_of(st, tgid);

	if (p && !hy_procmaps_snapshot(&p->pm, st->mc, of, mono_ns()))
		st->stats.snapshots++;
}

int hy_stacks_hide(struct hy_stacks *st, const char *path)
{
	char *real = realpath(path, NULL);

	if (!real)
		return -errno;
	free(st->hidden);
	st->hidden = real;
	return 0;
}

void hy_stacks_get_stats(const struct hy_stacks *st, struct hy_stacks_stats *out)
{
	*out = st->stats;
}
