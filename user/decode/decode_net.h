/* SPDX-License-Identifier: MIT */
/* Sockets: addresses, messages, and i386 socketcall. */
#ifndef HY_DECODE_NET_H
#define HY_DECODE_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** A sockaddr of @len bytes (the call's addrlen) at @addr. */
void hy_pr_sockaddr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, int64_t len);
/** A msghdr; @data bytes of its iovec buffers are shown (-1: as many as they hold). */
void hy_pr_msghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int64_t data);
/**
 * sendmmsg/recvmmsg's struct mmsghdr array: @count entries, the first @with_len
 * with their msg_len, their data cut at it when @by_len.
 */
void hy_pr_mmsghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, uint64_t count, uint64_t with_len, bool by_len);
/** recvmmsg's result note: the time left of its timeout, " (left {...})". */
void hy_pr_recvmmsg_left(struct hy_printer *p, const struct hy_record *r);
/** A failed recvmsg's msghdr: "{msg_namelen=N}" from entry, as strace prints it. */
void hy_pr_msghdr_failed_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr);
/**
 * i386 socketcall: fill @sub with the socket call it stands for (name, number,
 * the arguments from its array) so it prints as strace shows it, "socket(...)".
 * False for other calls, or when the array was not captured.
 */
bool hy_rec_unwrap(const struct hy_record *r, struct hy_record *sub);

#endif
