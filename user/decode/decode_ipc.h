/* SPDX-License-Identifier: MIT */
/* System V IPC and POSIX message queues: what the struct table uses. */
#ifndef HY_DECODE_IPC_H
#define HY_DECODE_IPC_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** struct mq_attr with its flags by name (mq_getsetattr). */
void hy_pr_mq_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);

#endif
