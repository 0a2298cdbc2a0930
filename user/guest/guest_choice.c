// SPDX-License-Identifier: MIT
/*
 * Whether a run takes the in-guest backend (guest.h): what was asked
 * (--backend, `auto`), and whether the command and this kernel allow it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "guest/guest.h"
#include "guest/guest_elf.h"
#include "guest/guest_run.h"
#include "guest/guest_shm.h"
#include "record.h"
#include "session.h"
#include "syscall_table.h"
#include "sysset.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#endif

/*
 * Plugins of the SAN build carry ASan, which a guest cannot load (its
 * runtime must be the program's first library): `auto` keeps ptrace there.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED_BUILD true
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED_BUILD true
#endif
#endif
#ifndef SANITIZED_BUILD
#define SANITIZED_BUILD false
#endif

/*
 * Whether `auto` may take the guest backend for this run, before the tools'
 * init (the region of their global state is made before it): what the guest
 * cannot do at all is left to ptrace without a word (attach, a cgroup,
 * RDTSC/CPUID, the vDSO's clocks, a tool whose on_signal's answer matters:
 * only the log's does not), and so is a tool that enforces a policy
 * (HY_TOOL_ENFORCES), one the guest cannot load (compiled into the program
 * that calls hy_run()) and a run whose tools hold no call. Which calls are
 * held is known after init: hy_guest_fits() decides by it.
 * HYTRACE_DEFAULT_BACKEND=ptrace (a test hook) keeps `auto` on ptrace.
 */
static bool default_backend_is(const char *name)
{
	const char *d = getenv("HYTRACE_DEFAULT_BACKEND");

	return d && !strcmp(d, name);
}

static bool auto_guest(const struct hy_session *s)
{
	const struct hy_run_opts *o = &s->opts;
	bool holds = false;

	if (SANITIZED_BUILD || default_backend_is("ptrace") || o->nattach || o->cgroup ||
	    o->all_tasks || o->gdbserver || o->no_kernel || s->ntools > HY_GUEST_MAX_TOOLS)
		return false;
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *t = s->tools[i].tool;

		if (t->on_rdtsc || t->on_cpuid ||
		    t->flags & (HY_TOOL_VDSO_SYSCALLS | HY_TOOL_ENFORCES) ||
		    (t->on_signal && o->tools[i] != &hy_tool_log))
			return false;
		if (t->on_syscall_enter || t->on_syscall_exit) {
			if (!hy_guest_tool_loads(s, i))
				return false;
			holds = true;
		}
	}
	return holds;
}

int hy_guest_wanted(const struct hy_session *s, bool *wanted, bool *by_auto)
{
	const char *b = s->opts.backend;

	*wanted = b ? !strcmp(b, "guest") : false;
	*by_auto = false;
	if (b && strcmp(b, "guest") && strcmp(b, "ptrace") && strcmp(b, "auto"))
		return hy_error(-EINVAL, "backend %s: want ptrace, guest or auto", b);
	if (!b || !strcmp(b, "auto"))
		*wanted = *by_auto = auto_guest(s);
	return 0;
}

/*
 * Whether @path names a program the dynamic loader starts (PT_INTERP): only
 * those preload. A script is its interpreter's program. A static or 32-bit
 * one runs as one a guest executes mid-run (*@kept: HY_IMAGE_*): held
 * through ptrace from its exec; a static one (*@loaderless, either class)
 * with a filter that holds its own calls only, a dynamic 64-bit program it
 * executes on the guest backend. A set-ID one keeps the whole run on ptrace
 * (traced, it would run without its IDs unless hytrace may trace it so); a
 * script's own set-ID bits are ignored by the kernel, and here.
 */
static int check_dynamic(const char *path, int *kept, bool *loaderless)
{
	char prog[PATH_MAX];
	struct stat st;
	int fd = hy_guest_open_program(path, prog, sizeof(prog)), kind;

	*kept = 0;
	if (fd < 0 && errno == ELOOP)
		return hy_error(-ELOOP, "%s: scripts of scripts more than %d deep", path,
				HY_GUEST_MAX_INTERP);
	if (fd < 0 && errno == ENOEXEC)
		return hy_error(-ENOEXEC, "%s: its #! line names no interpreter", path);
	if (fd < 0)
		return hy_error(-errno, "%s: %s", path, strerror(errno));
	if (!fstat(fd, &st) && st.st_mode & (S_ISUID | S_ISGID) &&
	    (st.st_uid != getuid() || st.st_gid != getgid())) {
		close(fd);
		return hy_error(-EPERM, "%s is set-user-ID: the loader ignores LD_PRELOAD", prog);
	}
	kind = hy_guest_elf_kind(fd, loaderless);
	close(fd);
	if (kind < 0)
		return hy_error(-ENOEXEC, "%s is not an ELF executable", prog);
	*kept = kind;
	return 0;
}

int hy_guest_find_runtime(char *out, size_t size)
{
	const char *env = getenv("HYTRACE_GUEST_LIB");
	char exe[PATH_MAX - 32];
	ssize_t n;

	if (env && *env) {
		snprintf(out, size, "%s", env);
	} else {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n < 0)
			return hy_error(-ENOENT,
					"cannot find the guest runtime: /proc/self/exe unreadable");
		exe[n] = 0;
		*strrchr(exe, '/') = 0;
		snprintf(out, size, "%s/libhytrace-guest.so", exe);
	}
	if (access(out, R_OK))
		return hy_error(-ENOENT, "the guest runtime %s: %s", out, strerror(errno));
	return 0;
}

