/* SPDX-License-Identifier: MIT */
/* The library's one place for error text: set where an error is detected, read by the caller. */
#ifndef HY_ERROR_H
#define HY_ERROR_H

/** Record a one-line description of the current error for hy_last_error(); returns @err. */
int hy_error(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
