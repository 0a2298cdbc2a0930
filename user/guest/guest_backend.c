// SPDX-License-Identifier: MIT
/*
 * The in-guest backend, hytrace's side (guest.h): the shared region, the
 * launch with the runtime preloaded, and the loop that records and reaps
 * (whether a run takes it: guest_choice.c).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <linux/futex.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "clock.h"
#include "deferred.h"
#include "drain.h"
#include "end_request.h"
#include "error.h"
#include "inherited.h"
#include "guest/guest.h"
#include "guest/guest_defer.h"
#include "guest/guest_handoff_states.h"
#include "guest/guest_shm.h"
#include "kernel_recorder.h"
#include "launch.h"
#include "observe.h"
#include "record.h"
#include "runtime.h"
#include "session.h"
#include "stack/run_stacks.h"
#include "tasks.h"
#include "tidmap.h"

struct hy_guest {
	char path[128]; /* the region's file in /dev/shm */
	char door[160]; /* the doorbell FIFO beside it (guest_shm.h) */
	int door_fd;	/* its read end, held open read-write so a writer never blocks */
	struct hy_guest_hdr *hdr;
	size_t size;
	bool unheld_said;	   /* the line about a static or 32-bit exec (guest_notes.c) */
	struct hy_tidmap by_hand;  /* calls made by hand being described (guest_by_hand.c) */
	struct hy_tidmap skip_mem; /* skipped calls' entry memory (guest_skip_mem.c) */
	struct hy_tidmap counts;   /* each thread's calls of the held set (guest_counts.c) */
	struct hy_sysset held;	   /* the calls some tool holds in the guests */
	struct hy_tidmap own_load; /* the loader's loading of the runtime (guest_own_load.c) */
	struct hy_tidmap exec_env; /* execve's environment as the guest passed it */
	struct hy_tidmap output;   /* the tools' text written in the guests (guest_output.c) */
	struct hy_deferred_remote remote; /* hy_resume() here of a call held in a guest */
	bool seizing; /* an execve's hand-off is on (guest_shm.h's seize_state) */
	const struct hy_guest_handoff *ho; /* the ptrace backend's, for the tasks it holds */
};

/* A task whose calls stop in hytrace (a hand-off, a ptraced process): ptrace's operations. */
static const struct hy_backend_ops *held_by_ptrace(struct hy_session *s, struct hy_task *t)
{
	const struct hy_guest_handoff *ho = s->guest->ho;

	return ho && t && ho->holds(s, t) ? ho->ops : NULL;
}

struct hy_tidmap *hy_guest_by_hand_map(struct hy_session *s)
{
	return &s->guest->by_hand;
}

struct hy_tidmap *hy_guest_output_map(struct hy_session *s)
{
	return &s->guest->output;
}

struct hy_tidmap *hy_guest_skip_map(struct hy_session *s)
{
	return &s->guest->skip_mem;
}

bool hy_guest_own_record(struct hy_session *s, const void *rec, size_t len)
{
	return hy_guest_own_load(&s->guest->own_load, s->guest->hdr->preload, rec, len);
}

struct hy_tidmap *hy_guest_exec_env_map(struct hy_session *s)
{
	return &s->guest->exec_env;
}

bool hy_guest_exec_env_record(struct hy_session *s, const void *rec, size_t len)
{
	return hy_guest_exec_env(&s->guest->exec_env, s->merge, s->guest->hdr->launch_envc, rec,
				 len);
}

void hy_guest_count_record(struct hy_session *s, const void *rec, size_t len)
{
	hy_guest_count(&s->guest->counts, &s->guest->held, rec, len);
}

/* hy_resume() in hytrace (on_event, a tool's thread) of a call a guest holds. */
static int remote_resume(void *ctx, uintptr_t handle, bool timed, uint64_t due, void *cookie)
{
	struct hy_guest *g = ctx;

	return hy_gdef_resume(hy_gdef_entry(g->hdr, (const void *)handle), timed, due, cookie);
}

/* A thread killed while it held a call: its entry is free again (no on_resume runs). */
static void remote_task_gone(void *ctx, int tid)
{
	struct hy_guest *g = ctx;

	for (int i = 0; i < HY_GUEST_MAX_DEFER; i++) {
		struct hy_guest_defer *e = &g->hdr->defer[i];

		if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != HY_GDEF_FREE && e->tid == tid)
			__atomic_store_n(&e->state, HY_GDEF_FREE, __ATOMIC_RELEASE);
	}
}

