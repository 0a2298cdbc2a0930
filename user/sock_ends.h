/* SPDX-License-Identifier: MIT */
/* strace -y/-yy's sockets as the kernel recorder reads them (bpf/sock_ends.bpf.h). */
#ifndef HY_SOCK_ENDS_H
#define HY_SOCK_ENDS_H

#include <stdint.h>

#include "hy_event.h"
#include "record.h"

/**
 * Fill the BPF map @map_fd (sock_fd_args) from the syscall table: each call's
 * descriptor arguments, whether it returns one, its int[2] of new ones.
 * Returns 0 or -errno.
 */
int hy_sock_fd_args_load(int map_fd);

/** Attach HY_KEV_SOCK @k (its socket and how it was read) to record @r. */
int hy_sock_ends_add(struct hy_record *r, const struct hy_kev_sock *k);

#endif
