// SPDX-License-Identifier: MIT
/*
 * A program for gdb to debug under hytrace --gdbserver:
 *   debugee N [THREADS] [ask]
 * work(N) adds 1..N (a function to break in, arguments and locals to read, lines
 * to step through); with THREADS, that many threads wait at a barrier while
 * the main thread is in all_started(); with "ask", ask_parent() calls getppid
 * (a call for a tool to break). Exits with work(N)'s result modulo 128.
 */
#include "guest.h"

#include <pthread.h>

static pthread_barrier_t started, done;
volatile int counter;

__attribute__((noinline)) int work(int n)
{
	int sum = 0;

	for (int i = 1; i <= n; i++)
		sum += i;
	counter = sum;
	return sum;
}

__attribute__((noinline)) void all_started(int threads)
{
	counter = threads;
}

__attribute__((noinline)) long ask_parent(void)
{
	return syscall(SYS_getppid);
}

static void *waiter(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&started);
	pthread_barrier_wait(&done);
	return NULL;
}

static void run_threads(int n)
{
	pthread_t t[64];

	if (n > 64)
		n = 64;
	pthread_barrier_init(&started, NULL, n + 1);
	pthread_barrier_init(&done, NULL, n + 1);
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	pthread_barrier_wait(&started);
	all_started(n);
	pthread_barrier_wait(&done);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5, r;

	if (argc > 2 && atoi(argv[2]) > 0)
		run_threads(atoi(argv[2]));
	if (argc > 3 && !strcmp(argv[3], "ask"))
		printf("ask_parent() = %ld\n", ask_parent());
	r = work(n);
	printf("work(%d) = %d\n", n, r);
	return r % 128;
}
