/* SPDX-License-Identifier: MIT */
/* Named constants (strace's xlat): values and bit sets printed by name. */
#ifndef HY_XLAT_H
#define HY_XLAT_H

#include <stdint.h>

#include "syscall_table.h"

struct hy_xlat_ent {
	uint64_t val;
	const char *name;
};

struct hy_xlat {
	const struct hy_xlat_ent *ent;
	unsigned int n;
	/*
	 * strace's default for a value without a name ("PROT_???"): such values print
	 * as "0x100 / * PROT_??? * /" (spaced here only to keep this a comment). NULL:
	 * print the bare number.
	 */
	const char *dflt;
};

/** The table of set @id (an empty table for ids without one). */
const struct hy_xlat *hy_xlat_get(enum hy_xlat_id id);
/** The name of @val in @id, or NULL. */
const char *hy_xlat_name(enum hy_xlat_id id, uint64_t val);

#endif
