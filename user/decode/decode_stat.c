// SPDX-License-Identifier: MIT
/*
 * The stat family: struct stat in its three layouts, statx, statfs, and the
 * directory listings (getdents), in strace's abbreviated form.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode/args.h"
#include "decode/decode_stat.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* The fields strace's abbreviated form shows, whatever the layout. */
struct stat_view {
	uint32_t mode;
	uint64_t rdev;
	int64_t size;
};

/* i386's plain stat (struct __old_kernel_stat's successor) vs stat64: see asm/stat.h. */
static bool read_stat(const struct hy_record *r, enum hy_phase phase, uint64_t addr,
		      struct stat_view *v)
{
	uint8_t raw[144];
	uint32_t u32;
	uint16_t u16;

	if (!hy_compat32(r)) {
		/* x86-64 and x32: mode at 24, rdev at 40, size at 48 */
		if (!hy_read(r, phase, addr, raw, 144))
			return false;
		memcpy(&v->mode, raw + 24, 4);
		memcpy(&v->rdev, raw + 40, 8);
		memcpy(&v->size, raw + 48, 8);
		return true;
	}
	if (!hy_time32(r)) {
		/* stat64 and fstatat64: mode at 16, rdev at 32, size at 44; 96 bytes */
		if (!hy_read(r, phase, addr, raw, 96))
			return false;
		memcpy(&v->mode, raw + 16, 4);
		memcpy(&v->rdev, raw + 32, 8);
		memcpy(&v->size, raw + 44, 8);
		return true;
	}
	/* 16-bit mode at 8, 32-bit rdev at 16 and size at 20; 64 bytes */
	if (!hy_read(r, phase, addr, raw, 64))
		return false;
	memcpy(&u16, raw + 8, 2);
	v->mode = u16;
	memcpy(&u32, raw + 16, 4);
	v->rdev = u32;
	memcpy(&u32, raw + 20, 4);
	v->size = u32;
	return true;
}

