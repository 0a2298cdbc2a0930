/* SPDX-License-Identifier: MIT */
/* gdb's packets, answered on the tracer's thread (internal to user/ptrace/). */
#ifndef HY_GDB_CMD_H
#define HY_GDB_CMD_H

#include <stddef.h>
#include <sys/types.h>

struct hy_gdb;

/* Packets the protocol thread makes up itself (gdb never sends these bytes alone). */
#define HY_GDB_PKT_INTERRUPT "\x03"
#define HY_GDB_PKT_DISCONNECT "\x04"
#define HY_GDB_PKT_CONNECT "\x05"

/**
 * Answer packet @pkt (@len bytes, NUL-terminated) into @out (@size bytes).
 * Returns the reply's length, or -1 when nothing is to be sent now (gdb waits
 * for a stop reply, or the packet wants none).
 */
ssize_t hy_gdb_command(struct hy_gdb *g, char *pkt, size_t len, char *out, size_t size);

#endif
