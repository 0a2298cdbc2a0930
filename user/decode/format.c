// SPDX-License-Identifier: MIT
/*
 * Printing a syscall from its table entry: each argument by its meaning, unless
 * the entry names a decoder for the whole argument list.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_exec.h"
#include "decode/decode_io.h"
#include "decode/decode_net.h"
#include "decode/decode_rval.h"
#include "decode/format.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/struct_table.h"
#include "decode/values.h"

/* Arguments of i386 calls are 32-bit: show them as the guest passed them. */
static int64_t sarg(const struct hy_record *r, int i)
{
	return r->abi == HY_ABI_X86_64 ? (int64_t)r->args[i] : (int32_t)r->args[i];
}

/* An argument as the kernel took it: an int's upper bits are not part of it. */
static uint64_t narrow(uint8_t width, uint64_t v)
{
	switch (width) {
	case HY_T_S32:
	case HY_T_U32:
		return (uint32_t)v;
	case HY_T_U16:
		return (uint16_t)v;
	default:
		return v;
	}
}

/*
 * The record with its narrow arguments cut to their C width, so that every
 * printer, the custom decoders' too, sees what the kernel saw. Copied only
 * when some argument had bits above its width (hostile callers).
 */
static const struct hy_record *narrowed(const struct hy_record *r, struct hy_record *tmp)
{
	bool copied = false;

	if (!r->ent)
		return r;
	for (int i = 0; i < r->ent->nargs && i < 6; i++) {
		uint64_t v = narrow(r->ent->args[i].width, r->args[i]);

		if (v == r->args[i])
			continue;
		if (!copied)
			*tmp = *r;
		copied = true;
		tmp->args[i] = v;
	}
	return copied ? tmp : r;
}

/*
 * strace -e verbose=SET, a call outside SET (p->noderef): strace reads its
 * structures, arrays and argv with umove_or_printaddr, which then prints the
 * address instead (getdents' entry count too). The record's memory captured
 * for such arguments is marked unreadable in a copy, so every printer takes
 * its "cannot read" path; strings, buffers and what is not memory (socket
 * metadata, stacks) stay.
 */
static const struct hy_record *undereferenced(const struct hy_printer *p, const struct hy_record *r,
					      struct hy_record *tmp)
{
	if (!p->noderef || !r->ent)
		return r;
	*tmp = *r;
	tmp->live = NULL;
	for (int i = 0; i < tmp->nchunks; i++) {
		struct hy_mem_chunk *c = &tmp->chunk[i];
		enum hy_arg_kind k;

		if (c->phase == HY_PHASE_META || c->flags & HY_MEM_STACK || c->arg >= r->ent->nargs)
			continue;
		k = r->ent->args[c->arg].kind;
		if (k == HY_A_STRUCT_IN || k == HY_A_STRUCT_OUT || k == HY_A_ARGV)
			c->flags |= HY_MEM_FAULT;
	}
	return tmp;
}

static bool finished_ok(const struct hy_record *r)
{
	return !(r->flags & HY_EV_UNFINISHED) && r->ret >= 0;
}

void hy_pr_arg(struct hy_printer *p, const struct hy_record *r, int i)
{
	const struct hy_argspec *a = r->ent ? &r->ent->args[i] : NULL;
	uint64_t v = r->args[i];
	/* a signed int's value, whatever the ABI */
	int64_t sv = a && a->width == HY_T_S32 ? (int32_t)v : sarg(r, i);

	switch (a ? a->kind : HY_A_HEX) {
	case HY_A_INT:
		hy_pr_i64(p, (int)v);
		break;
	case HY_A_FD:
		hy_pr_fd(p, (int)v);
		break;
	case HY_A_PID:
		hy_pr_i64(p, (int)v);
		hy_pr_pid_note(p, r, (int)v);
		break;
	case HY_A_LONG:
		hy_pr_i64(p, sv);
		break;
	case HY_A_UINT:
		hy_pr_u64(p, r->abi == HY_ABI_X86_64 ? v : (uint32_t)v);
		break;
	case HY_A_DIRFD:
		hy_pr_dirfd(p, (int)v);
		break;
	case HY_A_PATH:
		hy_pr_str_arg(p, r, v, 0);
		break;
	case HY_A_STR:
		hy_pr_str_arg(p, r, v, p->strsize);
		break;
	case HY_A_BUF_IN:
		hy_pr_buf_arg(p, r, HY_PHASE_ENTER, v, (int64_t)r->args[a->aux]);
		break;
	case HY_A_BUF_OUT:
		if (finished_ok(r))
			hy_pr_buf_arg(p, r, HY_PHASE_EXIT, v, r->ret);
		else
			hy_pr_ptr(p, v);
		break;
	case HY_A_PATH_OUT:
		hy_pr_path_out(p, r, v);
		break;
	case HY_A_FLAGS:
		hy_pr_flags(p, a->aux, v, NULL);
		break;
	case HY_A_ENUM:
		hy_pr_enum(p, a->aux, sv);
		break;
	case HY_A_MODE:
		/* all the bits of the C type (strace: creat(..., 0177777)) */
		hy_pr_mode(p, a->width ? v : v & 07777);
		break;
	case HY_A_UID:
		if ((uint32_t)v == UINT32_MAX)
			hy_pr_puts(p, "-1");
		else
			hy_pr_u64(p, (uint32_t)v);
		break;
	case HY_A_SIG:
		hy_pr_signal(p, (int)v);
		break;
	case HY_A_STRUCT_IN:
		hy_pr_struct(p, r, HY_PHASE_ENTER, a->aux, v, i);
		break;
	case HY_A_STRUCT_OUT:
		if (finished_ok(r))
			hy_pr_struct(p, r, HY_PHASE_EXIT, a->aux, v, i);
		else if (a->aux == HY_S_IOVEC && !(r->flags & HY_EV_UNFINISHED))
			/* a failed readv: strace shows the entries, their bases as addresses */
			hy_pr_iovec_at(p, r, HY_PHASE_EXIT, v, hy_uarg(r, i + 1), HY_IOV_ADDRS);
		else if (a->aux == HY_S_MSGHDR && v && !(r->flags & HY_EV_UNFINISHED))
			hy_pr_msghdr_failed_at(p, r, v);
		else if (a->aux == HY_S_MMSGHDR_IN && !(r->flags & HY_EV_UNFINISHED))
			/* a failed sendmmsg: strace shows what it was given, no msg_len */
			hy_pr_struct(p, r, HY_PHASE_EXIT, a->aux, v, i);
		else
			hy_pr_ptr(p, v);
		break;
	case HY_A_ARGV:
		hy_pr_argv_at(p, r, v);
		break;
	case HY_A_PTR:
		hy_pr_ptr(p, v);
		break;
	case HY_A_HEX:
	default:
		hy_pr_hex(p, v);
		break;
	}
}

