/* SPDX-License-Identifier: MIT */
/* Processes: personality and I/O priority values (also results). */
#ifndef HY_DECODE_PROCESS_H
#define HY_DECODE_PROCESS_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** A personality: "PER_LINUX32|ADDR_NO_RANDOMIZE", "0x34 / * PER_??? * /|0x1200". */
void hy_pr_personality(struct hy_printer *p, uint32_t v);

/** "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)" */
void hy_pr_ioprio(struct hy_printer *p, uint32_t v);

#endif
