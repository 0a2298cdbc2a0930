// SPDX-License-Identifier: MIT
/* hy_run(): one traced run, from the tools' init to their on_end. */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deferred.h"
#include "drain.h"
#include "end_request.h"
#include "error.h"
#include "guest/guest.h"
#include "kernel_recorder.h"
#include "kernel_signals.h"
#include "kfilter.h"
#include "live_capture.h"
#include "merge.h"
#include "observe.h"
#include "procfs.h"
#include "production.h"
#include "ptrace/ptrace.h"
#include "runtime.h"
#include "session.h"
#include "stack/run_stacks.h"

static void sink(void *ctx, struct hy_record *r)
{
	hy_run_stacks_event(ctx, r);
	hy_guest_share_count(ctx, r);
	hy_rt_event(ctx, r);
	hy_kernel_signals_after(ctx, r);
}

static void notice(struct hy_session *s, const char *msg)
{
	if (s->opts.notice)
		s->opts.notice(s->opts.notice_ctx, msg);
}

/*
 * libbpf's convention for structs that grow: the caller says how big its struct
 * is; fields it does not know are zero here, and fields we do not know must be
 * zero there.
 */
static int copy_opts(struct hy_run_opts *dst, const struct hy_run_opts *src)
{
	size_t n = src->sz < sizeof(*dst) ? src->sz : sizeof(*dst);

	if (src->sz < offsetof(struct hy_run_opts, tools))
		return hy_error(-EINVAL,
				"hy_run: opts.sz is not set (declare them with HY_RUN_OPTS)");
	for (size_t i = sizeof(*dst); i < src->sz; i++)
		if (((const char *)src)[i])
			return hy_error(-EINVAL,
					"hy_run: options this library does not know are set");
	memset(dst, 0, sizeof(*dst));
	memcpy(dst, src, n);
	return 0;
}

static void copy_stats(struct hy_run_stats *dst, const struct hy_session *s)
{
	static __thread char why[sizeof(s->kernel_unavailable)];
	struct hy_run_stats st = s->stats;
	size_t sz = dst->sz;

	snprintf(why, sizeof(why), "%s", s->kernel_unavailable);
	st.kernel_unavailable = why;
	st.sz = sz;
	memcpy(dst, &st, sz < sizeof(st) ? sz : sizeof(st));
}

/* `auto` wanted the guest backend and cannot set it up: hy_guest_fits() says why. */
static void auto_unfit(struct hy_session *s)
{
	snprintf(s->guest_unfit, sizeof(s->guest_unfit), "%s", hy_last_error());
}

static int setup_tools(struct hy_session *s)
{
	const struct hy_run_opts *o = &s->opts;
	bool guest;
	int err;

	if (o->ntools > 32)
		return hy_error(-EINVAL, "at most 32 tools");
	s->ntools = o->ntools;
	s->tools = calloc(o->ntools ? o->ntools : 1, sizeof(*s->tools));
	if (!s->tools)
		return hy_error(-ENOMEM, "out of memory");
	for (int i = 0; i < o->ntools; i++) {
		const struct hy_tool *t = o->tools[i];
		struct hy_tool_inst *ti = &s->tools[i];

		if (!t || t->abi_version < 1 || t->abi_version > HY_TOOL_ABI_VERSION)
			return hy_error(-EINVAL,
					"tool %s has ABI version %u, this library takes 1 to %u",
					t && t->name ? t->name : "?", t ? t->abi_version : 0,
					HY_TOOL_ABI_VERSION);
		/* a version 1 tool ends before on_resume: the rest stays zero */
		memcpy(&ti->copy, t,
		       t->abi_version == 1 ? offsetof(struct hy_tool, on_resume) : sizeof(*t));
		ti->tool = &ti->copy;
		ti->nopts = o->tool_nopts ? o->tool_nopts[i] : 0;
		ti->keys = o->tool_keys ? o->tool_keys[i] : NULL;
		ti->values = o->tool_values ? o->tool_values[i] : NULL;
	}
	if ((err = hy_guest_wanted(s, &guest, &s->guest_auto)))
		return err;
	if (guest && (o->nattach || o->cgroup || o->all_tasks || o->gdbserver))
		return hy_error(-ENOSYS,
				"--backend=guest runs a launched command (no -p, --cgroup, "
				"-a or --gdbserver)");
	/* the guests share the tools' global state: it must exist before their init */
	if (guest && (err = hy_guest_prepare(s))) {
		if (!s->guest_auto)
			return err;
		auto_unfit(s); /* nothing is in the region yet: ptrace as if never asked */
		hy_guest_close(s);
		s->backend = NULL;
		s->global_shared = false;
		guest = false;
	}
	if ((err = hy_rt_init(s)))
		return err;
	if (guest && (err = hy_guest_publish(s)) && s->guest_auto) {
		auto_unfit(s); /* the region stays: the tools' global state is there */
		err = 0;
	}
	return err;
}

