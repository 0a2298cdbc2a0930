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
};

/** The table of set @id (an empty table for ids without one). */
const struct hy_xlat *hy_xlat_get(enum hy_xlat_id id);
/** The name of @val in @id, or NULL. */
const char *hy_xlat_name(enum hy_xlat_id id, uint64_t val);

#endif