bool hy_guest_first_unheld(struct hy_session *s)
{
	bool first = !s->guest->unheld_said;

	s->guest->unheld_said = true;
	return first;
}

/*
 * hytrace's own callbacks (on_event, the task callbacks) hold no call here:
 * they may read a guest's memory, nothing more.
 */
static ssize_t host_read_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf,
			     size_t len)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n;

	if (pt)
		return pt->read_mem(s, t, addr, buf, len);
	n = process_vm_readv(t->tid, &local, 1, &remote, 1, 0);
	return n < 0 ? (errno == ESRCH ? -ESRCH : -EFAULT) : n;
}

static ssize_t host_write_mem(struct hy_session *s, struct hy_task *t, uint64_t addr,
			      const void *buf, size_t len)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	return pt ? pt->write_mem(s, t, addr, buf, len) : -EPERM;
}

static int host_inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		       int64_t *result)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	return pt ? pt->inject(s, t, nr, args, result) : -EPERM;
}

/* Only a call ptrace holds is ever deferred in hytrace (the guests' wait in the guest). */
static void host_continue_held(struct hy_session *s, struct hy_task *t)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	if (pt)
		pt->continue_held(s, t);
}

static int host_stack_regs(struct hy_session *s, struct hy_task *t, struct hy_stack_regs *out)
{
	const struct hy_backend_ops *pt = held_by_ptrace(s, t);

	return pt ? pt->stack_regs(s, t, out) : -ENOSYS;
}

/*
 * A skipped call's entry memory, which the runtime read in the guest at the
 * call and noted (the guest has gone on since: reading it now would show what
 * is there now, or nothing once the process is gone).
 */
static bool host_captured(struct hy_session *s, struct hy_task *t, struct hy_record *r, int phase)
{
	return phase == HY_PHASE_ENTER && !held_by_ptrace(s, t) &&
	       hy_guest_skip_take(&s->guest->skip_mem, t->tid, r);
}

static const struct hy_backend_ops host_ops = {
	.name = "guest",
	.read_mem = host_read_mem,
	.write_mem = host_write_mem,
	.inject = host_inject,
	.continue_held = host_continue_held,
	.stack_regs = host_stack_regs,
	.captured = host_captured,
};

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

/*
 * Regions a hytrace that died (SIGKILL, a crash) left in /dev/shm, and their
 * doorbell FIFOs (a door may outlive its region: the region's unlink came
 * first): removed when their hytrace's pid is gone *and* nobody holds the
 * door open for reading (a live hytrace does, so a run in another pid
 * namespace that shares /dev/shm is never taken for a dead one). Best
 * effort: a file of another user's is left alone.
 */
static void sweep_stale(void)
{
	const size_t sfx = strlen(HY_GUEST_DOOR_SUFFIX);
	DIR *dir = opendir("/dev/shm");
	struct dirent *de;
	char path[300], door[320];
	size_t len;
	int pid, fd;

	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (sscanf(de->d_name, "hytrace-guest-%d-%*x", &pid) != 1 || pid == getpid() ||
		    kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "/dev/shm/%s", de->d_name);
		len = strlen(path);
		if (len > sfx && !strcmp(path + len - sfx, HY_GUEST_DOOR_SUFFIX))
			path[len - sfx] = '\0'; /* a door: its region's name */
		snprintf(door, sizeof(door), "%s" HY_GUEST_DOOR_SUFFIX, path);
		/* ENXIO: a FIFO with no reader; ENOENT: no FIFO */
		fd = open(door, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			close(fd);
			continue;
		}
		if (errno != ENXIO && errno != ENOENT)
			continue;
		unlink(door);
		unlink(path);
	}
	closedir(dir);
}

