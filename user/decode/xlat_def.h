/* SPDX-License-Identifier: MIT */
/*
 * How the constant tables (xlat_<family>.c) are written: with the C library's
 * own macros, so the values can never disagree with the headers; numbers appear
 * only where glibc 2.36 has no macro. Tables are in strace 6.1's order, because
 * a bit set prints its names in table order; combined names (O_SYNC, STATX_ALL)
 * come before their parts so the longest match wins. Each family file lists
 * its tables by id in a sparse array that xlat.c looks an id up in.
 */
#ifndef HY_XLAT_DEF_H
#define HY_XLAT_DEF_H

#include "decode/xlat.h"
#include "decode/xlat_tables.h"

/* The tables are laid out by hand, several entries a line. */
/* clang-format off */
#define X(v) { (uint64_t)(v), #v }
#define END(t, dflt)                                                                            \
	static const struct hy_xlat x_##t = { t##_ent, sizeof(t##_ent) / sizeof(t##_ent[0]), dflt }
/* clang-format on */

#endif
