// SPDX-License-Identifier: MIT
/*
 * A known call chain for -k: main -> chain_a -> chain_b -> openat(PATH), in the
 * main thread ("chain"), in a new thread ("thread"), or after executing itself
 * ("exec"), or in a forked child ("fork"). Built without frame pointers (this file's default, as Debian builds
 * its binaries) and with them, PIE and not, dynamic and static (Makefile).
 * Usage: stack_chain chain|thread|exec|fork PATH
 */
#include "guest.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/wait.h>

static const char *path;

/* noinline, and work after each call: neither inlined nor a tail call, so each is a frame */
__attribute__((noinline)) int chain_b(void)
{
	int fd = openat(AT_FDCWD, path, O_RDONLY);

	__asm__ volatile("" ::: "memory");
	return fd;
}

__attribute__((noinline)) int chain_a(void)
{
	int fd = chain_b();

	__asm__ volatile("" ::: "memory");
	return fd;
}

static void *thread_main(void *arg)
{
	(void)arg;
	if (chain_a() < 0)
		die("openat %s: %s", path, strerror(errno));
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	pid_t child;
	int status;

	if (argc != 3)
		die("usage: stack_chain chain|thread|exec|fork PATH");
	path = argv[2];
	if (!strcmp(argv[1], "chain")) {
		thread_main(NULL);
	} else if (!strcmp(argv[1], "thread")) {
		if (pthread_create(&t, NULL, thread_main, NULL) || pthread_join(t, NULL))
			die("pthread");
	} else if (!strcmp(argv[1], "fork")) {
		child = fork();
		if (child == 0) {
			thread_main(NULL);
			_exit(0);
		}
		if (child < 0 || waitpid(child, &status, 0) != child || status)
			die("fork");
	} else if (!strcmp(argv[1], "exec")) {
		execl("/proc/self/exe", argv[0], "chain", path, (char *)NULL);
		die("exec: %s", strerror(errno));
	} else {
		die("unknown mode %s", argv[1]);
	}
	return 0;
}
