// SPDX-License-Identifier: MIT
/*
 * execve: hytrace's variables back into the new program's environment. The
 * guest's own entries keep their places (its LD_PRELOAD, if any, gets the
 * runtime and the plugins preloaded in front), hytrace's come after them,
 * and a note tells hytrace how many were the guest's and where they were, so
 * the record shows the environment the guest passed (HY_GNOTE_EXEC_ENV).
 *
 * Built in the executing thread's own memory (rt_thread_mem.c), sized to the
 * guest's environment and kept for its next exec. It was one static array
 * per process (4096 entries, a mapping past that): a thread executing while
 * another did could pass the other's environment (t_threads_exec_their_own_environment),
 * and the array held 4090 of the guest's entries before the mapping
 * (t_large_environment_passed_whole).
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "guest/rt/rt.h"

struct exec_env {
	size_t size; /* bytes, this header with them */
	char preload[HY_GUEST_PRELOAD_BYTES + PATH_MAX * 2 + 16];
	char shm[PATH_MAX + 32];
	char *env[]; /* then the seccomp filters' variable, if any */
};

/* The thread's block with room for @n entries and @more bytes after them. */
static struct exec_env *room(size_t n, size_t more)
{
	struct hy_grt_thread_mem *mem = hy_grt_thread_mem(true);
	size_t size = sizeof(struct exec_env) + n * sizeof(char *) + more;
	struct exec_env *e;

	if (!mem)
		return NULL;
	e = mem->exec_env;
	if (e && e->size >= size)
		return e;
	hy_grt_free(e);
	if ((e = mem->exec_env = hy_grt_malloc(size)))
		e->size = size;
	return e;
}

uint64_t hy_grt_exec_env(uint64_t envp)
{
	char **e = (char **)envp;
	bool pre = false, shm = false;
	bool filters = hy_grt_seccomp_any();
	struct exec_env *x;
	size_t n = 0, k;

	while (e && e[n])
		n++;
	/* hytrace's two, the seccomp filters' and the NULL */
	if (!(x = room(n + 4, filters ? HY_GRT_SECCOMP_ENV_MAX : 0)))
		return envp; /* the guest's own: its new program runs without the runtime */
	n = 0;
	/* the runtime and the plugins preloaded (the region's list), then the guest's own */
	snprintf(x->preload, sizeof(x->preload), "LD_PRELOAD=%s", hy_grt.hdr->preload);
	snprintf(x->shm, sizeof(x->shm), "%s=%s", HY_GUEST_ENV, hy_grt.shm);
	for (; e && e[n]; n++) {
		if (!strncmp(e[n], "LD_PRELOAD=", 11)) {
			if (e[n][11])
				snprintf(x->preload, sizeof(x->preload), "LD_PRELOAD=%s:%s",
					 hy_grt.hdr->preload, e[n] + 11);
			x->env[n] = x->preload;
			pre = true;
		} else if (!strncmp(e[n], HY_GUEST_ENV "=", sizeof(HY_GUEST_ENV))) {
			x->env[n] = x->shm;
			shm = true;
		} else {
			x->env[n] = e[n];
		}
	}
	k = n;
	if (!pre)
		x->env[k++] = x->preload;
	if (!shm)
		x->env[k++] = x->shm;
	/* the guest's seccomp filters outlive the exec: the new runtime must know them */
	if (filters && (x->env[k] = hy_grt_seccomp_env((char *)&x->env[n + 4])))
		k++;
	x->env[k] = NULL;
	hy_grt_note(HY_GNOTE_EXEC_ENV, n, envp, 0, 0, 0);
	return (uint64_t)x->env;
}
