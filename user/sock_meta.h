/* SPDX-License-Identifier: MIT */
/* What a socket call's descriptor is, asked of /proc while the caller is stopped. */
#ifndef HY_SOCK_META_H
#define HY_SOCK_META_H

#include <stdbool.h>
#include <sys/types.h>

#include "decode/decode_netlink.h"
#include "syscall_table.h"

/** True for the calls whose data depends on the socket's protocol (sendto, recvmsg...). */
bool hy_sock_data_call(const struct hy_sysent *ent);

/**
 * Fill @m for descriptor @fd of task @tid: a netlink socket's family and
 * protocol (HY_SOCK_PROTO_UNKNOWN while it is not bound: /proc/net/netlink
 * lists bound sockets only, as strace's sock_diag query finds them). Returns
 * false for anything else, or when /proc cannot tell.
 */
bool hy_sock_meta_proc(pid_t tid, int fd, struct hy_sock_meta *m);

#endif
