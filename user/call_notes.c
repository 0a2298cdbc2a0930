// SPDX-License-Identifier: MIT
/* What became of a held call: notes for the merge, or the tracer's own record. */
#include <stdlib.h>
#include <string.h>

#include "call_notes.h"
#include "live_capture.h"
#include "merge.h"
#include "production.h" /* hy_totals_count_ended */
#include "session.h"
#include "sock_diag.h"
#include "stack/run_stacks.h"

/* A record of @t's held call (or of call @nr with @args), its entry memory captured. */
static void start_record(struct hy_session *s, struct hy_task *t, struct hy_record *r, long nr,
			 const uint64_t args[6], uint64_t ts)
{
	hy_rec_reset(r);
	r->tid = t->tid;
	r->pid = t->proc->tgid;
	r->abi = t->call.abi;
	r->nr = nr;
	r->ent = hy_sysent_get(r->abi, nr);
	memcpy(r->args, args, sizeof(r->args));
	r->t_enter = ts;
	r->flags = HY_EV_FROM_TRACER;
	if (s->want_ip)
		r->ip = t->call.ip;
	hy_capture_live(s, t, r, HY_PHASE_ENTER);
	/* -P: a descriptor no call showed open, looked up at the entry stop as strace does */
	hy_path_files_mark(&s->path_files, r);
	if (s->want_socks) /* -yy: before the call runs, as strace asks */
		hy_sock_ends_live(t->tid, r, HY_PHASE_ENTER);
	hy_run_stacks_record(s, t, r);
}

static void note_skip(struct hy_session *s, struct hy_task *t, bool shown, int64_t skip_ret,
		      unsigned int flags)
{
	struct hy_record *r = &t->rec;

	r->flags |= flags;
	r->skip_ret = skip_ret;
	r->ret = skip_ret;
	r->t_exit = hy_now_ns();
	if (s->krec) {
		/* the kernel sees only the exit (number -1): the note carries the call */
		r->flags &= ~HY_EV_FROM_TRACER;
		hy_merge_note_skip(s->merge, r, t->call.ts);
	} else if (shown) {
		hy_merge_tracer_record(s->merge, r);
	}
}

bool hy_note_entry(struct hy_session *s, struct hy_task *t, enum hy_cont cont, int64_t skip_ret)
{
	struct hy_call *c = &t->call;
	unsigned int flags = HY_EV_ESCALATED | (c->modified ? HY_EV_MODIFIED : 0) |
			     (c->delayed ? HY_EV_DELAYED : 0);
	bool shown = !s->krec && hy_sysset_contains(&s->shown, c->abi, c->nr);

	c->record_exit = false;
	if (shown || (s->krec && cont == HY_CONT_SKIP)) {
		start_record(s, t, &t->rec, c->nr, c->args, c->ts);
		t->rec.flags |= flags;
	}
	if (cont == HY_CONT_SKIP) {
		note_skip(s, t, shown, skip_ret, HY_EV_SKIPPED);
		return false;
	}
	if (s->krec)
		hy_merge_note_run(s->merge, t->tid, c->ts, flags, cont == HY_CONT_RUN_EXIT);
	c->record_exit = shown;
	return shown;
}

void hy_note_refused(struct hy_session *s, struct hy_task *t, int64_t ret)
{
	struct hy_call *c = &t->call;
	bool shown = !s->krec && hy_sysset_contains(&s->shown, c->abi, c->nr);

	c->record_exit = false;
	hy_totals_count_ended(s, c->abi, c->nr, ret);
	if (!shown && !s->krec)
		return;
	start_record(s, t, &t->rec, c->nr, c->args, c->ts);
	note_skip(s, t, shown, ret, 0); /* no tool's doing: no mark */
}

void hy_note_exit(struct hy_session *s, struct hy_task *t)
{
	struct hy_call *c = &t->call;
	struct hy_record *r = &t->rec;

	unsigned int delayed = c->delayed ? HY_EV_DELAYED : 0;

	if (s->krec && c->exit_tools)
		hy_merge_note_exit(s->merge, t->tid, c->ret, c->ret_changed, delayed);
	if (!c->record_exit)
		return;
	r->ret = c->ret;
	r->t_exit = hy_now_ns();
	r->flags |= delayed;
	if (c->ret_changed)
		r->flags |= HY_EV_RETVAL_SET;
	hy_capture_live(s, t, r, HY_PHASE_EXIT);
	if (s->want_socks)
		hy_sock_ends_live(t->tid, r, HY_PHASE_EXIT);
	hy_merge_tracer_record(s->merge, r);
	c->record_exit = false;
}

void hy_note_gone(struct hy_session *s, struct hy_task *t)
{
	if (!t->call.record_exit)
		return;
	t->rec.flags |= HY_EV_UNFINISHED;
	hy_merge_tracer_record(s->merge, &t->rec);
	t->call.record_exit = false;
}

struct hy_record *hy_note_inject(struct hy_session *s, struct hy_task *t, long nr,
				 const uint64_t args[6])
{
	struct hy_record *r;

	if (s->krec) {
		hy_merge_note_run(s->merge, t->tid, hy_now_ns(), HY_EV_INJECTED, false);
		return NULL;
	}
	if (!hy_sysset_contains(&s->shown, t->call.abi, nr) || !(r = calloc(1, sizeof(*r))))
		return NULL;
	start_record(s, t, r, nr, args, hy_now_ns());
	r->flags |= HY_EV_INJECTED;
	return r;
}

void hy_note_own(struct hy_session *s, struct hy_task *t)
{
	if (s->krec)
		hy_merge_note_run(s->merge, t->tid, hy_now_ns(), HY_MERGE_OWN, false);
}

void hy_note_injected(struct hy_session *s, struct hy_task *t, struct hy_record *r, int64_t ret)
{
	if (!r)
		return;
	r->ret = ret;
	r->t_exit = hy_now_ns();
	hy_capture_live(s, t, r, HY_PHASE_EXIT);
	hy_merge_tracer_record(s->merge, r);
	hy_rec_release(r);
	free(r);
}
