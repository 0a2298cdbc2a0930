// SPDX-License-Identifier: MIT
/* futex: which of its six arguments exist, and what they mean, depends on the operation. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <linux/futex.h>

#include "decode/args.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/format.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME" */
static void print_op(struct hy_printer *p, uint32_t op)
{
	uint32_t base = op & ~(uint32_t)FUTEX_CLOCK_REALTIME;
	const char *name = hy_xlat_name(HY_X_FUTEX_OP, base & ~(uint32_t)FUTEX_PRIVATE_FLAG);
	int tok = hy_pr_const_open(p, op, HY_NUM_HEX); /* -X raw: 0x80 */

	if (!tok)
		return;
	if (name)
		hy_pr_printf(p, "%s%s", name, base & FUTEX_PRIVATE_FLAG ? "_PRIVATE" : "");
	else
		hy_pr_enum(p, HY_X_FUTEX_OP, base);
	if (op & FUTEX_CLOCK_REALTIME)
		hy_pr_puts(p, "|FUTEX_CLOCK_REALTIME");
	hy_pr_const_close(p, tok);
}

/*
 * FUTEX_WAKE_OP's encoded operation: "FUTEX_OP_SET<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0";
 * -X verbose: "0 / * FUTEX_OP_SET * /<<28|..."; -X raw as strace 6.1 writes it, the
 * operation and comparison as unknown ones: "0<<28 / * FUTEX_OP_??? * /|..."
 */
