// SPDX-License-Identifier: MIT
/* hy_run(): one traced run, from the tools' init to their on_end. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "hy_event.h"
#include "kernel_recorder.h"
#include "merge.h"
#include "ptrace/seccomp_filter.h"
#include "session.h"
#include "ptrace/spawn.h"

static void sink(void *ctx, struct hy_record *r)
{
	hy_tools_event(ctx, r);
}

/* Kernel-only attach: the recorder's task records drive the tools' task callbacks. */
static void on_kernel_task(void *ctx, int type, int tid, int tgid, int aux)
{
	struct hy_session *s = ctx;
	struct hy_task *t;

	switch (type) {
	case HY_KEV_FORK: /* the record is the parent's; aux is the child */
		if (!hy_task_find(s, aux))
			hy_task_get(s, aux, 0, tgid);
		break;
	case HY_KEV_EXEC:
		if (aux != tid)
			hy_task_rename(s, aux, tid);
		if ((t = hy_task_find(s, tid)))
			hy_task_exec(s, t);
		break;
	case HY_KEV_TASK_EXIT:
		if ((t = hy_task_find(s, tid)))
			hy_task_exit(s, t, aux);
		break;
	}
}

static void notice(struct hy_session *s, const char *msg)
{
	if (s->opts->notice)
		s->opts->notice(s->opts->notice_ctx, msg);
}

static int setup_tools(struct hy_session *s, const struct hy_run_opts *o)
{
	s->ntools = o->ntools;
	s->tools = calloc(o->ntools ? o->ntools : 1, sizeof(*s->tools));
	if (!s->tools)
		return hy_error(-ENOMEM, "out of memory");
	if (o->ntools > 32)
		return hy_error(-EINVAL, "at most 32 tools");
	for (int i = 0; i < o->ntools; i++) {
		const struct hy_tool *t = o->tools[i];

		if (!t || t->abi_version != HY_TOOL_ABI_VERSION)
			return hy_error(-EINVAL, "tool %s has ABI version %u, this library needs %u",
					t && t->name ? t->name : "?", t ? t->abi_version : 0,
					HY_TOOL_ABI_VERSION);
		s->tools[i].tool = t;
		s->tools[i].nopts = o->tool_nopts ? o->tool_nopts[i] : 0;
		s->tools[i].keys = o->tool_keys ? o->tool_keys[i] : NULL;
		s->tools[i].values = o->tool_values ? o->tool_values[i] : NULL;
	}
	return hy_tools_init(s);
}

static void open_kernel_recorder(struct hy_session *s)
{
	int err;

	if (s->opts->no_kernel) {
		snprintf(s->stats.kernel_unavailable, sizeof(s->stats.kernel_unavailable),
			 "disabled (--no-kernel)");
		return;
	}
	struct hy_krec_opts ko = { .strsize = s->strsize, .capture = &s->memory };

	err = hy_krec_open(&s->krec, &ko);
	if (err) {
		char msg[256];

		snprintf(s->stats.kernel_unavailable, sizeof(s->stats.kernel_unavailable), "%s",
			 hy_last_error());
		snprintf(msg, sizeof(msg), "%s; escalating every shown syscall instead",
			 hy_last_error());
		notice(s, msg);
		s->krec = NULL;
	}
}

/*
 * -p: with a subscription, ptrace every thread (stops at every syscall); without,
 * only the kernel recorder watches (see attach.c).
 */
static int run_attached(struct hy_session *s)
{
	bool use_ptrace = !hy_sysset_empty(&s->escalate);
	int err = 0;

	s->attach_mode = true;
	s->syscall_stops = use_ptrace;
	if (!use_ptrace && !s->krec)
		return hy_error(-ENOSYS, "attaching without a subscription needs the kernel recorder: %s",
				s->stats.kernel_unavailable);
	for (int i = 0; i < s->opts->nattach && !err; i++) {
		char msg[64];

		err = hy_attach(s, s->opts->attach_pids[i], use_ptrace);
		snprintf(msg, sizeof(msg), "Process %d attached", s->opts->attach_pids[i]);
		if (!err)
			notice(s, msg); /* as strace says it: scripts wait for this line */
	}
	if (err)
		return err;
	if (use_ptrace) {
		hy_cpu_init(s);
		return hy_trace_loop(s);
	}
	hy_merge_set_task_sink(s->merge, on_kernel_task, s);
	return hy_watch_loop(s);
}

int hy_run(const struct hy_run_opts *opts, char *const argv[], int *wstatus,
	   struct hy_run_stats *stats)
{
	struct hy_session *s;
	struct sock_fprog filter = { 0 };
	char path[PATH_MAX];
	pid_t pid;
	int err;

	hy_error_clear();
	if (!opts || ((!argv || !argv[0]) && !opts->nattach))
		return hy_error(-EINVAL, "no command given");
	if (!opts->nattach && (err = hy_which(argv[0], path, sizeof(path))))
		return err;
	s = calloc(1, sizeof(*s));
	if (!s)
		return hy_error(-ENOMEM, "out of memory");
	s->opts = opts;
	s->out = opts->out ? opts->out : stderr;
	s->strsize = opts->strsize ? opts->strsize : 32;
	s->set_syscall_info = true;
	hy_pidns_init(s);
	err = setup_tools(s, opts);
	if (err)
		goto out;
	open_kernel_recorder(s);
	s->stats.kernel_recorder = s->krec != NULL;
	if (!s->krec)
		hy_sysset_union(&s->escalate, &s->shown);
	s->merge = hy_merge_new(sink, s);
	if (!s->merge) {
		err = hy_error(-ENOMEM, "out of memory");
		goto out;
	}
	if (opts->nattach) {
		err = run_attached(s);
		goto finish;
	}
	if (!hy_sysset_empty(&s->escalate)) {
		err = hy_seccomp_build(&s->escalate, &filter);
		if (err) {
			hy_error(err, "cannot build the seccomp filter: %s", strerror(-err));
			goto out;
		}
	}
	err = hy_spawn(s, path, argv, filter.filter ? &filter : NULL, &pid);
	if (err)
		goto out;
	s->first_pid = pid;
	hy_task_get(s, pid, pid, getpid());
	hy_cpu_init(s);
	err = hy_trace_loop(s);
finish:
	hy_merge_finish(s->merge);
	if (s->krec) {
		s->stats.lost = hy_krec_lost(s->krec);
		s->stats.untracked = hy_krec_untracked(s->krec);
		s->stats.missed = hy_krec_missed(s->krec);
	}
	hy_tools_end(s, true);
	if (wstatus)
		*wstatus = s->first_status;
out:
	if (err && s->tools)
		hy_tools_end(s, false);
	if (stats)
		*stats = s->stats;
	hy_seccomp_free(&filter);
	hy_merge_free(s->merge);
	hy_tasks_free(s);
	hy_pidns_free(s);
	hy_krec_close(s->krec);
	free(s->tools);
	free(s);
	return err;
}
