// SPDX-License-Identifier: MIT
/*
 * A program for gdb to debug under hytrace --gdbserver:
 *   debugee N [THREADS [WORD...]]
 * work(N) adds 1..N (a function to break in, arguments and locals to read, lines
 * to step through); with THREADS, that many threads wait at a barrier while
 * the main thread is in all_started(). Words: "ask": ask_parent() calls
 * getppid (a call for a tool to break); "usr1": raise SIGUSR1, whose handler
 * prints "got SIGUSR1"; "tsc": print an RDTSC; "fork": a child runs work(3)
 * and exits with its result; "spin": loop (no syscall) until gdb sets
 * spinning to 0, 3 s at most. Exits with work(N) modulo 128.
 */
#include "guest.h"

#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <x86intrin.h>

static pthread_barrier_t started, done;
volatile int counter;
volatile int spinning = 1;

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

static void on_usr1(int sig)
{
	(void)sig;
	write(1, "got SIGUSR1\n", 12);
}

static void do_word(const char *w)
{
	if (!strcmp(w, "ask")) {
		printf("ask_parent() = %ld\n", ask_parent());
	} else if (!strcmp(w, "usr1")) {
		signal(SIGUSR1, on_usr1);
		fflush(stdout);
		raise(SIGUSR1);
	} else if (!strcmp(w, "fork")) {
		pid_t p = fork();
		int status;

		if (p == 0)
			_exit(work(3));
		waitpid(p, &status, 0);
		if (WIFEXITED(status))
			printf("child exited %d\n", WEXITSTATUS(status));
		else
			printf("child killed by signal %d\n", WTERMSIG(status));
	} else if (!strcmp(w, "spin")) {
		time_t end = time(NULL) + 3;

		for (unsigned long i = 0; spinning; i++)
			if (!(i & 0xffffff) && time(NULL) > end)
				break;
		printf("spun%s\n", spinning ? " until the time limit" : "");
	} else if (!strcmp(w, "tsc")) {
		printf("tsc %llu\n", (unsigned long long)__rdtsc());
	}
	fflush(stdout);
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
	for (int i = 3; i < argc; i++)
		do_word(argv[i]);
	r = work(n);
	printf("work(%d) = %d\n", n, r);
	return r % 128;
}
