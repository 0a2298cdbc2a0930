/* SPDX-License-Identifier: MIT */
/* Scheduling: struct sched_attr. */
#ifndef HY_DECODE_SCHED_H
#define HY_DECODE_SCHED_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** struct sched_attr (sched_setattr, sched_getattr). */
void hy_pr_sched_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr);

#endif
