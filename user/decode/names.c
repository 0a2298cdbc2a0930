// SPDX-License-Identifier: MIT
/* Names to numbers, for options tools take: errno and signal names. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "hytrace.h"
#include "decode/printer.h"

int hy_errno_number(const char *s)
{
	char *end;
	long n;

	if (!s || !*s)
		return -1;
	n = strtol(s, &end, 10);
	if (!*end)
		return n > 0 && n < 4096 ? n : -1;
	for (int e = 1; e < 4096; e++) {
		const char *name = hy_errno_name(e);

		if (name && !strcmp(name, s))
			return e;
	}
	return -1;
}

int hy_signal_number(const char *s)
{
	char *end, buf[32];
	long n;

	if (!s || !*s)
		return -1;
	n = strtol(s, &end, 10);
	if (!*end)
		return n > 0 && n < NSIG ? n : -1;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *name = hy_signal_name(sig, buf, sizeof(buf));

		if (name && (!strcmp(name, s) || !strcmp(name + 3, s)))
			return sig;
	}
	return -1;
}
