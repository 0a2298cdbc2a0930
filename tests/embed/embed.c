// SPDX-License-Identifier: MIT
/*
 * Embedding libhytrace: run a command under a tool defined right here with one
 * hy_run() call, and get the guest's exit status back. Prints the getppid count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "hytrace.h"

static long count;

static void on_event(struct hy_ctx *ctx, const struct hy_event *ev)
{
	(void)ctx;
	if (hy_event_name(ev) && !strcmp(hy_event_name(ev), "getppid"))
		count++;
}

static const struct hy_tool counter = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "counter",
	.on_event = on_event,
};

int main(int argc, char **argv)
{
	const struct hy_tool *tools[] = { &counter };
	HY_RUN_OPTS(o, .tools = tools, .ntools = 1);
	HY_RUN_STATS(st);
	int status, err;

	if (argc < 2)
		return 2;
	o.no_kernel = getenv("EMBED_NO_KERNEL") != NULL;
	err = hy_run(&o, argv + 1, &status, &st);
	if (err) {
		fprintf(stderr, "embed: %s\n", hy_last_error());
		return 2;
	}
	printf("getppid %ld status %d lost %llu\n", count, WEXITSTATUS(status),
	       (unsigned long long)st.lost);
	return 0;
}
