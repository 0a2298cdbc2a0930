/* SPDX-License-Identifier: MIT */
/* Names of errnos and signals, as strace prints them. */
#ifndef HY_NAMES_H
#define HY_NAMES_H

#include <stddef.h>

/** "ENOENT" for 2, "ERESTARTSYS" for 512, NULL if unknown. */
const char *hy_errno_name(int err);
/** strerror()'s text, or the kernel's comment for ERESTART* codes. */
const char *hy_errno_text(int err);
/** "SIGCHLD", "SIGRTMIN+2", or NULL. */
const char *hy_signal_name(int sig, char *buf, size_t size);

#endif
