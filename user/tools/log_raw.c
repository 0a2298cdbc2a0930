// SPDX-License-Identifier: MIT
/* strace -e raw=SET for the log tool: see log_raw.h. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "log_raw.h"

static int hex(char *buf, size_t size, uint64_t v)
{
	return v ? snprintf(buf, size, "%#" PRIx64, v) : snprintf(buf, size, "0");
}

int log_raw_line(const struct hy_event *ev, const char *lead, unsigned int column, bool durations,
		 char *buf, size_t size)
{
	enum hy_abi abi = hy_event_abi(ev);
	int nargs = hy_syscall_nargs(abi, hy_event_nr(ev));
	const char *name = hy_event_name(ev);
	int64_t ret = hy_event_return(ev);
	size_t n = 0;

#define ROOM (n < size ? size - n : 0)
	n += snprintf(buf, size, "%s", lead);
	if (name)
		n += snprintf(buf + n, ROOM, "%s(", name);
	else
		n += snprintf(buf + n, ROOM, "syscall_%#lx(", hy_event_nr(ev));
	for (int i = 0; i < (nargs < 0 ? 6 : nargs); i++) {
		uint64_t v = hy_event_arg(ev, i);

		if (abi != HY_ABI_X86_64)
			v = (uint32_t)v;
		n += snprintf(buf + n, ROOM, "%s", i ? ", " : "");
		n += hex(buf + n, ROOM, v);
	}
	n += snprintf(buf + n, ROOM, ")");
	do
		n += snprintf(buf + n, ROOM, " ");
	while (n < column);
	if (abi != HY_ABI_X86_64)
		ret = (int32_t)ret;
	if (hy_event_flags(ev) & HY_EV_UNFINISHED)
		n += snprintf(buf + n, ROOM, "= ?");
	else if (ret < 0 && ret >= -4095)
		n += snprintf(buf + n, ROOM, "= -1 %s (%s)",
			      strerrorname_np(-ret) ? strerrorname_np(-ret) : "E?", strerror(-ret));
	else {
		n += snprintf(buf + n, ROOM, "= ");
		n += hex(buf + n, ROOM, (uint64_t)ret);
	}
	if (durations && !(hy_event_flags(ev) & HY_EV_UNFINISHED)) {
		uint64_t d = hy_event_exit_ns(ev) - hy_event_enter_ns(ev);

		n += snprintf(buf + n, ROOM, " <%" PRIu64 ".%06" PRIu64 ">", d / 1000000000u,
			      d % 1000000000u / 1000);
	}
	n += snprintf(buf + n, ROOM, "\n");
#undef ROOM
	return n;
}
