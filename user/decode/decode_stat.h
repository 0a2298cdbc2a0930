/* SPDX-License-Identifier: MIT */
/* stat, statx and statfs structs. */
#ifndef HY_DECODE_STAT_H
#define HY_DECODE_STAT_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

void hy_pr_stat_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
void hy_pr_statx_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr);
void hy_pr_statfs_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);

#endif
