// SPDX-License-Identifier: MIT
/* Reading /proc/PID/status, for what no event tells (a task's thread group, parent, own ids). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"

int hy_proc_status(pid_t tid, const char *field, long *values, int max)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p, *end;

		if (strncmp(line, field, flen))
			continue;
		n = 0;
		for (p = line + flen; n < max; p = end) {
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			values[n++] = v;
		}
		break;
	}
	fclose(f);
	return n;
}
