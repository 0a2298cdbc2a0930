/* SPDX-License-Identifier: MIT */
/* A successful return value's form, and what strace appends to it. */
#ifndef HY_DECODE_RVAL_H
#define HY_DECODE_RVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

enum hy_rval_fmt {
	HY_RVAL_DEC,
	HY_RVAL_HEX, /* addresses (mmap, brk), fcntl's flags */
	HY_RVAL_OCT, /* umask */
};

/** How strace shows the call's successful return value. */
enum hy_rval_fmt hy_rval_format(const struct hy_record *r);
/** What strace adds after a successful return value: " (flags O_RDWR)", " (Timeout)"... */
void hy_pr_rval_note(struct hy_printer *p, const struct hy_record *r);

#endif