void hy_pr_stat_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	struct stat_view v;

	if (!read_stat(r, phase, addr, &v)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{st_mode=");
	hy_pr_mode_type(p, v.mode);
	/* devices show their number instead of a size */
	if (S_ISCHR(v.mode) || S_ISBLK(v.mode)) {
		hy_pr_printf(p, ", st_rdev=makedev(%#x, %#x)", major(v.rdev), minor(v.rdev));
	} else {
		hy_pr_puts(p, ", st_size=");
		hy_pr_i64(p, v.size);
	}
	hy_pr_puts(p, ", ...}");
}

void hy_pr_statx_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr)
{
	struct statx sx;

	if (!hy_read(r, phase, addr, &sx, sizeof(sx))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{stx_mask=");
	hy_pr_flags(p, HY_X_STATX_MASK, sx.stx_mask, NULL);
	hy_pr_puts(p, ", stx_attributes=");
	hy_pr_flags(p, HY_X_STATX_ATTRS, sx.stx_attributes, NULL);
	hy_pr_puts(p, ", stx_mode=");
	hy_pr_mode_type(p, sx.stx_mode);
	if (S_ISCHR(sx.stx_mode) || S_ISBLK(sx.stx_mode))
		hy_pr_printf(p, ", stx_rdev_major=%u, stx_rdev_minor=%u", sx.stx_rdev_major,
			     sx.stx_rdev_minor);
	else
		hy_pr_printf(p, ", stx_size=%" PRIu64, (uint64_t)sx.stx_size);
	hy_pr_puts(p, ", ...}");
}

void hy_pr_statfs_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr)
{
	/* f_type, f_bsize, 5 block/file counts, f_fsid[2], f_namelen, f_frsize, f_flags */
	uint64_t f[11] = { 0 };
	uint32_t fsid[2];
	const char *magic;
	uint8_t raw[120];

	if (!hy_compat32(r)) {
		if (!hy_read(r, phase, addr, raw, 120)) {
			hy_pr_ptr(p, addr);
			return;
		}
		memcpy(f, raw, 7 * 8);
		memcpy(fsid, raw + 56, 8);
		memcpy(&f[8], raw + 64, 3 * 8);
	} else {
		/* statfs64: 32-bit type and size, 64-bit counts; statfs: all 32-bit */
		bool wide = !hy_time32(r);
		uint32_t w32[17];

		if (!hy_read(r, phase, addr, raw, wide ? 84 : 64)) {
			hy_pr_ptr(p, addr);
			return;
		}
		memcpy(w32, raw, wide ? 68 : 48);
		f[0] = w32[0];
		f[1] = w32[1];
		for (int i = 0; i < 5; i++)
			if (wide)
				memcpy(&f[2 + i], raw + 8 + 8 * i, 8);
			else
				f[2 + i] = w32[2 + i];
		memcpy(fsid, raw + (wide ? 48 : 28), 8);
		for (int i = 0; i < 3; i++)
			f[8 + i] = w32[(wide ? 14 : 9) + i];
	}
	magic = hy_xlat_name(HY_X_FS_MAGIC, f[0]);
	if (magic)
		hy_pr_printf(p, "{f_type=%s", magic);
	else
		hy_pr_printf(p, "{f_type=%#" PRIx64, f[0]);
	hy_pr_printf(p, ", f_bsize=%" PRIu64 ", f_blocks=%" PRIu64 ", f_bfree=%" PRIu64, f[1], f[2],
		     f[3]);
	hy_pr_printf(p, ", f_bavail=%" PRIu64 ", f_files=%" PRIu64 ", f_ffree=%" PRIu64, f[4], f[5],
		     f[6]);
	hy_pr_printf(p, ", f_fsid={val=[%#x, %#x]}, f_namelen=%" PRIu64 ", f_frsize=%" PRIu64,
		     fsid[0], fsid[1], f[8], f[9]);
	hy_pr_puts(p, ", f_flags=");
	hy_pr_flags(p, HY_X_STATFS_FLAGS, f[10], NULL);
	hy_pr_putc(p, '}');
}

/* statx(dirfd, path, flags, mask, buf): the sync type is a value inside the flags. */
void hy_dec_statx(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[2];
	bool any = true;

	hy_pr_dirfd(p, (int)r->args[0]);
	hy_pr_sep(p);
	hy_pr_path(p, r, r->args[1]);
	hy_pr_sep(p);
	/* both sync bits: strace names them one by one */
	hy_pr_puts(p, hy_xlat_name(HY_X_AT_STATX_SYNC, flags & AT_STATX_SYNC_TYPE) ?:
			      "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC");
	flags = hy_pr_bits(p, HY_X_AT_FLAGS, flags & ~AT_STATX_SYNC_TYPE, &any);
	if (flags)
		hy_pr_printf(p, "|%#x", flags);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_STATX_MASK, (uint32_t)r->args[3], NULL);
	hy_pr_sep(p);
	if (hy_exit_ok(r))
		hy_pr_statx_at(p, r, HY_PHASE_EXIT, r->args[4]);
	else
		hy_pr_ptr(p, r->args[4]);
}

/*
 * getdents/getdents64(fd, dirp, count): strace's abbreviated form counts the
 * records (each carries its length) instead of printing them.
 */
static void print_dents(struct hy_printer *p, const struct hy_record *r, unsigned int reclen_off)
{
	uint64_t addr = r->args[1];
	int64_t off = 0, len = r->ret;
	unsigned int n = 0;

	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	hy_pr_ptr(p, addr);
	long counted = hy_exit_ok(r) ? hy_rec_count(r, HY_PHASE_EXIT, addr) : -1;

	if (counted >= 0) {
		/* counted where the records were (kernel recorder or tracer) */
		hy_pr_printf(p, " /* %ld entr%s */", counted, counted == 1 ? "y" : "ies");
	} else if (hy_exit_ok(r)) {
		for (; off + reclen_off + 2 <= len; n++) {
			uint16_t reclen;

			if (!hy_read(r, HY_PHASE_EXIT, addr + off + reclen_off, &reclen, 2) ||
			    !reclen)
				break;
			off += reclen;
		}
		/* without every record header captured, there is no count to show */
		if (off >= len)
			hy_pr_printf(p, " /* %u entr%s */", n, n == 1 ? "y" : "ies");
	}
	hy_pr_printf(p, ", %u", (uint32_t)r->args[2]);
}

void hy_dec_getdents64(struct hy_printer *p, const struct hy_record *r)
{
	/* d_ino and d_off are 64-bit on every ABI */
	print_dents(p, r, 16);
}

void hy_dec_getdents(struct hy_printer *p, const struct hy_record *r)
{
	/* d_ino and d_off are longs of the ABI */
	print_dents(p, r, 2 * hy_ptr_size(r));
}
