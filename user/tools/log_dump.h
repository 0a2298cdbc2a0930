/* SPDX-License-Identifier: MIT */
/*
 * strace's -e read=SET and -e write=SET for the log tool: after the line of a
 * call whose data strace dumps (hy_syscall_data(): read, write, pread64,
 * pwrite64, recvfrom, sendto, the mq calls, readv/writev and their p* and *2
 * forms, vmsplice, recvmsg, sendmsg, recvmmsg, sendmmsg) on a descriptor of its direction's set,
 * the data as strace's hex dump (" | 00000  68 65 ...  he... |"): what a
 * successful call returned, what a call was given (even a failed one, as
 * strace); a vector's buffers each under " * N bytes in buffer I". Dumped from
 * the call's record: the kernel captures at most 4096 bytes of a buffer (the
 * CLI raises the capture to that when a set is given), so a longer transfer's
 * dump ends there, where strace's goes on. sendmmsg/recvmmsg: each entry the
 * call sent or received (of the first 8 the record holds), its buffers up to
 * its msg_len, under " = N buffers in vector I".
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
