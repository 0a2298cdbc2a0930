// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"
#include "kfilter.h"
#include "kfilter_config.h"
#include "session.h"
#include "syscall_table.h"

_Static_assert(HY_KF_PATH_BYTES == HY_KF_PATH_MAX, "kfilter.h and hy_event.h disagree");
_Static_assert(HY_KF_MAX_PATHS == HY_KF_CONFIG_PATHS, "kfilter.h and kfilter_config.h disagree");

/*
 * Who watches a syscall: a tool that wants every call, one that filters but
 * learns from every call (hy_kernel_filter_keep()), one that filters, or nobody.
 */
static enum hy_kf_mode mode_of(const struct hy_session *s, enum hy_abi abi, long nr)
{
	enum hy_kf_mode mode = HY_KF_DROP;

	if (hy_sysset_contains(&s->escalate, abi, nr) || hy_sysset_contains(&s->stack_set, abi, nr))
		return HY_KF_KEEP;
	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].tool->on_event || !hy_sysset_contains(&s->tools[i].watch, abi, nr))
			continue;
		if (!s->tools[i].kf.on)
			return HY_KF_KEEP;
		if (hy_sysset_contains(&s->tools[i].kf.keep, abi, nr))
			mode = HY_KF_TRACK;
		else if (mode != HY_KF_TRACK)
			mode = HY_KF_FILTER;
	}
	return mode;
}

/* 0 means every status: the union of two requests keeps what either keeps. */
static unsigned int status_union(unsigned int a, unsigned int b)
{
	return !a || !b ? 0 : a | b;
}

/* Whether a request before tool @tool's path @j (its own earlier ones too) names it. */
static bool named_before(const struct hy_session *s, int tool, int j)
{
	const char *path = s->tools[tool].kf.paths[j];

	for (int i = 0; i <= tool; i++) {
		const struct hy_kf_request *r = &s->tools[i].kf;

		for (int k = 0; r->on && k < (i == tool ? j : r->npaths); k++)
			if (!strcmp(r->paths[k], path))
				return true;
	}
	return false;
}

int hy_kfilter_paths(const struct hy_session *s, const char **out, int max)
{
	int total = 0;

	for (int i = 0; i < s->ntools; i++) {
		const struct hy_kf_request *r = &s->tools[i].kf;

		for (int j = 0; r->on && j < r->npaths; j++) {
			if (named_before(s, i, j))
				continue;
			if (total < max)
				out[total] = r->paths[j];
			total++;
		}
	}
	return total;
}

/*
 * The mode of a syscall whose calls are all recorded: looked at (HY_KF_TRACK)
 * when -P may mark them (a descriptor argument, paths asked), else kept.
 */
static enum hy_kf_mode keep_mode(const struct hy_kf_config *c, unsigned int file)
{
	return c->npaths && ((file >> 8) & 0x3f) ? HY_KF_TRACK : HY_KF_KEEP;
}

struct hy_kf_config *hy_kfilter_new(const struct hy_session *s)
{
	const char *paths[HY_KF_MAX_PATHS];
	struct hy_kf_config *c;
	unsigned int status = 0;
	bool every, whole = false;
	int tool = -1, total;

	/*
	 * Several requests (-C -P, a plugin's): the kernel keeps what any of them
	 * keeps, and each tool still filters what it gets. A tool that asks no
	 * paths, or more paths than the kernel compares, needs every call of its
	 * syscalls (whole): then they are only followed and marked.
	 */
	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].kf.on)
			continue;
		whole |= !s->tools[i].kf.npaths;
		status = tool < 0 ? s->tools[i].kf.status :
				    status_union(status, s->tools[i].kf.status);
		tool = i;
	}
	total = hy_kfilter_paths(s, paths, HY_KF_MAX_PATHS);
	whole = total && (whole || total > HY_KF_MAX_PATHS);
	/*
	 * held calls (their notes), -k stacks and the in-guest runtime need every
	 * call: then the filter drops none, and only marks those -P finds by a
	 * descriptor's file (HY_CALL_ON_PATH), which user space cannot find later
	 */
	every = !hy_sysset_empty(&s->escalate) || !hy_sysset_empty(&s->stack_set) || s->guest_run;
	if (tool < 0 || (every && !s->path_files.n) || !(c = calloc(1, sizeof(*c))))
		return NULL;
	c->status = every || whole ? 0 : status;
	c->npaths = total < HY_KF_MAX_PATHS ? total : HY_KF_MAX_PATHS;
	/* NUL-padded keys; a longer path by its first bytes (bpf/hy_event.h) */
	for (int i = 0; i < c->npaths; i++)
		strncpy(c->paths[i], paths[i], HY_KF_PATH_MAX - 1);
	for (int i = 0; i < s->path_files.n; i++)
		c->files[c->nfiles++] = (struct hy_kf_file){ .ino = s->path_files.f[i].ino,
							     .dev = s->path_files.f[i].kdev };
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		const struct hy_systable *t = hy_systable(abi);

		for (unsigned int nr = 0; nr < HY_PLAN_NR_MAX; nr++) {
			struct hy_kf_nr *f = &c->nrs[abi * HY_PLAN_NR_MAX + nr];
			unsigned int file;

			/* a number the table lacks: kept, user space shows it as syscall_N */
			if (nr >= t->size || !t->ent[nr].name)
				continue;
			file = hy_syscall_file_args(abi, nr);
			f->mode = mode_of(s, abi, nr);
			/* every call recorded (another consumer, or all of them): -P's mark only */
			if (f->mode == HY_KF_KEEP || (every && f->mode == HY_KF_DROP))
				f->mode = keep_mode(c, file);
			else if (every || (whole && f->mode == HY_KF_FILTER))
				f->mode = HY_KF_TRACK;
			if (f->mode != HY_KF_FILTER && f->mode != HY_KF_TRACK)
				continue;
			f->path_args = file & 0x3f;
			f->fd_args = (file >> 8) & 0x3f;
			f->effect = file & HY_FILE_OPENS      ? HY_KF_FX_OPEN :
				    file & HY_FILE_DUPS	      ? HY_KF_FX_DUP :
				    file & HY_FILE_FCNTL_DUPS ? HY_KF_FX_FCNTL :
				    file & HY_FILE_CLOSES     ? HY_KF_FX_CLOSE :
								HY_KF_FX_NONE;
		}
	}
	return c;
}
