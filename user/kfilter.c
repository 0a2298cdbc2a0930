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

/* Another consumer wants every call of the syscall, or nobody but the filtering tool. */
static bool others_want(const struct hy_session *s, int except, enum hy_abi abi, long nr)
{
	if (hy_sysset_contains(&s->escalate, abi, nr) || hy_sysset_contains(&s->stack_set, abi, nr))
		return true;
	for (int i = 0; i < s->ntools; i++)
		if (i != except && s->tools[i].tool->on_event &&
		    hy_sysset_contains(&s->tools[i].watch, abi, nr))
			return true;
	return false;
}

struct hy_kf_config *hy_kfilter_new(const struct hy_session *s)
{
	struct hy_kf_config *c;
	int tool = -1;

	for (int i = 0; i < s->ntools; i++) {
		if (!s->tools[i].kf.on)
			continue;
		if (tool >= 0)
			return NULL; /* two filters: their union is not one rule */
		tool = i;
	}
	/* held calls (their notes), -k stacks and the in-guest runtime need every call */
	if (tool < 0 || !hy_sysset_empty(&s->escalate) || !hy_sysset_empty(&s->stack_set) ||
	    s->guest || !(c = calloc(1, sizeof(*c))))
		return NULL;
	c->status = s->tools[tool].kf.status;
	c->npaths = s->tools[tool].kf.npaths;
	memcpy(c->paths, s->tools[tool].kf.paths, sizeof(c->paths));
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		const struct hy_systable *t = hy_systable(abi);

		for (unsigned int nr = 0; nr < HY_PLAN_NR_MAX; nr++) {
			struct hy_kf_nr *f = &c->nrs[abi * HY_PLAN_NR_MAX + nr];
			unsigned int file;

			/* a number the table lacks: kept, user space shows it as syscall_N */
			if (nr >= t->size || !t->ent[nr].name || others_want(s, tool, abi, nr))
				continue;
			if (!hy_sysset_contains(&s->tools[tool].watch, abi, nr)) {
				f->mode = HY_KF_DROP;
				continue;
			}
			f->mode = HY_KF_FILTER;
			file = hy_syscall_file_args(abi, nr);
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
