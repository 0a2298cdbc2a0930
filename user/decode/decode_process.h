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

/** A personality: "PER_LINUX32|ADDR_NO_RANDOMIZE", "0x34 / * PER_??? * /|0x1200". */
void hy_pr_personality(struct hy_printer *p, uint32_t v);

/** "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)" */
void hy_pr_ioprio(struct hy_printer *p, uint32_t v);

/** struct sched_attr (sched_setattr, sched_getattr). */
void hy_pr_sched_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr);

#define HY_GIDS_MAX 32 /* group ids captured (HY_S_GIDS's size / 4) */

/** A list of group ids, @count of them. */
void hy_pr_gids_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr, int64_t count);

#endif
