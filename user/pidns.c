// SPDX-License-Identifier: MIT
/*
 * --pidns-translation: a guest in its own PID namespace sees other process ids
 * than hytrace. Each task's namespace and innermost id are read from /proc when
 * the task appears (it is alive then; its lines are printed later) and kept, so
 * an id a guest saw can be shown with the one hytrace sees.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procfs.h"
#include "pidns.h"

struct hy_pidns_ent {
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
	const struct hy_pidns_map *m =
		(const void *)((const char *)ns - offsetof(struct hy_pidns_map, view));
	uint64_t in = 0;

	for (size_t i = 0; i < m->n; i++)
		if (m->ent[i].outer == tid)
			in = m->ent[i].ns;
	if (!in)
		return 0; /* the task is in hytrace's namespace */
	for (size_t i = 0; i < m->n; i++)
		if (m->ent[i].ns == in && m->ent[i].inner == inner)
			return m->ent[i].outer;
	return 0;
}

void hy_pidns_init(struct hy_pidns_map *m, bool on)
{
	m->view.outer = outer;
	m->on = on;
	m->self = on ? ns_of("self") : 0;
}

void hy_pidns_task(struct hy_pidns_map *m, pid_t tid)
{
	char proc[16];
	uint64_t ns;
	int inner;

	if (!m->on)
		return;
	snprintf(proc, sizeof(proc), "%d", tid);
	ns = ns_of(proc);
	if (!ns || ns == m->self || !(inner = inner_pid(tid)))
		return;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 32;
		struct hy_pidns_ent *v = realloc(m->ent, cap * sizeof(*v));

		if (!v)
			return;
		m->ent = v;
		m->cap = cap;
	}
	m->ent[m->n++] = (struct hy_pidns_ent){ ns, inner, tid };
}

void hy_pidns_free(struct hy_pidns_map *m)
{
	free(m->ent);
	m->ent = NULL;
	m->n = m->cap = 0;
}