int hy_guest_prepare(struct hy_session *s)
{
	struct hy_guest *g = calloc(1, sizeof(*g));
	struct timespec ts;
	size_t off = align_up(sizeof(struct hy_guest_hdr), 64);
	int fd;

	if (!g)
		return hy_error(-ENOMEM, "out of memory");
	g->door_fd = -1;
	s->guest = g;
	sweep_stale();
	s->backend = &host_ops;
	if (s->ntools > HY_GUEST_MAX_TOOLS)
		return hy_error(-EINVAL, "the guest backend runs at most %d tools",
				HY_GUEST_MAX_TOOLS);
	for (int i = 0; i < s->ntools; i++)
		off += align_up(s->tools[i].tool->global_size, 64) +
		       align_up(s->tools[i].tool->process_size, 64) +
		       align_up(s->tools[i].tool->thread_size, 64);
	g->size = align_up(off, 4096);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(g->path, sizeof(g->path), "/dev/shm/hytrace-guest-%d-%lx", getpid(),
		 (unsigned long)ts.tv_nsec);
	/* 0600: the region holds the tools' state; guests of another user cannot map it */
	fd = open(g->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return hy_error(-errno, "%s: %s", g->path, strerror(errno));
	/* -u: the guests run as that user, and map the region as it */
	if (ftruncate(fd, g->size) ||
	    (s->opts.run_as_user && fchown(fd, s->opts.uid, s->opts.gid))) {
		int err = -errno;

		close(fd);
		unlink(g->path);
		return hy_error(err, "%s: %s", g->path, strerror(-err));
	}
	g->hdr = mmap(NULL, g->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (g->hdr == MAP_FAILED) {
		g->hdr = NULL;
		unlink(g->path);
		return hy_error(-ENOMEM, "mapping the guest region: %s", strerror(errno));
	}
	snprintf(g->door, sizeof(g->door), "%s" HY_GUEST_DOOR_SUFFIX, g->path);
	if (mkfifo(g->door, 0600) ||
	    (g->door_fd = open(g->door, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0 ||
	    (s->opts.run_as_user && fchown(g->door_fd, s->opts.uid, s->opts.gid))) {
		int err = -errno;

		unlink(g->door);
		return hy_error(err, "%s: %s", g->door, strerror(-err));
	}
	g->remote = (struct hy_deferred_remote){ remote_resume, remote_task_gone, g };
	hy_deferred_set_remote(&g->remote);
	g->hdr->magic = HY_GUEST_MAGIC;
	g->hdr->ntools = s->ntools;
	g->hdr->size = g->size;
	g->hdr->hytrace_pid = getpid();
	g->hdr->rewrite = s->opts.guest_rewrite;
	off = align_up(sizeof(struct hy_guest_hdr), 64);
	for (int i = 0; i < s->ntools; i++) {
		size_t n = s->tools[i].tool->global_size;

		g->hdr->tool[i].global_off = off;
		g->hdr->tool[i].global_size = n;
		s->tools[i].global = n ? (char *)g->hdr + off : NULL;
		off += align_up(n, 64);
	}
	for (int i = 0; i < s->ntools; i++) {
		g->hdr->tool[i].handoff_proc_off = off;
		off += align_up(s->tools[i].tool->process_size, 64);
		g->hdr->tool[i].handoff_thread_off = off;
		off += align_up(s->tools[i].tool->thread_size, 64);
	}
	s->global_shared = true;
	return 0;
}

/* A tool compiled into the program itself cannot be loaded into a guest. */
static bool is_main_program(const char *file)
{
	char exe[PATH_MAX], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n < 0 || !realpath(file, real))
		return true;
	exe[n] = 0;
	return !strcmp(exe, real);
}

/* Where the guest finds tool @i's code: a plugin's file, or a built-in's name. */
static int locate_tool(const struct hy_session *s, int i, char *where, size_t size)
{
	const struct hy_tool *orig = s->opts.tools[i], *t = s->tools[i].tool;
	static const struct {
		const struct hy_tool *tool;
		const char *name;
	} builtins[] = { { &hy_tool_log, "log" },
			 { &hy_tool_summary, "summary" },
			 { &hy_tool_record, "record" },
			 { &hy_tool_inject, "inject" },
			 { &hy_tool_stacks, "stacks" } };
	char path[PATH_MAX];
	Dl_info di;

	for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
		if (orig == builtins[k].tool) {
			snprintf(where, size, "builtin:%s", builtins[k].name);
			return 0;
		}
	if (!t->on_syscall_enter && !t->on_syscall_exit) {
		snprintf(where, size, "builtin:none"); /* nothing of it runs in the guest */
		return 0;
	}
	if (!dladdr(orig, &di) || !di.dli_fname || is_main_program(di.dli_fname))
		return hy_error(-ENOSYS,
				"tool %s: the guest backend loads a tool's code into the "
				"guest, from a plugin file (--tool FILE.so)",
				t->name ? t->name : "?");
	/* absolute: a guest that changes directory and executes loads it again */
	if (!realpath(di.dli_fname, path) &&
	    snprintf(path, sizeof(path), "%s", di.dli_fname) >= (int)sizeof(path))
		return hy_error(-ENAMETOOLONG, "tool %s: path too long", t->name);
	if (snprintf(where, size, "%s", path) >= (int)size)
		return hy_error(-ENAMETOOLONG, "tool %s: path too long", t->name);
	return 0;
}

bool hy_guest_tool_loads(const struct hy_session *s, int i)
{
	char where[sizeof(((struct hy_guest_tool *)0)->where)];

	return !locate_tool(s, i, where, sizeof(where));
}

static int pack_options(struct hy_session *s, int i, size_t *used)
{
	struct hy_guest_tool *gt = &s->guest->hdr->tool[i];
	const struct hy_tool_inst *ti = &s->tools[i];
	char *o = s->guest->hdr->opts;

	gt->nopts = ti->nopts;
	gt->opts_off = *used;
	for (int k = 0; k < ti->nopts; k++) {
		const char *key = ti->keys[k] ? ti->keys[k] : "",
			   *v = ti->values[k] ? ti->values[k] : "";
		size_t n = strlen(key) + strlen(v) + 2;

		if (*used + n > HY_GUEST_OPTS_BYTES)
			return hy_error(-E2BIG,
					"the guest backend takes at most %d bytes of tool options",
					HY_GUEST_OPTS_BYTES);
		memcpy(o + *used, key, strlen(key) + 1);
		memcpy(o + *used + strlen(key) + 1, v, strlen(v) + 1);
		*used += n;
	}
	return 0;
}

int hy_guest_publish(struct hy_session *s)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	size_t used = 0;
	int err;

	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *t = s->tools[i].tool;

		if (t->on_rdtsc || t->on_cpuid || t->flags & HY_TOOL_VDSO_SYSCALLS)
			return hy_error(-ENOSYS,
					"tool %s: RDTSC/CPUID interception and the vDSO's "
					"clocks need --backend=ptrace",
					t->name);
		if ((err = locate_tool(s, i, h->tool[i].where, sizeof(h->tool[i].where))) ||
		    (err = pack_options(s, i, &used)))
			return err;
		h->tool[i].subscription = s->tools[i].subscription;
		if (strncmp(h->tool[i].where, "builtin:", 8))
			h->tool[i].preload_off =
				hy_guest_preload_offset(h->tool[i].where, s->opts.tools[i]);
		if (s->tools[i].tool->on_syscall_enter || s->tools[i].tool->on_syscall_exit)
			hy_sysset_union(&s->guest->held, &s->tools[i].subscription);
	}
	/* after the tools' init: hy_want_environment(), hy_want_dirents() are called there */
	h->strsize = s->strsize;
	h->plan_verbose = s->plan_verbose;
	__atomic_store_n(&h->ready, 1, __ATOMIC_RELEASE);
	return 0;
}

struct launch_ctx {
	char preload[HY_GUEST_PRELOAD_BYTES + PATH_MAX + 2];
	int (*seize)(struct hy_session *s, pid_t pid, const char *preload);
};

/* In the child: the runtime preloaded, the region named (the runtime removes both). */
static int preload_runtime(const struct hy_session *s, void *ctx)
{
	const struct launch_ctx *c = ctx;
	size_t n = 0;

	/* the command's own entries: hytrace's two come after them (setenv appends) */
	while (environ[n])
		n++;
	s->guest->hdr->launch_envc = n;
	setenv("LD_PRELOAD", c->preload, 1);
	setenv(HY_GUEST_ENV, s->guest->path, 1);
	return 0;
}

/* In hytrace: recorded and followed before the child goes on. */
static int follow(struct hy_session *s, pid_t pid, void *ctx)
{
	const struct launch_ctx *c = ctx;
	int err = hy_krec_add_guest(s->krec, pid, true, false);

	s->first_pid = pid;
	s->record_hook = hy_guest_note;
	hy_guest_exec_env_launch(&s->guest->exec_env, pid);
	if (!err)
		err = hy_observe_follow(s, pid, pid, getpid());
	if (!err)
		err = c->seize(s, pid, s->guest->hdr->preload);
	if (err)
		s->first_pid = 0;
	return err;
}

int hy_guest_launch(struct hy_session *s, const char *path, char *const argv[],
		    int (*seize)(struct hy_session *s, pid_t pid, const char *preload))
{
	struct launch_ctx c = { .seize = seize };
	const struct hy_launch_ops ops = { .prepare = preload_runtime, .ready = follow, .ctx = &c };
	const char *old = getenv("LD_PRELOAD");
	char lib[PATH_MAX];
	pid_t pid;
	int err;

	if ((err = hy_guest_find_runtime(lib, sizeof(lib))))
		return err;
	hy_run_stacks_hide(s, lib); /* a guest thread's start passes through it */
	hy_guest_preload_list(s->guest->hdr, lib);
	snprintf(c.preload, sizeof(c.preload), "%s%s%s", s->guest->hdr->preload,
		 old && *old ? ":" : "", old ? old : "");
	return hy_launch(s, path, argv, &ops, &pid);
}

void hy_guest_take_over(struct hy_session *s, pid_t tid)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	struct hy_task *t = tid ? hy_task_find(&s->tasks, tid) : NULL;

	s->backend = &host_ops;
	if (t)
		hy_guest_handoff_states(h, s, t, true);
	if (t)
		__atomic_store_n(&h->handoff_tid, tid, __ATOMIC_RELEASE);
	/*
	 * A tool that handles calls in the guest has its process and thread state
	 * there from now: the guest starts them (rt_main.c), not hytrace, but
	 * for a ptraced process (no runtime goes into it). (Only now: until the
	 * hand-off, and in a run that falls back to ptrace, they are hytrace's.)
	 * on_exec stays: an execve handed off runs it here on the state the
	 * thread gave (answer_seize), as ptrace does; for one not handed off, on
	 * hytrace's copy, which the new image does not take.
	 */
	for (int i = 0; i < s->ntools; i++)
		s->tools[i].starts_in_guest = s->tools[i].tool->on_syscall_enter ||
					      s->tools[i].tool->on_syscall_exit;
}

