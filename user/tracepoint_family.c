// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "error.h"
#include "tracepoint_family.h"

/*
 * A version, not a probe: the question is whether the kernel disables
 * preemption around a tp_btf program, which a program can only see through
 * the per-CPU preempt count, a typed ksym that differs between kernels and
 * costs a second parse of the kernel's BTF (~9 ms) at every start. tp_btf is
 * kept only where it was read in the source and measured to be safe (up to
 * 6.18); the classic programs are right everywhere, just slower.
 */
bool hy_tracepoints_classic(void)
{
	const char *force = getenv("HYTRACE_TRACEPOINTS");
	unsigned int major = 0, minor = 0;
	struct utsname u;

	if (force && !strcmp(force, "classic"))
		return true;
	if (force && !strcmp(force, "btf"))
		return false;
	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return true;
	return major > 6 || (major == 6 && minor > 18);
}

int hy_tracefs_missing(int err)
{
	if (err != -ENOENT || !access("/sys/kernel/tracing/events", F_OK) ||
	    !access("/sys/kernel/debug/tracing/events", F_OK))
		return 0;
	return hy_error(err, "kernel recorder unavailable: this kernel's syscall tracepoints are "
			     "attached through tracefs, which is not mounted "
			     "(mount -t tracefs nodev /sys/kernel/tracing)");
}
