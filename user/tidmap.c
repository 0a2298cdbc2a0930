// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "tidmap.h"

static size_t slot(size_t cap, int tid)
{
	return ((uint32_t)tid * 2654435761u) & (cap - 1);
}

void *hy_tidmap_get(const struct hy_tidmap *m, int tid)
{
	if (!m->cap)
		return NULL;
	for (size_t i = slot(m->cap, tid);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == tid)
			return m->vals[i];
		if (m->keys[i] == 0)
			return NULL;
	}
}

static int grow(struct hy_tidmap *m)
{
	struct hy_tidmap n = { 0 };

	n.cap = m->cap ? m->cap * 2 : 64;
	if (m->live * 4 < m->cap)
		n.cap = m->cap; /* mostly tombstones: rehash at the same size */
	n.keys = calloc(n.cap, sizeof(*n.keys));
	n.vals = calloc(n.cap, sizeof(*n.vals));
	if (!n.keys || !n.vals) {
		free(n.keys);
		free(n.vals);
		return -ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] > 0)
			hy_tidmap_put(&n, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = n;
	return 0;
}

int hy_tidmap_put(struct hy_tidmap *m, int tid, void *val)
{
	size_t i, tomb = SIZE_MAX;

	if ((m->used + 1) * 4 >= m->cap * 3 && grow(m))
		return -ENOMEM;
	for (i = slot(m->cap, tid);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == tid) {
			m->vals[i] = val;
			return 0;
		}
		if (m->keys[i] == -1 && tomb == SIZE_MAX)
			tomb = i;
		if (m->keys[i] == 0)
			break;
	}
	if (tomb != SIZE_MAX) {
		i = tomb;
	} else {
		m->used++;
	}
	m->keys[i] = tid;
	m->vals[i] = val;
	m->live++;
	return 0;
}

void *hy_tidmap_del(struct hy_tidmap *m, int tid)
{
	if (!m->cap)
		return NULL;
	for (size_t i = slot(m->cap, tid);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == tid) {
			void *v = m->vals[i];

			m->keys[i] = -1;
			m->vals[i] = NULL;
			m->live--;
			return v;
		}
		if (m->keys[i] == 0)
			return NULL;
	}
}

void hy_tidmap_each(const struct hy_tidmap *m, void (*fn)(void *ctx, int tid, void *val), void *ctx)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] > 0)
			fn(ctx, m->keys[i], m->vals[i]);
}

void hy_tidmap_free(struct hy_tidmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->used = m->live = 0;
}

void hy_tidmap_free_values(struct hy_tidmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] > 0)
			free(m->vals[i]);
	hy_tidmap_free(m);
}
