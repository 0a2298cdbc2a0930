/* SPDX-License-Identifier: MIT */
/* Processes: argv, rusage, prctl and TLS results. */
#ifndef HY_DECODE_PROCESS_H
#define HY_DECODE_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** argv: at most -s strings, each cut at -s bytes ("[\"ls\", \"-l\"]"). */
void hy_pr_argv_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr);
void hy_pr_rusage_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);
/** prctl's results with names ("1 (SUID_DUMP_USER)"); false when it has none. */
bool hy_pr_prctl_result(struct hy_printer *p, const struct hy_record *r);
/** set_thread_area's entry number as the kernel chose it. */
bool hy_pr_thread_area_result(struct hy_printer *p, const struct hy_record *r);

#endif
