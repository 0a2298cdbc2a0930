// SPDX-License-Identifier: MIT
/*
 * Watching without a backend: the kernel recorder's task records (fork, exec,
 * exit) drive the tools' task callbacks, and its syscall records their events.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "drain.h"
#include "end_request.h"
#include "error.h"
#include "hy_event.h"
#include "kernel_recorder.h"
#include "kernel_signals.h"
#include "merge.h"
#include "observe.h"
#include "procfs.h"
#include "runtime.h"
#include "session.h"

static void on_kernel_task(void *ctx, int type, int tid, int tgid, int aux, uint64_t ts)
{
	struct hy_session *s = ctx;
	struct hy_task *t;

	switch (type) {
	case HY_KEV_FORK: /* the record is the parent's; aux is the child */
		hy_rt_task_fork(s, aux, 0, tgid, ts);
		break;
	case HY_KEV_EXEC:
		hy_rt_exec(s, tid, aux);
		break;
	case HY_KEV_TASK_EXIT:
		if ((t = hy_task_find(&s->tasks, tid)))
			hy_rt_task_exit_at(s, t, aux, ts);
		break;
	}
}

struct adopt_ctx {
	struct hy_session *s;
	pid_t pid;
};

static int adopt(void *ctx, pid_t tid)
{
	struct adopt_ctx *a = ctx;
	int err;

	if (hy_task_find(&a->s->tasks, tid))
		return 0;
	err = hy_krec_adopt_running(a->s->krec, tid);
	if (err)
		return err;
	return hy_rt_task_get(a->s, tid, a->pid, 0) ? 1 : -ENOMEM;
}

int hy_observe_attach(struct hy_session *s, pid_t pid)
{
	struct adopt_ctx a = { s, pid };
	int err;

	hy_merge_set_task_sink(s->merge, on_kernel_task, s);
	/* no tracer's signal stops: the recorder's signal records (kernel_signals.h) */
	s->record_hook = hy_kernel_signal;
	err = hy_proc_adopt_threads(pid, adopt, &a);
	if (err == -ESRCH)
		return hy_error(-ESRCH, "no process %d", pid);
	return err;
}

int hy_observe_follow(struct hy_session *s, pid_t tid, pid_t tgid, pid_t ppid)
{
	hy_merge_set_task_sink(s->merge, on_kernel_task, s);
	return hy_rt_task_get(s, tid, tgid, ppid) ? 0 : hy_error(-ENOMEM, "out of memory");
}

static void collect(void *ctx, struct hy_task *t)
{
	pid_t **end = ctx;

	*(*end)++ = t->tid;
}

static int by_tid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/*
 * Interrupted: the tasks still watched are let go, told in strace's order
 * (its attach order: the main thread first). Their states stay for the
 * tools' end, as they did.
 */
static void let_go(struct hy_session *s)
{
	size_t n = hy_tasks_count(&s->tasks);
	pid_t *v, *end;

	if (!n || !(v = calloc(n, sizeof(*v))))
		return;
	end = v;
	hy_tasks_each(&s->tasks, collect, &end);
	qsort(v, n, sizeof(*v), by_tid);
	for (size_t i = 0; i < n; i++)
		hy_rt_note_process(s, v[i], "detached");
	free(v);
}

int hy_observe_loop(struct hy_session *s)
{
	while (!hy_end_requested()) {
		struct pollfd pfd = { .fd = hy_krec_fd(s->krec), .events = POLLIN };

		poll(&pfd, 1, 50);
		hy_drain(s);
		/* the output may be fully buffered: lines show within a tick, as with a tracer */
		hy_drain_tick(s, hy_now_ns());
		if (!hy_krec_guests(s->krec))
			break;
	}
	hy_drain(s);
	if (hy_end_requested())
		let_go(s);
	return 0;
}
