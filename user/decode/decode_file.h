/* SPDX-License-Identifier: MIT */
/* Files: openat2's struct open_how. */
#ifndef HY_DECODE_FILE_H
#define HY_DECODE_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

void hy_pr_open_how_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		       uint64_t size);

#endif
