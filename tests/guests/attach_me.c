// SPDX-License-Identifier: MIT
/*
 * A process to attach to: prints "ready", waits for SIGUSR1, then calls getppid
 * argv[1] times (default 1000) and exits with 5. With argv[1] = "forever" it
 * calls getppid every millisecond until killed. With argv[1] = "child", after
 * SIGUSR1 it forks a child that exits with 3, waits for it, and exits with 5:
 * the child's SIGCHLD is ignored by default.
 */
#include "guest.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t go;

static void on_usr1(int sig)
{
	(void)sig;
	go = 1;
}

int main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	sigset_t none;

	if (argc > 1 && !strcmp(argv[1], "forever")) {
		printf("ready\n");
		fflush(stdout);
		for (;;) {
			syscall(SYS_getppid);
			nanosleep(&ms, NULL);
		}
	}
	signal(SIGUSR1, on_usr1);
	printf("ready\n");
	fflush(stdout);
	sigemptyset(&none);
	while (!go)
		sigsuspend(&none);
	if (argc > 1 && !strcmp(argv[1], "child")) {
		pid_t c = fork();

		if (c == 0)
			_exit(3);
		waitpid(c, NULL, 0);
		return 5;
	}
	getppid_loop(argc > 1 ? atol(argv[1]) : 1000);
	return 5;
}
