/* SPDX-License-Identifier: MIT */
/* strace -y/-yy's sockets for the calls the tracer stops, from sock_diag (sock_diag.c). */
#ifndef HY_SOCK_DIAG_H
#define HY_SOCK_DIAG_H

#include <stdbool.h>
#include <sys/types.h>

#include "hy_event.h"
#include "record.h"

/**
 * At a stop of @r's call (stopped task @tid): its socket descriptors, as the
 * kernel path's HY_KEV_SOCK gives them: the arguments at entry, the new ones
 * at exit (its result, socketpair's array: captured before this is called).
 */
void hy_sock_ends_live(pid_t tid, struct hy_record *r, enum hy_phase phase);

#endif
