/* SPDX-License-Identifier: MIT */
/* Capturing a held call's memory from the live guest, as the capture plan says. */
#ifndef HY_LIVE_CAPTURE_H
#define HY_LIVE_CAPTURE_H

#include "record.h"

struct hy_session;
struct hy_task;

/** Capture into @r the memory @r's arguments point to, for @phase, from task @t. */
void hy_capture_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
		     enum hy_phase phase);

/**
 * The entry memory of @r the kernel recorder could not read, from its task
 * held for it (merge.h's hy_merge_reader; @session: the struct hy_session).
 */
void hy_capture_held_entry(void *session, struct hy_record *r);

#endif
