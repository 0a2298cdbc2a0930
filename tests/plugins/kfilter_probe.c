// SPDX-License-Identifier: MIT
/*
 * Test plugin: asks the kernel filter for path= (repeatable) and status=
 * (successful, failed) and filters nothing itself, so each line it writes
 * ("kf NAME ok|failed PATH") is a call the kernel recorder delivered: what the
 * filter dropped never reaches it (tests/integration/test_kfilter.sh).
 */
#include <string.h>

#include "hytrace.h"

static int init(struct hy_ctx *ctx, int nopts, const char *const *keys, const char *const *values)
{
	const char *paths[8];
	unsigned int status = 0;
	int n = 0;

	for (int i = 0; i < nopts; i++) {
		if (!strcmp(keys[i], "path") && n < 8)
			paths[n++] = values[i];
		else if (!strcmp(keys[i], "status"))
			status = !strcmp(values[i], "failed") ? HY_STATUS_FAILED :
								HY_STATUS_SUCCESSFUL;
	}
	return hy_kernel_filter(ctx, status, paths, n);
}

static void on_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	unsigned int file = hy_syscall_file_args(hy_event_abi(ev), hy_event_nr(ev));
	char path[256] = "-";

	for (int i = 0; i < 6; i++)
		if ((file & HY_FILE_PATH(i)) && hy_event_str(ev, i, path, sizeof(path)) >= 0)
			break;
	fprintf(hy_output(ctx), "kf %s %s %s\n", hy_event_name(ev) ? hy_event_name(ev) : "?",
		hy_event_return(ev) < 0 ? "failed" : "ok", path);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "kfilter_probe",
	.init = init,
	.on_event = on_event,
};
