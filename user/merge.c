// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hy_event.h"
#include "merge.h"
#include "sock_ends.h"
#include "tidmap.h"

enum note_kind {
	NOTE_RUN,  /* escalated, ran: annotate the next enter */
	NOTE_SKIP, /* escalated, skipped: pairs with an exit record of nr -1 */
	NOTE_EXIT, /* the handler's result at the exit stop */
};

struct note {
	enum note_kind kind;
	uint64_t ts;
	unsigned int flags;
	bool want_exit;
	int64_t ret;
	bool changed;
	struct hy_record *rec; /* NOTE_SKIP */
};

#define PEND_SOCKS 4 /* a call's socket descriptors kept (dup2's two, socketpair's) */

struct pend {
	bool have;	/* an enter is waiting for its exit */
	bool want_exit; /* ...and for the handler's exit result */
	bool exit_seen; /* the exit came; only the handler's result is missing */
	struct hy_record rec;
	uint64_t ip, ip_ts; /* HY_KEV_IP: the instruction pointer of the call begun at ip_ts */
	/* HY_KEV_SOCK: sockets read at the enter (or exit) of the call at ts, for it */
	struct hy_kev_sock socks[PEND_SOCKS];
	int nsocks;
	struct note *notes; /* a FIFO: [head, tail) */
	int head, tail, cap;
};

struct hy_merge {
	struct hy_tidmap pend;
	hy_merge_sink sink;
	void *ctx;
	hy_merge_task_sink task_sink;
	void *task_ctx;
	hy_merge_reader reader;
	void *reader_ctx;
};

void hy_merge_set_task_sink(struct hy_merge *m, hy_merge_task_sink sink, void *ctx)
{
	m->task_sink = sink;
	m->task_ctx = ctx;
}

void hy_merge_set_reader(struct hy_merge *m, hy_merge_reader reader, void *ctx)
{
	m->reader = reader;
	m->reader_ctx = ctx;
}

struct hy_merge *hy_merge_new(hy_merge_sink sink, void *ctx)
{
	struct hy_merge *m = calloc(1, sizeof(*m));

	if (m) {
		m->sink = sink;
		m->ctx = ctx;
	}
	return m;
}

static struct pend *get(struct hy_merge *m, int tid)
{
	struct pend *p = hy_tidmap_get(&m->pend, tid);

	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (hy_tidmap_put(&m->pend, tid, p)) {
		free(p);
		return NULL;
	}
	return p;
}

/* Before the call's records: kept for the call that begins (or ends) at its ts. */
static void keep_sock(struct pend *p, const struct hy_kev_sock *k)
{
	if (p->nsocks == PEND_SOCKS) { /* the oldest goes: more than a call has */
		memmove(&p->socks[0], &p->socks[1], (PEND_SOCKS - 1) * sizeof(p->socks[0]));
		p->nsocks--;
	}
	p->socks[p->nsocks++] = *k;
}

/* The sockets read at @ts (the call's enter or exit) go to its record; older ones are stale. */
static void take_socks(struct pend *p, uint64_t ts, bool at_exit)
{
	int n = 0;

	for (int i = 0; i < p->nsocks; i++) {
		const struct hy_kev_hdr *h = &p->socks[i].hdr;

		if (h->ts == ts && !!(h->aux & HY_SOCK_AT_EXIT) == at_exit)
			hy_sock_ends_add(&p->rec, &p->socks[i]);
		else if (h->ts > ts)
			p->socks[n++] = p->socks[i];
	}
	p->nsocks = n;
}

static void emit(struct hy_merge *m, struct pend *p)
{
	p->have = false;
	p->want_exit = false;
	p->exit_seen = false;
	if (!(p->rec.flags & HY_MERGE_OWN))
		m->sink(m->ctx, &p->rec);
}

static void emit_unfinished(struct hy_merge *m, struct pend *p)
{
	p->rec.flags |= HY_EV_UNFINISHED;
	emit(m, p);
}

static int nnotes(const struct pend *p)
{
	return p->tail - p->head;
}

static struct note *front(struct pend *p)
{
	return &p->notes[p->head];
}

