// SPDX-License-Identifier: MIT
/*
 * Asynchronous I/O: aio's context, events and iocbs (io_setup, io_getevents,
 * io_pgetevents' signal mask, io_cancel) and io_uring_setup's parameters.
 */
#include <inttypes.h>
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_aio.h"
#include "decode/decode_io.h"
#include "decode/decode_signal.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "syscall_table.h"

void hy_pr_aio_ctx_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	uint64_t ctx;

	if (hy_read_word(r, phase, addr, &ctx))
		hy_pr_printf(p, "[%#" PRIx64 "]", ctx);
	else
		hy_pr_ptr(p, addr);
}

static void pr_event(struct hy_printer *p, const struct io_event *e)
{
	hy_pr_printf(p, "{data=%#" PRIx64 ", obj=%#" PRIx64 ", res=%" PRId64 ", res2=%" PRId64 "}",
		     (uint64_t)e->data, (uint64_t)e->obj, (int64_t)e->res, (int64_t)e->res2);
}

void hy_pr_io_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr, int64_t count)
{
	struct io_event e;
	bool one = r->ent && !strcmp(r->ent->name, "io_cancel");

	if (one) {
		if (hy_read(r, phase, addr, &e, sizeof(e)))
			pr_event(p, &e);
		else
			hy_pr_ptr(p, addr);
		return;
	}
	if (count < 0 || (count && !hy_read(r, phase, addr, &e, sizeof(e)))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (int64_t i = 0; i < count; i++) {
		if (!hy_pr_array_elem(p, i))
			break;
		if (!hy_read(r, phase, addr + i * sizeof(e), &e, sizeof(e))) {
			/* past what was captured (HY_S_IO_EVENTS' size) */
			hy_pr_printf(p, "... /* %#" PRIx64 " */", addr + i * sizeof(e));
			break;
		}
		pr_event(p, &e);
	}
	hy_pr_putc(p, ']');
}

/* what every iocb prints first; the closing brace is the caller's */
static void pr_iocb_head(struct hy_printer *p, const struct iocb *cb)
{
	hy_pr_printf(p, "{aio_data=%#" PRIx64 ", aio_lio_opcode=", (uint64_t)cb->aio_data);
	if (hy_xlat_name(HY_X_IOCB_CMD, cb->aio_lio_opcode))
		hy_pr_enum(p, HY_X_IOCB_CMD, cb->aio_lio_opcode);
	else /* strace's printxval_d: in decimal */
		hy_pr_printf(p, "%u /* IOCB_CMD_??? */", cb->aio_lio_opcode);
	if (cb->aio_reqprio)
		hy_pr_printf(p, ", aio_reqprio=%d", cb->aio_reqprio);
	hy_pr_printf(p, ", aio_fildes=%d", (int)cb->aio_fildes);
}

void hy_pr_iocb_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	struct iocb cb;

	if (!hy_read(r, phase, addr, &cb, sizeof(cb))) {
		hy_pr_ptr(p, addr);
		return;
	}
	pr_iocb_head(p, &cb);
	hy_pr_putc(p, '}');
}

/*
 * An iocb as io_submit gives it: the buffer by command (an address to read
 * into, the data to write, an iovec array, poll events); aio_flags and
 * aio_resfd are not printed, as strace 6.1 does not for an FSYNC's
 */
static void pr_iocb_submit(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	struct iocb cb;

	if (!hy_read(r, HY_PHASE_ENTER, addr, &cb, sizeof(cb))) {
		hy_pr_ptr(p, addr);
		return;
	}
	pr_iocb_head(p, &cb);
	switch (cb.aio_lio_opcode) {
	case IOCB_CMD_PREAD:
	case IOCB_CMD_PWRITE:
		hy_pr_puts(p, ", aio_buf=");
		if (cb.aio_lio_opcode == IOCB_CMD_PREAD)
			hy_pr_ptr(p, cb.aio_buf);
		else
			hy_pr_buf_arg(p, r, HY_PHASE_ENTER, cb.aio_buf, (int64_t)cb.aio_nbytes);
		hy_pr_printf(p, ", aio_nbytes=%" PRIu64 ", aio_offset=%" PRId64,
			     (uint64_t)cb.aio_nbytes, (int64_t)cb.aio_offset);
		break;
	case IOCB_CMD_PREADV:
	case IOCB_CMD_PWRITEV:
		hy_pr_puts(p, ", aio_buf=");
		hy_pr_iovec_at(p, r, HY_PHASE_ENTER, cb.aio_buf, cb.aio_nbytes,
			       cb.aio_lio_opcode == IOCB_CMD_PREADV ? HY_IOV_ADDRS : -1);
		hy_pr_printf(p, ", aio_offset=%" PRId64, (int64_t)cb.aio_offset);
		break;
	case IOCB_CMD_POLL:
		hy_pr_puts(p, ", aio_buf=");
		hy_pr_flags(p, HY_X_POLL_EVENTS, (uint32_t)cb.aio_buf, NULL);
		break;
	default:
		break;
	}
	hy_pr_putc(p, '}');
}

