/* SPDX-License-Identifier: MIT */
/*
 * The log tool's strace -yy for sockets: what a socket inode is bound and
 * connected to, in strace's notation. On the kernel path the recorder reads it
 * from the socket as the call begins (hy_event_socket(): exact, as strace's
 * sock_diag query at its stop); otherwise (escalated calls, --no-kernel) it is
 * asked of the kernel's sock_diag netlink interface when the line is printed:
 *   TCP:[127.0.0.1:40001->127.0.0.1:41890]  TCPv6:[[::1]:40002]  UDP:[5829245]
 *   UNIX-STREAM:[5826193->5826194,"/run/x.sock"]  NETLINK:[ROUTE:2819]
 * (the protocol is the socket's "system.sockprotoname"; only the inode when the
 * kernel lists no such socket: not bound yet, or gone).
 *
 * Where the sock_diag way can be wrong: strace asks while the call is stopped,
 * hytrace when the line is printed (after the call ran).
 * A socket bound, connected or listening in between shows its later state; one
 * closed by then shows the last state this run saw of it, or what -y prints
 * (socket:[INODE]) when the run never saw it alive. The queries run in
 * hytrace's network namespace: a guest's socket in another one shows its inode.
 */
#ifndef HY_TOOL_LOG_SOCKETS_H
#define HY_TOOL_LOG_SOCKETS_H

#include <stddef.h>

#include "hytrace.h"

struct log_sockets;

struct log_sockets *log_sockets_new(void);
void log_sockets_free(struct log_sockets *s);
/**
 * @link is "socket:[INODE]", @pid's descriptor @fd (-1: not open any more):
 * write its endpoints into @buf. Returns @buf, or NULL when @link is not a socket's.
 */
const char *log_sockets_name(struct log_sockets *s, int pid, int fd, const char *link, char *buf,
			     size_t size);
/**
 * @k as the kernel recorder read it (hy_event_socket()), in strace's notation,
 * into @buf: what sock_diag would have said then. Kept for later lines of the
 * same socket that have no such record. Returns @buf.
 */
const char *log_sockets_format(struct log_sockets *s, const struct hy_socket *k, char *buf,
			       size_t size);

#endif
