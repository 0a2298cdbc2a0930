// SPDX-License-Identifier: MIT
/*
 * A tree where one process waits and the others work: processes 1..argv[1]-1
 * each fork and reap argv[2] children and call getppid in between, while
 * process 0 calls getsid (a test delays each) until all of them are done.
 * Each prints how long it took: "slow N ms M calls" / "fast N ms". Under a
 * tracer whose waits hold everyone, the others advance a call or so per delay,
 * and the slow one makes as many calls.
 */
#include <limits.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "guest.h"

/* Shared by the tree: the workers start once the slow one is about to call. */
struct shared {
	int go;
	int done;
};

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static long slow(struct shared *sh, int workers)
{
	long calls = 0;

	__atomic_store_n(&sh->go, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &sh->go, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	do {
		syscall(SYS_getsid, 0);
		calls++;
	} while (__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE) < workers);
	return calls;
}

static void fast(struct shared *sh, long forks)
{
	while (!__atomic_load_n(&sh->go, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &sh->go, FUTEX_WAIT, 0, NULL, NULL, 0);
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
	long forks = argc > 2 ? atol(argv[2]) : 20;
	struct shared *sh;
	struct timespec t0;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid)
			continue;
		if (i == 0) {
			long calls = slow(sh, procs - 1);

			printf("slow %ld ms %ld calls\n", ms_since(&t0), calls);
		} else {
			fast(sh, forks);
			printf("fast %ld ms\n", ms_since(&t0));
			fflush(stdout);
			__atomic_add_fetch(&sh->done, 1, __ATOMIC_RELEASE);
		}
		fflush(stdout);
		_exit(0);
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
