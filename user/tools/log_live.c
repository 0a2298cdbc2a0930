// SPDX-License-Identifier: MIT
/* The log's count of live tasks over time (log_live.h). */
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"
#include "log_live.h"

/*
 * The history is kept to its last HIST_MAX changes (16 KiB): a call that began
 * before the oldest kept is judged by it. Growing without end, it held ~32 bytes
 * per process for the whole run (found by counting allocations: heap_probe's
 * test). Only a call alone in the tree can be misjudged, and only if, while it
 * ran, HIST_MAX tasks came and went, which only tasks it created could do: a
 * clone that takes longer than a few thousand of its children's lives.
 */
#define HIST_MAX 1024

/*
 * Stamped with when the task began or ended (@ns, from the kernel's record)
 * rather than when hytrace read that record: read late (a loaded machine, a
 * stopped hytrace), a child's first calls began "before" its fork and lost
 * their "[pid N] ". A change older than the last one kept goes in its place,
 * and the counts after it move with it.
 */
void log_live_changed(struct log_live *l, int delta, uint64_t ns)
{
	size_t at;

	l->tasks += delta;
	if (!ns)
		ns = hy_now_ns();
	if (l->n == HIST_MAX) {
		memmove(l->hist, l->hist + HIST_MAX / 2, HIST_MAX / 2 * sizeof(*l->hist));
		l->n = HIST_MAX / 2;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct live_change *h = realloc(l->hist, cap * sizeof(*h));

		if (!h)
			return;
		l->hist = h;
		l->cap = cap;
	}
	for (at = l->n; at > 0 && l->hist[at - 1].ns > ns; at--)
		l->hist[at - 1].live += delta;
	memmove(l->hist + at + 1, l->hist + at, (l->n - at) * sizeof(*l->hist));
	l->hist[at] = (struct live_change){ ns, (at ? l->hist[at - 1].live : 1) + delta };
	if (at == l->n)
		l->hist[at].live = l->tasks;
	l->n++;
}

int log_live_at(const struct log_live *l, uint64_t ns)
{
	size_t lo = 0, hi = l->n;

	if (!ns)
		return l->tasks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (l->hist[mid].ns <= ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? l->hist[lo - 1].live : 1;
}

void log_live_free(struct log_live *l)
{
	free(l->hist);
	l->hist = NULL;
	l->n = l->cap = 0;
}
