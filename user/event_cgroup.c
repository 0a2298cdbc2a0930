// SPDX-License-Identifier: MIT
/* An event's cgroup and container: chunks of the record, copied with it (production.c). */
#include <string.h>

#include "record.h"

static const char *meta(const struct hy_record *r, int which)
{
	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *c = &r->chunk[i];

		if (c->phase == HY_PHASE_META && c->arg == which && c->len &&
		    r->store[c->off + c->len - 1] == 0)
			return (const char *)r->store + c->off;
	}
	return NULL;
}

const char *hy_event_cgroup(const struct hy_event *ev)
{
	return meta(&ev->r, HY_META_CGROUP);
}

const char *hy_event_container(const struct hy_event *ev)
{
	return meta(&ev->r, HY_META_CONTAINER);
}
