/* SPDX-License-Identifier: MIT */
/* The descriptors a call received over a socket (SCM_RIGHTS), from its record. */
#ifndef HY_RECEIVED_FDS_H
#define HY_RECEIVED_FDS_H

#include <stddef.h>

#include "record.h"

/**
 * The descriptors @r's call received (recvmsg's, recvmmsg's SCM_RIGHTS; the
 * x86-64 layout), as its record has them at exit: up to @max into @fds.
 * Returns how many.
 */
size_t hy_rec_received_fds(const struct hy_record *r, int *fds, size_t max);

#endif
