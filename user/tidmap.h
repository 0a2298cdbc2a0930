/* SPDX-License-Identifier: MIT */
/* A small hash map from thread id to pointer (open addressing, grows as needed). */
#ifndef HY_TIDMAP_H
#define HY_TIDMAP_H

#include <stddef.h>

struct hy_tidmap {
	int *keys; /* 0 = empty, -1 = deleted */
	void **vals;
	size_t cap, used, live;
};

void *hy_tidmap_get(const struct hy_tidmap *m, int tid);
/** Insert or replace. Returns 0 or -ENOMEM. */
int hy_tidmap_put(struct hy_tidmap *m, int tid, void *val);
/** Remove and return the value (NULL if absent). */
void *hy_tidmap_del(struct hy_tidmap *m, int tid);
/** Call @fn on every entry (the map must not change meanwhile). */
void hy_tidmap_each(const struct hy_tidmap *m, void (*fn)(void *ctx, int tid, void *val),
		    void *ctx);
void hy_tidmap_free(struct hy_tidmap *m);
/** free() every value (each one malloc()ed block), then the map. */
void hy_tidmap_free_values(struct hy_tidmap *m);

#endif