void hy_pr_args_from(struct hy_printer *p, const struct hy_record *r, int from)
{
	int nargs = r->ent ? r->ent->nargs : 6;

	for (int i = from; i < nargs; i++) {
		if (i)
			hy_pr_puts(p, ", ");
		hy_pr_arg(p, r, i);
	}
}

void hy_format_call(struct hy_printer *p, const struct hy_record *r)
{
	struct hy_record sub, cut, terse;

	if (hy_rec_unwrap(r, &sub))
		r = &sub;
	r = undereferenced(p, r, &terse);
	r = narrowed(r, &cut);
	if (r->ent)
		hy_pr_puts(p, r->ent->name);
	else
		hy_pr_printf(p, "syscall_%#lx", r->nr);
	hy_pr_putc(p, '(');
	if (r->ent && r->ent->decode)
		r->ent->decode(p, r);
	else
		hy_pr_args_from(p, r, 0);
	hy_pr_putc(p, ')');
}

bool hy_sysent_returns_fd(const struct hy_sysent *ent)
{
	/* fcntl: for F_DUPFD and F_DUPFD_CLOEXEC only (returns_fd()) */
	return ent && (ent->fd == HY_FD_NEW || ent->fd == HY_FD_OPEN || ent->fd == HY_FD_DUP ||
		       ent->fd == HY_FD_FCNTL_DUP);
}

/* This call's result is a new descriptor (strace's RVAL_FD), for -y. */
static bool returns_fd(const struct hy_record *r)
{
	if (r->ent && r->ent->fd == HY_FD_FCNTL_DUP)
		return r->args[1] == F_DUPFD || r->args[1] == F_DUPFD_CLOEXEC;
	return hy_sysent_returns_fd(r->ent);
}

void hy_format_result(struct hy_printer *p, const struct hy_record *r)
{
	struct hy_record sub, cut, terse;
	int64_t ret;

	if (hy_rec_unwrap(r, &sub))
		r = &sub;
	r = undereferenced(p, r, &terse);
	r = narrowed(r, &cut); /* the result's notes read arguments too (poll's nfds) */
	ret = r->ret;

	if (r->flags & HY_EV_UNFINISHED) {
		hy_pr_putc(p, '?');
		return;
	}
	if (r->abi != HY_ABI_X86_64)
		ret = (int32_t)ret;
	if (ret < 0 && ret >= -4095) {
		int err = -ret;
		const char *name = hy_errno_name(err);

		if (err >= 512 && err <= 530)
			hy_pr_printf(p, "? %s (%s)", name ? name : "?", hy_errno_text(err));
		else if (name)
			hy_pr_printf(p, "-1 %s (%s)", name, hy_errno_text(err));
		else
			hy_pr_printf(p, "-1 (errno %d)", err);
	} else if (p->rval_hex || hy_rval_format(r) == HY_RVAL_HEX) {
		/* an i386 address is 32 bits, whatever the register held */
		hy_pr_hex(p, r->abi == HY_ABI_X86_64 ? (uint64_t)ret : (uint64_t)(uint32_t)ret);
		hy_pr_rval_note(p, r);
	} else if (hy_rval_format(r) == HY_RVAL_OCT) {
		hy_pr_mode(p, (uint64_t)ret);
	} else {
		hy_pr_i64(p, ret);
		if (p->fd_name && returns_fd(r))
			hy_pr_fd_note(p, (int)ret, 1);
		hy_pr_rval_note(p, r);
	}
	if (r->flags & HY_EV_SKIPPED)
		hy_pr_puts(p, " (INJECTED)");
	if (r->flags & HY_EV_DELAYED)
		hy_pr_puts(p, " (DELAYED)");
}
