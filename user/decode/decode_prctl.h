/* SPDX-License-Identifier: MIT */
/* prctl's and set_thread_area's named results. */
#ifndef HY_DECODE_PRCTL_H
#define HY_DECODE_PRCTL_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** prctl's results with names ("1 (SUID_DUMP_USER)"); false when it has none. */
bool hy_pr_prctl_result(struct hy_printer *p, const struct hy_record *r);
/** set_thread_area's entry number as the kernel chose it. */
bool hy_pr_thread_area_result(struct hy_printer *p, const struct hy_record *r);

#endif
