// SPDX-License-Identifier: MIT
/* hy_run(): one traced run, from the tools' init to their on_end. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "kernel_recorder.h"
#include "merge.h"
#include "seccomp_filter.h"
#include "session.h"
#include "spawn.h"

static void sink(void *ctx, struct hy_record *r)
{
	hy_tools_event(ctx, r);
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
	struct hy_krec_opts ko = { .strsize = s->strsize };

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

int hy_run(const struct hy_run_opts *opts, char *const argv[], int *wstatus,
	   struct hy_run_stats *stats)
{
	struct hy_session *s;
	struct sock_fprog filter = { 0 };
	char path[PATH_MAX];
	pid_t pid;
	int err;

	hy_error_clear();
	if (!opts || !argv || !argv[0])
		return hy_error(-EINVAL, "no command given");
	err = hy_which(argv[0], path, sizeof(path));
	if (err)
		return err;
	s = calloc(1, sizeof(*s));
	if (!s)
		return hy_error(-ENOMEM, "out of memory");
	s->opts = opts;
	s->out = opts->out ? opts->out : stderr;
	s->strsize = opts->strsize ? opts->strsize : 32;
	s->set_syscall_info = true;
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
	err = hy_trace_loop(s);
	hy_merge_finish(s->merge);
	if (s->krec)
		s->stats.lost = hy_krec_lost(s->krec);
	hy_tools_end(s);
	if (wstatus)
		*wstatus = s->first_status;
out:
	if (stats)
		*stats = s->stats;
	hy_seccomp_free(&filter);
	hy_merge_free(s->merge);
	hy_tasks_free(s);
	hy_krec_close(s->krec);
	free(s->tools);
	free(s);
	return err;
}
