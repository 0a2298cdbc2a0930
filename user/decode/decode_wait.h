/* SPDX-License-Identifier: MIT */
/* struct rusage (wait4, getrusage). */
#ifndef HY_DECODE_WAIT_H
#define HY_DECODE_WAIT_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

void hy_pr_rusage_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);

#endif
