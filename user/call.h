/* SPDX-License-Identifier: MIT */
/*
 * A held call: the syscall a task is held in (at entry, or at exit when a handler
 * asked for it), as the handlers see and change it. Backends fill it in and apply
 * what the handlers changed; the runtime and the public accessors only read and
 * write its fields.
 */
#ifndef HY_CALL_H
#define HY_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hytrace.h"

struct hy_call {
	enum hy_abi abi;
	long nr;     /* without the x32 bit */
	long raw_nr; /* as in the register */
	uint64_t args[6];
	uint64_t orig_args[6];
	int64_t ret;
	bool ret_changed;
	bool at_exit;
	bool modified;
	bool injected;
	uint64_t ts; /* CLOCK_MONOTONIC ns when it was held at entry */
	uint64_t sp; /* the guest's stack pointer, for hy_scratch() */
	uint64_t ip; /* the instruction after the call's (strace -i) */
	size_t scratch_used;
	uint32_t exit_tools; /* bit per tool that asked for on_syscall_exit */
	bool record_exit;    /* no kernel recorder: the call is recorded at its exit */
	/* The handlers' decision at entry, once every tool has run. */
	enum hy_cont cont;
	/* A tool deferred the call (hy_defer()): held until resumed (deferred.c). */
	struct hy_deferred *deferred;
	bool delayed; /* it was deferred at least once */
};

#endif
