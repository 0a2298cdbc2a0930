/* SPDX-License-Identifier: MIT */
/*
 * The log tool's strace -e raw=SET: a call of SET printed undecoded, as strace
 * does: its arguments in hex (0 as 0), a successful result in hex, an error as
 * "-1 ENAME (text)".
 */
#ifndef HY_TOOL_LOG_RAW_H
#define HY_TOOL_LOG_RAW_H

#include <stdbool.h>
#include <stddef.h>

#include "hytrace.h"

/** The line of @ev after @lead into @buf (like snprintf), " = " at @column. */
int log_raw_line(const struct hy_event *ev, const char *lead, unsigned int column, bool durations,
		 char *buf, size_t size);

#endif
