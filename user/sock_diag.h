/* SPDX-License-Identifier: MIT */
/* strace -y/-yy's sockets for the calls the tracer stops, from sock_diag (sock_diag.c). */
#ifndef HY_SOCK_DIAG_H
#define HY_SOCK_DIAG_H

#include <stdbool.h>
#include <sys/types.h>

#include "hy_event.h"
#include "record.h"

/**
 * Fill @e for descriptor @fd of task @tid as /proc and sock_diag tell it now
 * (@e->diag: whether sock_diag listed it). False when it is no socket.
 */
bool hy_sock_ends_proc(pid_t tid, int fd, struct hy_sock_ends *e);

/**
 * Whether this kernel's sock_diag answers strace's query for sockets of
 * protocol @proto ("TCP", "UDPv6", "UNIX-STREAM", "NETLINK"): its diag module
 * may be missing, as in minimal VMs; strace then prints "PROTO:[INODE]", and
 * so does hytrace, though the kernel recorder knows more. Asked once per
 * family (UDP's answer stands for UDPLITE's).
 */
bool hy_sock_diag_answers(const char *proto);

/**
 * At a stop of @r's call (stopped task @tid): its socket descriptors, as the
 * kernel path's HY_KEV_SOCK gives them: the arguments at entry, the new ones
 * at exit (its result, socketpair's array: captured before this is called).
 */
void hy_sock_ends_live(pid_t tid, struct hy_record *r, enum hy_phase phase);

#endif
