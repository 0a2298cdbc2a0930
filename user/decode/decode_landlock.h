/* SPDX-License-Identifier: MIT */
/* landlock's attribute structs, for the struct table. */
#ifndef HY_DECODE_LANDLOCK_H
#define HY_DECODE_LANDLOCK_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** struct landlock_ruleset_attr at @addr, @size bytes of it (the call's size argument). */
void hy_pr_landlock_ruleset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			       uint64_t addr, uint64_t size);
/** landlock_add_rule's attribute of rule @type at @addr (an address for a type not known). */
void hy_pr_landlock_rule_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr, uint32_t type);

#endif
