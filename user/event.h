/* SPDX-License-Identifier: MIT */
/* The public view of an event (hytrace.h) and what the event writer shares of it. */
#ifndef HY_EVENT_H_
#define HY_EVENT_H_

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

/** hy_event_format_json() of @r, with its user stack (when it has one) or without. */
int hy_format_json(const struct hy_record *r, char *buf, size_t size, unsigned int strsize,
		   bool stack);

#endif
