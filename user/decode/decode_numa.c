// SPDX-License-Identifier: MIT
/*
 * NUMA memory policies: set_mempolicy, get_mempolicy, mbind, migrate_pages.
 * Node masks print as strace 6.1's arrays of words ("[0x00000000000001]"),
 * from the first 256 bytes the capture takes (HY_S_NODEMASK: -s 32 words).
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <linux/mempolicy.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/*
 * A policy: its mode, then the mode flags above it ("MPOL_BIND|MPOL_F_STATIC_NODES");
 * with an unknown mode and flags, the flags and the rest in hex, as strace. The
 * whole register, as strace prints it.
 */
static void print_mode(struct hy_printer *p, uint64_t v)
{
	uint64_t flags = v & MPOL_MODE_FLAGS, mode = v & ~(uint64_t)MPOL_MODE_FLAGS;
	const char *name = hy_xlat_name(HY_X_MPOL_MODE, mode);
	int token;

	if (!flags) {
		hy_pr_enum(p, HY_X_MPOL_MODE, (int64_t)mode);
		return;
	}
	/* -X: the whole register as one number, the names in its comment */
	if (!(token = hy_pr_const_open(p, v, HY_NUM_HEX)))
		return;
	if (!name) {
		hy_pr_flags(p, HY_X_MPOL_MODE_FLAGS, v, NULL);
	} else {
		hy_pr_puts(p, name);
		hy_pr_putc(p, '|');
		hy_pr_flags(p, HY_X_MPOL_MODE_FLAGS, flags, NULL);
	}
	hy_pr_const_close(p, token);
}

/*
 * A node mask of @maxnode bits at @addr: as many words as the kernel reads
 * (it drops the last bit: (maxnode - 1) rounded up to words), each as
 * strace's "%#0*lx" with two digits a byte; at most -s words without -v; a
 * word that cannot be read ends the list as "... / * addr * /", or is the
 * address if it is the first. A count that overflows or rounds to none
 * (maxnode 1) prints the address, as strace does.
 */
static void print_nodemask(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr, uint64_t maxnode)
{
	unsigned int word = hy_ptr_size(r), bits = 8 * word;
	uint64_t n = (maxnode + bits - 2) / bits;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (n < maxnode / bits || (maxnode && !n)) {
		hy_pr_ptr(p, addr);
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint64_t v = 0;

		if (i && !p->verbose && i == p->strsize) {
			hy_pr_puts(p, ", ...");
			break;
		}
		if (hy_rec_read(r, phase, addr + i * word, &v, word) != (ssize_t)word) {
			if (!i) { /* the first word unreadable: the address alone */
				hy_pr_ptr(p, addr);
				return;
			}
			hy_pr_printf(p, ", ... /* %#" PRIx64 " */", addr + i * word);
			break;
		}
		hy_pr_puts(p, i ? ", " : "[");
		hy_pr_printf(p, "%#0*" PRIx64, (int)word * 2, v);
	}
	hy_pr_puts(p, n ? "]" : "[]");
}

/* set_mempolicy(mode, nodemask, maxnode) */
void hy_dec_set_mempolicy(struct hy_printer *p, const struct hy_record *r)
{
	print_mode(p, hy_uarg(r, 0));
	hy_pr_sep(p);
	print_nodemask(p, r, HY_PHASE_ENTER, hy_uarg(r, 1), hy_uarg(r, 2));
	hy_pr_printf(p, ", %" PRIu64, hy_uarg(r, 2));
}

/* mbind(addr, len, mode, nodemask, maxnode, flags) */
void hy_dec_mbind(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_ptr(p, hy_uarg(r, 0));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 1));
	print_mode(p, hy_uarg(r, 2));
	hy_pr_sep(p);
	print_nodemask(p, r, HY_PHASE_ENTER, hy_uarg(r, 3), hy_uarg(r, 4));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 4));
	hy_pr_flags(p, HY_X_MPOL_MF, (uint32_t)r->args[5], NULL);
}

/* get_mempolicy(policy, nodemask, maxnode, addr, flags): the policy at exit ("[MPOL_BIND]") */
void hy_dec_get_mempolicy(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t pol = hy_uarg(r, 0);
	int32_t mode;

	if (pol && hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, pol, &mode, sizeof(mode))) {
		hy_pr_putc(p, '[');
		print_mode(p, (uint32_t)mode);
		hy_pr_putc(p, ']');
	} else {
		hy_pr_ptr(p, pol);
	}
	hy_pr_sep(p);
	/* written at exit; not captured when the call failed (strace reads it anyway) */
	print_nodemask(p, r, HY_PHASE_EXIT, hy_uarg(r, 1), hy_uarg(r, 2));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 2));
	hy_pr_ptr(p, hy_uarg(r, 3));
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_MPOL_FLAGS, hy_uarg(r, 4), NULL);
}

/* migrate_pages(pid, maxnode, old_nodes, new_nodes) */
void hy_dec_migrate_pages(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "%d, %" PRIu64 ", ", (int)r->args[0], hy_uarg(r, 1));
	print_nodemask(p, r, HY_PHASE_ENTER, hy_uarg(r, 2), hy_uarg(r, 1));
	hy_pr_sep(p);
	print_nodemask(p, r, HY_PHASE_ENTER, hy_uarg(r, 3), hy_uarg(r, 1));
}
