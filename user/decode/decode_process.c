// SPDX-License-Identifier: MIT
/*
 * Processes: kcmp, personality, I/O priorities and membarrier.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <linux/kcmp.h>
#include <linux/kexec.h>
#include <linux/membarrier.h>
#include <linux/reboot.h>
#include <sys/personality.h>

#include "decode/args.h"
#include "decode/decode_process.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/*
 * kcmp(pid1, pid2, type, idx1, idx2): fds for KCMP_FILE, an fd and a struct
 * kcmp_epoll_slot for KCMP_EPOLL_TFD, nothing for the other known types, and
 * both in hex for an unknown one.
 */
void hy_dec_kcmp(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t type = r->args[2];
	uint64_t idx2 = hy_uarg(r, 4);
	uint32_t slot[3];

	for (int i = 0; i < 2; i++) {
		hy_pr_i64(p, (int)r->args[i]);
		hy_pr_pid_note(p, r, (int)r->args[i]);
		hy_pr_sep(p);
	}
	hy_pr_enum(p, HY_X_KCMP_TYPE, type);
	switch (type) {
	case KCMP_FILE:
		hy_pr_printf(p, ", %d, %d", (int)r->args[3], (int)idx2);
		break;
	case KCMP_EPOLL_TFD:
		hy_pr_printf(p, ", %d, ", (int)r->args[3]);
		if (idx2 && hy_read(r, HY_PHASE_ENTER, idx2, slot, sizeof(slot)))
			hy_pr_printf(p, "{efd=%d, tfd=%d, toff=%u}", (int)slot[0], (int)slot[1],
				     slot[2]);
		else
			hy_pr_ptr(p, idx2);
		break;
	case KCMP_VM:
	case KCMP_FILES:
	case KCMP_FS:
	case KCMP_SIGHAND:
	case KCMP_IO:
	case KCMP_SYSVSEM:
		break;
	default:
		hy_pr_printf(p, ", %#" PRIx64 ", %#" PRIx64, hy_uarg(r, 3), idx2);
		break;
	}
}

void hy_pr_personality(struct hy_printer *p, uint32_t v)
{
	bool any = true;
	int tok = hy_pr_const_open(p, v, HY_NUM_HEX);

	if (!tok)
		return;
	hy_pr_enum(p, HY_X_PERSONA, v & PER_MASK);
	v = hy_pr_bits(p, HY_X_PERSONA_FLAGS, v & ~(uint32_t)PER_MASK, &any);
	if (v)
		hy_pr_printf(p, "|%#x", v);
	hy_pr_const_close(p, tok);
}

/* personality(persona): 0xffffffff asks for the current one and prints as a number */
void hy_dec_personality(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t v = r->args[0];

	if (v == 0xffffffff)
		hy_pr_hex(p, v);
	else
		hy_pr_personality(p, v);
}

/* "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)": the class in the bits above 13 */
void hy_pr_ioprio(struct hy_printer *p, uint32_t v)
{
	hy_pr_puts(p, "IOPRIO_PRIO_VALUE(");
	hy_pr_enum(p, HY_X_IOPRIO_CLASS, v >> 13);
	hy_pr_printf(p, ", %u)", v & 0x1fff);
}

/* ioprio_get(which, who) and ioprio_set(which, who, ioprio) */
void hy_dec_ioprio(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_enum(p, HY_X_IOPRIO_WHO, (uint32_t)r->args[0]);
	hy_pr_printf(p, ", %d", (int)r->args[1]);
	if (r->ent && r->ent->nargs > 2) {
		uint32_t v = r->args[2];

		hy_pr_sep(p);
		/* -X raw: the number; verbose: the form in a comment, its class verbose too */
		if (p->xstyle != HY_XSTYLE_ABBREV)
			hy_pr_printf(p, "%u", v);
		if (p->xstyle == HY_XSTYLE_VERBOSE)
			hy_pr_puts(p, " /* ");
		if (p->xstyle != HY_XSTYLE_RAW)
			hy_pr_ioprio(p, v);
		if (p->xstyle == HY_XSTYLE_VERBOSE)
			hy_pr_puts(p, " */");
	}
}

/* membarrier(cmd, flags, cpu_id): the cpu only with MEMBARRIER_CMD_FLAG_CPU */
void hy_dec_membarrier(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[1];

	hy_pr_enum(p, HY_X_MEMBARRIER_CMD, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_MEMBARRIER_FLAGS, flags, NULL);
	if (flags & MEMBARRIER_CMD_FLAG_CPU)
		hy_pr_printf(p, ", %d", (int)r->args[2]);
}

/*
 * kexec_load(entry, nr_segments, segments, flags): the flags' upper 16 bits
 * are an architecture, a value, printed before the flags below them (as
 * strace: "KEXEC_ARCH_X86_64|KEXEC_ON_CRASH").
 */
void hy_dec_kexec_load(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t flags = r->args[3], low = flags & ~(uint64_t)KEXEC_ARCH_MASK;
	int tok;

	hy_pr_ptr(p, r->args[0]);
	hy_pr_printf(p, ", %" PRIu64 ", ", r->args[1]);
	hy_pr_ptr(p, r->args[2]);
	hy_pr_sep(p);
	tok = hy_pr_const_open(p, flags, HY_NUM_HEX);
	if (!tok)
		return;
	hy_pr_enum(p, HY_X_KEXEC_ARCH, flags & KEXEC_ARCH_MASK);
	if (low) {
		hy_pr_putc(p, '|');
		hy_pr_flags(p, HY_X_KEXEC_FLAGS, low, NULL);
	}
	hy_pr_const_close(p, tok);
}

/*
 * reboot(magic1, magic2, cmd, arg): the kernel's magics and command are
 * unsigned ints (LINUX_REBOOT_MAGIC1 is 0xfee1dead, not a negative int); the
 * argument only for LINUX_REBOOT_CMD_RESTART2, a command string.
 */
void hy_dec_reboot(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = (uint32_t)r->args[2];

	hy_pr_enum(p, HY_X_REBOOT_MAGIC, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	hy_pr_enum(p, HY_X_REBOOT_MAGIC, (uint32_t)r->args[1]);
	hy_pr_sep(p);
	hy_pr_enum(p, HY_X_REBOOT_CMD, cmd);
	if (cmd == LINUX_REBOOT_CMD_RESTART2) {
		hy_pr_sep(p);
		hy_pr_str_arg(p, r, r->args[3], p->strsize);
	}
}
