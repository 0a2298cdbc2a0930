// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>

#include "stack/addrmap.h"

static size_t slot(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdull;
	key ^= key >> 33;
	return key & (cap - 1);
}

void *hy_addrmap_get(const struct hy_addrmap *m, uint64_t key, bool *found)
{
	*found = false;
	if (!m->cap)
		return NULL;
	for (size_t i = slot(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (!m->used[i])
			return NULL;
		if (m->keys[i] == key) {
			*found = true;
			return m->vals[i];
		}
	}
}

static void place(uint64_t *keys, void **vals, bool *used, size_t cap, uint64_t key, void *val)
{
	size_t i = slot(key, cap);

	while (used[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	used[i] = true;
	keys[i] = key;
	vals[i] = val;
}

static int grow(struct hy_addrmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64;
	uint64_t *keys = calloc(cap, sizeof(*keys));
	void **vals = calloc(cap, sizeof(*vals));
	bool *used = calloc(cap, sizeof(*used));

	if (!keys || !vals || !used) {
		free(keys);
		free(vals);
		free(used);
		return -ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->used[i])
			place(keys, vals, used, cap, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	free(m->used);
	m->keys = keys;
	m->vals = vals;
	m->used = used;
	m->cap = cap;
	return 0;
}

int hy_addrmap_put(struct hy_addrmap *m, uint64_t key, void *val)
{
	bool found;

	hy_addrmap_get(m, key, &found);
	if (!found && (m->n + 1) * 2 > m->cap && grow(m))
		return -ENOMEM;
	place(m->keys, m->vals, m->used, m->cap, key, val);
	m->n += !found;
	return 0;
}

void hy_addrmap_each(const struct hy_addrmap *m, void (*fn)(void *val))
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->used[i])
			fn(m->vals[i]);
}

void hy_addrmap_free(struct hy_addrmap *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	m->keys = NULL;
	m->vals = NULL;
	m->used = NULL;
	m->cap = m->n = 0;
}
