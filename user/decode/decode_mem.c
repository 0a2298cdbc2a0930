// SPDX-License-Identifier: MIT
/* Mappings: mmap (and i386's two older forms) and mremap. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <sys/mman.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

#define HY_MAP_TYPE 0xf /* the mapping type, a value inside the flags */
#define HY_MAP_HUGE_SHIFT 26
#define HY_MAP_HUGE_MASK 0x3fu

/* "MAP_PRIVATE|MAP_ANONYMOUS|21<<MAP_HUGE_SHIFT": the type, the flags, the huge page size. */
static void print_mmap_flags(struct hy_printer *p, uint64_t flags)
{
	uint64_t huge = flags & ((uint64_t)HY_MAP_HUGE_MASK << HY_MAP_HUGE_SHIFT);
	bool any = true;
	int tok = hy_pr_const_open(p, flags, HY_NUM_HEX); /* -X: the whole value, then the pieces */

	if (!tok)
		return;
	hy_pr_enum(p, HY_X_MAP_TYPE, flags & HY_MAP_TYPE);
	flags &= ~(uint64_t)HY_MAP_TYPE & ~huge;
	flags = hy_pr_bits(p, HY_X_MMAP_FLAGS, flags, &any);
	if (flags)
		hy_pr_printf(p, "|%#" PRIx64, flags);
	if (huge)
		hy_pr_printf(p, "|%" PRIu64 "<<MAP_HUGE_SHIFT", huge >> HY_MAP_HUGE_SHIFT);
	hy_pr_const_close(p, tok);
}

static void print_mmap(struct hy_printer *p, const uint64_t *a, uint64_t offset)
{
	hy_pr_ptr(p, a[0]);
	hy_pr_printf(p, ", %" PRIu64 ", ", a[1]);
	hy_pr_flags(p, HY_X_MMAP_PROT, a[2], NULL);
	hy_pr_sep(p);
	/* the kernel keeps the flags' 32 bits (do_mmap's int): strace prints no more */
	print_mmap_flags(p, (uint32_t)a[3]);
	hy_pr_printf(p, ", %d", (int)a[4]);
	hy_pr_fd_note(p, (int)a[4], 0);
	hy_pr_printf(p, ", %#" PRIx64, offset);
}

/* mmap, and i386's mmap2 (whose offset counts 4096-byte pages). */
void hy_dec_mmap(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t a[6];

	for (int i = 0; i < 6; i++)
		a[i] = hy_uarg(r, i);
	print_mmap(p, a, hy_compat32(r) ? a[5] << 12 : a[5]);
}

/* i386's old mmap: the six arguments in a struct. */
void hy_dec_old_mmap(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t v[6];
	uint64_t a[6];

	if (!hy_read(r, HY_PHASE_ENTER, r->args[0], v, sizeof(v))) {
		hy_pr_ptr(p, r->args[0]);
		return;
	}
	for (int i = 0; i < 6; i++)
		a[i] = v[i];
	print_mmap(p, a, a[5]);
}

/* The new address is an argument only when the mapping may move to a fixed place. */
void hy_dec_mremap(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t flags = hy_uarg(r, 3);

	hy_pr_ptr(p, hy_uarg(r, 0));
	hy_pr_printf(p, ", %" PRIu64 ", %" PRIu64 ", ", hy_uarg(r, 1), hy_uarg(r, 2));
	hy_pr_flags(p, HY_X_MREMAP_FLAGS, flags, NULL);
	if ((flags & (MREMAP_MAYMOVE | MREMAP_FIXED)) == (MREMAP_MAYMOVE | MREMAP_FIXED)) {
		hy_pr_sep(p);
		hy_pr_ptr(p, hy_uarg(r, 4));
	}
}

/* remap_file_pages(addr, size, prot, pgoff, flags): the flags as mmap's, MAP_FILE for type 0. */
void hy_dec_remap_file_pages(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_ptr(p, hy_uarg(r, 0));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 1));
	hy_pr_flags(p, HY_X_MMAP_PROT, hy_uarg(r, 2), NULL);
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 3));
	print_mmap_flags(p, hy_uarg(r, 4));
}

/*
 * mincore(addr, length, vec): at exit, one residency bit a page ("[1, 0]"), at
 * most -s of them (and the first 64: HY_S_MINCORE_VEC); the vector as its
 * address when the call failed or its pages could not all be read.
 */
void hy_dec_mincore(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t len = hy_uarg(r, 1), vec = hy_uarg(r, 2);
	uint64_t pages = len / 4096 + (len % 4096 ? 1 : 0);
	uint64_t show = pages < p->strsize ? pages : p->strsize;
	uint8_t v[64];

	hy_pr_ptr(p, hy_uarg(r, 0));
	hy_pr_printf(p, ", %" PRIu64 ", ", len);
	if (show > sizeof(v))
		show = sizeof(v);
	if (!hy_exit_ok(r) || !vec || !hy_read(r, HY_PHASE_EXIT, vec, v, pages < 64 ? pages : 64)) {
		hy_pr_ptr(p, vec);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t i = 0; i < show; i++)
		hy_pr_puts(p, i ? (v[i] & 1 ? ", 1" : ", 0") : (v[i] & 1 ? "1" : "0"));
	hy_pr_puts(p, pages > show ? ", ...]" : "]");
}
