/* SPDX-License-Identifier: MIT */
/* Vectored I/O. */
#ifndef HY_DECODE_IO_H
#define HY_DECODE_IO_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/* hy_pr_iovec_at()'s @data for a call that failed: the bases as addresses, no bytes. */
#define HY_IOV_ADDRS INT64_MIN

/**
 * @count iovecs at @addr; at most @data bytes of their buffers are shown (-1: all;
 * HY_IOV_ADDRS: the bases as addresses).
 */
void hy_pr_iovec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, uint64_t count, int64_t data);

/** hy_pr_iovec_at(), the buffers as netlink messages when @netlink (a msghdr's). */
void hy_pr_iovec_nl_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, uint64_t count, int64_t data, bool netlink);

#endif