void hy_pr_iocbs_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr, int64_t count)
{
	uint64_t cb;

	if (count <= 0 || !hy_read_word(r, HY_PHASE_ENTER, addr, &cb)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (int64_t i = 0; i < count; i++) {
		if (!hy_pr_array_elem(p, i))
			break;
		/* the array runs into memory that could not be read (or past HY_IOCB_MAX) */
		if (!hy_read_word(r, HY_PHASE_ENTER, addr + i * 8, &cb)) {
			hy_pr_printf(p, "... /* %#" PRIx64 " */", addr + i * 8);
			break;
		}
		pr_iocb_submit(p, r, cb);
	}
	hy_pr_putc(p, ']');
}

void hy_pr_sigmask_arg_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr)
{
	uint64_t ss, len;

	if (!hy_read_word(r, phase, addr, &ss) ||
	    !hy_read_word(r, phase, addr + hy_ptr_size(r), &len)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{sigmask=");
	hy_pr_sigset_at(p, r, phase, ss, len);
	hy_pr_printf(p, ", sigsetsize=%" PRIu64 "}", len);
}

static void pr_sq_off(struct hy_printer *p, const struct io_sqring_offsets *o)
{
	hy_pr_printf(p,
		     "sq_off={head=%" PRIu32 ", tail=%" PRIu32 ", ring_mask=%" PRIu32
		     ", ring_entries=%" PRIu32 ", flags=%" PRIu32 ", dropped=%" PRIu32
		     ", array=%" PRIu32 "}",
		     o->head, o->tail, o->ring_mask, o->ring_entries, o->flags, o->dropped,
		     o->array);
}

static void pr_cq_off(struct hy_printer *p, const struct io_cqring_offsets *o)
{
	hy_pr_printf(p,
		     "cq_off={head=%" PRIu32 ", tail=%" PRIu32 ", ring_mask=%" PRIu32
		     ", ring_entries=%" PRIu32 ", overflow=%" PRIu32 ", cqes=%" PRIu32
		     ", flags=%" PRIu32 "}",
		     o->head, o->tail, o->ring_mask, o->ring_entries, o->overflow, o->cqes,
		     o->flags);
}

/*
 * strace's order: what the caller set (the reserved words only when not all
 * zero), then, when the call succeeded, what the kernel wrote
 */
void hy_pr_uring_params_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr)
{
	struct io_uring_params in, out;

	(void)phase;
	if (!hy_read(r, HY_PHASE_ENTER, addr, &in, sizeof(in))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{flags=");
	hy_pr_flags(p, HY_X_URING_SETUP_FLAGS, in.flags, NULL);
	hy_pr_printf(p, ", sq_thread_cpu=%" PRIu32 ", sq_thread_idle=%" PRIu32, in.sq_thread_cpu,
		     in.sq_thread_idle);
	if (in.flags & IORING_SETUP_ATTACH_WQ)
		hy_pr_printf(p, ", wq_fd=%d", (int)in.wq_fd);
	if (in.resv[0] || in.resv[1] || in.resv[2])
		hy_pr_printf(p, ", resv=[%#" PRIx32 ", %#" PRIx32 ", %#" PRIx32 "]", in.resv[0],
			     in.resv[1], in.resv[2]);
	if (hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, addr, &out, sizeof(out))) {
		hy_pr_printf(p, ", sq_entries=%" PRIu32 ", cq_entries=%" PRIu32 ", features=",
			     out.sq_entries, out.cq_entries);
		hy_pr_flags(p, HY_X_URING_FEAT, out.features, NULL);
		hy_pr_sep(p);
		pr_sq_off(p, &out.sq_off);
		hy_pr_sep(p);
		pr_cq_off(p, &out.cq_off);
	}
	hy_pr_putc(p, '}');
}
