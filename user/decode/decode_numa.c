// SPDX-License-Identifier: MIT
/*
 * NUMA memory policies: set_mempolicy, get_mempolicy, mbind. Node masks print
 * as their address (strace's bitmap form is not reproduced: HACKING.md).
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

	if (!flags) {
		hy_pr_enum(p, HY_X_MPOL_MODE, (int64_t)mode);
	} else if (!name) {
		hy_pr_flags(p, HY_X_MPOL_MODE_FLAGS, v, NULL);
	} else {
		hy_pr_puts(p, name);
		hy_pr_putc(p, '|');
		hy_pr_flags(p, HY_X_MPOL_MODE_FLAGS, flags, NULL);
	}
}

/* set_mempolicy(mode, nodemask, maxnode) */
void hy_dec_set_mempolicy(struct hy_printer *p, const struct hy_record *r)
{
	print_mode(p, hy_uarg(r, 0));
	hy_pr_sep(p);
	hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_printf(p, ", %" PRIu64, hy_uarg(r, 2));
}

/* mbind(addr, len, mode, nodemask, maxnode, flags) */
void hy_dec_mbind(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_ptr(p, hy_uarg(r, 0));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 1));
	print_mode(p, hy_uarg(r, 2));
	hy_pr_sep(p);
	hy_pr_ptr(p, hy_uarg(r, 3));
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
	hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 2));
	hy_pr_ptr(p, hy_uarg(r, 3));
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_MPOL_FLAGS, hy_uarg(r, 4), NULL);
}
