/* SPDX-License-Identifier: MIT */
/*
 * What memory to capture for each argument of a syscall, derived from the table:
 * the same plan drives the BPF programs (via a map) and the tracer's reads when
 * the kernel recorder is off.
 */
#ifndef HY_CAPTURE_PLAN_H
#define HY_CAPTURE_PLAN_H

#include "hy_event.h"
#include "record.h"
#include "syscall_table.h"

/* Paths are printed whole, as strace does. */
#define HY_PATH_MAX 4096

/* What strace -v prints that the plan then captures (hy_capture_plan's @verbose). */
#define HY_PLAN_ENV 1u	   /* execve's environment strings, not only its pointers */
#define HY_PLAN_DIRENTS 2u /* getdents' records (HY_CAP_MAX bytes), not only their count */

/**
 * Fill @plan for @ent; @strsize is the -s limit for strings and buffers;
 * @verbose: HY_PLAN_* bits, what else to capture for -v.
 */
void hy_capture_plan(const struct hy_sysent *ent, unsigned int strsize, unsigned int verbose,
		     struct hy_plan *plan);

/*
 * A socket call's data is captured whole up to this, whatever -s says, when
 * the socket is a netlink one: it prints as messages (decode_netlink.c), which
 * strace decodes to their end, and an NLMSG_ERROR repeats the request it
 * answers. Other sockets' data follows -s (the HY_CAP_SOCK slot's aux).
 */
#define HY_SOCK_DATA_CAP 256

/**
 * A netlink socket's call: raise the data captures of @list (buffers, iovecs,
 * msghdrs) to at least @size bytes, as the BPF side does once it has looked the
 * socket up (bpf/capture.bpf.h, capture_sock_slot).
 */
void hy_plan_widen_data(struct hy_cap_slot *list, unsigned int size);

/**
 * The HY_CAP_FOLLOW rule of @group for the selector value @value (an ioctl's
 * request), or NULL: the calls it does not name follow no pointer.
 */
const struct hy_follow *hy_follow_find(unsigned int group, uint32_t value);

/** Rule @i of the follow rules (for the BPF map); false past the last. */
bool hy_follow_rule(size_t i, struct hy_follow_key *key, struct hy_follow *f);

/** True when the plan captures anything at @phase. */
bool hy_plan_any(const struct hy_plan *plan, enum hy_phase phase);

#endif
