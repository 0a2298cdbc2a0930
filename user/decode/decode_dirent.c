// SPDX-License-Identifier: MIT
/*
 * Directory listings (getdents, getdents64): strace's abbreviated form counts
 * the records; with -v (abbrev=none) it prints each one.
 */
#include <inttypes.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"

#define D_NAME_MAX 256 /* strace prints at most this much of a name */

/* The two layouts: where a record's fields are (struct linux_dirent, linux_dirent64). */
struct dent_layout {
	unsigned int word;   /* bytes of d_ino and d_off */
	unsigned int header; /* offset of d_name: the smallest record */
	bool d64;	     /* d_type before the name (64), or in the record's last byte */
};

static const char *const dt_names[] = {
	[0] = "DT_UNKNOWN", [1] = "DT_FIFO", [2] = "DT_CHR",   [4] = "DT_DIR",	[6] = "DT_BLK",
	[8] = "DT_REG",	    [10] = "DT_LNK", [12] = "DT_SOCK", [14] = "DT_WHT",
};

static void print_d_type(struct hy_printer *p, uint8_t t)
{
	hy_pr_puts(p, ", d_type=");
	if (t < sizeof(dt_names) / sizeof(dt_names[0]) && dt_names[t])
		hy_pr_const(p, dt_names[t], t, HY_NUM_HEX);
	else
		hy_pr_printf(p, "%#x /* DT_??? */", t);
}

/* The name of @len bytes at most (no NUL needed), as strace's printpathn. */
static void print_d_name(struct hy_printer *p, const uint8_t *name, unsigned int len)
{
	if (len > D_NAME_MAX)
		len = D_NAME_MAX;
	hy_pr_puts(p, ", d_name=");
	hy_pr_quoted(p, (const char *)name, strnlen((const char *)name, len), false);
}

static unsigned int reclen_of(const struct dent_layout *l, const uint8_t *rec)
{
	return rec[2 * l->word] | rec[2 * l->word + 1] << 8;
}

/*
 * One record (@rec: its bytes, @reclen of them as the walk takes it); strace's
 * order: the header, then d_type and the name (64), or the name and d_type.
 */
static void print_dent(struct hy_printer *p, const struct dent_layout *l, const uint8_t *rec,
		       unsigned int reclen)
{
	uint64_t ino = 0, off = 0;
	unsigned int tail = reclen - l->header, said = reclen_of(l, rec);

	memcpy(&ino, rec, l->word);
	memcpy(&off, rec + l->word, l->word);
	hy_pr_printf(p, "{d_ino=%" PRIu64 ", d_off=%" PRIu64 ", d_reclen=%u", ino, off, said);
	/* strace's notes for lengths the kernel never writes */
	if (said > reclen)
		hy_pr_printf(p, " /* %u bytes overflow */", said - reclen);
	else if (said < reclen)
		hy_pr_printf(p, " /* %u bytes underflow */", reclen - said);
	if (l->d64) {
		print_d_type(p, rec[2 * l->word + 2]);
		if (tail)
			print_d_name(p, rec + l->header, tail);
	} else if (tail) {
		if (tail > 1)
			print_d_name(p, rec + l->header, tail - 1);
		print_d_type(p, rec[reclen - 1]);
	}
	hy_pr_putc(p, '}');
}

/*
 * @len bytes at @addr of the result, which was captured in windows
 * (HY_DENTS_WINDOWS chunks): a record may begin in one and end in the next.
 */
static bool read_dents(const struct hy_record *r, uint64_t addr, void *buf, size_t len)
{
	size_t got = 0;

	if (!addr)
		return false;
	while (got < len) {
		ssize_t n = hy_rec_read(r, HY_PHASE_EXIT, addr + got, (char *)buf + got, len - got);

		if (n <= 0)
			return false;
		got += n;
	}
	return true;
}

/*
 * The records of a successful call, as strace -v prints them: what was
 * captured of them (HY_DENTS_WINDOWS windows of HY_CAP_MAX: capture_plan.c),
 * then "..." for the records past it. False when none was captured (no -v in
 * the plan).
 */
static bool print_dent_array(struct hy_printer *p, const struct hy_record *r,
			     const struct dent_layout *l, uint64_t addr, uint64_t len)
{
	uint8_t rec[512];
	uint64_t pos = 0;

	if (len && !read_dents(r, addr, rec, l->header))
		return false;
	hy_pr_putc(p, '[');
	while (len - pos >= l->header) {
		uint64_t left = len - pos;
		unsigned int reclen;

		if (pos)
			hy_pr_puts(p, ", ");
		if (!read_dents(r, addr + pos, rec, l->header)) {
			hy_pr_puts(p, "...");
			break;
		}
		reclen = reclen_of(l, rec);
		if (reclen > left)
			reclen = left;
		else if (reclen < l->header)
			reclen = l->header;
		/* past what was captured: as strace ends an array it abbreviates */
		if (reclen > sizeof(rec) || !read_dents(r, addr + pos, rec, reclen)) {
			hy_pr_puts(p, "...");
			break;
		}
		print_dent(p, l, rec, reclen);
		pos += reclen;
	}
	hy_pr_putc(p, ']');
	return true;
}

/*
 * getdents/getdents64(fd, dirp, count): strace's abbreviated form counts the
 * records (each carries its length) instead of printing them.
 */
static void print_dents(struct hy_printer *p, const struct hy_record *r,
			const struct dent_layout *l)
{
	uint64_t addr = r->args[1];
	int64_t off = 0, len = r->ret;
	unsigned int n = 0, reclen_off = 2 * l->word;
	long counted;

	hy_pr_fd(p, (int)r->args[0]);
	hy_pr_sep(p);
	/* strace -v: the records, when the plan captured them (hy_want_dirents) */
	if (p->verbose && !p->noderef && hy_exit_ok(r) && (uint64_t)len <= (uint32_t)r->args[2] &&
	    print_dent_array(p, r, l, addr, len)) {
		hy_pr_printf(p, ", %u", (uint32_t)r->args[2]);
		return;
	}
	hy_pr_ptr(p, addr);
	counted = hy_exit_ok(r) ? hy_rec_count(r, HY_PHASE_EXIT, addr) : -1;
	if (p->noderef) {
		/* -e verbose= without this call: strace does not read the records */
	} else if (counted >= 0) {
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
	static const struct dent_layout l64 = { 8, 19, true };

	print_dents(p, r, &l64);
}

void hy_dec_getdents(struct hy_printer *p, const struct hy_record *r)
{
	/* d_ino and d_off are longs of the ABI */
	const struct dent_layout l = { hy_ptr_size(r), 2 * hy_ptr_size(r) + 2, false };

	print_dents(p, r, &l);
}