/*
 * -p without a subscription: only the kernel recorder watches, and no tracer
 * seizes the tasks (observe.c).
 */
static bool attached_without_ptrace(const struct hy_session *s)
{
	return s->opts.nattach && hy_sysset_empty(&s->escalate);
}

static void open_kernel_recorder(struct hy_session *s)
{
	struct hy_kf_config *filter;
	struct hy_krec_opts ko = { .strsize = s->strsize,
				   .plan_verbose = s->plan_verbose,
				   .want_ip = s->want_ip,
				   .want_socks = s->want_socks,
				   .capture = &s->memory,
				   .stacks = &s->stack_set,
				   .stack_bytes = s->opts.stack_size,
				   .watch_scope = s->prod->scope,
				   .watch_cgroup_fd = s->prod->cgroup_fd,
				   .guest_backend = s->guest_run,
				   .tune_malloc = s->opts.tune_malloc,
				   /* no tracer's signal stops: the kernel's records instead */
				   .signals = s->guest_run || attached_without_ptrace(s) ||
					      s->prod->scope != HY_AGG_TREE };
	char msg[300];
	int err;

	if (s->opts.no_kernel) {
		snprintf(s->kernel_unavailable, sizeof(s->kernel_unavailable),
			 "disabled (--no-kernel)");
		return;
	}
	/* calls the filter drops never reach the ring (bpf/kfilter.bpf.h) */
	ko.filter = filter = hy_kfilter_new(s);
	err = hy_krec_open(&s->krec, &ko);
	free(filter);
	if (!err)
		return;
	snprintf(s->kernel_unavailable, sizeof(s->kernel_unavailable), "%s", hy_last_error());
	snprintf(msg, sizeof(msg), "%s; escalating every shown syscall instead", hy_last_error());
	notice(s, msg);
	s->krec = NULL;
}

/*
 * What strace refuses too: hytrace itself (it would record its own calls to
 * record them, forever) and a zombie (it makes no more calls and its end was
 * already reported to its parent: the run would never end).
 */
static int check_attachable(pid_t pid)
{
	long tgid = 0;
	int live = hy_proc_liveness(pid);

	hy_proc_status(pid, "Tgid:", &tgid, 1);
	if (pid == getpid() || tgid == getpid())
		return hy_error(-EINVAL, "-p %d: that is hytrace itself", pid);
	if (live < 0)
		return hy_error(-ESRCH, "-p %d: no such process", pid);
	if (!live)
		return hy_error(-ESRCH,
				"-p %d: the process has exited (a zombie): nothing to attach to",
				pid);
	return 0;
}

/* What is armed at a guest's exec, before its first instruction, needs a launched guest. */
static int launched_only(struct hy_session *s, const char *mode)
{
	if (s->opts.gdbserver)
		return hy_error(-ENOSYS, "--gdbserver debugs a launched guest, not %s", mode);
	if (hy_rt_wants_insns(s))
		return hy_error(-ENOSYS,
				"RDTSC/CPUID interception and the vDSO's clocks as "
				"syscalls need a launched guest, not %s",
				mode);
	return 0;
}

/*
 * -p: with a subscription, ptrace every thread (stops at every syscall); without,
 * only the kernel recorder watches (observe.c).
 */
static int run_attached(struct hy_session *s)
{
	bool use_ptrace = !attached_without_ptrace(s);
	int err = 0;

	if ((err = launched_only(s, "-p")))
		return err;
	for (int i = 0; i < s->opts.nattach; i++)
		if ((err = check_attachable(s->opts.attach_pids[i])))
			return err;
	if (!use_ptrace && !s->krec)
		return hy_error(-ENOSYS,
				"attaching without a subscription needs the kernel recorder: %s",
				s->kernel_unavailable);
	if (use_ptrace && (err = hy_pt_open(s, true)))
		return err;
	for (int i = 0; i < s->opts.nattach && !err; i++) {
		pid_t pid = s->opts.attach_pids[i];

		err = use_ptrace ? hy_pt_attach(s, pid) : hy_observe_attach(s, pid);
		if (!err)
			hy_run_stacks_attached(s, pid);
		if (!err)
			hy_rt_note_process(s, pid, "attached");
	}
	if (err)
		return err;
	return use_ptrace ? hy_pt_loop(s) : hy_observe_loop(s);
}

