// SPDX-License-Identifier: MIT
/* The preloaded objects' loading, one call at a time (preload_loading.h). */
#include <string.h>

#include "preload_loading.h"

void hy_preload_loading_start(struct hy_preload_loading *p)
{
	p->next = 0;
	p->reserving = false;
	p->nobj = p->nrelro = 0;
}

size_t hy_preload_loading_next(const struct hy_preload_loading *p, const char *list,
			       const char **name)
{
	*name = list + p->next;
	return strcspn(*name, ":");
}

void hy_preload_loading_opened(struct hy_preload_loading *p)
{
	p->reserving = true;
}

void hy_preload_loading_mmap(struct hy_preload_loading *p, int64_t ret, uint64_t len)
{
	if (!p->reserving || ret <= 0)
		return;
	p->reserving = false; /* the first: the whole object's reservation */
	if (p->nobj < HY_PRELOAD_OBJECTS) {
		p->obj[p->nobj].base = (uint64_t)ret;
		p->obj[p->nobj++].end = (uint64_t)ret + len;
	}
}

bool hy_preload_loading_closed(struct hy_preload_loading *p, const char *list)
{
	p->next += strcspn(list + p->next, ":");
	p->next += list[p->next] == ':';
	return list[p->next] != 0;
}

bool hy_preload_loading_relro(struct hy_preload_loading *p, uint64_t addr, bool *last)
{
	for (int i = 0; i < p->nobj; i++)
		if (addr >= p->obj[i].base && addr < p->obj[i].end) {
			*last = ++p->nrelro >= p->nobj;
			return true;
		}
	*last = false;
	return false;
}
