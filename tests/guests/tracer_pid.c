// SPDX-License-Identifier: MIT
/*
 * What a guest can see of hytrace: its tracer (TracerPid, 0 on the guest
 * backend), hytrace's variables in its environment (never), and a getppid
 * a tool may change. With an argument, it executes itself once more without.
 */
#include "guest.h"

int main(int argc, char **argv)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "TracerPid:", 10))
			printf("tracer_pid %s", line);
	if (f)
		fclose(f);
	printf("tracer_pid env%s%s\n", getenv("LD_PRELOAD") ? " LD_PRELOAD" : "",
	       getenv("HYTRACE_GUEST_SHM") ? " HYTRACE_GUEST_SHM" : "");
	printf("tracer_pid getppid %ld\n", syscall(SYS_getppid));
	fflush(stdout);
	if (argc > 1)
		execl(argv[0], argv[0], (char *)NULL);
	return 0;
}
