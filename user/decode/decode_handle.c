// SPDX-License-Identifier: MIT
/*
 * File handles: name_to_handle_at's struct file_handle (handle_bytes in and
 * out, the handle itself once the call succeeded) and open_by_handle_at's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/format.h"
#include "decode/printer.h"
#include "decode/values.h"

/* The kernel's MAX_HANDLE_SZ: a longer handle_bytes is refused (EINVAL). */
#define HANDLE_MAX 128

struct handle_head {
	uint32_t handle_bytes;
	int32_t handle_type;
};

/* ", handle_type=1, f_handle=\"\\x02...\"": the handle as hex, "???" when unreadable */
static void print_handle(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, const struct handle_head *h)
{
	uint8_t bytes[HANDLE_MAX];

	hy_pr_printf(p, ", handle_type=%d, f_handle=", h->handle_type);
	if (h->handle_bytes <= HANDLE_MAX &&
	    hy_read(r, phase, addr + sizeof(*h), bytes, h->handle_bytes))
		hy_pr_quoted_hex(p, bytes, h->handle_bytes, false);
	else
		hy_pr_puts(p, "???");
}

/*
 * name_to_handle_at(dirfd, path, handle, mount_id, flags). strace shows the
 * size an EOVERFLOW asks for ("{handle_bytes=0 => 8}"): the handle is read at
 * exit even when the call failed (HY_S_FILE_HANDLE's on_error).
 */
void hy_dec_name_to_handle_at(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t addr = hy_uarg(r, 2);
	struct handle_head in, out;

	hy_pr_arg(p, r, 0);
	hy_pr_sep(p);
	hy_pr_arg(p, r, 1);
	hy_pr_sep(p);
	if (!hy_read(r, HY_PHASE_ENTER, addr, &in, sizeof(in))) {
		hy_pr_ptr(p, addr);
		hy_pr_sep(p);
		hy_pr_ptr(p, hy_uarg(r, 3));
	} else {
		hy_pr_printf(p, "{handle_bytes=%u", in.handle_bytes);
		if ((hy_exit_ok(r) || r->ret == -EOVERFLOW) &&
		    hy_read(r, HY_PHASE_EXIT, addr, &out, sizeof(out))) {
			if (out.handle_bytes != in.handle_bytes)
				hy_pr_printf(p, " => %u", out.handle_bytes);
			if (hy_exit_ok(r))
				print_handle(p, r, HY_PHASE_EXIT, addr, &out);
		}
		hy_pr_puts(p, "}, ");
		hy_pr_arg(p, r, 3);
	}
	hy_pr_sep(p);
	hy_pr_arg(p, r, 4);
}

/* open_by_handle_at(mount_fd, handle, flags) */
void hy_dec_open_by_handle_at(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t addr = hy_uarg(r, 1);
	struct handle_head h;

	hy_pr_arg(p, r, 0);
	hy_pr_sep(p);
	if (hy_read(r, HY_PHASE_ENTER, addr, &h, sizeof(h))) {
		hy_pr_printf(p, "{handle_bytes=%u", h.handle_bytes);
		print_handle(p, r, HY_PHASE_ENTER, addr, &h);
		hy_pr_putc(p, '}');
	} else {
		hy_pr_ptr(p, addr);
	}
	hy_pr_sep(p);
	hy_pr_open_flags(p, (uint32_t)r->args[2]);
}
