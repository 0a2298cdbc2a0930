// SPDX-License-Identifier: MIT
/* A compilation unit of the sample build benchmarked by tests/bench/run.sh. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int unit5(int n)
{
	char buf[64];
	int sum = 0;

	for (int i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%d", i * 5);
		sum += (int)strlen(buf);
	}
	return sum;
}
