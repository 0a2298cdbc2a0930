/* SPDX-License-Identifier: MIT */
/* Signal masks, sigaction, sigaltstack and siginfo. */
#ifndef HY_DECODE_SIGNAL_H
#define HY_DECODE_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

/** "[INT CHLD]", "~[KILL STOP]", "[]" of a @bytes-long mask. */
void hy_pr_sigmask(struct hy_printer *p, const void *mask, unsigned int bytes);
/** A sigset_t of @size bytes (the call's sigsetsize argument) at @addr. */
void hy_pr_sigset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, uint64_t size);
void hy_pr_sigaction_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr);
void hy_pr_stack_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr);
void hy_pr_siginfo_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);

/** struct sigevent (timer_create, mq_notify). */
void hy_pr_sigevent_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr);

#endif
