// SPDX-License-Identifier: MIT
/*
 * The in-guest backend's getting in (guest.h): the shared region made (the
 * tools' global state, their subscriptions and options, where each one's
 * code is: guest_shm.h), and the command launched with the runtime preloaded
 * and the region named, followed by the kernel recorder and seized for the
 * hand-off before it executes. What runs from then on: guest_backend.c.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "guest/guest.h"
#include "guest/guest_run.h"
#include "guest/guest_shm.h"
#include "kernel_recorder.h"
#include "launch.h"
#include "observe.h"
#include "session.h"
#include "stack/run_stacks.h"

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
	size_t off = align_up(sizeof(struct hy_guest_hdr), 64), start;
	int fd;

	if (!g)
		return hy_error(-ENOMEM, "out of memory");
	g->door_fd = -1;
	s->guest = g;
	sweep_stale();
	if (s->ntools > HY_GUEST_MAX_TOOLS)
		return hy_error(-EINVAL, "the guest backend runs at most %d tools",
				HY_GUEST_MAX_TOOLS);
	for (int i = 0; i < s->ntools; i++)
		off += align_up(s->tools[i].tool->global_size, 64) +
		       HY_GUEST_MAX_SLOTS * (align_up(s->tools[i].tool->process_size, 64) +
					     align_up(s->tools[i].tool->thread_size, 64));
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
	/* slot 0's areas, then each other slot's at the same distance */
	start = off;
	for (int i = 0; i < s->ntools; i++) {
		g->hdr->tool[i].handoff_proc_off = off;
		off += align_up(s->tools[i].tool->process_size, 64);
		g->hdr->tool[i].handoff_thread_off = off;
		off += align_up(s->tools[i].tool->thread_size, 64);
	}
	g->hdr->handoff_stride = off - start;
	s->global_shared = true;
	hy_guest_host_start(s);
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
	bool kept; /* a static or 32-bit command: no runtime goes in, its environment is its own */
	int (*seize)(struct hy_session *s, pid_t pid, const char *preload);
};

/* In the child: the runtime preloaded, the region named (the runtime removes both). */
static int preload_runtime(const struct hy_session *s, void *ctx)
{
	const struct launch_ctx *c = ctx;
	size_t n = 0;

	if (c->kept)
		return 0;
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
	if (!c->kept)
		hy_guest_exec_env_launch(&s->guest->exec_env, pid);
	if (!err)
		err = hy_observe_follow(s, pid, pid, getpid());
	if (!err)
		err = c->seize(s, pid, s->guest->hdr->preload);
	if (err)
		s->first_pid = 0;
	return err;
}

/*
 * The runtime @lib as LD_PRELOAD can name it, in @out: the loader splits that
 * list at every ':' and ' ', with no escape (ld.so(8)), so a runtime whose
 * path has one (hytrace installed under such a directory) is named by a
 * symbolic link beside the region, removed with it (hy_guest_close(), or
 * sweep_stale() after a hytrace that died). The loader maps the file the link
 * leads to: the guest's maps name the runtime by its own path.
 */
static int preloadable_runtime(struct hy_guest *g, const char *lib, char *out, size_t size)
{
	char real[PATH_MAX];

	if (!strpbrk(lib, ": ")) {
		snprintf(out, size, "%s", lib);
		return 0;
	}
	snprintf(g->runtime_link, sizeof(g->runtime_link), "%s-runtime.so", g->path);
	/* absolute: a relative one would lead from /dev/shm (HYTRACE_GUEST_LIB may be) */
	if (!realpath(lib, real) || symlink(real, g->runtime_link)) {
		int err = -errno;

		g->runtime_link[0] = '\0';
		return hy_error(
			err,
			"the guest runtime %s has a ':' or ' ', which LD_PRELOAD cannot hold, "
			"and no link to it could be made in /dev/shm: %s",
			lib, strerror(-err));
	}
	snprintf(out, size, "%s", g->runtime_link);
	return 0;
}

int hy_guest_launch(struct hy_session *s, const char *path, char *const argv[],
		    int (*seize)(struct hy_session *s, pid_t pid, const char *preload))
{
	struct launch_ctx c = { .seize = seize, .kept = s->guest->kept_cmd != 0 };
	const struct hy_launch_ops ops = { .prepare = preload_runtime, .ready = follow, .ctx = &c };
	const char *old = getenv("LD_PRELOAD");
	char lib[PATH_MAX], named[PATH_MAX];
	pid_t pid;
	int err;

	if ((err = hy_guest_find_runtime(lib, sizeof(lib))) ||
	    (err = preloadable_runtime(s->guest, lib, named, sizeof(named))))
		return err;
	hy_run_stacks_hide(s, lib); /* a guest thread's start passes through it */
	hy_guest_preload_list(s->guest->hdr, named);
	snprintf(c.preload, sizeof(c.preload), "%s%s%s", s->guest->hdr->preload,
		 old && *old ? ":" : "", old ? old : "");
	err = hy_launch(s, path, argv, &ops, &pid);
	if (!err && c.kept) {
		const char *name = strrchr(path, '/');

		/* it is kept at its exec (handoff.c): a static program a guest executes */
		hy_guest_say_unheld(s, pid, name ? name + 1 : path, s->guest->kept_cmd, true,
				    s->guest->kept_loaderless);
	}
	return err;
}
