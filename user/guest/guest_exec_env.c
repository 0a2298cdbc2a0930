// SPDX-License-Identifier: MIT
/*
 * The environment of a guest's execve as the guest passed it. The runtime
 * must reach the new program, so LD_PRELOAD and HYTRACE_GUEST_SHM go into
 * its environment (hytrace's launch, the runtime's execve): after the
 * guest's own entries, and a note (HY_GNOTE_EXEC_ENV; for the launched
 * command, the region's launch_envc) says how many those were. The execve's
 * enter record is rewritten before the merge: its envp is the guest's and
 * the captured array ends after the guest's entries, so the line says the
 * guest's count of variables, as under ptrace. An array too long for its
 * capture to end has its count from the new program's record
 * (HY_KEV_EXEC_ARGS), which counts hytrace's variables too: the guest's is
 * put there. With -v, a guest's own LD_PRELOAD shows the runtime in front of
 * its value.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "merge.h"
#include "tidmap.h"

#define LAUNCH UINT64_MAX

struct env_fix {
	uint64_t n;    /* the guest's entries; LAUNCH: the region's launch_envc */
	uint64_t envp; /* the guest's array (NULL too); LAUNCH: the one the record has */
	bool entered;  /* its execve began, its array's end not captured: n for its exec record */
};

void hy_guest_exec_env_launch(struct hy_tidmap *m, int tid)
{
	hy_guest_exec_env_note(m, tid, LAUNCH, 0);
}

void hy_guest_exec_env_note(struct hy_tidmap *m, int tid, uint64_t n, uint64_t envp)
{
	struct env_fix *f = hy_tidmap_get(m, tid);

	if (!f && (!(f = malloc(sizeof(*f))) || hy_tidmap_put(m, tid, f))) {
		free(f);
		return;
	}
	f->n = n;
	f->envp = envp;
	f->entered = false;
}

/*
 * @e's capture of argument @arg: the array of pointers, which ends after @n of
 * them; @envp the guest's array in its place, unless @launch. False when the
 * capture is too short for that end.
 */
static bool cut(struct hy_kev_sys *e, size_t len, int arg, uint64_t n, uint64_t envp, bool launch)
{
	size_t off = sizeof(*e);
	bool ends = false;

	for (int i = 0; i < e->ncap && off + sizeof(struct hy_kcap) <= len; i++) {
		struct hy_kcap *c = (void *)((char *)e + off);

		off += sizeof(*c);
		if (off + c->len > len)
			return true; /* a record cut short: nothing to fix */
		if (c->arg == arg && c->addr == e->args[arg]) {
			if ((ends = (n + 1) * 8 <= c->len))
				memset((char *)c + sizeof(*c) + n * 8, 0, 8);
			if (!launch)
				c->addr = envp; /* NULL: the array is not read */
			break;
		}
		off += (c->len + 7) & ~7u;
	}
	if (!launch)
		e->args[arg] = envp;
	return ends;
}

/* The exec record of a task whose array's end was not captured: the guest's count. */
static bool exec_args(struct hy_tidmap *m, struct hy_merge *merge, const void *rec, size_t len)
{
	const struct hy_kev_exec_args *x = rec;
	struct hy_kev_exec_args *copy;
	struct env_fix *f = hy_tidmap_get(m, x->hdr.tid);

	if (!f || !f->entered)
		return false;
	hy_tidmap_del(m, x->hdr.tid);
	if ((copy = malloc(len))) {
		memcpy(copy, rec, len);
		copy->envc = f->n;
		hy_merge_kernel(merge, copy, len);
		free(copy);
	}
	free(f);
	return copy != NULL;
}

bool hy_guest_exec_env(struct hy_tidmap *m, struct hy_merge *merge, uint32_t launch_envc,
		       const void *rec, size_t len)
{
	const struct hy_kev_sys *e = rec;
	struct env_fix *f;
	struct hy_kev_sys *copy;
	uint64_t n;
	int arg;

	if (len >= sizeof(struct hy_kev_exec_args) && e->hdr.type == HY_KEV_EXEC_ARGS)
		return exec_args(m, merge, rec, len);
	/* a thread that executed took the leader's tid: its exec record comes under it */
	if (len >= sizeof(e->hdr) && e->hdr.type == HY_KEV_EXEC && e->hdr.aux != e->hdr.tid &&
	    (f = hy_tidmap_del(m, (int)e->hdr.aux))) {
		free(hy_tidmap_del(m, e->hdr.tid));
		if (hy_tidmap_put(m, e->hdr.tid, f))
			free(f);
		return false;
	}
	if (len < sizeof(*e) || e->hdr.type != HY_KEV_ENTER || e->abi != HY_KABI_X86_64 ||
	    (e->nr != SYS_execve && e->nr != SYS_execveat) || !(f = hy_tidmap_del(m, e->hdr.tid)))
		return false;
	if (f->entered) { /* an execve that failed: this one has no note */
		free(f);
		return false;
	}
	arg = e->nr == SYS_execve ? 2 : 3;
	/* launch_envc: written by the child before its execve */
	n = f->n == LAUNCH ? launch_envc : f->n;
	if ((copy = malloc(len))) {
		memcpy(copy, rec, len);
		if (!cut(copy, len, arg, n, f->envp, f->n == LAUNCH) &&
		    !hy_tidmap_put(m, e->hdr.tid, f)) {
			f->n = n;
			f->entered = true;
			f = NULL;
		}
		hy_merge_kernel(merge, copy, len);
		free(copy);
	}
	free(f);
	return copy != NULL;
}

void hy_guest_exec_env_free(struct hy_tidmap *m)
{
	hy_tidmap_free_values(m);
}