/* --cgroup / -a: the kernel decides who is watched; nothing to start or attach. */
static int run_watching(struct hy_session *s)
{
	char msg[4200];
	int err = launched_only(s, s->opts.all_tasks ? "-a" : "--cgroup");

	if (err)
		return err;
	if (!s->krec && !s->prod->agg)
		return hy_error(-ENOSYS, "watching %s needs the kernel recorder: %s",
				s->opts.all_tasks ? "every task" : "a cgroup",
				s->kernel_unavailable);
	if (s->opts.all_tasks)
		snprintf(msg, sizeof(msg), "Watching every task but hytrace's own");
	else
		snprintf(msg, sizeof(msg), "Watching cgroup %s", s->opts.cgroup);
	/* no tracer's signal stops, as -p without one (observe.c) */
	s->record_hook = hy_kernel_signal;
	notice(s, msg); /* scripts wait for this line, as for "Process N attached" */
	return hy_prod_watch(s);
}

/*
 * The guest backend, with the hand-off (HACKING.md): the command's calls are
 * held with ptrace until its runtime arms, so the tools see the dynamic
 * loader's calls; then the runtime holds them and hytrace lets go.
 */
static int run_guest(struct hy_session *s, const char *path, char *const argv[])
{
	static const struct hy_guest_handoff ho = {
		hy_pt_handoff_seize,  hy_pt_handoff_step,   hy_pt_handoff_release,
		hy_pt_handoff_let_go, hy_pt_handoff_seized, hy_pt_handoff_in_process,
		hy_pt_handoff_keep,   hy_pt_holds,	    &hy_pt_ops,
	};
	static const struct hy_pt_runtime rt = {
		hy_guest_slot_claim, hy_guest_slot_moved,    hy_guest_slot_gone,
		hy_guest_region_var, hy_guest_exec_env_told,
	};
	int err = hy_pt_open(s, false);
	pid_t armed;

	if (!err)
		hy_pt_handoff_runtime(s, &rt);
	if (!err)
		err = hy_guest_launch(s, path, argv, hy_pt_handoff_seize);
	if (!err)
		err = hy_pt_loop(s);
	armed = hy_pt_handoff_armed(s);
	hy_guest_take_over(s, armed);
	hy_pt_handoff_release(s, armed);
	return err ? err : hy_guest_loop(s, &ho);
}

/* On the guest backend when it fits the command (s->guest_run), else ptrace, said in @why. */
static int run_launched(struct hy_session *s, const char *path, char *const argv[], char *why,
			size_t size)
{
	int err;

	/* `auto` says nothing more: the recorder's own notice said it is unavailable */
	if (s->guest_run && !s->krec && !s->guest_auto)
		snprintf(why, size,
			 "--backend=guest: ptrace for this run: the guest backend needs "
			 "the kernel recorder (%s)",
			 s->kernel_unavailable);
	else if (s->guest_run && s->krec)
		return run_guest(s, path, argv);
	if (*why)
		notice(s, why);
	err = hy_pt_open(s, false);

	hy_run_stacks_escalate(s);
	if (!err)
		err = hy_pt_launch(s, path, argv);
	if (!err)
		hy_run_stacks_seed(s); /* a fork of ours until its exec */
	if (!err)
		err = hy_pt_loop(s);
	return err;
}

static struct hy_session *session_new(const struct hy_run_opts *opts, int *err)
{
	struct hy_session *s = calloc(1, sizeof(*s));

	if (!s) {
		*err = hy_error(-ENOMEM, "out of memory");
		return NULL;
	}
	*err = copy_opts(&s->opts, opts);
	s->out = s->opts.out ? s->opts.out : stderr;
	s->strsize = s->opts.strsize ? s->opts.strsize : 32;
	s->drain.period_ns = HY_TICK_NS;
	hy_inherited_save(&s->inherited, s->opts.guest_ignores);
	hy_tasks_init(&s->tasks, 0);
	hy_pidns_init(&s->pidns, s->opts.pidns_translation);
	return s;
}

static void session_free(struct hy_session *s)
{
	hy_deferred_free_all(s);
	hy_merge_free(s->merge);
	hy_kernel_signals_free(s);
	hy_rt_tasks_free(s);
	hy_pidns_free(&s->pidns);
	hy_run_stacks_close(s);
	hy_krec_close(s->krec);
	hy_prod_free(s);
	hy_pt_close(s);
	hy_guest_close(s);
	for (int i = 0; s->tools && i < s->ntools; i++)
		free(s->tools[i].kf.paths);
	free(s->tools);
	free(s);
}

