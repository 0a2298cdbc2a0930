// SPDX-License-Identifier: MIT
/*
 * Whether a run takes the in-guest backend (guest.h): what was asked
 * (--backend, `auto`), and whether the command and this kernel allow it.
 */
#define _GNU_SOURCE
#include <elf.h>
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
#include "session.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#endif

/*
 * Whether `auto` may take the guest backend for this run: what the guest
 * cannot do at all is left to ptrace without a word (attach, a cgroup,
 * RDTSC/CPUID, the vDSO's clocks, a tool whose on_signal's answer matters:
 * only the log's does not). Only with HYTRACE_DEFAULT_BACKEND=guest, a test
 * hook: `auto` is ptrace (HACKING.md says what still blocks the flip).
 */
static bool auto_guest(const struct hy_session *s)
{
	const char *d = getenv("HYTRACE_DEFAULT_BACKEND");
	const struct hy_run_opts *o = &s->opts;

	if (!d || strcmp(d, "guest") || o->nattach || o->cgroup || o->all_tasks || o->gdbserver)
		return false;
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *t = s->tools[i].tool;

		if (t->on_rdtsc || t->on_cpuid || t->flags & HY_TOOL_VDSO_SYSCALLS ||
		    (t->on_signal && o->tools[i] != &hy_tool_log))
			return false;
	}
	return true;
}

int hy_guest_wanted(const struct hy_session *s, bool *wanted)
{
	const char *b = s->opts.backend;

	*wanted = b ? !strcmp(b, "guest") : false;
	if (b && strcmp(b, "guest") && strcmp(b, "ptrace") && strcmp(b, "auto"))
		return hy_error(-EINVAL, "backend %s: want ptrace, guest or auto", b);
	if (!b || !strcmp(b, "auto"))
		*wanted = auto_guest(s);
	return 0;
}

/* Whether @path names a program the dynamic loader starts (PT_INTERP): only those preload. */
static int check_dynamic(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), found = 0;

	if (fd < 0)
		return hy_error(-errno, "%s: %s", path, strerror(errno));
	if (!fstat(fd, &st) && st.st_mode & (S_ISUID | S_ISGID) &&
	    (st.st_uid != getuid() || st.st_gid != getgid())) {
		close(fd);
		return hy_error(-EPERM, "%s is set-user-ID: the loader ignores LD_PRELOAD", path);
	}
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64) {
		close(fd);
		return hy_error(-ENOEXEC, "%s is not a 64-bit ELF executable", path);
	}
	for (int i = 0; i < eh.e_phnum && !found; i++)
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + (off_t)i * eh.e_phentsize) ==
			    sizeof(ph) &&
		    ph.p_type == PT_INTERP)
			found = 1;
	close(fd);
	if (!found)
		return hy_error(-ENOEXEC,
				"%s is a static executable: no runtime can be "
				"preloaded into it",
				path);
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

static bool handles_calls(const struct hy_session *s)
{
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *t = s->tools[i].tool;

		if ((t->on_syscall_enter || t->on_syscall_exit) &&
		    !hy_sysset_empty(&s->tools[i].subscription))
			return true;
	}
	return false;
}

bool hy_guest_fits(struct hy_session *s, const char *path, char *why, size_t size)
{
	char lib[PATH_MAX];

	*why = 0;
	if (!handles_calls(s))
		return false; /* nothing to run in the guest: ptrace shows signals too */
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0)) {
		snprintf(why, size,
			 "--backend=guest: ptrace for this run: this kernel has no "
			 "Syscall User Dispatch (Linux 5.11+)");
		return false;
	}
	if (check_dynamic(path) || hy_guest_find_runtime(lib, sizeof(lib))) {
		snprintf(why, size, "--backend=guest: ptrace for this run: %s", hy_last_error());
		return false;
	}
	return true;
}
