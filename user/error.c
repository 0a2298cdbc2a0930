// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>

#include "hytrace.h"
#include "error.h"

/* Per thread, so an embedding program's threads do not see each other's errors. */
static __thread char last_error[512];

int hy_error(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return err;
}

int hy_verror(int err, const char *prefix, const char *fmt, va_list ap)
{
	int n = snprintf(last_error, sizeof(last_error), "%s", prefix);

	if (n < 0 || (size_t)n >= sizeof(last_error))
		n = 0;
	vsnprintf(last_error + n, sizeof(last_error) - n, fmt, ap);
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
