/* SPDX-License-Identifier: MIT */
/*
 * How many tasks of the tree lived when: the log prints "[pid N] " before a
 * call's line if the tree had several tasks when the call began, as strace
 * would have printed it then (lines are written when calls finish, often after
 * a later fork).
 */
#ifndef HY_TOOLS_LOG_LIVE_H
#define HY_TOOLS_LOG_LIVE_H

#include <stddef.h>
#include <stdint.h>

struct log_live {
	int tasks; /* now */
	struct live_change {
		uint64_t ns; /* CLOCK_MONOTONIC */
		int live;    /* from then on */
	} * hist;
	size_t n, cap;
};

/* A task began (@delta 1) or ended (-1) at @ns (the kernel's time; 0: now). */
void log_live_changed(struct log_live *l, int delta, uint64_t ns);

/* How many tasks lived at @ns (0: now). */
int log_live_at(const struct log_live *l, uint64_t ns);

/* Frees the history. */
void log_live_free(struct log_live *l);

#endif
