// SPDX-License-Identifier: MIT
/*
 * The runtime's start in each guest process (a constructor, before main): map
 * the shared region hytrace made, load the same tools, remove hytrace's
 * variables from the environment the guest sees, install the SIGSYS handler
 * and arm Syscall User Dispatch. Threads are armed as they start
 * (rt_thread.c); fork-type children in the handler (rt_sigsys.c);
 * a new program by this constructor again (LD_PRELOAD is put back at execve).
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <linux/futex.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backend.h"
#include "guest/guest_handoff_states.h"
#include "guest/guest_slots.h"
#include "guest/rt/rt.h"
#include "runtime.h"
#include "session.h"
#include "tasks.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#define PR_SYS_DISPATCH_OFF 0
#endif

struct hy_guest_rt hy_grt;
uint64_t hy_grt_direct[HY_DIRECT_MAX / 64];
uint64_t hy_grt_held_direct[HY_DIRECT_MAX / 64];
uint64_t hy_grt_xsave_size;
__thread volatile char hy_grt_sel __attribute__((tls_model("initial-exec")));
__thread int hy_grt_tid __attribute__((tls_model("initial-exec")));
__thread volatile char hy_grt_vforking __attribute__((tls_model("initial-exec")));
__thread uint64_t hy_grt_vfork_slot[4] __attribute__((tls_model("initial-exec")));

extern const struct hy_backend_ops hy_guest_ops;

void hy_grt_die(const char *what, const char *detail)
{
	fprintf(stderr, "hytrace guest runtime: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	_exit(127);
}

int hy_grt_arm(void)
{
	hy_grt_sel = HY_SEL_ALLOW;
	/* first: the runtime's calls after it are told apart (bpf/hytrace.bpf.c) */
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, (unsigned long)hy_gate_start,
		  (unsigned long)(hy_gate_end - hy_gate_start), &hy_grt_sel))
		return -errno;
	hy_grt_tid = syscall(SYS_gettid);
	return 0;
}

/*
 * LD_PRELOAD without hytrace's objects, HYTRACE_GUEST_SHM gone: what the guest
 * sees. hytrace's are in front (the region's preload list: this library, then
 * the plugins preloaded); the guest's own follow.
 */
static void clean_environment(void)
{
	const char *pre = hy_grt_getenv("LD_PRELOAD"), *list = hy_grt.hdr->preload;
	size_t n = strlen(list);
	static char rest[PATH_MAX * 2] = "LD_PRELOAD=";
	size_t len = strlen(rest), start = len;

	hy_grt_unsetenv(HY_GUEST_ENV);
	if (!pre)
		return;
	if (!strncmp(pre, list, n) && (!pre[n] || pre[n] == ':' || pre[n] == ' '))
		pre += n;
	for (const char *p = pre; *p;) {
		size_t n = strcspn(p, ": ");

		if (n && (n != strlen(hy_grt.self) || strncmp(p, hy_grt.self, n)) &&
		    len + n + 2 < sizeof(rest)) {
			if (len > start)
				rest[len++] = ':';
			memcpy(rest + len, p, n);
			rest[len += n] = 0;
		}
		p += n;
		p += *p != 0;
	}
	if (len > start)
		hy_grt_replace_env("LD_PRELOAD", rest);
	else
		hy_grt_unsetenv("LD_PRELOAD");
}

struct preloaded {
	const char *path;
	uintptr_t addr;
};

static int find_preloaded(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct preloaded *p = arg;

	(void)size;
	if (!info->dlpi_name || strcmp(info->dlpi_name, p->path))
		return 0;
	p->addr = info->dlpi_addr;
	return 1;
}

/*
 * A plugin's hytrace_tool. A preloaded one (guest_preload.c) is found where
 * the loader mapped it, without dlopen(): dlopen() allocates with the guest's
 * malloc, whose first use (getrandom, brk) would be made here, unseen, and
 * not later as the guest's own. Another is dlopen()ed.
 */
