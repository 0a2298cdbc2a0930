// SPDX-License-Identifier: MIT
/*
 * A process to attach to: prints "ready", waits for SIGUSR1, then calls getppid
 * argv[1] times (default 1000) and exits with 5. With argv[1] = "forever" it
 * calls getppid every millisecond until killed.
 */
#include "guest.h"

#include <signal.h>
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
	getppid_loop(argc > 1 ? atol(argv[1]) : 1000);
	return 5;
}
