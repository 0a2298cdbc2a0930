/* SPDX-License-Identifier: MIT */
/* Asynchronous I/O's structs, for the struct table: aio's and io_uring's. */
#ifndef HY_DECODE_AIO_H
#define HY_DECODE_AIO_H

#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** io_setup's aio_context_t at @addr: "[0x...]". */
void hy_pr_aio_ctx_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);
/** @count struct io_event at @addr (io_getevents' result); io_cancel's one, unbracketed. */
void hy_pr_io_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr, int64_t count);
/** One struct iocb's header (io_cancel's). */
void hy_pr_iocb_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
/** io_submit's @count iocbs through the pointer array at @addr, with what each reads. */
void hy_pr_iocbs_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr, int64_t count);
/** { const sigset_t *sigmask; size_t sigsetsize; } at @addr, the set read through it. */
void hy_pr_sigmask_arg_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr);
/** struct io_uring_params: what the caller set, and the rings' layout the kernel wrote. */
void hy_pr_uring_params_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr);

#endif
