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

static bool same_paths(const struct hy_kf_request *a, const struct hy_kf_request *b)
{
	return a->npaths == b->npaths && !memcmp(a->paths, b->paths, sizeof(a->paths));
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
	struct hy_kf_config *c;
	unsigned int status = 0;
	bool every;
	int tool = -1;

	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].kf.on)
			continue;
		/* -C -P: the log's and the summary's filters, one rule; others differ */
		if (tool >= 0 && !same_paths(&s->tools[tool].kf, &s->tools[i].kf))
			return NULL;
		status = tool < 0 ? s->tools[i].kf.status :
				    status_union(status, s->tools[i].kf.status);
		tool = i;
	}
	/*
	 * held calls (their notes), -k stacks and the in-guest runtime need every
	 * call: then the filter drops none, and only marks those -P finds by a
	 * descriptor's file (HY_CALL_ON_PATH), which user space cannot find later
	 */
	every = !hy_sysset_empty(&s->escalate) || !hy_sysset_empty(&s->stack_set) || s->guest_run;
	if (tool < 0 || (every && !s->path_files.n) || !(c = calloc(1, sizeof(*c))))
		return NULL;
	c->status = every ? 0 : status;
	c->npaths = s->tools[tool].kf.npaths;
	memcpy(c->paths, s->tools[tool].kf.paths, sizeof(c->paths));
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
			else if (every)
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
