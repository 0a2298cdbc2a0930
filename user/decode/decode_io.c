// SPDX-License-Identifier: MIT
/*
 * Reading and writing: iovec arrays (readv, writev, preadv...), and the i386
 * calls that pass a 64-bit offset in two registers.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_io.h"
#include "decode/decode_netlink.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

void hy_pr_iovec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, uint64_t count, int64_t data)
{
	hy_pr_iovec_nl_at(p, r, phase, addr, count, data, false);
}

void hy_pr_iovec_nl_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, uint64_t count, int64_t data, bool netlink)
{
	unsigned int w = hy_ptr_size(r);
	uint64_t base, len, have = 0;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	/* the entries that could be read: strace prints those, then where reading stopped */
	while (have < count && have < p->strsize &&
	       hy_read_word(r, phase, addr + have * 2 * w, &base) &&
	       hy_read_word(r, phase, addr + have * 2 * w + w, &len))
		have++;
	if (!have && count) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t i = 0; i < count; i++) {
		uint64_t show;

		if (!hy_pr_array_elem(p, i))
			break;
		if (i >= have) {
			hy_pr_puts(p, "... /* ");
			hy_pr_hex(p, addr + i * 2 * w);
			hy_pr_puts(p, " */");
			break;
		}
		hy_read_word(r, phase, addr + i * 2 * w, &base);
		hy_read_word(r, phase, addr + i * 2 * w + w, &len);
		/* only the bytes the call transferred are shown, spread over the buffers */
		show = data < 0 || (uint64_t)data > len ? len : (uint64_t)data;
		if (data >= 0)
			data -= show;
		hy_pr_puts(p, "{iov_base=");
		if (data == HY_IOV_ADDRS)
			hy_pr_ptr(p, base);
		else if (netlink)
			hy_pr_netlink_at(p, r, phase, base, show);
		else
			hy_pr_buf_arg(p, r, phase, base, show);
		hy_pr_printf(p, ", iov_len=%" PRIu64 "}", len);
	}
	hy_pr_putc(p, ']');
}

/* A 64-bit offset: one register, or i386's low and high halves. */
static int64_t offset_arg(const struct hy_record *r, int i)
{
	if (hy_compat32(r))
		return (int64_t)((uint64_t)(uint32_t)r->args[i] | (uint64_t)r->args[i + 1] << 32);
	return (int64_t)r->args[i];
}

static bool is_read(const struct hy_record *r)
{
	return r->ent && !strncmp(r->ent->name, "preadv", 6);
}

/* preadv, pwritev, preadv2, pwritev2: fd, iov, iovcnt, offset[, flags]. */
void hy_dec_preadv(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t iov = hy_uarg(r, 1), cnt = hy_uarg(r, 2);
	/* flags follow pos_h (unused on x86-64); x32's compat calls have no pos_h */
	int flags = r->abi == HY_ABI_X32 ? 4 : 5;
	size_t n = r->ent ? strlen(r->ent->name) : 0;

	hy_pr_fd(p, (int)r->args[0]);
	hy_pr_sep(p);
	if (!is_read(r))
		hy_pr_iovec_at(p, r, HY_PHASE_ENTER, iov, cnt, -1);
	else if (hy_exit_ok(r))
		hy_pr_iovec_at(p, r, HY_PHASE_EXIT, iov, cnt, r->ret);
	else if (!(r->flags & HY_EV_UNFINISHED))
		hy_pr_iovec_at(p, r, HY_PHASE_EXIT, iov, cnt, HY_IOV_ADDRS);
	else
		hy_pr_ptr(p, iov);
	hy_pr_printf(p, ", %" PRIu64 ", %" PRId64, cnt, offset_arg(r, 3));
	if (n && r->ent->name[n - 1] == '2') {
		hy_pr_sep(p);
		hy_pr_flags(p, HY_X_RWF_FLAGS, (uint32_t)r->args[flags], NULL);
	}
}

/* i386 pread64/pwrite64(fd, buf, count, pos_lo, pos_hi). */
void hy_dec_pread(struct hy_printer *p, const struct hy_record *r)
{
	bool rd = r->ent && !strcmp(r->ent->name, "pread64");

	hy_pr_fd(p, (int)r->args[0]);
	hy_pr_sep(p);
	if (!rd)
		hy_pr_buf_arg(p, r, HY_PHASE_ENTER, hy_uarg(r, 1), hy_uarg(r, 2));
	else if (hy_exit_ok(r))
		hy_pr_buf_arg(p, r, HY_PHASE_EXIT, hy_uarg(r, 1), r->ret);
	else
		hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_printf(p, ", %" PRIu64 ", %" PRId64, hy_uarg(r, 2), offset_arg(r, 3));
}

/* i386 _llseek(fd, offset_high, offset_low, result, whence). */
void hy_dec_llseek(struct hy_printer *p, const struct hy_record *r)
{
	int64_t off = (int64_t)((uint64_t)(uint32_t)r->args[1] << 32 | (uint32_t)r->args[2]);

	hy_pr_fd(p, (int)r->args[0]);
	hy_pr_printf(p, ", %" PRId64 ", ", off);
	if (hy_exit_ok(r))
		hy_pr_s64_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 3));
	else
		hy_pr_ptr(p, hy_uarg(r, 3));
	hy_pr_sep(p);
	hy_pr_enum(p, HY_X_SEEK_WHENCE, (uint32_t)r->args[4]);
}

/* getrandom(buf, len, flags): strace shows random bytes in hex. */
void hy_dec_getrandom(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t buf = hy_uarg(r, 0);
	uint8_t tmp[4096];
	size_t show;

	if (!hy_exit_ok(r) || !buf) {
		hy_pr_ptr(p, buf);
	} else {
		show = (uint64_t)r->ret < p->strsize ? (size_t)r->ret : p->strsize;
		if (show > sizeof(tmp))
			show = sizeof(tmp);
		if (!show || hy_read(r, HY_PHASE_EXIT, buf, tmp, show))
			hy_pr_quoted_hex(p, tmp, show, (uint64_t)r->ret > show);
		else
			hy_pr_ptr(p, buf);
	}
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 1));
	hy_pr_flags(p, HY_X_GRND_FLAGS, (uint32_t)r->args[2], NULL);
}
