// SPDX-License-Identifier: MIT
/*
 * The stat family: struct stat in its three layouts, statx, statfs (the
 * directory listings, getdents, are decode_dirent.c's).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode/args.h"
#include "decode/decode_stat.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* struct stat's fields, whatever the layout (strace -v shows them all). */
struct stat_view {
	uint64_t dev, ino, nlink, rdev, blksize, blocks;
	uint32_t mode, uid, gid;
	int64_t size;
	int64_t time[3]; /* atime, mtime, ctime */
	uint64_t nsec[3];
};

static uint64_t u32_at(const uint8_t *raw, unsigned int off)
{
	uint32_t v;

	memcpy(&v, raw + off, 4);
	return v;
}

static uint64_t u64_at(const uint8_t *raw, unsigned int off)
{
	uint64_t v;

	memcpy(&v, raw + off, 8);
	return v;
}

/* x86-64 and x32: asm/stat.h's 64-bit struct stat, 144 bytes */
static void stat64_layout(const uint8_t *raw, struct stat_view *v)
{
	v->dev = u64_at(raw, 0);
	v->ino = u64_at(raw, 8);
	v->nlink = u64_at(raw, 16);
	v->mode = u32_at(raw, 24);
	v->uid = u32_at(raw, 28);
	v->gid = u32_at(raw, 32);
	v->rdev = u64_at(raw, 40);
	v->size = (int64_t)u64_at(raw, 48);
	v->blksize = u64_at(raw, 56);
	v->blocks = u64_at(raw, 64);
	for (int i = 0; i < 3; i++) {
		v->time[i] = (int64_t)u64_at(raw, 72 + 16 * i);
		v->nsec[i] = u64_at(raw, 80 + 16 * i);
	}
}

/* i386's stat64 and fstatat64: 96 bytes, the 64-bit inode number at the end */
static void i386_stat64_layout(const uint8_t *raw, struct stat_view *v)
{
	v->dev = u64_at(raw, 0);
	v->mode = u32_at(raw, 16);
	v->nlink = u32_at(raw, 20);
	v->uid = u32_at(raw, 24);
	v->gid = u32_at(raw, 28);
	v->rdev = u64_at(raw, 32);
	v->size = (int64_t)u64_at(raw, 44);
	v->blksize = u32_at(raw, 52);
	v->blocks = u64_at(raw, 56);
	for (int i = 0; i < 3; i++) {
		v->time[i] = (int32_t)u32_at(raw, 64 + 8 * i);
		v->nsec[i] = u32_at(raw, 68 + 8 * i);
	}
	v->ino = u64_at(raw, 88);
}

/* i386's plain stat: 16-bit mode, nlink, uid and gid; 64 bytes */
static void i386_stat_layout(const uint8_t *raw, struct stat_view *v)
{
	uint16_t u16[4];

	memcpy(u16, raw + 8, sizeof(u16));
	v->dev = u32_at(raw, 0);
	v->ino = u32_at(raw, 4);
	v->mode = u16[0];
	v->nlink = u16[1];
	v->uid = u16[2];
	v->gid = u16[3];
	v->rdev = u32_at(raw, 16);
	v->size = (int32_t)u32_at(raw, 20);
	v->blksize = u32_at(raw, 24);
	v->blocks = u32_at(raw, 28);
	for (int i = 0; i < 3; i++) {
		v->time[i] = (int32_t)u32_at(raw, 32 + 8 * i);
		v->nsec[i] = u32_at(raw, 36 + 8 * i);
	}
}

/* i386's plain stat (struct __old_kernel_stat's successor) vs stat64: see asm/stat.h. */
static bool read_stat(const struct hy_record *r, enum hy_phase phase, uint64_t addr,
		      struct stat_view *v)
{
	uint8_t raw[144];

	if (!hy_compat32(r)) {
		if (!hy_read(r, phase, addr, raw, 144))
			return false;
		stat64_layout(raw, v);
	} else if (!hy_time32(r)) {
		if (!hy_read(r, phase, addr, raw, 96))
			return false;
		i386_stat64_layout(raw, v);
	} else {
		if (!hy_read(r, phase, addr, raw, 64))
			return false;
		i386_stat_layout(raw, v);
	}
	return true;
}

