// SPDX-License-Identifier: MIT
/*
 * prctl and arch_prctl (options, arguments, named results), i386's thread areas.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <string.h>
#include <sys/prctl.h>
#include <asm/prctl.h>
#include <linux/capability.h>

#include "decode/args.h"
#include "decode/decode_prctl.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* ---- prctl ---- */

static void print_hex_args(struct hy_printer *p, const struct hy_record *r, int from)
{
	for (int i = from; i < 5; i++)
		hy_pr_printf(p, ", %#" PRIx64, hy_uarg(r, i));
}

/* A string of at most @max bytes (prctl's task names: 15 and a NUL). */
static void print_short_str(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr, size_t max)
{
	char buf[32];
	ssize_t n = max + 1 <= sizeof(buf) ? hy_rec_read(r, phase, addr, buf, max + 1) : -1;
	char *nul = n > 0 ? memchr(buf, 0, n) : NULL;

	/* the max + 1 bytes the kernel reads (TASK_COMM_LEN): strace shows max of them */
	if (nul)
		hy_pr_quoted(p, buf, nul - buf, false);
	else if (phase == HY_PHASE_ENTER && n == (ssize_t)max + 1)
		hy_pr_quoted(p, buf, max, true);
	else
		hy_pr_ptr(p, addr);
}

void hy_dec_prctl(struct hy_printer *p, const struct hy_record *r)
{
	unsigned int option = r->args[0];
	uint64_t arg2 = hy_uarg(r, 1);

	hy_pr_enum(p, HY_X_PRCTL_OPTION, option);
	switch (option) {
	case PR_GET_KEEPCAPS:
	case PR_GET_SECCOMP:
	case PR_GET_TIMERSLACK:
	case PR_GET_TIMING:
	case PR_GET_DUMPABLE:
	case PR_GET_SECUREBITS:
	case PR_GET_FP_MODE:
	case PR_TASK_PERF_EVENTS_DISABLE:
	case PR_TASK_PERF_EVENTS_ENABLE:
		return;
	case PR_GET_CHILD_SUBREAPER:
	case PR_GET_ENDIAN:
	case PR_GET_FPEMU:
	case PR_GET_FPEXC:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_int_at(p, r, HY_PHASE_EXIT, arg2);
		else
			hy_pr_ptr(p, arg2);
		return;
	case PR_GET_NAME:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			print_short_str(p, r, HY_PHASE_EXIT, arg2, 15);
		else
			hy_pr_ptr(p, arg2);
		return;
	case PR_GET_PDEATHSIG: {
		int32_t sig;

		hy_pr_sep(p);
		if (hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, arg2, &sig, 4)) {
			hy_pr_putc(p, '[');
			hy_pr_signal(p, sig);
			hy_pr_putc(p, ']');
		} else {
			hy_pr_ptr(p, arg2);
		}
		return;
	}
	case PR_GET_TID_ADDRESS:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_addr_at(p, r, HY_PHASE_EXIT, arg2);
		else
			hy_pr_ptr(p, arg2);
		return;
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_ENDIAN:
	case PR_SET_FPEMU:
	case PR_SET_FPEXC:
	case PR_SET_KEEPCAPS:
	case PR_SET_TIMING:
		hy_pr_printf(p, ", %" PRIu64, arg2);
		return;
	case PR_SET_DUMPABLE:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_DUMPABLE, arg2);
		return;
	case PR_CAPBSET_DROP:
	case PR_CAPBSET_READ:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_CAP, arg2);
		return;
	case PR_CAP_AMBIENT:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_CAP_AMBIENT, arg2);
		if (arg2 == PR_CAP_AMBIENT_RAISE || arg2 == PR_CAP_AMBIENT_LOWER ||
		    arg2 == PR_CAP_AMBIENT_IS_SET) {
			hy_pr_sep(p);
			hy_pr_enum(p, HY_X_CAP, hy_uarg(r, 2));
			print_hex_args(p, r, 3);
		} else {
			print_hex_args(p, r, 2);
		}
		return;
	case PR_MCE_KILL:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_MCE_KILL, arg2);
		print_hex_args(p, r, 2);
		return;
	case PR_SET_NAME:
		hy_pr_sep(p);
		print_short_str(p, r, HY_PHASE_ENTER, arg2, 15);
		return;
	case PR_SET_VMA:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_SET_VMA, arg2);
		if (arg2 == PR_SET_VMA_ANON_NAME) {
			hy_pr_sep(p);
			hy_pr_ptr(p, hy_uarg(r, 2));
			hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 3));
			hy_pr_str_arg(p, r, hy_uarg(r, 4), p->strsize);
		} else {
			print_hex_args(p, r, 2);
		}
		return;
	case PR_SET_SYSCALL_USER_DISPATCH:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_SYS_DISPATCH, arg2);
		hy_pr_printf(p, ", %#" PRIx64 ", %#" PRIx64 ", ", hy_uarg(r, 2), hy_uarg(r, 3));
		hy_pr_ptr(p, hy_uarg(r, 4));
		return;
	case PR_SET_PDEATHSIG:
		hy_pr_sep(p);
		if (arg2 > 128)
			hy_pr_printf(p, "%" PRIu64, arg2);
		else
			hy_pr_signal(p, (int)arg2);
		return;
	case PR_SET_PTRACER:
		if ((int)arg2 == -1)
			hy_pr_puts(p, ", PR_SET_PTRACER_ANY");
		else
			hy_pr_printf(p, ", %d", (int)arg2);
		return;
	case PR_SET_TIMERSLACK:
		hy_pr_printf(p, ", %" PRId64, hy_sarg(r, 1));
		return;
	case PR_SET_NO_NEW_PRIVS:
	case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		hy_pr_printf(p, ", %" PRIu64, arg2);
		print_hex_args(p, r, 2);
		return;
	default:
		print_hex_args(p, r, 1);
		return;
	}
}