/*
 * The first process's status is the run's; the rest of the tree is followed by
 * the kernel recorder's guest marks. hytrace is no subreaper: an orphan of the
 * tree goes to init as it would natively (a guest may wait for getppid() == 1).
 */
static bool reap(struct hy_session *s, const struct hy_guest_handoff *ho, bool *first_done)
{
	struct hy_task *first = hy_task_find(&s->tasks, s->first_pid);
	struct hy_task *seized = ho->seized(s) ? hy_task_find(&s->tasks, ho->seized(s)) : NULL;
	int st;
	pid_t p = 0;

	/*
	 * Not while the command's own process is handed off (it execs), or kept
	 * traced (a static program it executed): it is traced then, and waitpid
	 * would take its ptrace stops, which only the hand-off's loop resumes (a
	 * stop taken here was never resumed: a slow VM hung so); that loop also
	 * takes its exit, if it ends (ECHILD below). A thread of it handed off
	 * takes its pid at its exec.
	 */
	if (!*first_done && ho->seized(s) != s->first_pid &&
	    !(seized && seized->proc->tgid == s->first_pid) && !(first && first->proc->ptraced))
		p = waitpid(s->first_pid, &st, WNOHANG | __WALL);

	if (p == s->first_pid)
		s->first_status = st;
	/* ECHILD: the hand-off's loop reaped it (it ended before its runtime armed) */
	if (p == s->first_pid || (p < 0 && errno == ECHILD))
		*first_done = true;
	return !*first_done || hy_krec_guests(s->krec);
}

