// SPDX-License-Identifier: MIT
/*
 * Mounts: mount's flags and the arguments they make meaningless, fsconfig's
 * value by command, quotactl's command word, swapon's priority and struct
 * mount_attr (mount_setattr).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <linux/mount.h>
#include <linux/quota.h>
#include <sys/swap.h>

#include "decode/args.h"
#include "decode/decode_mount.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "hy_event.h"
#include "syscall_table.h"

/* The old magic in the upper half of mount's flags, which the kernel discards. */
#define MGC_MASK 0xffff0000u
#define MGC_VAL 0xc0ed0000u

/*
 * mount(source, target, type, flags, data): with MS_REMOUNT the type is not
 * read, with a bind, a move or a propagation change neither type nor data
 * is, so strace prints them as addresses then.
 */
void hy_dec_mount(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t flags = r->args[3];
	bool magic = (flags & MGC_MASK) == MGC_VAL;
	bool skip_type, skip_data;

	if (magic)
		flags &= ~(uint64_t)MGC_MASK & 0xffffffffu;
	skip_type = flags & (MS_REMOUNT | MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE |
			     MS_UNBINDABLE);
	skip_data = !(flags & MS_REMOUNT) && skip_type;
	hy_pr_str_arg(p, r, r->args[0], 0);
	hy_pr_sep(p);
	hy_pr_str_arg(p, r, r->args[1], 0);
	hy_pr_sep(p);
	if (skip_type)
		hy_pr_ptr(p, r->args[2]);
	else
		hy_pr_str_arg(p, r, r->args[2], p->strsize);
	hy_pr_sep(p);
	if (magic)
		hy_pr_puts(p, flags ? "MS_MGC_VAL|" : "MS_MGC_VAL");
	if (flags || !magic)
		hy_pr_flags(p, HY_X_MS_FLAGS, flags, NULL);
	hy_pr_sep(p);
	if (skip_data)
		hy_pr_ptr(p, r->args[4]);
	else
		hy_pr_str_arg(p, r, r->args[4], p->strsize);
}

/* swapon(path, flags): the priority in the low bits as a number after the flags */
void hy_dec_swapon(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = (uint32_t)r->args[1], prio = flags & SWAP_FLAG_PRIO_MASK;

	hy_pr_str_arg(p, r, r->args[0], 0);
	hy_pr_sep(p);
	if (flags & ~SWAP_FLAG_PRIO_MASK) {
		hy_pr_flags(p, HY_X_SWAP_FLAGS, flags & ~SWAP_FLAG_PRIO_MASK, NULL);
		hy_pr_putc(p, '|');
	}
	hy_pr_printf(p, "%u", prio);
}

/*
 * fsconfig(fd, cmd, key, value, aux): what key, value and aux are depends on
 * the command (a string, bytes of length aux, a path at dirfd aux, an fd).
 */
void hy_dec_fsconfig(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = (uint32_t)r->args[1];
	int aux = (int)r->args[4];
	uint64_t value = r->args[3];
	bool keyed = cmd <= FSCONFIG_SET_FD;

	hy_pr_printf(p, "%d", (int)r->args[0]);
	hy_pr_fd_note(p, (int)r->args[0], 0);
	hy_pr_sep(p);
	hy_pr_enum(p, HY_X_FSCONFIG_CMD, cmd);
	hy_pr_sep(p);
	if (keyed)
		hy_pr_str_arg(p, r, r->args[2], p->strsize);
	else
		hy_pr_ptr(p, r->args[2]);
	hy_pr_sep(p);
	switch (cmd) {
	case FSCONFIG_SET_STRING: {
		/*
		 * one byte at least, or the string capture faulted (unterminated at a
		 * page's end) and what is there is the empty capture of aux's 0 bytes
		 */
		char c;

		if (hy_read(r, HY_PHASE_ENTER, value, &c, 1))
			hy_pr_str_arg(p, r, value, p->strsize);
		else
			hy_pr_ptr(p, value);
		break;
	}
	case FSCONFIG_SET_BINARY: {
		/* aux bytes, as many as -s shows (capture_plan.c reads them for fsconfig) */
		uint8_t buf[HY_CAP_MAX];
		size_t n = aux < 0 ? 0 : (size_t)aux;
		size_t show = n < p->strsize ? n : p->strsize;

		if (show > sizeof(buf) || aux < 0 || !hy_read(r, HY_PHASE_ENTER, value, buf, show))
			hy_pr_ptr(p, value);
		else
			hy_pr_quoted_hex(p, buf, show, n > show);
		break;
	}
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
		hy_pr_path(p, r, value);
		break;
	default:
		hy_pr_ptr(p, value);
		break;
	}
	hy_pr_sep(p);
	if (cmd == FSCONFIG_SET_PATH || cmd == FSCONFIG_SET_PATH_EMPTY)
		hy_pr_dirfd(p, aux);
	else
		hy_pr_printf(p, "%d", aux);
}

