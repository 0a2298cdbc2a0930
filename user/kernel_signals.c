// SPDX-License-Identifier: MIT
/*
 * A signal's delivery (or, for one the kernel drops as ignored, its sending),
 * from the kernel's record: the tools' on_signal in hytrace. The signal is
 * already on its way: what on_signal returns changes nothing on these runs
 * (docs/writing-tools.md).
 *
 * One a thread sends itself inside a call and the kernel drops as ignored
 * (kill(getpid(), SIGURG), SIGPIPE at a write) is recorded while that call
 * runs, before the call's own record: told after the call's event, where a
 * tracer's stop (after the call returns) shows it.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "hy_event.h"
#include "kernel_signals.h"
#include "record.h"
#include "runtime.h"
#include "session.h"

/* A thread's signals waiting for the end of the call they were sent in. */
struct late {
	int n;
	struct hy_kev_signal sig[4];
};

static void tell(struct hy_session *s, const struct hy_kev_signal *k)
{
	struct hy_task *t = hy_rt_task_get(s, k->hdr.tid, k->hdr.tgid, 0);
	siginfo_t si;

	if (!t)
		return;
	memset(&si, 0, sizeof(si));
	memcpy(&si, k->info, sizeof(k->info) < sizeof(si) ? sizeof(k->info) : sizeof(si));
	hy_rt_signal(s, t, (int)(k->hdr.aux & ~(HY_KSIG_IN_CALL | HY_KSIG_STOPS)), &si, 0,
		     k->hdr.aux & HY_KSIG_STOPS);
}

/* Tell @tid's waiting signals, or (@before nonzero) those sent before it. */
static void tell_late(struct hy_session *s, int tid, uint64_t before)
{
	struct late *l = hy_tidmap_get(&s->late_signals, tid);
	int i = 0;

	if (!l)
		return;
	for (; i < l->n && (!before || l->sig[i].hdr.ts <= before); i++)
		tell(s, &l->sig[i]);
	memmove(l->sig, l->sig + i, (l->n - i) * sizeof(l->sig[0]));
	l->n -= i;
	if (!l->n)
		free(hy_tidmap_del(&s->late_signals, tid));
}

static struct late *late_of(struct hy_session *s, int tid)
{
	struct late *l = hy_tidmap_get(&s->late_signals, tid);

	if (!l && (l = calloc(1, sizeof(*l))) && hy_tidmap_put(&s->late_signals, tid, l)) {
		free(l);
		l = NULL;
	}
	return l;
}

bool hy_kernel_signal(struct hy_session *s, const void *rec, size_t len)
{
	const struct hy_kev_signal *k = rec;
	struct late *l;

	if (len < sizeof(k->hdr))
		return false;
	if (k->hdr.type == HY_KEV_TASK_EXIT)
		tell_late(s, k->hdr.tid, 0); /* before its end, whatever became of its call */
	if (k->hdr.type != HY_KEV_SIGNAL)
		return false;
	if (len < sizeof(*k))
		return true;
	if (!(k->hdr.aux & HY_KSIG_IN_CALL)) {
		tell(s, k);
		return true;
	}
	if ((l = late_of(s, k->hdr.tid)) && l->n == (int)(sizeof(l->sig) / sizeof(l->sig[0]))) {
		tell_late(s, k->hdr.tid, 0); /* a call that sends itself more: in order, now */
		l = late_of(s, k->hdr.tid);
	}
	if (l)
		l->sig[l->n++] = *k;
	else
		tell(s, k);
	return true;
}

void hy_kernel_signals_after(struct hy_session *s, const struct hy_record *r)
{
	/* the call they were sent in ended after them; an earlier one emitted late did not */
	if (s->late_signals.live)
		tell_late(s, r->tid, r->t_exit);
}

void hy_kernel_signals_free(struct hy_session *s)
{
	hy_tidmap_free_values(&s->late_signals);
}
