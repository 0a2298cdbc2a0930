// SPDX-License-Identifier: MIT
/*
 * hy_output() in the guest: a stream whose bytes go to hytrace in OUTPUT
 * notes (guest_shm.h), which writes them to the run's output (-o FILE or its
 * own stderr, guest_output.c), as a ptrace tool's text goes. Never the
 * guest's fd 2: the guest may have closed or moved it, and a write there
 * would be a call of the guest's. Line-buffered, so a tool's line reaches
 * hytrace whole.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "guest/rt/rt.h"

#define NOTE_BYTES 32 /* args 2-5 of a note */

/* Not the guest's malloc: the stream's buffer must exist before a handler writes. */
static char buffer[4096];

static ssize_t send_text(void *cookie, const char *buf, size_t len)
{
	(void)cookie;
	for (size_t at = 0; at < len; at += NOTE_BYTES) {
		uint64_t a[4] = { 0 };
		size_t n = len - at < NOTE_BYTES ? len - at : NOTE_BYTES;

		memcpy(a, buf + at, n);
		hy_grt_note(HY_GNOTE_OUTPUT, n | (at + n == len ? HY_GOUT_LAST : 0), a[0], a[1],
			    a[2], a[3]);
	}
	return (ssize_t)len;
}

/*
 * Made at the process's first hy_output(), not at the runtime's start:
 * fopencookie() allocates with the guest's malloc, whose first use (its
 * getrandom, the heap's brk) would be made there, unseen, and missing from
 * the guest's log later. So it is only for a tool that writes in the guest,
 * and only if the guest has not used malloc yet. Like any allocation in a
 * handler, not safe in a call malloc itself makes (HACKING.md).
 */
FILE *hy_grt_output(struct hy_session *s)
{
	FILE *f = fopencookie(NULL, "w", (cookie_io_functions_t){ .write = send_text });

	(void)s;
	if (!f || setvbuf(f, buffer, _IOLBF, sizeof(buffer)))
		hy_grt_die("cannot make the tools' output stream", strerror(errno));
	return f;
}
