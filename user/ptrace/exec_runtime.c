// SPDX-License-Identifier: MIT
/*
 * A static program the guest backend holds through ptrace executes a dynamic
 * one (HACKING.md, "Static programs executed mid-run"): that program runs on
 * the guest backend, as if a guest had executed it. Its kept filter stops its
 * execve (kept_filter.c), where hytrace does what the runtime's own execve
 * does (rt_calls.c): LD_PRELOAD and HYTRACE_GUEST_SHM after the guest's own
 * entries (its LD_PRELOAD, if any, with hytrace's objects in front), the
 * array and the strings written below the stack pointer (past the red zone)
 * and the envp register pointed at them, the record told the guest's own
 * array and count. At the exec event the process stops being ptraced and
 * becomes the hand-off's task: the loader's calls stop until the runtime
 * arms, then hytrace lets go. Only when the new program's code cannot be
 * where the filters the process carries hold calls: a call from a held
 * range with no tracer fails with ENOSYS. A non-PIE program's address is in
 * its file; a PIE one's, the loader's and the vDSO's are random, unless
 * the process runs without address randomization: then it stays on ptrace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <unistd.h>

#include "procfs.h"
#include "ptrace/code_ranges.h"
#include "ptrace/exec_runtime.h"
#include "ptrace/ptrace.h"
#include "ptrace/pt_task.h"
#include "ptrace/syscall_stop.h"
#include "session.h"

#define NR_EXECVE_I386 11
#define NR_EXECVEAT_I386 358
#define RED_ZONE 4096 /* below the stack pointer, as kept_filter.c's margin */
#define MAX_ENV 4096
#define PRELOAD "LD_PRELOAD="

/* Where execve's or execveat's path, envp and (execveat) dirfd and flags are. */
static bool exec_args(const struct hy_call *c, int *path, int *envp)
{
	bool x64 = c->abi == HY_ABI_X86_64, i386 = c->abi == HY_ABI_I386;

	if ((x64 && c->nr == SYS_execve) || (i386 && c->nr == NR_EXECVE_I386))
		return *path = 0, *envp = 2, true;
	if ((x64 && c->nr == SYS_execveat) || (i386 && c->nr == NR_EXECVEAT_I386))
		return *path = 1, *envp = 3, true;
	return false;
}

static ssize_t read_string(struct hy_session *s, struct hy_task *t, uint64_t at, char *buf,
			   size_t size)
{
	ssize_t n = hy_pt_read_mem(s, t, at, buf, size - 1);

	if (n <= 0)
		return -EFAULT;
	buf[n] = 0;
	return strlen(buf) < (size_t)n ? (ssize_t)strlen(buf) : -ENAMETOOLONG;
}

/* The program @pt is about to execute, opened as the task would find it. */
static int open_program(struct hy_session *s, struct hy_pt_task *pt, int path_arg)
{
	const struct hy_call *c = &pt->t.call;
	char path[PATH_MAX], where[PATH_MAX + 64];
	int dirfd = path_arg ? (int)c->args[0] : AT_FDCWD;

	if (read_string(s, &pt->t, c->args[path_arg], path, sizeof(path)) <= 0)
		return -ENOENT; /* AT_EMPTY_PATH's "" too: left to ptrace */
	if (path[0] == '/')
		snprintf(where, sizeof(where), "/proc/%d/root%s", pt->t.tid, path);
	else if (dirfd == AT_FDCWD)
		snprintf(where, sizeof(where), "/proc/%d/cwd/%s", pt->t.tid, path);
	else
		snprintf(where, sizeof(where), "/proc/%d/fd/%d/%s", pt->t.tid, dirfd, path);
	return open(where, O_RDONLY | O_CLOEXEC);
}

/*
 * Whether a runtime can arm in the program and hold its calls with the
 * process's filters let through: a dynamic 64-bit ELF, not set-ID (a secure
 * exec ignores LD_PRELOAD), its code away from the filters' ranges. A script
 * stays on ptrace.
 */
static bool runtime_fits(struct hy_pt_task *pt, int fd)
{
	struct hy_pt_elf elf;
	struct stat st;

	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_mode & (S_ISUID | S_ISGID) ||
	    hy_pt_elf_read(fd, &elf) || !elf.elf || !elf.is64 || !elf.interp)
		return false;
	if (elf.fixed && hy_pt_code_meets(&elf.code, &pt->t.proc->filter_code))
		return false; /* a non-PIE program where a static one's code was */
	/* without randomization a PIE program, its loader and the vDSO land where the static one's were */
	return !hy_proc_aslr_off(pt->t.tid);
}

/* The strings and the array below the stack pointer; the new envp's address, or 0. */
struct env_build {
	char *blob; /* the strings, then the array */
	size_t strings, len;
	uint64_t at;
};