bool hy_pr_prctl_result(struct hy_printer *p, const struct hy_record *r)
{
	const char *name;

	if ((unsigned int)r->args[0] != PR_GET_DUMPABLE)
		return false;
	name = hy_xlat_name(HY_X_DUMPABLE, r->ret);
	if (name)
		hy_pr_printf(p, " (%s)", name);
	return name != NULL;
}

/* arch_prctl(option, addr): the ARCH_GET_* options write through addr. */
void hy_dec_arch_prctl(struct hy_printer *p, const struct hy_record *r)
{
	unsigned int option = r->args[0];
	uint64_t addr = hy_uarg(r, 1);

	hy_pr_enum(p, HY_X_ARCH_PRCTL, option);
	switch (option) {
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_addr_at(p, r, HY_PHASE_EXIT, addr);
		else
			hy_pr_ptr(p, addr);
		return;
	case ARCH_GET_CPUID:
		return;
	default:
		hy_pr_printf(p, ", %#" PRIx64, addr);
		return;
	}
}

/* ---- thread-local storage (i386) ---- */

/* struct user_desc: entry_number, base_addr, limit, then seven bit fields. */
static void print_user_desc(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr)
{
	uint32_t d[4];

	if (!hy_read(r, phase, addr, d, sizeof(d))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{entry_number=%d, base_addr=%#x, limit=%#08x", (int32_t)d[0], d[1], d[2]);
	hy_pr_printf(p, ", seg_32bit=%u, contents=%u, read_exec_only=%u, limit_in_pages=%u",
		     d[3] & 1, (d[3] >> 1) & 3, (d[3] >> 3) & 1, (d[3] >> 4) & 1);
	hy_pr_printf(p, ", seg_not_present=%u, useable=%u}", (d[3] >> 5) & 1, (d[3] >> 6) & 1);
}

/* set_thread_area reads the struct; get_thread_area fills it in. */
void hy_dec_thread_area(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t addr = hy_uarg(r, 0);

	if (r->ent && !strcmp(r->ent->name, "set_thread_area"))
		print_user_desc(p, r, HY_PHASE_ENTER, addr);
	else if (hy_exit_ok(r))
		print_user_desc(p, r, HY_PHASE_EXIT, addr);
	else
		hy_pr_ptr(p, addr);
}

bool hy_pr_thread_area_result(struct hy_printer *p, const struct hy_record *r)
{
	int32_t in, out;
	uint64_t addr = hy_uarg(r, 0);

	/* entry_number -1 asks the kernel to choose one; strace shows which */
	if (!r->ent || strcmp(r->ent->name, "set_thread_area") ||
	    !hy_read(r, HY_PHASE_ENTER, addr, &in, 4) || in != -1 ||
	    !hy_read(r, HY_PHASE_EXIT, addr, &out, 4))
		return false;
	hy_pr_printf(p, " (entry_number=%d)", out);
	return true;
}
