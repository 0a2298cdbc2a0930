/* SPDX-License-Identifier: MIT */
/* perf_event_open's attribute struct, for the struct table. */
#ifndef HY_DECODE_PERF_H
#define HY_DECODE_PERF_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** struct perf_event_attr at @addr, as strace 6.1 abbreviates it. */
void hy_pr_perf_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr);

#endif
