/* SPDX-License-Identifier: MIT */
/* Netlink messages in the data of a socket call, as strace 6.1 prints them. */
#ifndef HY_DECODE_NETLINK_H
#define HY_DECODE_NETLINK_H

#include <stdint.h>

#include "decode/printer.h"
#include "hy_event.h" /* struct hy_sock_meta: the HY_META_SOCK chunk, from either path */
#include "record.h"

/**
 * @len bytes at @addr as netlink messages, of the protocol the record knows
 * for the call's descriptor (generic names when it knows none).
 */
void hy_pr_netlink_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int64_t len);
/**
 * The data of sendto/recvfrom: netlink messages when the
 * record says the descriptor is a netlink socket, else the quoted bytes
 * (hy_pr_buf_arg).
 */
void hy_pr_sockbuf_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int64_t len);

#endif
