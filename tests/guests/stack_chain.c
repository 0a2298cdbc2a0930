// SPDX-License-Identifier: MIT
/*
 * A known call chain for -k: main -> run -> thread_main -> chain_a -> chain_b ->
 * openat(PATH): in the main thread ("chain"), in a new thread ("thread"), in a
 * forked child ("fork"), or after executing itself ("exec"); "all" runs each,
 * opening /dev/null, /dev/zero, /dev/full, then /dev/urandom after the exec, so
 * one run of a tracer sees them all. Built without frame pointers (this file's
 * default, as Debian builds its binaries) and with them, PIE and not, dynamic
 * and static (Makefile).
 * Usage: stack_chain chain|thread|fork|exec PATH, or stack_chain all
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

__attribute__((noinline)) static void run(const char *mode, const char *self)
{
	pthread_t t;
	pid_t child;
	int status;

	if (!strcmp(mode, "chain")) {
		thread_main(NULL);
	} else if (!strcmp(mode, "thread")) {
		if (pthread_create(&t, NULL, thread_main, NULL) || pthread_join(t, NULL))
			die("pthread");
	} else if (!strcmp(mode, "fork")) {
		child = fork();
		if (child == 0) {
			thread_main(NULL);
			_exit(0);
		}
		if (child < 0 || waitpid(child, &status, 0) != child || status)
			die("fork");
	} else if (!strcmp(mode, "exec")) {
		execl("/proc/self/exe", self, "chain", path, (char *)NULL);
		die("exec: %s", strerror(errno));
	} else {
		die("unknown mode %s", mode);
	}
}

int main(int argc, char **argv)
{
	static const char *const all[][2] = {
		{ "chain", "/dev/null" },
		{ "thread", "/dev/zero" },
		{ "fork", "/dev/full" },
		{ "exec", "/dev/urandom" }, /* last: the program is gone after it */
	};

	if (argc == 2 && !strcmp(argv[1], "all")) {
		for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
			path = all[i][1];
			run(all[i][0], argv[0]);
		}
		return 0;
	}
	if (argc != 3)
		die("usage: stack_chain chain|thread|fork|exec PATH, or stack_chain all");
	path = argv[2];
	run(argv[1], argv[0]);
	return 0;
}
