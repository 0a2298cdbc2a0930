// SPDX-License-Identifier: MIT
/*
 * The calls the guest runtime makes by hand (rt_sigprocmask, the guest's own
 * SIGSYS disposition, SUD's prctl): the kernel never sees them, so the
 * runtime describes each in notes (guest_shm.h) and this file writes the
 * records the kernel would have written, an enter with the memory the call
 * read and an exit with what it wrote, into the merge. The log, -c and the
 * tools' on_event then see them as under ptrace, once.
 */
#include <stdlib.h>
#include <string.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "merge.h"
#include "session.h"
#include "syscall_table.h"
#include "tidmap.h"

#define NOTE_MEM 32 /* bytes per object in a note (guest_shm.h) */
#define MAX_MEM 96  /* bytes per object in a record: the table's size, at most */
#define MAX_CAPS 2  /* per phase: the calls made by hand read one object and write one */

struct rec_buf {
	size_t len;
	union {
		struct hy_kev_sys sys;
		char bytes[sizeof(struct hy_kev_sys) +
			   MAX_CAPS * (sizeof(struct hy_kcap) + MAX_MEM)];
	};
};

/* One call being described: its two records, filled note by note. */
struct by_hand {
	struct rec_buf enter, exit;
};

static void add_cap(struct rec_buf *b, uint64_t addr, int arg, const void *data, size_t len)
{
	struct hy_kcap c = { .addr = addr, .len = len, .arg = arg };

	if (b->sys.ncap >= MAX_CAPS || len > MAX_MEM)
		return;
	memcpy(b->bytes + b->len, &c, sizeof(c));
	memcpy(b->bytes + b->len + sizeof(c), data, len);
	b->len += sizeof(c) + ((len + 7) & ~(size_t)7);
	b->sys.ncap++;
}

static void start(struct hy_tidmap *m, const struct hy_kev_call *k)
{
	struct by_hand *h = hy_tidmap_get(m, k->hdr.tid);

	if (!h && (!(h = malloc(sizeof(*h))) || hy_tidmap_put(m, k->hdr.tid, h))) {
		free(h);
		return;
	}
	memset(h, 0, sizeof(*h));
	h->enter.sys.hdr = k->hdr;
	h->enter.sys.hdr.type = HY_KEV_ENTER;
	h->enter.sys.hdr.ts = k->enter_ts;
	h->enter.sys.abi = (uint8_t)(k->args[1] >> 32);
	h->enter.sys.nr = (int32_t)(uint32_t)k->args[1];
	memcpy(h->enter.sys.args, &k->args[2], 4 * sizeof(uint64_t));
	h->enter.len = sizeof(h->enter.sys);
	h->exit.sys.hdr = h->enter.sys.hdr;
	h->exit.sys.hdr.type = HY_KEV_EXIT;
	h->exit.sys.abi = h->enter.sys.abi;
	h->exit.sys.nr = h->enter.sys.nr;
	h->exit.len = HY_KEV_EXIT_SIZE;
}

/*
 * The bytes the kernel's capture of that argument takes (the table's struct
 * size): the note's real bytes, then zeros. Only the kernel's part is ever
 * printed; the rest (strace's longer sigaction) need only be there.
 */
static size_t capture_size(const struct hy_kev_sys *e, int arg, size_t len)
{
	const struct hy_sysent *ent = hy_sysent_get((enum hy_abi)e->abi, e->nr);
	size_t size;

	if (!ent ||
	    (ent->args[arg].kind != HY_A_STRUCT_IN && ent->args[arg].kind != HY_A_STRUCT_OUT))
		return len;
	size = hy_struct_size((enum hy_struct_id)ent->args[arg].aux);
	return size > len && size <= MAX_MEM ? size : len;
}

static void memory(struct hy_tidmap *m, const struct hy_kev_call *k)
{
	struct by_hand *h = hy_tidmap_get(m, k->hdr.tid);
	int arg = (k->args[1] >> 8) & 0xff;
	size_t len = (k->args[1] >> 16) & 0xff;
	char bytes[MAX_MEM] = { 0 };

	if (!h || arg > 5 || len > NOTE_MEM)
		return;
	memcpy(bytes, &k->args[2], len);
	/* args 4 and 5 come last: no call made by hand points with them */
	add_cap(k->args[1] & 1 ? &h->exit : &h->enter, h->enter.sys.args[arg], arg, bytes,
		capture_size(&h->enter.sys, arg, len));
}

static void finish(struct hy_session *s, struct hy_tidmap *m, const struct hy_kev_call *k)
{
	struct by_hand *h = hy_tidmap_del(m, k->hdr.tid);

	if (!h)
		return;
	h->enter.sys.args[4] = k->args[1];
	h->enter.sys.args[5] = k->args[2];
	h->exit.sys.hdr.ts = k->hdr.ts;
	h->exit.sys.ret = (int64_t)k->args[3];
	h->enter.sys.hdr.size = h->enter.len;
	h->exit.sys.hdr.size = h->exit.len;
	hy_merge_kernel(s->merge, h->enter.bytes, h->enter.len);
	hy_merge_kernel(s->merge, h->exit.bytes, h->exit.len);
	free(h);
}

void hy_guest_by_hand(struct hy_session *s, struct hy_tidmap *m, const struct hy_kev_call *k)
{
	switch (k->args[0]) {
	case HY_GNOTE_BYHAND1:
		start(m, k);
		break;
	case HY_GNOTE_BYHAND_MEM:
		memory(m, k);
		break;
	case HY_GNOTE_BYHAND2:
		finish(s, m, k);
		break;
	}
}

static void free_one(void *ctx, int tid, void *val)
{
	(void)ctx;
	(void)tid;
	free(val);
}

void hy_guest_by_hand_free(struct hy_tidmap *m)
{
	hy_tidmap_each(m, free_one, NULL);
	hy_tidmap_free(m);
}