/*
 * Drain, and tell the new tasks waiting in the handshake (guest_shm.h) when
 * every record made before the drain began has had its callbacks: when the
 * drain got past where the ring's writers were then (a record still being
 * written stops a drain early). Not "the ring is empty": under a storm of
 * calls it seldom is.
 */
static void drain_and_tell(struct hy_session *s)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	uint64_t now = hy_now_ns(), produced, consumed, later;

	hy_krec_positions(s->krec, &produced, &consumed); /* after now: nothing older is beyond */
	hy_drain(s);
	hy_krec_positions(s->krec, &later, &consumed);
	if (consumed < produced)
		return;
	hy_guest_counts_answer(&s->guest->counts, h, now);
	__atomic_store_n(&h->drained_ts, now, __ATOMIC_RELEASE);
	__atomic_add_fetch(&h->drained_seq, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &h->drained_seq, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* Whether an exec this process traces keeps its set-user/group-ID (the kernel's ptracer_capable). */
static bool may_trace_setid(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return false;
	return data[CAP_SYS_PTRACE / 32].effective >> (CAP_SYS_PTRACE % 32) & 1;
}

/*
 * A guest thread asks to be held through its execve's new loader (guest_shm.h,
 * rt_handoff.c): its tools' states become hytrace's task's, and it is seized.
 */
static void answer_seize(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	struct hy_guest_hdr *h = s->guest->hdr;
	uint32_t st = HY_GSEIZE_ASKED;
	struct hy_task *t;
	pid_t tid;
	bool ok;

	if (!__atomic_compare_exchange_n(&h->seize_state, &st, HY_GSEIZE_ANSWERING, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	tid = h->seize_tid;
	t = hy_task_find(&s->tasks, tid);
	if (t)
		hy_guest_handoff_states(h, s, t, false);
	/* traced by a tracer without CAP_SYS_PTRACE, a set-ID program would run without its IDs */
	ok = t && (h->seize_keep != HY_IMAGE_SETID || may_trace_setid()) &&
	     !ho->seize(s, tid, s->guest->hdr->preload);
	s->backend = &host_ops; /* which gives ptrace's for the tasks ptrace holds */
	if (ok && h->seize_keep)
		ho->keep(s); /* no runtime goes into its program: it stays under ptrace */
	s->guest->seizing = ok;
	__atomic_store_n(&h->seize_state, ok ? HY_GSEIZE_SEIZED : HY_GSEIZE_REFUSED,
			 __ATOMIC_RELEASE);
	syscall(SYS_futex, &h->seize_state, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* The handed-off thread's stops; at its runtime's arming it is let go. */
static void hand_off(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	pid_t tid = ho->step(s, 1);

	if (tid) {
		hy_guest_take_over(s, tid); /* the new runtime frees the slot */
		ho->release(s);
		s->guest->seizing = false;
	} else if (!ho->seized(s)) {
		/* it ended before its runtime armed */
		hy_guest_take_over(s, 0);
		__atomic_store_n(&s->guest->hdr->seize_state, HY_GSEIZE_FREE, __ATOMIC_RELEASE);
		s->guest->seizing = false;
	}
}

int hy_guest_loop(struct hy_session *s, const struct hy_guest_handoff *ho)
{
	bool killed = false, first_done = false;
	char buf[256];
	sigset_t chld, old;
	int sigfd;

	s->guest->ho = ho;
	/* a ptraced process's stops wake the wait as the ring and the doorbell do */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &chld, &old);
	sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
	for (;;) {
		struct pollfd pfd[3] = { { .fd = hy_krec_fd(s->krec), .events = POLLIN },
					 { .fd = s->guest->door_fd, .events = POLLIN },
					 { .fd = sigfd, .events = POLLIN } };
		bool stops;

		if (hy_end_requested() && !killed) {
			kill(s->first_pid, SIGKILL);
			killed = true;
		}
		/* handing off, the wait is the stops' (hand_off) */
		poll(pfd, 3, s->guest->seizing ? 0 : 10);
		while (pfd[1].revents & POLLIN && read(s->guest->door_fd, buf, sizeof(buf)) > 0)
			;
		stops = sigfd < 0 || pfd[2].revents & POLLIN;
		while (pfd[2].revents & POLLIN && read(sigfd, buf, sizeof(buf)) > 0)
			;
		/* before the drain: a held thread waits for its stack, not for the records */
		hy_guest_backtraces_answer(s, s->guest->hdr);
		drain_and_tell(s);
		answer_seize(s, ho);
		if (s->guest->seizing)
			hand_off(s, ho);
		else if (stops || s->tasks.nptraced || s->defer.all ||
			 atomic_load(&s->defer.queued))
			ho->step(s, 0); /* ptraced processes' stops (hy_pt_handoff_keep) */
		if (!reap(s, ho, &first_done))
			break;
	}
	drain_and_tell(s);
	if (sigfd >= 0)
		close(sigfd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

void hy_guest_close(struct hy_session *s)
{
	struct hy_guest *g = s->guest;

	if (!g)
		return;
	if (g->hdr) {
		hy_deferred_set_remote(NULL);
		munmap(g->hdr, g->size);
		unlink(g->path);
	}
	if (g->door_fd >= 0) {
		close(g->door_fd);
		unlink(g->door);
	}
	hy_guest_by_hand_free(&g->by_hand);
	hy_guest_output_free(s, &g->output);
	hy_guest_skip_free(&g->skip_mem);
	hy_guest_counts_free(&g->counts);
	hy_guest_own_load_free(&g->own_load);
	hy_guest_exec_env_free(&g->exec_env);
	free(g);
	s->guest = NULL;
}