/* Read the guest's array: its count, and the index of its LD_PRELOAD and HYTRACE_GUEST_SHM (-1). */
static int read_env(struct hy_session *s, struct hy_pt_task *pt, uint64_t envp, size_t psize,
		    uint64_t *ptrs, size_t *n, long *pre, long *shm, char *own, size_t own_size)
{
	const char *var = s->pt->runtime->region_var(s);
	size_t shm_len = strchr(var, '=') - var + 1;

	*n = 0;
	*pre = *shm = -1;
	for (; envp && *n < MAX_ENV - 3; (*n)++) {
		uint64_t p = 0;
		char head[64];
		ssize_t k;

		if (hy_pt_read_mem(s, &pt->t, envp + *n * psize, &p, psize) != (ssize_t)psize)
			return -EFAULT;
		if (!p)
			return 0;
		ptrs[*n] = p;
		k = hy_pt_read_mem(s, &pt->t, p, head, sizeof(head) - 1);
		if (k <= 0)
			continue;
		head[k] = 0;
		if (!strncmp(head, PRELOAD, strlen(PRELOAD))) {
			*pre = *n;
			if (read_string(s, &pt->t, p + strlen(PRELOAD), own, own_size) < 0)
				return -E2BIG;
		} else if (!strncmp(head, var, shm_len)) {
			*shm = *n;
		}
	}
	return envp ? -E2BIG : 0;
}

static int write_env(struct hy_session *s, struct hy_pt_task *pt, const char *list, uint64_t envp,
		     bool i386, uint64_t sp, uint64_t *out, size_t *nguest)
{
	const char *var = s->pt->runtime->region_var(s);
	size_t psize = i386 ? 4 : 8, n, len, k, pre_len;
	uint64_t *ptrs = calloc(MAX_ENV, sizeof(*ptrs)), at;
	char *own = malloc(PATH_MAX * 2), *blob = NULL;
	long pre, shm;
	int err = -ENOMEM;

	if (!ptrs || !own)
		goto out;
	own[0] = 0;
	if ((err = read_env(s, pt, envp, psize, ptrs, &n, &pre, &shm, own, PATH_MAX * 2)))
		goto out;
	pre_len = strlen(PRELOAD) + strlen(list) + (own[0] ? 1 + strlen(own) : 0) + 1;
	len = pre_len + strlen(var) + 1;
	len = (len + 15) & ~15ul;
	at = (sp - RED_ZONE - len - (n + 3) * psize) & ~15ull;
	err = -ENOMEM;
	if (!(blob = calloc(1, len + (n + 3) * psize)))
		goto out;
	snprintf(blob, pre_len, PRELOAD "%s%s%s", list, own[0] ? ":" : "", own);
	strcpy(blob + pre_len, var);
	/* the guest's own entries in their places, hytrace's after them */
	if (pre >= 0)
		ptrs[pre] = at;
	if (shm >= 0)
		ptrs[shm] = at + pre_len;
	k = n;
	if (pre < 0)
		ptrs[k++] = at;
	if (shm < 0)
		ptrs[k++] = at + pre_len;
	ptrs[k++] = 0;
	for (size_t i = 0; i < k; i++)
		memcpy(blob + len + i * psize, &ptrs[i], psize);
	err = hy_pt_write_mem(s, &pt->t, at, blob, len + k * psize) == (ssize_t)(len + k * psize) ?
		      0 :
		      -EFAULT;
	*out = at + len;
	*nguest = n;
out:
	free(blob);
	free(own);
	free(ptrs);
	return err;
}

bool hy_pt_exec_runtime_entry(struct hy_session *s, struct hy_pt_task *pt, const char *preload)
{
	const struct hy_pt_runtime *re = s->pt->runtime;
	struct hy_call *c = &pt->t.call;
	struct user_regs_struct regs;
	bool i386 = c->abi == HY_ABI_I386;
	uint64_t envp = 0;
	size_t n = 0;
	int path, arg, fd;
	bool fits;

	if (!re || pt->unannounced || !pt->t.proc->filtered || pt->t.proc->filter_code.n < 0 ||
	    !exec_args(c, &path, &arg))
		return false;
	fd = open_program(s, pt, path);
	if (fd < 0)
		return false;
	fits = runtime_fits(pt, fd);
	close(fd);
	if (!fits || !re->claim(s, pt->t.tid))
		return false;
	if (ptrace(PTRACE_GETREGS, pt->t.tid, 0, &regs) ||
	    write_env(s, pt, preload, c->args[arg], i386, regs.rsp, &envp, &n) ||
	    hy_pt_set_arg(pt->t.tid, c->abi, arg, envp)) {
		re->moved(s, pt->t.tid, 0);
		return false;
	}
	re->env_note(s, pt->t.tid, n, c->args[arg]);
	pt->runtime_env = true;
	pt->runtime_envp = c->args[arg];
	pt->runtime_arg = arg;
	return true;
}

void hy_pt_exec_runtime_failed(struct hy_session *s, struct hy_pt_task *pt)
{
	if (!pt->runtime_env)
		return;
	pt->runtime_env = false;
	/* the call's registers are the guest's again, the one hytrace changed too */
	hy_pt_set_arg(pt->t.tid, pt->t.call.abi, pt->runtime_arg, pt->runtime_envp);
	s->pt->runtime->moved(s, pt->t.tid, 0);
}

bool hy_pt_exec_runtime_took(struct hy_session *s, struct hy_pt_task *pt)
{
	bool took = pt->runtime_env;

	(void)s;
	pt->runtime_env = false; /* the exec event frees the slot or hands it on */
	return took;
}