static const struct hy_tool *find_tool(const struct hy_guest_tool *gt)
{
	struct preloaded p = { gt->where, 0 };
	const char *where = gt->where;
	void *h;
	const struct hy_tool *t;

	if (!strncmp(where, "builtin:", 8))
		return !strcmp(where + 8, "inject") ? &hy_tool_inject : NULL;
	if (gt->preload_off) {
		if (!dl_iterate_phdr(find_preloaded, &p))
			hy_grt_die("a tool was not preloaded", where);
		return (const struct hy_tool *)(p.addr + gt->preload_off);
	}
	h = dlopen(where, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		hy_grt_die("cannot load a tool", dlerror());
	t = dlsym(h, HY_TOOL_SYMBOL);
	if (!t)
		hy_grt_die("no " HY_TOOL_SYMBOL " in", where);
	return t;
}

/*
 * The same tools, with the callbacks of a held call and those that set up the
 * process and thread state these see (which lives here): hytrace runs init,
 * on_event, the exit callbacks and on_end, once, in its own process.
 */
static void setup_tool(struct hy_session *s, int i)
{
	const struct hy_guest_tool *gt = &hy_grt.hdr->tool[i];
	struct hy_tool_inst *ti = &s->tools[i];
	const struct hy_tool *t = find_tool(gt);
	const char *p = hy_grt.hdr->opts + gt->opts_off;
	const char **kv = hy_grt_calloc(2 * (size_t)gt->nopts + 2, sizeof(*kv));

	if (!kv)
		hy_grt_die("out of memory", NULL);
	ti->tool = &ti->copy;
	ti->global = gt->global_size ? (char *)hy_grt.hdr + gt->global_off : NULL;
	ti->subscription = gt->subscription;
	ti->nopts = gt->nopts;
	ti->keys = kv;
	ti->values = kv + gt->nopts + 1;
	for (uint32_t k = 0; k < gt->nopts; k++) {
		kv[k] = p;
		p += strlen(p) + 1;
		kv[gt->nopts + 1 + k] = p;
		p += strlen(p) + 1;
	}
	if (!t) {
		ti->copy.name = "hytrace";
		return;
	}
	ti->copy = (struct hy_tool){
		.abi_version = t->abi_version,
		.name = t->name,
		.global_size = t->global_size,
		.process_size = t->process_size,
		.thread_size = t->thread_size,
		.flags = t->flags,
		.on_process_start = t->on_process_start,
		.on_thread_start = t->on_thread_start,
		.on_syscall_enter = t->on_syscall_enter,
		.on_syscall_exit = t->on_syscall_exit,
		.on_resume = t->abi_version > 1 ? t->on_resume : NULL,
	};
	if (t->on_syscall_enter)
		hy_sysset_union(&hy_grt.trap, &ti->subscription);
}

static void map_region(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	void *p;

	if (fd < 0 || fstat(fd, &st))
		hy_grt_die("cannot open the shared region", strerror(errno));
	p = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		hy_grt_die("cannot map the shared region", strerror(errno));
	hy_grt.hdr = p;
	if (hy_grt.hdr->magic != HY_GUEST_MAGIC || !hy_grt.hdr->ready ||
	    hy_grt.hdr->ntools > HY_GUEST_MAX_TOOLS)
		hy_grt_die("the shared region is not hytrace's", path);
}

/* Which calls a rewritten site makes at once, or hands to the tools without a trap. */
static void rewrite_sets(void)
{
	unsigned int a, b, c, d;

	/* xsave's area for what the OS enabled (CPUID 0xd/0 ebx); OSXSAVE: CPUID 1 ecx bit 27 */
	if (__get_cpuid(1, &a, &b, &c, &d) && c & 1u << 27 &&
	    __get_cpuid_count(0xd, 0, &a, &b, &c, &d))
		hy_grt_xsave_size = b;
	for (long nr = 0; nr < HY_DIRECT_MAX; nr++) {
		if (!hy_grt_plain_call(nr))
			continue;
		if (!hy_sysset_contains(&hy_grt.trap, HY_ABI_X86_64, nr))
			hy_grt_direct[nr / 64] |= 1ull << (nr % 64);
		else if (hy_grt_xsave_size)
			hy_grt_held_direct[nr / 64] |= 1ull << (nr % 64);
	}
}

/* Handlers the guest has before the runtime sees its rt_sigaction calls (inherited: none; a preload's). */
static void find_guest_handlers(void)
{
	struct hy_ksigaction old;

	for (int sig = 1; sig <= 64 && !hy_grt.guest_handlers; sig++)
		if (sig != SIGKILL && sig != SIGSTOP &&
		    !syscall(SYS_rt_sigaction, sig, NULL, &old, 8) &&
		    (uintptr_t)old.handler > (uintptr_t)SIG_IGN)
			hy_grt.guest_handlers = true;
}

/*
 * The launched task's first image was held by hytrace until this runtime armed
 * (the hand-off): its tools' process and thread state, started there and
 * changed by the loader's calls, go on here, the same state (their start
 * callbacks do not run again), and no call of it was unseen by the tools.
 */
static struct hy_task *adopt_task(struct hy_session *s, int slot)
{
	struct hy_guest_hdr *h = hy_grt.hdr;
	struct hy_tool *saved = hy_grt_calloc(s->ntools + 1, sizeof(*saved));
	struct hy_task *t;

	if (!saved)
		hy_grt_die("out of memory", NULL);
	for (int i = 0; i < s->ntools; i++) {
		saved[i] = s->tools[i].copy;
		s->tools[i].copy.on_process_start = NULL;
		s->tools[i].copy.on_thread_start = NULL;
	}
	t = hy_rt_task_get(s, hy_grt_tid, getpid(), getppid());
	for (int i = 0; i < s->ntools; i++)
		s->tools[i].copy = saved[i];
	if (t)
		hy_guest_handoff_states(h, slot, s, t, false);
	hy_grt_free(saved);
	return t;
}

__attribute__((constructor)) static void hy_grt_start(void)
{
	const char *shm = hy_grt_getenv(HY_GUEST_ENV), *die;
	struct hy_session *s;
	struct hy_task *t;
	Dl_info di;
	int err, handed;

	if (!shm)
		return; /* loaded by something else than hytrace: inert */
	snprintf(hy_grt.shm, sizeof(hy_grt.shm), "%s", shm);
	if (dladdr((void *)hy_grt_start, &di) && di.dli_fname)
		snprintf(hy_grt.self, sizeof(hy_grt.self), "%s", di.dli_fname);
	/* armed, the selector at "allow": nothing traps yet, and the recorder skips our calls */
	if ((err = hy_grt_arm()))
		hy_grt_die("Syscall User Dispatch is not available", strerror(-err));
	map_region(hy_grt.shm);
	clean_environment();
	hy_grt_thread_init();
	/*
	 * an execve's hand-off (or the launch's): hytrace put the states back in
	 * this slot; taken once, then the slot is free (a later image of this
	 * task starts its own state)
	 */
	handed = hy_gslot_find(hy_grt.hdr, HY_GSLOT(hy_grt_tid, HY_GSEIZE_ARMED));
	hy_grt.die_claimed[0] = hy_grt.die_locked[0] = 0;
	if ((die = hy_grt_getenv("HYTRACE_TEST_DIE_CLAIMED")))
		snprintf(hy_grt.die_claimed, sizeof(hy_grt.die_claimed), "%s", die);
	if ((die = hy_grt_getenv("HYTRACE_TEST_DIE_LOCKED")))
		snprintf(hy_grt.die_locked, sizeof(hy_grt.die_locked), "%s", die);
	/*
	 * the runtime's allocator, not the guest's malloc: its first use would be
	 * made here, unseen (getrandom, brk), and not later as the guest's own
	 */
	s = hy_grt_calloc(1, sizeof(*s));
	if (!s || !(s->tools = hy_grt_calloc(hy_grt.hdr->ntools + 1, sizeof(*s->tools))))
		hy_grt_die("out of memory", NULL);
	s->ntools = hy_grt.hdr->ntools;
	s->ninit = s->ntools;
	s->strsize = hy_grt.hdr->strsize;
	s->plan_verbose = hy_grt.hdr->plan_verbose;
	s->backend = &hy_guest_ops;
	hy_tasks_init(&s->tasks, sizeof(struct hy_grt_task));
	hy_grt.s = s;
	for (int i = 0; i < s->ntools; i++)
		setup_tool(s, i);
	hy_grt_seccomp_inherit(); /* the filters an execve kept (rt_seccomp.c) */
	hy_grt.rewrite = hy_grt.hdr->rewrite;
	rewrite_sets();
	find_guest_handlers();
	if (hy_sysset_empty(&hy_grt.trap)) { /* no tool handles a call here: nothing to trap */
		if (handed >= 0)
			hy_gslot_free(hy_grt.hdr, handed, HY_GSLOT(hy_grt_tid, HY_GSEIZE_ARMED));
		prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0);
		return;
	}
	if ((err = hy_grt_install_handler()))
		hy_grt_die("cannot install the SIGSYS handler", strerror(-err));
	hy_grt.active = true;
	/* the process's state now, so a child forked before its first held call finds it */
	/* hytrace's on_exec / on_process_start of this image, and the loader's calls */
	t = handed >= 0 ? adopt_task(s, handed) :
			  hy_rt_task_get(s, hy_grt_tid, getpid(), getppid());
	/* the states taken: another exec may hand off through this slot */
	if (handed >= 0)
		hy_gslot_free(hy_grt.hdr, handed, HY_GSLOT(hy_grt_tid, HY_GSEIZE_ARMED));
	hy_grt_wait_hytrace(t);
	if (handed >= 0 && t)
		((struct hy_grt_task *)t)->nbefore =
			0; /* the tools saw them: hy_calls_before() 0 */
	hy_grt_sel = HY_SEL_BLOCK;
}

void hy_grt_free_held(int tid)
{
	hy_grt_unlock_held(&hy_grt.lock, tid);
	hy_grt_alloc_free_held(tid);
	hy_grt_thread_free_held(tid);
	hy_grt_rewrite_free_held(tid);
}

void hy_grt_child(void)
{
	hy_grt_free_held(0);
	if (hy_grt_arm())
		hy_grt_die("cannot arm Syscall User Dispatch in a child", NULL);
	hy_grt_wait_hytrace(NULL);
}
