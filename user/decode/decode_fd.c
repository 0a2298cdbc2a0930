// SPDX-License-Identifier: MIT
/* fcntl: what its third argument is depends on the command. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* The i386 fcntl64 numbers of the 64-bit lock commands (x86-64's F_GETLK is 5). */
#define HY_F_GETLK64_32 12
#define HY_F_SETLK64_32 13
#define HY_F_SETLKW64_32 14

/*
 * struct flock: l_type, l_whence (shorts), l_start, l_len, l_pid. x86-64's has
 * 64-bit offsets aligned to 8; i386's flock has 32-bit ones, its flock64 64-bit
 * ones packed after the shorts.
 */
static void print_flock(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr, bool wide, bool getlk)
{
	uint8_t raw[32];
	int16_t type, whence;
	int64_t start, len;
	int32_t pid, v32;
	size_t size = !hy_compat32(r) ? 32 : wide ? 24 : 16;

	if (!hy_read(r, phase, addr, raw, size)) {
		hy_pr_ptr(p, addr);
		return;
	}
	memcpy(&type, raw, 2);
	memcpy(&whence, raw + 2, 2);
	if (!hy_compat32(r)) {
		memcpy(&start, raw + 8, 8);
		memcpy(&len, raw + 16, 8);
		memcpy(&pid, raw + 24, 4);
	} else if (wide) {
		memcpy(&start, raw + 4, 8);
		memcpy(&len, raw + 12, 8);
		memcpy(&pid, raw + 20, 4);
	} else {
		memcpy(&v32, raw + 4, 4);
		start = v32;
		memcpy(&v32, raw + 8, 4);
		len = v32;
		memcpy(&pid, raw + 12, 4);
	}
	hy_pr_puts(p, "{l_type=");
	hy_pr_enum(p, HY_X_LOCK_TYPE, (uint16_t)type);
	hy_pr_puts(p, ", l_whence=");
	hy_pr_enum(p, HY_X_SEEK_WHENCE, (uint16_t)whence);
	hy_pr_printf(p, ", l_start=%" PRId64 ", l_len=%" PRId64, start, len);
	if (getlk)
		hy_pr_printf(p, ", l_pid=%d", pid);
	hy_pr_putc(p, '}');
}

static void print_owner_ex(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr)
{
	int32_t owner[2];

	if (!hy_read(r, phase, addr, owner, sizeof(owner))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{type=");
	hy_pr_enum(p, HY_X_F_OWNER, (uint32_t)owner[0]);
	hy_pr_printf(p, ", pid=%d}", owner[1]);
}

/* Output structs print at exit, and only when the call succeeded. */
static void print_out(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		      void (*pr)(struct hy_printer *, const struct hy_record *, enum hy_phase,
				 uint64_t))
{
	if (hy_exit_ok(r))
		pr(p, r, HY_PHASE_EXIT, addr);
	else
		hy_pr_ptr(p, addr);
}

void hy_dec_fcntl(struct hy_printer *p, const struct hy_record *r)
{
	unsigned int cmd = r->args[1];
	uint64_t arg = hy_uarg(r, 2);
	/* fcntl64's 12..14, and the OFD locks on every ABI, take struct flock64 */
	bool is64 = hy_compat32(r) && !hy_time32(r);

	hy_pr_i64(p, (int)r->args[0]);
	hy_pr_fd_note(p, (int)r->args[0], 0);
	hy_pr_puts(p, ", ");
	hy_pr_enum(p, HY_X_FCNTL_CMD, cmd);
	if (hy_compat32(r) && is64 && cmd >= HY_F_GETLK64_32 && cmd <= HY_F_SETLKW64_32) {
		hy_pr_sep(p);
		if (cmd != HY_F_GETLK64_32)
			print_flock(p, r, HY_PHASE_ENTER, arg, true, false);
		else if (hy_exit_ok(r))
			print_flock(p, r, HY_PHASE_EXIT, arg, true, true);
		else
			hy_pr_ptr(p, arg);
		return;
	}
	switch (cmd) {
	case F_GETFD:
	case F_GETFL:
	case F_GETOWN:
	case F_GETSIG:
	case F_GETLEASE:
	case F_GETPIPE_SZ:
	case F_GET_SEALS:
		return;
	}
	hy_pr_sep(p);
	switch (cmd) {
	case F_SETFD:
		hy_pr_flags(p, HY_X_FD_FLAGS, arg, NULL);
		break;
	case F_SETOWN:
	case F_SETPIPE_SZ:
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		hy_pr_printf(p, "%d", (int)arg);
		break;
	case F_SETFL:
		hy_pr_open_flags(p, (uint32_t)arg);
		break;
	case F_SETLK:
	case F_SETLKW:
		print_flock(p, r, HY_PHASE_ENTER, arg, false, false);
		break;
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		print_flock(p, r, HY_PHASE_ENTER, arg, true, false);
		break;
	case F_GETLK:
	case F_OFD_GETLK:
		if (hy_exit_ok(r))
			print_flock(p, r, HY_PHASE_EXIT, arg, cmd == F_OFD_GETLK, true);
		else
			hy_pr_ptr(p, arg);
		break;
	case F_SETOWN_EX:
		print_owner_ex(p, r, HY_PHASE_ENTER, arg);
		break;
	case F_GETOWN_EX:
		print_out(p, r, arg, print_owner_ex);
		break;
	case F_NOTIFY:
		hy_pr_flags(p, HY_X_DN_FLAGS, arg, NULL);
		break;
	case F_SETLEASE:
		hy_pr_enum(p, HY_X_LOCK_TYPE, arg);
		break;
	case F_ADD_SEALS:
		hy_pr_flags(p, HY_X_F_SEALS, arg, NULL);
		break;
	case F_SETSIG:
		hy_pr_signal(p, (int)arg);
		break;
	default:
		hy_pr_printf(p, "%#" PRIx64, arg);
		break;
	}
}

/*
 * fanotify_init(flags, event_f_flags): the notification class is a value in
 * bits 2-3 of the flags, printed first; the event flags are open(2) flags.
 */
void hy_dec_fanotify_init(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[0], cls = flags & 0xc;
	bool any = true;
	int tok = hy_pr_const_open(p, flags, HY_NUM_HEX);

	if (tok) {
		hy_pr_enum(p, HY_X_FAN_CLASS, cls);
		flags = hy_pr_bits(p, HY_X_FAN_INIT_FLAGS, flags & ~0xcu, &any);
		if (flags)
			hy_pr_printf(p, "|%#x", flags);
		hy_pr_const_close(p, tok);
	}
	hy_pr_sep(p);
	hy_pr_open_flags(p, (uint32_t)r->args[1]);
}