/*
 * -P's files (every tool's paths, path_files.h), and where the kernel cannot
 * compare them all, a line that says what is lost: the others' calls are all
 * recorded for the tools to filter, but a descriptor on them that no call
 * showed open (inherited, passed over a socket) is found only by the tracer.
 */
static void paths_filtered(struct hy_session *s)
{
	const char *paths[HY_KF_MAX_PATHS];
	int total = hy_kfilter_paths(s, paths, HY_KF_MAX_PATHS);
	char msg[300];

	hy_path_files_init(&s->path_files, paths,
			   total < HY_KF_MAX_PATHS ? total : HY_KF_MAX_PATHS);
	if (total <= HY_KF_MAX_PATHS || s->opts.no_kernel)
		return;
	snprintf(msg, sizeof(msg),
		 "-P: %d paths, the kernel compares %d: the calls are filtered in user space, "
		 "and descriptors on the others that no call of the run opened are not found",
		 total, HY_KF_MAX_PATHS);
	notice(s, msg);
}

/* Set up, run, and end the run; returns 0 or why it could not start. */
static int run(struct hy_session *s, const char *path, char *const argv[])
{
	int err = hy_prod_init(s);
	char why[600] = "";

	if (!err)
		err = setup_tools(s);
	if (!err)
		err = hy_run_stacks_open(s);
	if (!err)
		err = hy_prod_setup(s);
	if (err)
		return err;
	if (s->opts.metrics) {
		char msg[300];

		snprintf(msg, sizeof(msg), "Serving metrics at http://%s/metrics", s->opts.metrics);
		notice(s, msg);
	}
	/* before the recorder: it records a guest run only when there is one */
	s->guest_run = (s->guest || s->guest_auto) && !s->opts.nattach && !s->opts.cgroup &&
		       !s->opts.all_tasks && hy_guest_fits(s, path, why, sizeof(why));
	paths_filtered(s);
	if (hy_prod_needs_recorder(s))
		open_kernel_recorder(s);
	s->stats.kernel_recorder = s->krec != NULL;
	if (!s->krec)
		hy_sysset_union(&s->escalate, &s->shown);
	s->merge = hy_merge_new(sink, s);
	if (!s->merge)
		return hy_error(-ENOMEM, "out of memory");
	hy_merge_set_reader(s->merge, hy_capture_held_entry, s);
	if (s->opts.cgroup || s->opts.all_tasks)
		err = run_watching(s);
	else
		err = s->opts.nattach ? run_attached(s) :
					run_launched(s, path, argv, why, sizeof(why));
	if (err && !s->opts.nattach && !s->first_pid && !s->opts.cgroup && !s->opts.all_tasks)
		return err; /* the command never started */
	/* the backend drained for the last time: the programs go while the rest is written */
	hy_krec_detach_begin(s->krec);
	hy_merge_finish(s->merge);
	if (hy_guest_share_hint(s, why, sizeof(why)))
		notice(s, why);
	if (s->krec) {
		s->stats.lost = hy_krec_lost(s->krec);
		s->stats.untracked = hy_krec_untracked(s->krec);
		s->stats.missed = hy_krec_missed(s->krec);
	}
	hy_run_stacks_count(s);
	hy_prod_finish(s);
	hy_rt_end(s, true);
	return err;
}

int hy_run(const struct hy_run_opts *opts, char *const argv[], int *wstatus,
	   struct hy_run_stats *stats)
{
	struct hy_session *s;
	char path[PATH_MAX];
	int err;

	bool watching;

	hy_error_clear();
	/* fields past the caller's opts.sz are not read: they are not set */
	watching = opts &&
		   ((opts->sz > offsetof(struct hy_run_opts, cgroup) && opts->cgroup) ||
		    (opts->sz > offsetof(struct hy_run_opts, all_tasks) && opts->all_tasks));
	if (!opts || ((!argv || !argv[0]) && !opts->nattach && !watching))
		return hy_error(-EINVAL, "no command given");
	if (stats && !stats->sz)
		return hy_error(-EINVAL,
				"hy_run: stats.sz is not set (declare them with HY_RUN_STATS)");
	if (!opts->nattach && !watching && (err = hy_which(argv[0], path, sizeof(path))))
		return err;
	s = session_new(opts, &err);
	if (!s)
		return err;
	if (!err)
		err = run(s, path, argv);
	if (s->ninit)
		hy_rt_end(s, false); /* the run never started: its tools still clean up */
	if (wstatus)
		*wstatus = s->first_status;
	if (stats)
		copy_stats(stats, s);
	session_free(s);
	hy_end_reset(); /* a request ended this run, not the next one */
	return err;
}