static void print_makedev(struct hy_printer *p, uint64_t dev)
{
	int tok = hy_pr_const_open(p, dev, HY_NUM_HEX); /* -X raw: the number as it is */

	if (!tok)
		return;
	hy_pr_printf(p, "makedev(%#x, %#x)", major(dev), minor(dev));
	hy_pr_const_close(p, tok);
}

static void print_dev(struct hy_printer *p, const char *name, uint64_t dev)
{
	hy_pr_printf(p, "%s=", name);
	print_makedev(p, dev);
}

/* ustat(dev, ubuf): the kernel's dev is an unsigned int. */
void hy_dec_ustat(struct hy_printer *p, const struct hy_record *r)
{
	print_makedev(p, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	hy_pr_ptr(p, r->args[1]);
}

/* strace -v: every field, times with their date */
static void print_stat_full(struct hy_printer *p, const struct stat_view *v)
{
	static const char *const times[3] = { "st_atime", "st_mtime", "st_ctime" };

	print_dev(p, "{st_dev", v->dev);
	hy_pr_printf(p, ", st_ino=%" PRIu64 ", st_mode=", v->ino);
	hy_pr_mode_type(p, v->mode);
	hy_pr_printf(p,
		     ", st_nlink=%" PRIu64 ", st_uid=%u, st_gid=%u, st_blksize=%" PRIu64
		     ", st_blocks=%" PRIu64,
		     v->nlink, v->uid, v->gid, v->blksize, v->blocks);
	if (S_ISCHR(v->mode) || S_ISBLK(v->mode))
		print_dev(p, ", st_rdev", v->rdev);
	else
		hy_pr_printf(p, ", st_size=%" PRId64, v->size);
	for (int i = 0; i < 3; i++) {
		hy_pr_printf(p, ", %s=%" PRId64, times[i], v->time[i]);
		/* strace: the fraction in the comment only when there is one */
		hy_pr_time_comment(p, v->time[i], v->nsec[i], v->nsec[i] ? 9 : 0);
		hy_pr_printf(p, ", %s_nsec=%" PRIu64, times[i], v->nsec[i]);
	}
	hy_pr_putc(p, '}');
}

void hy_pr_stat_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	struct stat_view v;

	if (!read_stat(r, phase, addr, &v)) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (p->verbose) {
		print_stat_full(p, &v);
		return;
	}
	hy_pr_puts(p, "{st_mode=");
	hy_pr_mode_type(p, v.mode);
	/* devices show their number instead of a size */
	if (S_ISCHR(v.mode) || S_ISBLK(v.mode)) {
		print_dev(p, ", st_rdev", v.rdev);
	} else {
		hy_pr_puts(p, ", st_size=");
		hy_pr_i64(p, v.size);
	}
	hy_pr_puts(p, ", ...}");
}

/* a struct statx_timestamp at @off: "{tv_sec=S, tv_nsec=N} / * date * /" */
static void print_statx_time(struct hy_printer *p, const uint8_t *raw, const char *name,
			     unsigned int off)
{
	int64_t sec = (int64_t)u64_at(raw, off);
	uint64_t nsec = u32_at(raw, off + 8);

	hy_pr_printf(p, ", %s={tv_sec=%" PRId64 ", tv_nsec=%" PRIu64 "}", name, sec, nsec);
	hy_pr_time_comment(p, sec, nsec, nsec ? 9 : 0);
}