static void pop_note(struct pend *p)
{
	if (++p->head == p->tail)
		p->head = p->tail = 0;
}

static void emit_skip(struct hy_merge *m, struct note *n, int64_t ret, bool have_ret)
{
	struct hy_record *r = n->rec;

	r->ret = have_ret ? ret : r->skip_ret;
	m->sink(m->ctx, r);
	hy_rec_release(r);
	free(r);
	n->rec = NULL;
}

static int push_note(struct pend *p, const struct note *n)
{
	if (p->tail == p->cap && p->head) {
		/* compact: amortised, each note moves at most once per growth */
		memmove(p->notes, front(p), nnotes(p) * sizeof(*p->notes));
		p->tail -= p->head;
		p->head = 0;
	}
	if (p->tail == p->cap) {
		int cap = p->cap ? p->cap * 2 : 4;
		struct note *v = realloc(p->notes, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		p->notes = v;
		p->cap = cap;
	}
	p->notes[p->tail++] = *n;
	return 0;
}

static void add_caps(struct hy_record *r, const struct hy_kev_sys *e, size_t len, enum hy_phase ph,
		     size_t hdr)
{
	size_t off = hdr;

	for (int i = 0; i < e->ncap && off + sizeof(struct hy_kcap) <= len; i++) {
		const struct hy_kcap *c = (const void *)((const char *)e + off);
		unsigned int flags = 0;

		off += sizeof(*c);
		if (off + c->len > len)
			break;
		if (c->flags & HY_KCAP_TRUNC)
			flags |= HY_MEM_TRUNC;
		if (c->flags & HY_KCAP_FAULT)
			flags |= HY_MEM_FAULT;
		if (c->flags & HY_KCAP_STR)
			flags |= HY_MEM_STR;
		if (c->flags & HY_KCAP_COUNT)
			flags |= HY_MEM_COUNT;
		/* what the kernel knew, not memory: a chunk of the record's own phase */
		hy_rec_add_chunk(r, c->flags & HY_KCAP_META ? HY_PHASE_META : ph, c->arg, c->addr,
				 (const char *)c + sizeof(*c), c->len, flags);
		off += (c->len + 7) & ~7u;
	}
}

/* A call began on @tid: its pending record, with the notes taken before it applied. */
static struct pend *begin_call(struct hy_merge *m, const struct hy_kev_hdr *h, int abi, long nr,
			       const void *args, uint64_t t_enter)
{
	struct pend *p = get(m, h->tid);
	struct hy_record *r;

	if (!p)
		return NULL;
	if (p->have)
		emit_unfinished(m, p);
	r = &p->rec;
	hy_rec_reset(r);
	r->tid = h->tid;
	r->pid = h->tgid;
	r->cgroup = h->aux; /* the cgroup id, in runs that watch a cgroup or every task */
	r->abi = abi;
	r->nr = nr;
	r->ent = hy_sysent_get(r->abi, r->nr);
	memcpy(r->args, args, sizeof(r->args));
	r->t_enter = t_enter;
	if (p->ip_ts == t_enter)
		r->ip = p->ip;
	if (p->nsocks)
		take_socks(p, t_enter, false);
	p->have = true;

	/* the notes taken before this call began: a skipped call missing its exit, or ours */
	while (nnotes(p) && front(p)->ts < t_enter && front(p)->kind != NOTE_EXIT) {
		struct note n = *front(p);

		pop_note(p);
		if (n.kind == NOTE_SKIP) {
			emit_skip(m, &n, 0, false);
			continue;
		}
		r->flags |= n.flags;
		if (n.flags & HY_EV_DELAYED && n.ts < r->t_enter)
			r->t_enter = n.ts;
		p->want_exit = n.want_exit;
	}
	return p;
}

/* The pending call of @p returned @ret. */
static void end_call(struct hy_merge *m, struct pend *p, int64_t ret, uint64_t t_exit)
{
	p->rec.ret = ret;
	p->rec.t_exit = t_exit;
	if (p->nsocks)
		take_socks(p, t_exit, true);
	if (p->want_exit) {
		if (!nnotes(p) || front(p)->kind != NOTE_EXIT) {
			p->exit_seen = true;
			return; /* the handler's result comes with its note */
		}
		if (front(p)->changed) {
			p->rec.ret = front(p)->ret;
			p->rec.flags |= HY_EV_RETVAL_SET;
		}
		p->rec.flags |= front(p)->flags;
		pop_note(p);
	}
	emit(m, p);
}

/*
 * The kernel's end of a call the tracer skipped, which began at @t_enter: the
 * noted call with its result. Under seccomp the kernel sees only its exit (number
 * -1); attached with PTRACE_SYSCALL, the skip comes before sys_enter, which sees
 * a call of number -1.
 */
static bool end_skip(struct hy_merge *m, int tid, uint64_t t_enter, int64_t ret, uint64_t t_exit)
{
	struct pend *p = hy_tidmap_get(&m->pend, tid);
	struct note n;

	if (!p || !nnotes(p) || front(p)->kind != NOTE_SKIP || front(p)->ts >= t_enter)
		return false;
	n = *front(p);
	pop_note(p);
	n.rec->t_exit = t_exit;
	emit_skip(m, &n, ret, true);
	return true;
}

static void on_sys_enter(struct hy_merge *m, const struct hy_kev_sys *e, size_t len)
{
	struct pend *p = begin_call(m, &e->hdr, e->abi, e->nr, e->args, e->hdr.ts);

	if (!p)
		return;
	if (e->flags & HY_SYS_ON_PATH)
		p->rec.flags |= HY_EV_ON_PATH;
	add_caps(&p->rec, e, len, HY_PHASE_ENTER, sizeof(*e));
}

static void on_call(struct hy_merge *m, const struct hy_kev_call *c, size_t len)
{
	struct pend *p;

	if (c->nr == -1 && end_skip(m, c->hdr.tid, c->enter_ts, c->ret, c->hdr.ts))
		return;
	p = begin_call(m, &c->hdr, c->abi, c->nr, c->args, c->enter_ts);
	if (!p)
		return;
	if (c->flags & HY_CALL_ON_PATH)
		p->rec.flags |= HY_EV_ON_PATH;
	if (c->flags & HY_CALL_UNFINISHED) {
		emit_unfinished(m, p);
		return;
	}
	add_caps(&p->rec, (const struct hy_kev_sys *)c, len, HY_PHASE_EXIT, sizeof(*c));
	end_call(m, p, c->ret, c->hdr.ts);
}

static void on_sys_exit(struct hy_merge *m, const struct hy_kev_sys *e, size_t len)
{
	struct pend *p = hy_tidmap_get(&m->pend, e->hdr.tid);

	if (e->nr == -1) {
		/* a skipped call: the kernel saw no enter */
		end_skip(m, e->hdr.tid, e->hdr.ts, e->ret, e->hdr.ts);
		return;
	}
	if (!p || !p->have)
		return; /* a child's return from fork, or a call begun before it was a guest */
	if ((e->flags & HY_SYS_LIVE) && m->reader)
		m->reader(m->reader_ctx, &p->rec); /* the task is held: its entry memory as it is */
	add_caps(&p->rec, e, len, HY_PHASE_EXIT, HY_KEV_EXIT_SIZE);
	end_call(m, p, e->ret, e->hdr.ts);
}

/*
 * execve's path (execveat's name) from @file, the name the kernel was given,
 * when the call's own memory could not be read: a literal in a page a forked
 * child never touched. For a directory fd, execveat's kernel name is
 * "/dev/fd/N/NAME" ("/dev/fd/N" for AT_EMPTY_PATH): NAME is what was passed.
 */
static void exec_file(struct pend *p, int path_arg, const char *file, size_t n)
{
	uint64_t ptr = p->rec.args[path_arg];
	const char *str;
	size_t slen;
	bool trunc;
	char tmp[1], dir[32];
	int dfd = (int)p->rec.args[0], k;

	if (!n || memchr(file, 0, n) == NULL || !ptr ||
	    !hy_rec_str(&p->rec, ptr, &str, &slen, &trunc, tmp, 0))
		return;
	k = snprintf(dir, sizeof(dir), "/dev/fd/%d", dfd);
	if (path_arg == 1 && dfd != AT_FDCWD && !strncmp(file, dir, k) &&
	    (file[k] == '/' || !file[k]))
		file += k + (file[k] == '/');
	hy_rec_add_chunk(&p->rec, HY_PHASE_ENTER, path_arg, ptr, file, strlen(file), HY_MEM_STR);
}

/*
 * The new program's arguments: fill in execve's argv strings that could not be
 * read when the call began (they sit in pages not yet faulted in), and its
 * path; the count of its envp, whose captured pointers end before their NULL
 * past HY_CAP_MAX / 8 of them (strace counts them all).
 */
static void exec_args(struct hy_merge *m, const struct hy_kev_exec_args *x, size_t len)
{
	const struct hy_kev_hdr *h = &x->hdr;
	struct pend *p = hy_tidmap_get(&m->pend, h->tid);
	size_t body = len - sizeof(*x), nargs = h->aux < body ? h->aux : body;
	const char *s = (const char *)(x + 1), *end = s + nargs;
	unsigned int ws;
	int argv_arg;
	uint64_t ptr;

	if (!p || !p->have || !p->rec.ent)
		return;
	argv_arg = p->rec.ent->args[1].kind == HY_A_ARGV ? 1 : 2; /* execve / execveat */
	exec_file(p, argv_arg - 1, end, body - nargs);
	if (x->envc != HY_EXEC_ENVC_UNKNOWN && p->rec.args[argv_arg + 1])
		hy_rec_add_chunk(&p->rec, HY_PHASE_ENTER, argv_arg + 1, p->rec.args[argv_arg + 1],
				 &x->envc, sizeof(x->envc), HY_MEM_COUNT);
	ws = p->rec.abi == HY_ABI_X86_64 ? 8 : 4;
	for (int i = 0; s < end; i++) {
		size_t n = strnlen(s, end - s);
		char tmp[1];
		const char *str;
		size_t slen;
		bool trunc;

		ptr = 0;
		if (hy_rec_read(&p->rec, HY_PHASE_ENTER, p->rec.args[argv_arg] + (uint64_t)i * ws,
				&ptr, ws) != (ssize_t)ws ||
		    !ptr)
			break;
		if (hy_rec_str(&p->rec, ptr, &str, &slen, &trunc, tmp, 0))
			hy_rec_add_chunk(&p->rec, HY_PHASE_ENTER, argv_arg, ptr, s, n, HY_MEM_STR);
		s += n + 1;
	}
}

static void free_pend(struct hy_merge *m, struct pend *p)
{
	if (p->have)
		emit_unfinished(m, p);
	for (int i = p->head; i < p->tail; i++)
		if (p->notes[i].kind == NOTE_SKIP)
			emit_skip(m, &p->notes[i], 0, false);
	hy_rec_release(&p->rec);
	free(p->notes);
	free(p);
}

static void drop(struct hy_merge *m, int tid)
{
	struct pend *p = hy_tidmap_del(&m->pend, tid);

	if (p)
		free_pend(m, p);
}

void hy_merge_kernel(struct hy_merge *m, const void *rec, size_t len)
{
	const struct hy_kev_hdr *h = rec;

	if (len < sizeof(*h))
		return;
	if (m->task_sink && (h->type == HY_KEV_FORK || h->type == HY_KEV_EXEC))
		m->task_sink(m->task_ctx, h->type, h->tid, h->tgid, h->aux, h->ts);
	switch (h->type) {
	case HY_KEV_IP: {
		/* before the call's own records: kept for the call that begins at its ts */
		struct pend *p = len >= sizeof(struct hy_kev_ip) ? get(m, h->tid) : NULL;

		if (p) {
			p->ip = ((const struct hy_kev_ip *)rec)->ip;
			p->ip_ts = h->ts;
		}
		break;
	}
	case HY_KEV_SOCK: {
		struct pend *p = len >= sizeof(struct hy_kev_sock) ? get(m, h->tid) : NULL;

		if (p)
			keep_sock(p, rec);
		break;
	}
	case HY_KEV_ENTER:
		if (len >= sizeof(struct hy_kev_sys))
			on_sys_enter(m, rec, len);
		break;
	case HY_KEV_EXIT:
		if (len >= HY_KEV_EXIT_SIZE)
			on_sys_exit(m, rec, len);
		break;
	case HY_KEV_CALL:
		if (len >= sizeof(struct hy_kev_call))
			on_call(m, rec, len);
		break;
	case HY_KEV_REFETCH: {
		struct pend *p = hy_tidmap_get(&m->pend, h->tid);

		if (p && p->have && len >= sizeof(struct hy_kev_sys))
			add_caps(&p->rec, rec, len, HY_PHASE_ENTER, sizeof(struct hy_kev_sys));
		break;
	}
	case HY_KEV_EXEC_ARGS:
		if (len >= sizeof(struct hy_kev_exec_args))
			exec_args(m, (const struct hy_kev_exec_args *)h, len);
		break;
	case HY_KEV_EXEC:
		/* a thread that executes takes the leader's tid: its execve finishes there */
		if (h->aux != h->tid) {
			struct pend *old = hy_tidmap_del(&m->pend, h->aux);

			if (old) {
				drop(m, h->tid);
				old->rec.tid = h->tid;
				hy_tidmap_put(&m->pend, h->tid, old);
			}
		}
		break;
	case HY_KEV_TASK_EXIT:
		drop(m, h->tid);
		if (m->task_sink)
			m->task_sink(m->task_ctx, h->type, h->tid, h->tgid, h->aux, h->ts);
		break;
	default:
		break;
	}
}

void hy_merge_note_run(struct hy_merge *m, int tid, uint64_t ts, unsigned int flags, bool want_exit)
{
	struct pend *p = get(m, tid);
	struct note n = { .kind = NOTE_RUN, .ts = ts, .flags = flags, .want_exit = want_exit };

	if (p)
		push_note(p, &n);
}

void hy_merge_note_skip(struct hy_merge *m, const struct hy_record *r, uint64_t ts)
{
	struct pend *p = get(m, r->tid);
	struct note n = { .kind = NOTE_SKIP, .ts = ts };

	if (!p)
		return;
	n.rec = calloc(1, sizeof(*n.rec));
	if (!n.rec)
		return;
	if (hy_rec_copy(n.rec, r) || push_note(p, &n)) {
		hy_rec_release(n.rec);
		free(n.rec);
	}
}

uint64_t hy_merge_ip_at(struct hy_merge *m, int tid, uint64_t ts)
{
	struct pend *p = hy_tidmap_get(&m->pend, tid);

	return p && p->ip_ts == ts ? p->ip : 0;
}

void hy_merge_note_exit(struct hy_merge *m, int tid, int64_t ret, bool changed, unsigned int flags)
{
	struct pend *p = get(m, tid);
	struct note n = { .kind = NOTE_EXIT, .ret = ret, .changed = changed, .flags = flags };

	if (!p)
		return;
	if (p->have && p->exit_seen) {
		if (changed) {
			p->rec.ret = ret;
			p->rec.flags |= HY_EV_RETVAL_SET;
		}
		p->rec.flags |= flags;
		emit(m, p);
		return;
	}
	push_note(p, &n);
}

void hy_merge_tracer_record(struct hy_merge *m, struct hy_record *r)
{
	m->sink(m->ctx, r);
}

void hy_merge_task_gone(struct hy_merge *m, int tid)
{
	drop(m, tid);
}

static void drop_each(void *ctx, int tid, void *val)
{
	(void)tid;
	free_pend(ctx, val);
}

void hy_merge_finish(struct hy_merge *m)
{
	hy_tidmap_each(&m->pend, drop_each, m);
	hy_tidmap_free(&m->pend);
}

void hy_merge_free(struct hy_merge *m)
{
	if (!m)
		return;
	hy_merge_finish(m);
	free(m);
}
