// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hytrace.h"
#include "error.h"

/* Per thread, so an embedding program's threads do not see each other's errors. */
static __thread char last_error[512];

int hy_error(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hy_verror(err, "", fmt, ap);
	va_end(ap);
	return err;
}

int hy_verror(int err, const char *prefix, const char *fmt, va_list ap)
{
	/* formatted apart: an argument may be hy_last_error() itself (a cause wrapped) */
	char msg[sizeof(last_error)];
	int n = snprintf(msg, sizeof(msg), "%s", prefix);

	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	memcpy(last_error, msg, sizeof(last_error));
	return err;
}

void hy_error_clear(void)
{
	last_error[0] = 0;
}

const char *hy_last_error(void)
{
	return last_error[0] ? last_error : "no error";
}
