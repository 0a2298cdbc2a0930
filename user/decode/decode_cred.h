/* SPDX-License-Identifier: MIT */
/* Credentials: group id lists. */
#ifndef HY_DECODE_CRED_H
#define HY_DECODE_CRED_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

#define HY_GIDS_MAX 32 /* group ids captured (HY_S_GIDS's size / 4) */

/** A list of group ids, @count of them. */
void hy_pr_gids_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr, int64_t count);

#endif
