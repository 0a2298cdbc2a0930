// SPDX-License-Identifier: MIT
/* argv[1] threads (default 4), each calling getppid argv[2] times (default 1000000). */
#include "guest.h"

#include <pthread.h>

static long calls;

static void *worker(void *arg)
{
	(void)arg;
	getppid_loop(calls);
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 4;
	pthread_t t[256];

	calls = argc > 2 ? atol(argv[2]) : 1000000;
	if (nthreads < 1 || nthreads > 256)
		die("1 to 256 threads");
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, worker, NULL))
			die("pthread_create");
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	return 0;
}
