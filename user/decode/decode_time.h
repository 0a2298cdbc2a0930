/* SPDX-License-Identifier: MIT */
/* Time structs of the call's time_t width; each prints NULL, the address when unreadable, or {...}. */
#ifndef HY_DECODE_TIME_H
#define HY_DECODE_TIME_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** Clock ticks, with the seconds they make as a comment when not 0: "150 / * 1.50 s * /". */
void hy_pr_clock_t(struct hy_printer *p, int64_t ticks);
void hy_pr_timespec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr);
void hy_pr_timeval_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);
void hy_pr_itimerspec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr);
void hy_pr_itimerval_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr);
void hy_pr_timezone_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr);
/** struct tms: four clock_t. */
void hy_pr_tms_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr);

/** strace's " / * 2001-09-09T01:46:40.000005+0000 * /" after a time; @digits of fraction (0, 6, 9). */
void hy_pr_time_comment(struct hy_printer *p, int64_t sec, uint64_t frac, int digits);
/** "[N / * date * /]": time(2)'s output. */
void hy_pr_time_t_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);
/** struct utimbuf (utime). */
void hy_pr_utimbuf_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);
/** struct timeval[2] (utimes, futimesat). */
void hy_pr_timeval_pair_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr);
/** struct timespec[2] (utimensat), with UTIME_NOW / UTIME_OMIT. */
void hy_pr_timespec_pair_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr);

#endif