/* The calls some tool holds: what would run in the guest. */
static void held_calls(const struct hy_session *s, struct hy_sysset *held)
{
	hy_sysset_clear(held);
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *t = s->tools[i].tool;

		if (t->on_syscall_enter || t->on_syscall_exit)
			hy_sysset_union(held, &s->tools[i].subscription);
	}
}

/*
 * `auto` takes the guest backend when a held call is one programs make in bulk
 * (HY_C_HOT in the table): the guest backend costs some 5-8 us of CPU more
 * than ptrace on *every* call of the guest, held or not, where ptrace costs
 * nothing on an unheld call and 20-35 us on a held one, so the guest wins
 * when held calls are more than about one in four or five (HACKING.md,
 * "When", has the measurements), which a frequent call's share is likely to
 * be and a rare one's is not. The share itself is known only at run time.
 * HYTRACE_DEFAULT_BACKEND=guest (a test hook) takes it whatever is held.
 */
static bool worth_it(const struct hy_sysset *held)
{
	return default_backend_is("guest") || hy_sysset_any_class(held, HY_C_HOT);
}

/* Whether the guest backend can run @path here; if not, @why says so, after @who. */
static bool guest_can_run(struct hy_session *s, const char *path, int *kept, bool *loaderless,
			  const char *who, char *why, size_t size)
{
	char lib[PATH_MAX];

	if (s->guest_unfit[0]) {
		snprintf(why, size, "%s: %s", who, s->guest_unfit);
		return false;
	}
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0)) {
		/* `auto` says it too, as for a static command: it wanted the guest here */
		snprintf(why, size, "%s: this kernel has no Syscall User Dispatch (Linux 5.11+)",
			 who);
		return false;
	}
	if (check_dynamic(path, kept, loaderless) || hy_guest_find_runtime(lib, sizeof(lib))) {
		snprintf(why, size, "%s: %s", who, hy_last_error());
		return false;
	}
	return true;
}

bool hy_guest_fits(struct hy_session *s, const char *path, char *why, size_t size)
{
	const char *who = s->guest_auto ? "ptrace for this run, not the guest backend" :
					  "--backend=guest: ptrace for this run";
	bool guessed = s->guest_auto && !default_backend_is("guest");
	struct hy_sysset held;

	*why = 0;
	held_calls(s, &held);
	if (hy_sysset_empty(&held))
		return false; /* nothing to run in the guest: ptrace shows signals too */
	if (s->guest_auto && s->want_ip)
		return false; /* -i: the guest backend has no address for signals, ptrace has */
	if (s->guest_auto && !worth_it(&held)) {
		/* ptrace is cheaper for rare held calls: a choice, not a fall-back */
		int kept;
		bool loaderless;
		char unsaid[300];

		if (guest_can_run(s, path, &kept, &loaderless, who, unsaid, sizeof(unsaid)) &&
		    !kept)
			s->guest->guessed = HY_GUESSED_PTRACE;
		return false;
	}
	if (!guest_can_run(s, path, &s->guest->kept_cmd, &s->guest->kept_loaderless, who, why,
			   size))
		return false;
	if (guessed)
		s->guest->guessed = HY_GUESSED_GUEST;
	return true;
}

void hy_guest_share_count(struct hy_session *s, const struct hy_record *r)
{
	struct hy_guest *g = s->guest;

	if (!g || g->guessed == HY_GUESSED_NOTHING || r->nr < 0 || r->flags & HY_EV_INJECTED)
		return;
	g->share_calls++;
	if (hy_sysset_contains(&g->held, r->abi, r->nr))
		g->share_held++;
}

/*
 * The guess against the share the run had. The crossover is near one held
 * call in four or five (HACKING.md, "When": ~6.5 us of CPU more per unheld
 * call on the guest, ~25-35 us per held call on ptrace); a line only when the
 * share is well past it either way (each backend then costs the other's
 * half or less) in a run long enough for the difference to be felt.
 */
#define SHARE_MIN_CALLS 10000
#define SHARE_GUEST_PCT 40 /* at least this many held per hundred: the guest wins */
#define SHARE_PTRACE_PCT 8 /* at most: ptrace wins */

bool hy_guest_share_hint(const struct hy_session *s, char *msg, size_t size)
{
	const struct hy_guest *g = s->guest;
	uint64_t pct;

	if (!g || g->guessed == HY_GUESSED_NOTHING || g->share_calls < SHARE_MIN_CALLS)
		return false;
	pct = g->share_held * 100 / g->share_calls;
	if (g->guessed == HY_GUESSED_PTRACE && pct >= SHARE_GUEST_PCT)
		snprintf(msg, size,
			 "%llu%% of the run's %llu calls were held, each a ptrace stop: "
			 "--backend=guest would likely have cost less (`auto` guessed ptrace: "
			 "no held call is of a kind programs make in bulk)",
			 (unsigned long long)pct, (unsigned long long)g->share_calls);
	else if (g->guessed == HY_GUESSED_GUEST && pct <= SHARE_PTRACE_PCT)
		snprintf(msg, size,
			 "%llu%% of the run's %llu calls were held, and the guest backend traps "
			 "every call: --backend=ptrace would likely have cost less (`auto` "
			 "guessed the guest: a held call is of a kind programs make in bulk)",
			 (unsigned long long)pct, (unsigned long long)g->share_calls);
	else
		return false;
	return true;
}
