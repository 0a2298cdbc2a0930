/* SPDX-License-Identifier: MIT */
/*
 * The table's struct kinds (enum hy_struct_id) and their printers: the top of
 * the decoders, above every family. Sizes are the syscall table's
 * (hy_struct_size()).
 */
#ifndef HY_STRUCT_TABLE_H
#define HY_STRUCT_TABLE_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"
#include "syscall_table.h"

/**
 * Print struct @id at @addr as of @phase in strace's notation; @arg is the
 * argument index (some structs take their length from another argument).
 * NULL prints as NULL, unreadable memory as the address.
 */
void hy_pr_struct(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  enum hy_struct_id id, uint64_t addr, int arg);

#endif
