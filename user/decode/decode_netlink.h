/* SPDX-License-Identifier: MIT */
/* Netlink messages in the data of a socket call, as strace 6.1 prints them. */
#ifndef HY_DECODE_NETLINK_H
#define HY_DECODE_NETLINK_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/*
 * What the run knew about a socket call's descriptor (HY_PHASE_META chunk
 * HY_META_SOCK): its family and protocol, HY_SOCK_PROTO_UNKNOWN when the
 * family is known but the protocol is not (a netlink socket not yet bound,
 * which strace's sock_diag query does not find either).
 */
struct hy_sock_meta {
	uint16_t family;
	uint16_t protocol;
};
#define HY_SOCK_PROTO_UNKNOWN 0xffff

/**
 * The data of sendto/recvfrom/sendmsg/recvmsg: netlink messages when the
 * record says the descriptor is a netlink socket, else the quoted bytes
 * (hy_pr_buf_arg).
 */
void hy_pr_sockbuf_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int64_t len);

#endif
