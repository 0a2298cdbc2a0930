// SPDX-License-Identifier: MIT
/*
 * The entry memory of a call a tool skipped in the guest: the runtime read it
 * by the capture plan and sent it chunk by chunk in notes (rt_skip_mem.c,
 * guest_shm.h); here the chunks are put together again, per thread, until
 * the call's record is made (skip_second() in guest_notes.c), which takes
 * them instead of reading a guest that has long gone on.
 */
#include <stdlib.h>
#include <string.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "record.h"
#include "tidmap.h"

#define FIRST_BYTES 24
#define MORE_BYTES 40
#define CHUNK_MAX (HY_CAP_MAX + 8) /* no plan captures more in one chunk */

struct noted {
	struct hy_record rec; /* the chunks complete so far */
	uint8_t *data;	      /* the chunk being filled */
	uint32_t len, have;
	uint64_t addr;
	uint8_t phase, arg, flags;
};

static void drop_partial(struct noted *n)
{
	free(n->data);
	n->data = NULL;
	n->len = n->have = 0;
}

static void free_noted(struct noted *n)
{
	drop_partial(n);
	hy_rec_release(&n->rec);
	free(n);
}

void hy_guest_skip_start(struct hy_tidmap *m, int tid)
{
	struct noted *n = hy_tidmap_del(m, tid);

	if (n)
		free_noted(n);
	n = calloc(1, sizeof(*n));
	if (n && hy_tidmap_put(m, tid, n))
		free_noted(n);
}

static void add_bytes(struct noted *n, const void *v, uint32_t room)
{
	uint32_t k = n->len - n->have < room ? n->len - n->have : room;

	memcpy(n->data + n->have, v, k);
	n->have += k;
	if (n->have < n->len)
		return;
	hy_rec_add_chunk(&n->rec, n->phase, n->arg, n->addr, n->data, n->len, n->flags);
	drop_partial(n);
}

void hy_guest_skip_mem(struct hy_tidmap *m, const struct hy_kev_call *k)
{
	struct noted *n = hy_tidmap_get(m, k->hdr.tid);
	uint32_t len = (uint32_t)(k->args[1] >> 32);

	if (!n)
		return;
	if (k->args[0] == HY_GNOTE_SKIP_MORE) {
		if (n->data)
			add_bytes(n, &k->args[1], MORE_BYTES);
		return;
	}
	drop_partial(n); /* a chunk left incomplete: not shown rather than wrong */
	if (len > CHUNK_MAX || !(n->data = malloc(len ? len : 1)))
		return;
	n->len = len;
	n->phase = k->args[1] & 0xff;
	n->arg = (k->args[1] >> 8) & 0xff;
	n->flags = (k->args[1] >> 16) & 0xff;
	n->addr = k->args[2];
	add_bytes(n, &k->args[3], FIRST_BYTES);
}

bool hy_guest_skip_take(struct hy_tidmap *m, int tid, struct hy_record *r)
{
	struct noted *n = hy_tidmap_del(m, tid);

	if (!n)
		return false;
	for (int i = 0; i < n->rec.nchunks; i++) {
		const struct hy_mem_chunk *c = &n->rec.chunk[i];

		hy_rec_add_chunk(r, c->phase, c->arg, c->addr, n->rec.store + c->off, c->len,
				 c->flags);
	}
	free_noted(n);
	return true;
}

static void free_one(void *ctx, int tid, void *val)
{
	(void)ctx, (void)tid;
	free_noted(val);
}

void hy_guest_skip_free(struct hy_tidmap *m)
{
	hy_tidmap_each(m, free_one, NULL);
	hy_tidmap_free(m);
}
