/* SPDX-License-Identifier: MIT */
/*
 * A small hash map from a 64-bit key (an address, an inode) to a pointer, for
 * the caches of the stack modules: open addressing, grows, never deletes.
 */
#ifndef HY_ADDRMAP_H
#define HY_ADDRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hy_addrmap {
	uint64_t *keys;
	void **vals;
	bool *used;
	size_t cap, n;
};

/** The value of @key; *@found tells an absent key from a NULL value. */
void *hy_addrmap_get(const struct hy_addrmap *m, uint64_t key, bool *found);
/** Insert or replace. Returns 0 or -ENOMEM. */
int hy_addrmap_put(struct hy_addrmap *m, uint64_t key, void *val);
/** Call @fn on every value (the map must not change meanwhile). */
void hy_addrmap_each(const struct hy_addrmap *m, void (*fn)(void *val));
void hy_addrmap_free(struct hy_addrmap *m);

#endif
