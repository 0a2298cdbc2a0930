// SPDX-License-Identifier: MIT
/*
 * --pidns-translation: a guest in its own PID namespace sees other process ids
 * than hytrace. Each task's namespace and innermost id are read from /proc when
 * the task appears (it is alive then; its lines are printed later) and kept, so
 * an id a guest saw can be shown with the one hytrace sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procfs.h"
#include "session.h"

struct pidns_ent {
	uint64_t ns;
	int inner, outer;
};

static uint64_t ns_of(const char *proc)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%s/ns/pid", proc);
	return stat(path, &st) ? 0 : st.st_ino;
}

/* The last number of "NSpid:": the id in the task's own namespace. */
static int inner_pid(pid_t tid)
{
	long ids[32];
	int n = hy_proc_status(tid, "NSpid:", ids, 32);

	return n > 0 ? ids[n - 1] : 0;
}

static int outer(const struct hy_pidns *ns, int tid, int inner)
{
	const struct hy_session *s = ns->s;
	uint64_t in = 0;

	for (size_t i = 0; i < s->npidns; i++)
		if (s->pidns_ent[i].outer == tid)
			in = s->pidns_ent[i].ns;
	if (!in)
		return 0; /* the task is in hytrace's namespace */
	for (size_t i = 0; i < s->npidns; i++)
		if (s->pidns_ent[i].ns == in && s->pidns_ent[i].inner == inner)
			return s->pidns_ent[i].outer;
	return 0;
}

void hy_pidns_init(struct hy_session *s)
{
	s->pidns.s = s;
	s->pidns.outer = outer;
	s->self_pidns = ns_of("self");
}

void hy_pidns_task(struct hy_session *s, pid_t tid)
{
	char proc[16];
	uint64_t ns;
	int inner;

	if (!s->opts->pidns_translation)
		return;
	snprintf(proc, sizeof(proc), "%d", tid);
	ns = ns_of(proc);
	if (!ns || ns == s->self_pidns || !(inner = inner_pid(tid)))
		return;
	if (s->npidns == s->cap_pidns) {
		size_t cap = s->cap_pidns ? 2 * s->cap_pidns : 32;
		struct pidns_ent *v = realloc(s->pidns_ent, cap * sizeof(*v));

		if (!v)
			return;
		s->pidns_ent = v;
		s->cap_pidns = cap;
	}
	s->pidns_ent[s->npidns++] = (struct pidns_ent){ ns, inner, tid };
}

void hy_pidns_free(struct hy_session *s)
{
	free(s->pidns_ent);
	s->pidns_ent = NULL;
	s->npidns = s->cap_pidns = 0;
}