static void print_wake_op(struct hy_printer *p, uint32_t v)
{
	bool raw = p->xstyle == HY_XSTYLE_RAW;
	const char *name;

	if ((v >> 28) & 8) {
		hy_pr_const(p, "FUTEX_OP_OPARG_SHIFT", 8, HY_NUM_HEX);
		hy_pr_puts(p, "<<28|");
	}
	/* an unknown operation or comparison: its comment follows the shift, as strace prints it */
	if (raw || !hy_xlat_name(HY_X_FUTEX_WAKE_OP, (v >> 28) & 7)) {
		hy_pr_num(p, (v >> 28) & 7, HY_NUM_HEX);
		hy_pr_puts(p, "<<28 /* FUTEX_OP_??? */");
	} else {
		hy_pr_enum(p, HY_X_FUTEX_WAKE_OP, (v >> 28) & 7);
		hy_pr_puts(p, "<<28");
	}
	hy_pr_printf(p, "|%#x<<12|", (v >> 12) & 0xfff);
	name = raw ? NULL : hy_xlat_name(HY_X_FUTEX_WAKE_CMP, (v >> 24) & 0xf);
	if (name) {
		hy_pr_const(p, name, (v >> 24) & 0xf, HY_NUM_HEX);
		hy_pr_printf(p, "<<24|%#x", v & 0xfff);
	} else
		hy_pr_printf(p, "%#x<<24 /* FUTEX_OP_CMP_??? */|%#x", (v >> 24) & 0xf, v & 0xfff);
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
void hy_dec_futex(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t op = r->args[1], val = r->args[2], val3 = r->args[5];
	uint64_t timeout = hy_uarg(r, 3), uaddr2 = hy_uarg(r, 4);
	uint32_t cmd = op & FUTEX_CMD_MASK;

	hy_pr_ptr(p, hy_uarg(r, 0));
	hy_pr_sep(p);
	print_op(p, op);
	switch (cmd) {
	case FUTEX_WAIT:
		hy_pr_printf(p, ", %u, ", val);
		hy_pr_timespec_at(p, r, HY_PHASE_ENTER, timeout);
		break;
	case FUTEX_LOCK_PI:
	case 13: /* FUTEX_LOCK_PI2 */
		hy_pr_sep(p);
		hy_pr_timespec_at(p, r, HY_PHASE_ENTER, timeout);
		break;
	case FUTEX_WAIT_BITSET:
		hy_pr_printf(p, ", %u, ", val);
		hy_pr_timespec_at(p, r, HY_PHASE_ENTER, timeout);
		hy_pr_sep(p);
		hy_pr_const(p, val3 == FUTEX_BITSET_MATCH_ANY ? "FUTEX_BITSET_MATCH_ANY" : NULL,
			    val3, HY_NUM_HEX);
		break;
	case FUTEX_WAKE_BITSET:
		hy_pr_printf(p, ", %u, ", val);
		hy_pr_const(p, val3 == FUTEX_BITSET_MATCH_ANY ? "FUTEX_BITSET_MATCH_ANY" : NULL,
			    val3, HY_NUM_HEX);
		break;
	case FUTEX_REQUEUE:
		hy_pr_printf(p, ", %u, %u, ", val, (uint32_t)timeout);
		hy_pr_ptr(p, uaddr2);
		break;
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
		hy_pr_printf(p, ", %u, %u, ", val, (uint32_t)timeout);
		hy_pr_ptr(p, uaddr2);
		hy_pr_printf(p, ", %u", val3);
		break;
	case FUTEX_WAKE_OP:
		hy_pr_printf(p, ", %u, %u, ", val, (uint32_t)timeout);
		hy_pr_ptr(p, uaddr2);
		hy_pr_sep(p);
		print_wake_op(p, val3);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		hy_pr_printf(p, ", %u, ", val);
		hy_pr_timespec_at(p, r, HY_PHASE_ENTER, timeout);
		hy_pr_sep(p);
		hy_pr_ptr(p, uaddr2);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	case FUTEX_WAKE:
	case FUTEX_FD:
		hy_pr_printf(p, ", %u", val);
		break;
	default:
		hy_pr_printf(p, ", %u, ", val);
		hy_pr_ptr(p, timeout);
		hy_pr_sep(p);
		hy_pr_ptr(p, uaddr2);
		hy_pr_printf(p, ", %#x", val3);
		break;
	}
}

/* Entries of futex_waitv's array strace prints: -s of them, as for any array. */
#define WAITV_MAX 32

/* futex_waitv(waiters, nr_futexes, flags, timeout, clockid) */
void hy_dec_futex_waitv(struct hy_printer *p, const struct hy_record *r)
{
	struct {
		uint64_t val, uaddr;
		uint32_t flags, reserved;
	} w;
	uint64_t addr = hy_uarg(r, 0);
	uint32_t n = r->args[1];

	if (!addr) {
		hy_pr_puts(p, "NULL");
	} else if (n && !hy_read(r, HY_PHASE_ENTER, addr, &w, sizeof(w))) {
		hy_pr_ptr(p, addr);
	} else {
		hy_pr_putc(p, '[');
		for (uint32_t i = 0; i < n; i++) {
			uint64_t at = addr + (uint64_t)i * sizeof(w);

			if (i)
				hy_pr_sep(p);
			if (i >= p->strsize || i >= WAITV_MAX) {
				hy_pr_puts(p, "...");
				break;
			}
			/* where reading stopped, as strace shows it */
			if (!hy_read(r, HY_PHASE_ENTER, at, &w, sizeof(w))) {
				hy_pr_puts(p, "... /* ");
				hy_pr_hex(p, at);
				hy_pr_puts(p, " */");
				break;
			}
			hy_pr_printf(p, "{val=%#" PRIx64 ", uaddr=", w.val);
			hy_pr_ptr(p, w.uaddr);
			hy_pr_puts(p, ", flags=");
			hy_pr_flags(p, HY_X_FUTEX_WAITV_FLAGS, w.flags, NULL);
			if (w.reserved)
				hy_pr_printf(p, ", __reserved=%#x", w.reserved);
			hy_pr_putc(p, '}');
		}
		hy_pr_putc(p, ']');
	}
	hy_pr_printf(p, ", %u, ", n);
	hy_pr_arg(p, r, 2);
	hy_pr_sep(p);
	hy_pr_arg(p, r, 3);
	hy_pr_sep(p);
	hy_pr_arg(p, r, 4);
}
