// SPDX-License-Identifier: MIT
/*
 * A tool's text written in a guest (hy_output() of a callback that runs
 * there, rt_output.c): it comes as OUTPUT notes, 32 bytes each, in the
 * thread's records; this file joins one write's notes per thread and writes
 * them to the run's output at its last, so a line never mixes with another
 * thread's, and flushes it: the log writes the same file from its own
 * buffer, and a line left in the stream's would be cut where that fills.
 * The text goes out when hytrace reads the note, in no set order with the
 * log's lines (docs/writing-tools.md).
 */
#include <stdlib.h>
#include <string.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "session.h"
#include "tidmap.h"

struct text {
	size_t len, cap;
	char *buf;
};

void hy_guest_output(struct hy_session *s, struct hy_tidmap *m, const struct hy_kev_call *k)
{
	struct text *t = hy_tidmap_get(m, k->hdr.tid);
	size_t n = k->args[1] & 0xff;
	bool last = k->args[1] & HY_GOUT_LAST;

	if (n > 4 * sizeof(uint64_t))
		n = 4 * sizeof(uint64_t);
	if (last && (!t || !t->len)) { /* the usual case, a short line: no copy */
		fwrite(&k->args[2], 1, n, s->out);
		fflush(s->out);
		return;
	}
	if (!t && (!(t = calloc(1, sizeof(*t))) || hy_tidmap_put(m, k->hdr.tid, t))) {
		free(t);
		fwrite(&k->args[2], 1, n, s->out); /* out of memory: the text, perhaps not whole */
		return;
	}
	if (t->len + n > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		char *p;

		while (cap < t->len + n)
			cap *= 2;
		if (!(p = realloc(t->buf, cap))) { /* out of memory: the line whole, in two */
			fwrite(t->buf, 1, t->len, s->out);
			fwrite(&k->args[2], 1, n, s->out);
			t->len = 0;
			return;
		}
		t->buf = p;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, &k->args[2], n);
	t->len += n;
	if (last) {
		fwrite(t->buf, 1, t->len, s->out);
		fflush(s->out);
		t->len = 0;
	}
}

static void free_one(void *ctx, int tid, void *val)
{
	struct text *t = val;
	struct hy_session *s = ctx;

	(void)tid;
	if (s && t->len) /* a write whose last note never came (the thread was killed) */
		fwrite(t->buf, 1, t->len, s->out);
	free(t->buf);
	free(t);
}

void hy_guest_output_free(struct hy_session *s, struct hy_tidmap *m)
{
	hy_tidmap_each(m, free_one, s);
	hy_tidmap_free(m);
}
