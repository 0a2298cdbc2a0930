// SPDX-License-Identifier: MIT
/*
 * Threads that execute at once, each with an environment of its own, in
 * argv[2] rounds one after the other, each a child process: argv[1] threads
 * each call execveat(2) on a path that is not there (ENOENT) in a loop,
 * thread i with "T<i>=1" as its whole environment, while the child's main
 * thread executes argv[3] (its arguments after it) with "FINAL=1" as its
 * whole environment. A program that prints its environment (env) prints
 * FINAL=1 alone each round, whatever the other threads passed meanwhile.
 */
#include "guest.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/wait.h>

static int started;

static void *worker(void *arg)
{
	char var[16], *env[] = { var, NULL }, *args[] = { "none", NULL };

	snprintf(var, sizeof(var), "T%ld=1", (long)(intptr_t)arg);
	__atomic_add_fetch(&started, 1, __ATOMIC_RELEASE);
	for (;;)
		if (syscall(SYS_execveat, AT_FDCWD, "/nonexistent/hytrace-exec-env-race", args, env,
			    0) != -1 ||
		    errno != ENOENT)
			die("execveat: %s", strerror(errno));
	return NULL;
}

static void round_(int n, char **argv)
{
	char *env[] = { "FINAL=1", NULL };
	pthread_t t;

	for (long i = 0; i < n; i++)
		if (pthread_create(&t, NULL, worker, (void *)(intptr_t)i))
			die("pthread_create");
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < n)
		sched_yield();
	syscall(SYS_execve, argv[0], argv, env);
	die("execve %s: %s", argv[0], strerror(errno));
}

int main(int argc, char **argv)
{
	int n, rounds, status;
	pid_t pid;

	if (argc < 4 || (n = atoi(argv[1])) < 1 || (rounds = atoi(argv[2])) < 1)
		die("usage: exec_env_race THREADS ROUNDS PROGRAM [ARG...]");
	for (int r = 0; r < rounds; r++) {
		fflush(stdout);
		if ((pid = fork()) < 0)
			die("fork: %s", strerror(errno));
		if (!pid)
			round_(n, argv + 3);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
			die("round %d: status %#x", r, status);
	}
	return 0;
}
