/* SPDX-License-Identifier: MIT */
/* The library's one place for error text: set where an error is detected, read by the caller. */
#ifndef HY_ERROR_H
#define HY_ERROR_H

#include <stdarg.h>

/** Record a one-line description of the current error for hy_last_error(); returns @err. */
int hy_error(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** The same with a va_list. */
int hy_verror(int err, const char *prefix, const char *fmt, va_list ap);
/** Forget the last error (a new run starts clean). */
void hy_error_clear(void);

#endif
