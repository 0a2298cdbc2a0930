/* SPDX-License-Identifier: MIT */
/*
 * The log tool's strace -yy for sockets: what a socket is bound and connected
 * to, in strace's notation:
 *   TCP:[127.0.0.1:40001->127.0.0.1:41890]  TCPv6:[[::1]:40002]  UDP:[5829245]
 *   UNIX-STREAM:[5826193->5826194,"/run/x.sock"]  NETLINK:[ROUTE:2819]
 * (the protocol is the socket's "system.sockprotoname"; only the inode when
 * strace's sock_diag query would not find it: not bound yet, say).
 *
 * The socket comes with the call's record (hy_event_socket()) as it was when
 * the call began, or for a descriptor the call created, when it returned: read
 * in the kernel on the kernel path (bpf/sock_ends.bpf.h), asked of sock_diag at
 * the tracer's stop for escalated calls (user/sock_diag.c); a socket no record
 * holds (in poll's set) from hy_proc_socket() as its line is printed, until
 * its endpoints are found (log_fds.c socket_name()). As strace does,
 * the first description found of a socket is printed from then on (strace's
 * cache by inode): a TCP socket in TIME_WAIT or a unix socket whose peer
 * closed still shows its endpoints. Where it can be wrong: the escalated
 * path's queries run in hytrace's network namespace (a guest's socket in
 * another one shows its inode), as strace's do.
 */
#ifndef HY_TOOL_LOG_SOCKETS_H
#define HY_TOOL_LOG_SOCKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hytrace.h"

struct log_sockets;

struct log_sockets *log_sockets_new(void);
void log_sockets_free(struct log_sockets *s);
/**
 * @link is "socket:[INODE]" of a descriptor whose call has no record of it:
 * what the run found of that socket before, into @buf. Returns @buf, or NULL
 * when the run never saw it.
 */
const char *log_sockets_name(struct log_sockets *s, const char *link, char *buf, size_t size);
/** Whether the run found socket @ino's endpoints (log_sockets_name() prints them). */
bool log_sockets_named(struct log_sockets *s, uint64_t ino);
/**
 * @k as the call's record has it (hy_event_socket()), in strace's notation,
 * into @buf; the first one found of a socket is kept and printed from then
 * on, as strace does. Returns @buf.
 */
const char *log_sockets_format(struct log_sockets *s, const struct hy_socket *k, char *buf,
			       size_t size);

#endif
