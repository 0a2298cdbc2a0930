/* SPDX-License-Identifier: MIT */
/*
 * --pidns-translation: the process ids a guest in another PID namespace saw,
 * as hytrace sees them. Records point at the map's view (struct hy_pidns).
 */
#ifndef HY_PIDNS_H
#define HY_PIDNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "record.h"

struct hy_pidns_ent;

struct hy_pidns_map {
	struct hy_pidns view;
	bool on;
	uint64_t self; /* hytrace's own namespace */
	struct hy_pidns_ent *ent;
	size_t n, cap;
};

/** @on: translation was asked for (otherwise the map stays empty). */
void hy_pidns_init(struct hy_pidns_map *m, bool on);
/** Remember the namespace and own id of task @tid, which just appeared. */
void hy_pidns_task(struct hy_pidns_map *m, pid_t tid);
void hy_pidns_free(struct hy_pidns_map *m);

#endif
