// SPDX-License-Identifier: MIT
/* Values that many syscalls share: fds, paths, modes, flags, ints in memory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>

#include "decode/args.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

void hy_pr_dirfd(struct hy_printer *p, int fd)
{
	hy_pr_const(p, fd == AT_FDCWD ? "AT_FDCWD" : NULL, (uint64_t)(int64_t)fd, HY_NUM_DEC);
	hy_pr_fd_note(p, fd, 0);
}

void hy_pr_fd(struct hy_printer *p, int fd)
{
	hy_pr_i64(p, fd);
	hy_pr_fd_note(p, fd, 0);
}

void hy_pr_path(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	hy_pr_str_arg(p, r, addr, 0);
}

/* "%#03o" without printf: stat and open print a mode on most lines */
void hy_pr_mode(struct hy_printer *p, uint64_t mode)
{
	char tmp[28], *e = tmp + sizeof(tmp), *s = e;
	uint64_t v = mode;

	do
		*--s = '0' + (v & 7);
	while (v >>= 3);
	if (mode)
		*--s = '0';
	while (e - s < 3)
		*--s = '0';
	hy_pr_write(p, s, e - s);
}

void hy_pr_mode_type(struct hy_printer *p, unsigned int mode)
{
	static const struct {
		unsigned int fmt;
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" },	  { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" },	  { S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	};
	const char *name = NULL;
	int tok = hy_pr_const_open(p, mode, HY_NUM_OCT); /* raw: 0100644 */

	if (!tok)
		return;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((mode & S_IFMT) == types[i].fmt)
			name = types[i].name;
	if (name) {
		hy_pr_puts(p, name);
		hy_pr_putc(p, '|');
	} else if (mode & S_IFMT) {
		/* an unknown file type: the whole mode in octal, as strace prints it */
		hy_pr_mode(p, mode);
		hy_pr_const_close(p, tok);
		return;
	}
	if (mode & S_ISUID)
		hy_pr_puts(p, "S_ISUID|");
	if (mode & S_ISGID)
		hy_pr_puts(p, "S_ISGID|");
	if (mode & S_ISVTX)
		hy_pr_puts(p, "S_ISVTX|");
	hy_pr_mode(p, mode & 0777);
	hy_pr_const_close(p, tok);
}

void hy_pr_struct_tail(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, size_t known, uint64_t size, enum hy_struct_id id)
{
	uint8_t chunk[256];
	/* what the capture holds past the version we know (the kind's capture size) */
	size_t held = hy_struct_size(id) > known ? hy_struct_size(id) - known : 0;
	uint64_t more = size - known, show = more < p->strsize ? more : p->strsize;
	bool zero = true;

	if (size <= known)
		return;
	if (more > held) {
		hy_pr_puts(p, ", ???");
		return;
	}
	/* in chunks: clone3's may be a page long */
	for (uint64_t off = 0; off < more; off += sizeof(chunk)) {
		size_t n = more - off < sizeof(chunk) ? more - off : sizeof(chunk);

		if (!hy_read(r, phase, addr + known + off, chunk, n)) {
			hy_pr_puts(p, ", ???");
			return;
		}
		for (size_t i = 0; i < n; i++)
			zero = zero && !chunk[i];
	}
	if (zero)
		return;
	hy_pr_printf(p, ", /* bytes %zu..%" PRIu64 " */ ", known, size - 1);
	/* the bytes -s shows, as hy_pr_quoted_hex() prints them, a chunk at a time */
	hy_pr_putc(p, '"');
	for (uint64_t off = 0; off < show; off += sizeof(chunk)) {
		size_t n = show - off < sizeof(chunk) ? show - off : sizeof(chunk);

		hy_read(r, phase, addr + known + off, chunk, n);
		for (size_t i = 0; i < n; i++)
			hy_pr_printf(p, "\\x%02x", chunk[i]);
	}
	hy_pr_puts(p, more > p->strsize ? "\"..." : "\"");
}

uint64_t hy_pr_bits(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, bool *any)
{
	const struct hy_xlat *x = hy_xlat_get(set);

	for (unsigned int i = 0; i < x->n; i++) {
		uint64_t v = x->ent[i].val;

		if (v && (val & v) == v) {
			if (*any)
				hy_pr_putc(p, '|');
			hy_pr_puts(p, x->ent[i].name);
			val &= ~v;
			*any = true;
		}
	}
	return val;
}

void hy_pr_open_flags(struct hy_printer *p, uint64_t flags)
{
	bool any = true;
	int tok = hy_pr_const_open(p, flags, HY_NUM_HEX);

	if (!tok)
		return;
	hy_pr_puts(p, hy_xlat_name(HY_X_OPEN_ACCESS, flags & O_ACCMODE));
	flags &= ~(uint64_t)O_ACCMODE;
	flags = hy_pr_bits(p, HY_X_OPEN_FLAGS, flags, &any);
	if (flags)
		hy_pr_printf(p, "|%#" PRIx64, flags);
	hy_pr_const_close(p, tok);
}

void hy_pr_enum_d(struct hy_printer *p, enum hy_xlat_id set, int64_t val)
{
	hy_pr_const(p, hy_xlat_name(set, val), (uint64_t)val, HY_NUM_DEC);
}

void hy_pr_int_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr)
{
	int32_t v;

	if (hy_read(r, phase, addr, &v, sizeof(v)))
		hy_pr_printf(p, "[%d]", v);
	else
		hy_pr_ptr(p, addr);
}

void hy_pr_long_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	uint64_t v;

	if (!hy_read_word(r, phase, addr, &v))
		hy_pr_ptr(p, addr);
	else if (hy_ptr_size(r) == 4)
		hy_pr_printf(p, "[%d]", (int32_t)v);
	else
		hy_pr_printf(p, "[%" PRId64 "]", (int64_t)v);
}

void hy_pr_s64_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr)
{
	int64_t v;

	if (hy_read(r, phase, addr, &v, sizeof(v)))
		hy_pr_printf(p, "[%" PRId64 "]", v);
	else
		hy_pr_ptr(p, addr);
}

void hy_pr_addr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	uint64_t v;

	if (!hy_read_word(r, phase, addr, &v)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	hy_pr_ptr(p, v);
	hy_pr_putc(p, ']');
}

void hy_pr_fd_pair_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	int32_t fds[2];

	if (!hy_read(r, phase, addr, fds, sizeof(fds))) {
		hy_pr_ptr(p, addr);
		return;
	}
	/* new descriptors, each named with -y as the log's map has them (after the call) */
	hy_pr_printf(p, "[%d", fds[0]);
	hy_pr_fd_note(p, fds[0], 0);
	hy_pr_printf(p, ", %d", fds[1]);
	hy_pr_fd_note(p, fds[1], 0);
	hy_pr_putc(p, ']');
}
