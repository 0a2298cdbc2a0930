// SPDX-License-Identifier: MIT
/*
 * wait4's status and options, and struct rusage.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <signal.h>
#include <sys/wait.h>

#include "decode/args.h"
#include "decode/decode_wait.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* ---- wait ---- */

static void print_wait_status(struct hy_printer *p, int status)
{
	char sig[32];

	hy_pr_putc(p, '[');
	if (WIFSTOPPED(status)) {
		int s = WSTOPSIG(status);

		hy_pr_printf(p, "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
			     hy_signal_name_r(s & 0x7f, sig, sizeof(sig)),
			     s & 0x80 ? " | 0x80" : "");
		status &= ~((s << 8) | 0x7f);
	} else if (WIFSIGNALED(status)) {
		hy_pr_printf(p, "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}",
			     hy_signal_name_r(WTERMSIG(status), sig, sizeof(sig)),
			     WCOREDUMP(status) ? " && WCOREDUMP(s)" : "");
		status &= ~(WTERMSIG(status) | 0x80);
	} else if (WIFEXITED(status)) {
		hy_pr_printf(p, "{WIFEXITED(s) && WEXITSTATUS(s) == %d}", WEXITSTATUS(status));
		status &= ~(WEXITSTATUS(status) << 8);
	} else if (WIFCONTINUED(status)) {
		hy_pr_puts(p, "{WIFCONTINUED(s)}");
		status &= ~0xffff;
	} else {
		hy_pr_printf(p, "%#x]", status);
		return;
	}
	/* ptrace event stops carry the event above the stop signal */
	if ((unsigned int)status >> 16)
		hy_pr_printf(p, " | %#x << 16", (unsigned int)status >> 16);
	if (status & 0xffff)
		hy_pr_printf(p, " | %#x", status & 0xffff);
	hy_pr_putc(p, ']');
}

/* wait4(pid, status, options, rusage) and i386's waitpid(pid, status, options). */
void hy_dec_wait4(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t st = hy_uarg(r, 1);
	int32_t status;

	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	/* with WNOHANG and nothing to report the status is untouched */
	if (hy_exit_ok(r) && r->ret > 0 && hy_read(r, HY_PHASE_EXIT, st, &status, 4))
		print_wait_status(p, status);
	else
		hy_pr_ptr(p, st);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_WAIT_OPTIONS, (uint32_t)r->args[2], NULL);
	if (r->ent && r->ent->nargs < 4)
		return;
	hy_pr_sep(p);
	/* the kernel writes the rusage only when it reports a child */
	if (hy_exit_ok(r) && r->ret > 0)
		hy_pr_rusage_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 3));
	else
		hy_pr_ptr(p, hy_uarg(r, 3));
}

void hy_pr_rusage_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr)
{
	int64_t t[4];

	/* two struct timevals of the ABI's longs, then fourteen longs strace abbreviates */
	if (hy_ptr_size(r) == 4) {
		int32_t t32[4];

		if (!hy_read(r, phase, addr, t32, sizeof(t32))) {
			hy_pr_ptr(p, addr);
			return;
		}
		for (int i = 0; i < 4; i++)
			t[i] = t32[i];
	} else if (!hy_read(r, phase, addr, t, sizeof(t))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{ru_utime={tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", t[0], t[1]);
	hy_pr_printf(p, ", ru_stime={tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}, ...}", t[2], t[3]);
}
