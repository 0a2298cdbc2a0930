/* SPDX-License-Identifier: MIT */
/* execve's argv (format.c prints an argv-typed argument with it). */
#ifndef HY_DECODE_EXEC_H
#define HY_DECODE_EXEC_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** argv: at most -s strings, each cut at -s bytes ("[\"ls\", \"-l\"]"). */
void hy_pr_argv_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr);

#endif
