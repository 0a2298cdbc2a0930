/* SPDX-License-Identifier: MIT */
/*
 * strace's -e read=SET and -e write=SET for the log tool: after the line of a
 * successful read, pread64 or recvfrom on a descriptor of the read set, the
 * bytes it returned as strace's hex dump (" | 00000  68 65 ...  he... |"); after
 * a write, pwrite64 or sendto on one of the write set, the bytes it was given.
 * Dumped from the call's record: the kernel captures at most 4096 bytes of a
 * buffer (the CLI raises the capture to that when a set is given), so a longer
 * transfer's dump ends there, where strace's goes on. readv/writev,
 * recvmsg/sendmsg and the other vectored calls have no dump.
 */
#ifndef HY_TOOL_LOG_DUMP_H
#define HY_TOOL_LOG_DUMP_H

#include "hytrace.h"

struct log_dump;

/**
 * The sets of the "dump_read" and "dump_write" options (descriptor numbers,
 * all, none, a leading '!'); *@out stays NULL without either.
 */
int log_dump_init(struct hy_ctx *ctx, struct log_dump **out);
/** After @ev's line: its data, when its descriptor is in the set for its direction. */
void log_dump_event(const struct log_dump *d, struct hy_writer *w, const struct hy_event *ev);
void log_dump_free(struct log_dump *d);

#endif