/*
 * quotactl(QCMD(cmd, type), special, id, addr): the command word split in
 * two; Q_SYNC and Q_QUOTAOFF take neither id nor addr, so strace stops there.
 */
/* "QCMD(Q_SYNC, USRQUOTA)": the command word; whether an id and address follow. */
static bool print_qcmd(struct hy_printer *p, uint32_t word)
{
	uint32_t cmd = word >> SUBCMDSHIFT;

	hy_pr_puts(p, "QCMD(");
	hy_pr_enum(p, HY_X_QUOTA_CMD, cmd);
	hy_pr_sep(p);
	hy_pr_enum(p, HY_X_QUOTA_TYPE, word & SUBCMDMASK);
	hy_pr_puts(p, ")");
	return cmd != Q_SYNC && cmd != Q_QUOTAOFF;
}

void hy_dec_quotactl(struct hy_printer *p, const struct hy_record *r)
{
	bool more = print_qcmd(p, (uint32_t)r->args[0]);

	hy_pr_sep(p);
	hy_pr_str_arg(p, r, r->args[1], 0);
	if (!more)
		return;
	hy_pr_printf(p, ", %d, ", (int)r->args[2]);
	hy_pr_ptr(p, r->args[3]);
}

/* quotactl_fd(fd, cmd, id, addr): quotactl's command after a descriptor. */
void hy_dec_quotactl_fd(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "%d", (int)r->args[0]);
	hy_pr_fd_note(p, (int)r->args[0], 0);
	hy_pr_sep(p);
	if (!print_qcmd(p, (uint32_t)r->args[1]))
		return;
	hy_pr_printf(p, ", %d, ", (int)r->args[2]);
	hy_pr_ptr(p, r->args[3]);
}

/*
 * struct mount_attr, as long as the next argument says: "{attr_set=..., ...}";
 * shorter than the first version: the address; longer: the rest's bytes when
 * one is not zero ("/ * bytes 32..47 * / \"\\x..\""), "???" when unreadable.
 */
void hy_pr_mount_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, uint64_t size)
{
	struct mount_attr a;

	if (size < sizeof(a) || !hy_read(r, phase, addr, &a, sizeof(a))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{attr_set=");
	hy_pr_flags(p, HY_X_MOUNT_ATTR, a.attr_set, NULL);
	hy_pr_puts(p, ", attr_clr=");
	hy_pr_flags(p, HY_X_MOUNT_ATTR, a.attr_clr, NULL);
	hy_pr_puts(p, ", propagation=");
	hy_pr_enum(p, HY_X_MS_PROPAGATION, a.propagation);
	hy_pr_printf(p, ", userns_fd=%" PRIu64, (uint64_t)a.userns_fd);
	hy_pr_struct_tail(p, r, phase, addr, sizeof(a), size, HY_S_MOUNT_ATTR);
	hy_pr_putc(p, '}');
}
