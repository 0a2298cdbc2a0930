/* SPDX-License-Identifier: MIT */
/* Structs pointed to by syscall arguments: their sizes (for capture) and printers. */
#ifndef HY_DECODE_STRUCT_H
#define HY_DECODE_STRUCT_H

#include "printer.h"

/** Bytes of struct @id on x86-64, 0 for variable-size or unknown ones. */
size_t hy_struct_size(enum hy_struct_id id);

/**
 * Print struct @id at @addr as of @phase in strace's notation; @arg is the
 * argument index (some structs take their length from the next argument).
 * Unreadable memory prints as the address.
 */
void hy_print_struct(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     enum hy_struct_id id, uint64_t addr, int arg);

/** "S_IFREG|0644" */
void hy_pr_mode_type(struct hy_printer *p, unsigned int mode);

#endif
