/* SPDX-License-Identifier: MIT */
/* A whole record in strace's notation: "name(args) = result". */
#ifndef HY_FORMAT_H
#define HY_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** One argument by its table meaning. */
void hy_pr_arg(struct hy_printer *p, const struct hy_record *r, int i);
/** Arguments [from, nargs) by their table meaning, each preceded by ", " unless first. */
void hy_pr_args_from(struct hy_printer *p, const struct hy_record *r, int from);

/**
 * Calls whose result may be a new descriptor (strace's RVAL_FD): -y names it.
 * fcntl is one (its F_DUPFD and F_DUPFD_CLOEXEC commands only).
 */
bool hy_sysent_returns_fd(const struct hy_sysent *ent);

/** "name(args)" of a record. */
void hy_format_call(struct hy_printer *p, const struct hy_record *r);
/** The result: "3", "0x7f..", "-1 ENOENT (No such file or directory)", "?". */
void hy_format_result(struct hy_printer *p, const struct hy_record *r);

#endif
