// SPDX-License-Identifier: MIT
/*
 * A tree where one process waits and the others work: process 0 calls getsid
 * argv[2] times (a test delays each); processes 1..argv[1]-1 each fork and reap
 * argv[3] children and call getppid in between. Each prints how long it took:
 * "slow N ms" / "fast N ms". Under a tracer whose waits hold everyone, the fast
 * ones take as long as the slow one.
 */
#include <sys/wait.h>
#include <time.h>

#include "guest.h"

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void slow(long calls)
{
	for (long i = 0; i < calls; i++)
		syscall(SYS_getsid, 0);
}

static void fast(long forks)
{
	for (long i = 0; i < forks; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (!pid)
			_exit(0);
		waitpid(pid, NULL, 0);
		getppid_loop(10);
	}
}

int main(int argc, char **argv)
{
	int procs = argc > 1 ? atoi(argv[1]) : 8;
	long calls = argc > 2 ? atol(argv[2]) : 2, forks = argc > 3 ? atol(argv[3]) : 20;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid)
			continue;
		if (i == 0)
			slow(calls);
		else
			fast(forks);
		printf("%s %ld ms\n", i ? "fast" : "slow", ms_since(&t0));
		fflush(stdout);
		_exit(0);
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
