/* SPDX-License-Identifier: MIT */
/* A socket descriptor as sock_diag and /proc tell it now (sock_query.c). */
#ifndef HY_SOCK_QUERY_H
#define HY_SOCK_QUERY_H

#include <stdbool.h>
#include <sys/types.h>

#include "hy_event.h"

struct hy_socket;

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

/** @s as the public struct hy_socket; @listed: whether strace prints its endpoints. */
void hy_sock_ends_public(const struct hy_sock_ends *s, bool listed, struct hy_socket *out);

#endif
