/* SPDX-License-Identifier: MIT */
/*
 * The log tool's strace -ff: each task's lines into FILE.TID, through a writer
 * of its own that formats at once (no thread per task). A task's file is closed
 * when the task ends; a line that comes later (lines are written when calls
 * finish and the ring drains) opens it again to append, so descriptors stay
 * bounded by the live tasks.
 */
#ifndef HY_TOOL_LOG_FILES_H
#define HY_TOOL_LOG_FILES_H

#include <stdbool.h>

#include "hytrace.h"

struct log_files;

/** Files named @prefix.TID; @append: strace -A (else each file is truncated when first opened). */
int log_files_init(struct hy_ctx *ctx, struct log_files **out, const char *prefix, bool append);
/** The writer of task @tid's file, opened on first use; NULL when it cannot be opened (told once). */
struct hy_writer *log_files_writer(struct hy_ctx *ctx, struct log_files *f, int tid,
				   unsigned int flags, unsigned int strsize, unsigned int column);
/** Task @tid ended: close its file (reopened to append if a line comes after). */
void log_files_done(struct log_files *f, int tid);
/** Close every file and free @f; 0 or the first write error (-errno). */
int log_files_close(struct log_files *f);

#endif
