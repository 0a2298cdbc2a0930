/* SPDX-License-Identifier: MIT */
/* Resource limits, scheduling parameters, uname and sysinfo. */
#ifndef HY_DECODE_RESOURCE_H
#define HY_DECODE_RESOURCE_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

void hy_pr_rlimit_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);
void hy_pr_utsname_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);
void hy_pr_sched_param_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr);
void hy_pr_sysinfo_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);

#endif