/* strace -v: linux/stat.h's struct statx, every field the mask says was filled */
static void print_statx_full(struct hy_printer *p, const uint8_t *raw)
{
	uint32_t mask = u32_at(raw, 0);
	uint16_t mode;

	memcpy(&mode, raw + 28, 2);
	hy_pr_puts(p, "{stx_mask=");
	hy_pr_flags(p, HY_X_STATX_MASK, mask, NULL);
	hy_pr_printf(p, ", stx_blksize=%" PRIu64 ", stx_attributes=", u32_at(raw, 4));
	hy_pr_flags(p, HY_X_STATX_ATTRS, u64_at(raw, 8), NULL);
	hy_pr_printf(p, ", stx_nlink=%" PRIu64 ", stx_uid=%" PRIu64 ", stx_gid=%" PRIu64,
		     u32_at(raw, 16), u32_at(raw, 20), u32_at(raw, 24));
	hy_pr_puts(p, ", stx_mode=");
	hy_pr_mode_type(p, mode);
	hy_pr_printf(p, ", stx_ino=%" PRIu64 ", stx_size=%" PRIu64 ", stx_blocks=%" PRIu64,
		     u64_at(raw, 32), u64_at(raw, 40), u64_at(raw, 48));
	hy_pr_puts(p, ", stx_attributes_mask=");
	hy_pr_flags(p, HY_X_STATX_ATTRS, u64_at(raw, 56), NULL);
	print_statx_time(p, raw, "stx_atime", 64);
	if (mask & 0x800) /* STATX_BTIME */
		print_statx_time(p, raw, "stx_btime", 80);
	print_statx_time(p, raw, "stx_ctime", 96);
	print_statx_time(p, raw, "stx_mtime", 112);
	hy_pr_printf(p, ", stx_rdev_major=%" PRIu64 ", stx_rdev_minor=%" PRIu64, u32_at(raw, 128),
		     u32_at(raw, 132));
	hy_pr_printf(p, ", stx_dev_major=%" PRIu64 ", stx_dev_minor=%" PRIu64, u32_at(raw, 136),
		     u32_at(raw, 140));
	if (mask & 0x1000) /* STATX_MNT_ID */
		hy_pr_printf(p, ", stx_mnt_id=%#" PRIx64, u64_at(raw, 144));
	if (mask & 0x2000) /* STATX_DIOALIGN */
		hy_pr_printf(p, ", stx_dio_mem_align=%" PRIu64 ", stx_dio_offset_align=%" PRIu64,
			     u32_at(raw, 152), u32_at(raw, 156));
	hy_pr_putc(p, '}');
}

void hy_pr_statx_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr)
{
	struct statx sx;
	uint8_t raw[256];

	_Static_assert(sizeof(sx) == sizeof(raw), "struct statx is linux/stat.h's 256 bytes");
	if (!hy_read(r, phase, addr, raw, sizeof(raw))) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (p->verbose) {
		print_statx_full(p, raw);
		return;
	}
	memcpy(&sx, raw, sizeof(sx));
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
	if (p->xstyle == HY_XSTYLE_RAW) {
		hy_pr_num(p, flags, HY_NUM_HEX);
	} else if (p->xstyle == HY_XSTYLE_VERBOSE) {
		/* strace -X verbose: the sync type and the flags as two constants */
		hy_pr_const(p, hy_xlat_name(HY_X_AT_STATX_SYNC, flags & AT_STATX_SYNC_TYPE),
			    flags & AT_STATX_SYNC_TYPE, HY_NUM_HEX);
		if (flags & ~AT_STATX_SYNC_TYPE) {
			hy_pr_putc(p, '|');
			hy_pr_flags(p, HY_X_AT_FLAGS, flags & ~AT_STATX_SYNC_TYPE, NULL);
		}
	} else {
		/* both sync bits: strace names them one by one */
		hy_pr_puts(p, hy_xlat_name(HY_X_AT_STATX_SYNC, flags & AT_STATX_SYNC_TYPE) ?:
				      "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC");
		flags = hy_pr_bits(p, HY_X_AT_FLAGS, flags & ~AT_STATX_SYNC_TYPE, &any);
		if (flags)
			hy_pr_printf(p, "|%#x", flags);
	}
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_STATX_MASK, (uint32_t)r->args[3], NULL);
	hy_pr_sep(p);
	if (hy_exit_ok(r))
		hy_pr_statx_at(p, r, HY_PHASE_EXIT, r->args[4]);
	else
		hy_pr_ptr(p, r->args[4]);
}
