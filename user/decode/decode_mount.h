/* SPDX-License-Identifier: MIT */
/* Mounts: struct mount_attr, for the struct table. */
#ifndef HY_DECODE_MOUNT_H
#define HY_DECODE_MOUNT_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** struct mount_attr (mount_setattr) of @size bytes. */
void hy_pr_mount_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, uint64_t size);

#endif
