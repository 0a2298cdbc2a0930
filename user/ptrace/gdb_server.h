/* SPDX-License-Identifier: MIT */
/*
 * hytrace --gdbserver: gdb's remote protocol for the first guest process, beside
 * the tracer loop (internal to user/ptrace/).
 */
#ifndef HY_GDB_SERVER_H
#define HY_GDB_SERVER_H

#include <stddef.h>

struct hy_gdb_loop_ops;
struct hy_session;

/**
 * Listen on @addr ("HOST:PORT", port 0: any) before the guest starts; the
 * address it listens on goes to @where. Sets s->pt->gdb. 0 or -errno.
 */
int hy_gdb_open(struct hy_session *s, const char *addr, char *where, size_t size);
/** The loop runs and can be woken (s->defer.wake): start serving gdb. */
void hy_gdb_start(struct hy_session *s, const struct hy_gdb_loop_ops *ops);
/** On the tracer's thread, at each turn of the loop: answer the packet gdb sent, if any. */
void hy_gdb_tick(struct hy_session *s);
/** The run ends: the protocol thread stops, the connection closes. */
void hy_gdb_close(struct hy_session *s);

#endif
