// SPDX-License-Identifier: MIT
/*
 * A skipped call never reaches the kernel, so the recorder captures none of
 * its memory. Its record must still show what the call pointed to, as under
 * ptrace, where hytrace reads the stopped guest by the capture plan: here the
 * runtime reads its own process by the same plan (live_capture.c, through the
 * guest's backend operations) and sends each chunk in notes
 * (HY_GNOTE_SKIP_MEM/SKIP_MORE, guest_shm.h); hytrace puts them back into the
 * record (guest_skip_mem.c). Cost: one note (~1 us) per 40 bytes, paid only
 * by skipped calls that point at memory.
 */
#include <stddef.h>
#include <string.h>

#include "guest/rt/rt.h"
#include "live_capture.h"
#include "record.h"
#include "session.h"
#include "tasks.h"

#define FIRST_BYTES 24 /* in the SKIP_MEM note */
#define MORE_BYTES 40  /* in each SKIP_MORE note */

static void note_chunk(const struct hy_record *r, const struct hy_mem_chunk *m)
{
	const uint8_t *d = r->store + m->off;
	uint64_t v[5] = { 0 };
	uint32_t n = m->len < FIRST_BYTES ? m->len : FIRST_BYTES;

	memcpy(v, d, n);
	hy_grt_note(HY_GNOTE_SKIP_MEM,
		    (uint64_t)m->phase | (uint64_t)m->arg << 8 | (uint64_t)m->flags << 16 |
			    (uint64_t)m->len << 32,
		    m->addr, v[0], v[1], v[2]);
	for (uint32_t off = n; off < m->len; off += MORE_BYTES) {
		uint32_t k = m->len - off < MORE_BYTES ? m->len - off : MORE_BYTES;

		memset(v, 0, sizeof(v));
		memcpy(v, d + off, k);
		hy_grt_note(HY_GNOTE_SKIP_MORE, v[0], v[1], v[2], v[3], v[4]);
	}
}

struct skip_capture {
	struct hy_session *s;
	struct hy_task *t;
	struct hy_record *r;
};

static void capture_and_note(void *p)
{
	struct skip_capture *sc = p;
	struct hy_record *r = sc->r;

	hy_capture_live(sc->s, sc->t, r, HY_PHASE_ENTER);
	for (int i = 0; i < r->nchunks; i++)
		note_chunk(r, &r->chunk[i]);
}

/*
 * The capture needs ~10 KiB of stack (live_capture.c's buffers, argv's
 * strings one level down) and the handler runs on the guest's stack, which
 * may be a small one: it runs on a stack of its own, allocated per skipped
 * call (only those that point at memory pay it).
 */
#define CAPTURE_STACK 32768

void hy_grt_note_skip_memory(struct hy_session *s, struct hy_task *t)
{
	const struct hy_call *c = &t->call;
	/* not on the guest's stack either: a record is ~4 KiB */
	struct hy_record *r = hy_grt_calloc(1, sizeof(*r));
	char *stack = hy_grt_malloc(CAPTURE_STACK);
	struct skip_capture sc = { s, t, r };

	if (!r || !stack) {
		if (r)
			hy_grt_free(r);
		if (stack)
			hy_grt_free(stack);
		return;
	}
	r->tid = t->tid;
	r->pid = t->proc->tgid;
	r->abi = c->abi;
	r->nr = c->nr;
	r->ent = hy_sysent_get(c->abi, c->nr);
	memcpy(r->args, c->args, sizeof(r->args));
	hy_grt_call_on(capture_and_note, &sc,
		       (void *)(((uintptr_t)stack + CAPTURE_STACK) & ~(uintptr_t)15));
	hy_grt_free(stack);
	hy_rec_release(r);
	hy_grt_free(r);
}
