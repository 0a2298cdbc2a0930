/* SPDX-License-Identifier: MIT */
/*
 * Values that many syscalls share, in strace's notation: fds, paths, modes,
 * open flags, named bits, and "[value]" of an int or long in memory.
 * Unreadable memory prints as the address (NULL for 0), as strace does.
 */
#ifndef HY_DECODE_VALUES_H
#define HY_DECODE_VALUES_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "decode/xlat.h"
#include "record.h"
#include "syscall_table.h"

static inline void hy_pr_sep(struct hy_printer *p)
{
	hy_pr_puts(p, ", ");
}

/**
 * Before an array's element @i: its separator, and past strace's -s elements
 * "..." and false (stop there).
 */
static inline bool hy_pr_array_elem(struct hy_printer *p, uint64_t i)
{
	if (i)
		hy_pr_puts(p, ", ");
	if (i >= p->strsize) {
		hy_pr_puts(p, "...");
		return false;
	}
	return true;
}

/** A file descriptor, or AT_FDCWD. */
void hy_pr_dirfd(struct hy_printer *p, int fd);
/** A file descriptor (an HY_A_FD argument): its number, then -y's "<path>". */
void hy_pr_fd(struct hy_printer *p, int fd);
/** A path argument: quoted whole (strace does not cut paths at -s). */
void hy_pr_path(struct hy_printer *p, const struct hy_record *r, uint64_t addr);
/** A permission mode in octal, at least three digits: 0644, 000. */
void hy_pr_mode(struct hy_printer *p, uint64_t mode);
/**
 * The rest of an extensible struct (openat2's open_how, mount_attr) that @size
 * says follows the @known bytes printed: nothing when it is all zeros, else
 * its bytes after a "bytes 24..39" comment, as strace; ", ???" when it is
 * unreadable or longer than struct kind @id's capture.
 */
void hy_pr_struct_tail(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, size_t known, uint64_t size, enum hy_struct_id id);
/** "S_IFREG|0644"; a mode of an unknown file type in octal: 0177777 */
void hy_pr_mode_type(struct hy_printer *p, unsigned int mode);
/** open(2) flags: the access mode, then the other bits ("O_WRONLY|O_CREAT"). */
void hy_pr_open_flags(struct hy_printer *p, uint64_t flags);
/**
 * The names of @val's bits in @set, each preceded by '|' once *@any; returns
 * the bits without a name. For building composite values (mmap flags).
 */
uint64_t hy_pr_bits(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, bool *any);
/** The name of @val in @set, or @val in decimal (strace's printxval_d style). */
void hy_pr_enum_d(struct hy_printer *p, enum hy_xlat_id set, int64_t val);

/* "[value]" of an int / a long / a 64-bit value at @addr (NULL, or the address). */
void hy_pr_int_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr);
void hy_pr_long_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
void hy_pr_s64_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr);
/** "[0x...]": a pointer-sized value written by the kernel (arch_prctl ARCH_GET_FS). */
void hy_pr_addr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
/** "[3, 4]": the two fds pipe and socketpair return. */
void hy_pr_fd_pair_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);

#endif
