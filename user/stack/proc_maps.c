// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack/module_cache.h"
#include "stack/proc_maps.h"

/* One executable line of /proc/PID/maps. */
struct line {
	uint64_t start, end, pgoff, dev, ino;
	char name[4096];
};

static bool parse_line(const char *s, struct line *l)
{
	char perms[8];
	unsigned int major, minor;
	int pos = 0;

	if (sscanf(s, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %" SCNu64 " %n", &l->start,
		   &l->end, perms, &l->pgoff, &major, &minor, &l->ino, &pos) < 7 ||
	    !pos || !strchr(perms, 'x'))
		return false;
	l->dev = (uint64_t)major << 32 | minor;
	snprintf(l->name, sizeof(l->name), "%s", s + pos);
	l->name[strcspn(l->name, "\n")] = 0;
	return true;
}

static bool same(const struct hy_mapping *m, const struct line *l)
{
	return m->start == l->start && m->end == l->end && m->pgoff == l->pgoff &&
	       !strcmp(m->name, l->name);
}

static int add(struct hy_procmaps *pm, const struct hy_mapping *m)
{
	if (pm->n == pm->cap) {
		size_t cap = pm->cap ? 2 * pm->cap : 16;
		struct hy_mapping *v = realloc(pm->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		pm->v = v;
		pm->cap = cap;
	}
	pm->v[pm->n] = *m;
	pm->v[pm->n].name = strdup(m->name);
	if (!pm->v[pm->n].name)
		return -ENOMEM;
	pm->n++;
	return 0;
}

static struct hy_elfmod *module_of(struct hy_modcache *mc, const struct line *l, pid_t pid)
{
	if (!strcmp(l->name, "[vdso]"))
		return hy_modcache_vdso(mc);
	if (l->name[0] != '/' || !l->ino)
		return NULL; /* anonymous code (a JIT), [vsyscall] */
	return hy_modcache_file(mc, l->name, l->dev, l->ino, pid, l->start, l->end);
}

/* @l is in the snapshot: keep its live mapping, or add one valid since the previous snapshot. */
static int keep_or_add(struct hy_procmaps *pm, size_t live, struct hy_modcache *mc,
		       const struct line *l, pid_t pid, bool *seen)
{
	struct hy_mapping m = { l->start,	 l->end,      l->pgoff,	     NULL,
				(char *)l->name, pm->snap_ns, HY_MAP_FOREVER };

	for (size_t i = 0; i < live; i++) {
		if (pm->v[i].to == HY_MAP_FOREVER && same(&pm->v[i], l)) {
			seen[i] = true;
			return 0;
		}
	}
	m.mod = module_of(mc, l, pid);
	return add(pm, &m);
}

int hy_procmaps_read(struct hy_procmaps *pm, struct hy_modcache *mc, FILE *f, pid_t pid,
		     uint64_t now)
{
	size_t live = pm->n, found = 0;
	bool *seen = calloc(live + 1, sizeof(*seen));
	struct line *l = malloc(sizeof(*l));
	char buf[4200];
	int err = 0;

	if (!seen || !l) {
		err = -ENOMEM;
		goto out;
	}
	while (!err && fgets(buf, sizeof(buf), f)) {
		if (parse_line(buf, l)) {
			found++;
			err = keep_or_add(pm, live, mc, l, pid, seen);
		}
	}
	if (!found) {
		err = -ESRCH; /* gone, or a zombie without an address space */
		goto out;
	}
	for (size_t i = 0; i < live; i++)
		if (!seen[i] && pm->v[i].to == HY_MAP_FOREVER)
			pm->v[i].to = now;
	pm->snap_ns = now;
out:
	free(seen);
	free(l);
	return err;
}

int hy_procmaps_snapshot(struct hy_procmaps *pm, struct hy_modcache *mc, pid_t pid, uint64_t now)
{
	char path[64];
	FILE *f;
	int err;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -ESRCH;
	err = hy_procmaps_read(pm, mc, f, pid, now);
	fclose(f);
	return err;
}

const struct hy_mapping *hy_procmaps_find(const struct hy_procmaps *pm, uint64_t addr, uint64_t t)
{
	const struct hy_mapping *best = NULL;

	/* several candidates only when an address was reused between snapshots: the latest wins */
	for (size_t i = 0; i < pm->n; i++) {
		const struct hy_mapping *m = &pm->v[i];

		if (addr >= m->start && addr < m->end && t >= m->from && t < m->to &&
		    (!best || m->from > best->from))
			best = m;
	}
	return best;
}

void hy_procmaps_end_all(struct hy_procmaps *pm, uint64_t t)
{
	for (size_t i = 0; i < pm->n; i++)
		if (pm->v[i].to > t)
			pm->v[i].to = t;
	pm->snap_ns = t; /* the new program's mappings came after this */
}

int hy_procmaps_copy(struct hy_procmaps *dst, const struct hy_procmaps *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (add(dst, &src->v[i]))
			return -ENOMEM;
	dst->snap_ns = src->snap_ns;
	return 0;
}

void hy_procmaps_release(struct hy_procmaps *pm)
{
	for (size_t i = 0; i < pm->n; i++)
		free(pm->v[i].name);
	free(pm->v);
	pm->v = NULL;
	pm->n = pm->cap = 0;
	pm->snap_ns = 0;
}
