// SPDX-License-Identifier: MIT
/*
 * execve and execveat: argv and envp.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdint.h>

#include "decode/args.h"
#include "decode/decode_exec.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* ---- argv and envp ---- */

/* Pointers of the array at @addr until NULL; -1 when its end was not captured. */
static int count_ptrs(const struct hy_record *r, uint64_t addr, int max)
{
	unsigned int ws = hy_ptr_size(r);
	uint64_t ptr;

	for (int n = 0; n < max; n++) {
		if (!hy_read_word(r, HY_PHASE_ENTER, addr + (uint64_t)n * ws, &ptr))
			return -1;
		if (!ptr)
			return n;
	}
	return -1;
}

void hy_pr_argv_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	unsigned int ws = hy_ptr_size(r);
	uint64_t ptr;

	if (!addr || !hy_read_word(r, HY_PHASE_ENTER, addr, &ptr)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	/* strace shows at most -s elements, as it shows at most -s bytes of a string,
	 * unless -v */
	for (unsigned int n = 0; ptr; n++) {
		if (n)
			hy_pr_puts(p, ", ");
		if (n >= p->strsize && !p->verbose) {
			hy_pr_puts(p, "...");
			break;
		}
		hy_pr_str_arg(p, r, ptr, p->strsize);
		if (!hy_read_word(r, HY_PHASE_ENTER, addr + (uint64_t)(n + 1) * ws, &ptr)) {
			hy_pr_puts(p, ", ...");
			break;
		}
	}
	hy_pr_putc(p, ']');
}

/* The environment is summarised: "0x7ffd... / * 37 vars * /"; with -v, printed as argv. */
static void print_envp(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	uint64_t first;
	int n;

	if (p->verbose) {
		hy_pr_argv_at(p, r, addr);
		return;
	}
	n = addr ? count_ptrs(r, addr, 4096) : -1;
	/* pointers read, their NULL past them: the new program's count (merge.c) */
	if (n < 0 && addr && hy_read_word(r, HY_PHASE_ENTER, addr, &first))
		n = (int)hy_rec_count(r, HY_PHASE_ENTER, addr);

	hy_pr_ptr(p, addr);
	if (n >= 0)
		hy_pr_printf(p, " /* %d var%s */", n, n == 1 ? "" : "s");
}

void hy_dec_execve(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_path(p, r, hy_uarg(r, 0));
	hy_pr_sep(p);
	hy_pr_argv_at(p, r, hy_uarg(r, 1));
	hy_pr_sep(p);
	print_envp(p, r, hy_uarg(r, 2));
}

void hy_dec_execveat(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_dirfd(p, (int)r->args[0]);
	hy_pr_sep(p);
	hy_pr_path(p, r, hy_uarg(r, 1));
	hy_pr_sep(p);
	hy_pr_argv_at(p, r, hy_uarg(r, 2));
	hy_pr_sep(p);
	print_envp(p, r, hy_uarg(r, 3));
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_AT_FLAGS, (uint32_t)r->args[4], NULL);
}
