/* SPDX-License-Identifier: MIT */
/*
 * Sets of syscalls per ABI, and the one grammar that names them (--subscribe,
 * -e trace=, --inject, tool subscriptions), strace's with hytrace's additions:
 *   [!]ITEM[,ITEM]...   ITEM = [!][?]{NAME | NUMBER | %CLASS | CLASS | /REGEX |
 *                                     GLOB (* ? [..]) | all | none}[@64|@32|@x32]
 * A '!' before the whole list negates the whole set, as in strace ("!openat,close":
 * neither). A '!' before a later item removes it (hytrace's: "%file,!openat").
 * A '?' lets a name, regex or glob match nothing without an error. CLASS without
 * '%' is strace's older spelling (desc, file, ipc, network, process, signal,
 * memory). An @ suffix (@x86_64, @i386, @x32 or strace's @64, @32) limits an item
 * to that ABI. A name without a suffix means that syscall in every ABI that has
 * it, so a 64-bit program using int 0x80 cannot slip past; a number without a
 * suffix is an x86-64 number. Items apply left to right from an empty set.
 */
#ifndef HY_SYSSET_H
#define HY_SYSSET_H

#include <stdbool.h>
#include <stdint.h>

#include "hytrace.h"

#define HY_SYSSET_NR_MAX 640 /* above every x86-64, i386 and x32 number */

struct hy_sysset {
	uint64_t bits[HY_ABI_COUNT][HY_SYSSET_NR_MAX / 64];
};

/**
 * Parse @spec and add the set it names to @set (not cleared first). Returns 0, or -EINVAL
 * with hy_last_error() naming the bad item and suggesting the nearest names.
 * @hint, when not NULL, receives a one-line note for names that programs no
 * longer use on x86-64 (e.g. open), or an empty string.
 */
int hy_sysset_parse(struct hy_sysset *set, const char *spec, char *hint, size_t hintsize);

void hy_sysset_clear(struct hy_sysset *set);
void hy_sysset_fill(struct hy_sysset *set);
void hy_sysset_add(struct hy_sysset *set, enum hy_abi abi, long nr);
void hy_sysset_del(struct hy_sysset *set, enum hy_abi abi, long nr);
/** Every syscall of @src added to @dst. */
void hy_sysset_union(struct hy_sysset *dst, const struct hy_sysset *src);
bool hy_sysset_empty(const struct hy_sysset *set);
unsigned int hy_sysset_count(const struct hy_sysset *set);
/** Whether some syscall of @set has one of @classes (enum hy_class of syscall_table.h). */
bool hy_sysset_any_class(const struct hy_sysset *set, uint32_t classes);

/* Membership: hy_sysset_contains() of hytrace.h. */

/**
 * Up to @n known names closest to @name (edit distance), comma-separated into
 * @buf; empty when nothing is close.
 */
void hy_syscall_suggest(const char *name, char *buf, size_t size, int n);

#endif
