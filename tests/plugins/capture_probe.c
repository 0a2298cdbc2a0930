// SPDX-License-Identifier: MIT
/*
 * Test plugin: for each call it sees, "cap NAME BYTES": how many bytes of the
 * memory argument 1 points to the record captured (-1: none), whatever the
 * log would print of them. tests/integration/test_decode.sh checks that a
 * socket's data is captured to -s, and a netlink socket's to 256 bytes.
 */
#include "hytrace.h"

static void on_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	static char buf[8192];
	ssize_t n = hy_event_mem(ev, hy_event_arg(ev, 1), buf, sizeof(buf));

	fprintf(hy_output(ctx), "cap %s %zd\n", hy_event_name(ev) ? hy_event_name(ev) : "?",
		n < 0 ? (ssize_t)-1 : n);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "capture_probe",
	.on_event = on_event,
};
