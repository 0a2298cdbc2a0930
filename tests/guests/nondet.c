// SPDX-License-Identifier: MIT
/*
 * Prints what differs from run to run: clocks (through libc, so the vDSO),
 * the TSC, random bytes, process and thread ids, a child's id from fork and
 * wait, and whether kill(getpid()) reaches this process. Under the
 * deterministic tool two runs print the same bytes.
 */
#include "guest.h"

#include <pthread.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <x86intrin.h>

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void clocks(void)
{
	struct timespec m1, m2, r;
	struct timeval tv;
	unsigned int aux;

	clock_gettime(CLOCK_MONOTONIC, &m1);
	clock_gettime(CLOCK_REALTIME, &r);
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_MONOTONIC, &m2);
	printf("monotonic %lld.%09ld then %lld.%09ld (%s)\n", (long long)m1.tv_sec, m1.tv_nsec,
	       (long long)m2.tv_sec, m2.tv_nsec,
	       m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec > m1.tv_nsec) ?
		       "increasing" :
		       "NOT increasing");
	printf("realtime %lld.%09ld gettimeofday %lld.%06ld time %lld\n", (long long)r.tv_sec,
	       r.tv_nsec, (long long)tv.tv_sec, (long)tv.tv_usec, (long long)time(NULL));
	printf("tsc %llu tscp %llu\n", (unsigned long long)__rdtsc(),
	       (unsigned long long)__rdtscp(&aux));
}

static void randomness(void)
{
	unsigned char b[16];

	if (getrandom(b, sizeof(b), 0) != sizeof(b))
		die("getrandom: %s", strerror(errno));
	printf("random ");
	for (size_t i = 0; i < sizeof(b); i++)
		printf("%02x", b[i]);
	srand(time(NULL) ^ getpid());
	printf(" rand %d\n", rand());
}

static void *thread_main(void *arg)
{
	(void)arg;
	printf("thread tid %ld\n", (long)syscall(SYS_gettid));
	return NULL;
}

static void ids(void)
{
	pthread_t t;
	int status;
	pid_t child, waited;

	printf("pid %d ppid %d tid %ld\n", getpid(), getppid(), (long)syscall(SYS_gettid));
	fflush(stdout);
	child = fork();
	if (child == 0) {
		printf("child pid %d ppid %d\n", getpid(), getppid());
		exit(7);
	}
	waited = waitpid(child, &status, 0);
	printf("forked %s, waited %s, status %d\n", child == waited ? "the child" : "ANOTHER",
	       waited > 0 ? "ok" : "FAILED", WEXITSTATUS(status));
	printf("child was %d\n", child);
	fflush(stdout);
	pthread_create(&t, NULL, thread_main, NULL);
	pthread_join(t, NULL);
	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	printf("kill(getpid()) %s\n", got_usr1 ? "reached us" : "DID NOT reach us");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	clocks();
	randomness();
	ids();
	clocks();
	return 0;
}
