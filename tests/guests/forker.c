// SPDX-License-Identifier: MIT
/*
 * Fork argv[1] children (default 1); each calls getppid argv[2] times (default
 * 500) and exits with status 3. The parent makes no getppid call and exits 0
 * after reaping them all.
 */
#include "guest.h"

#include <sys/wait.h>

int main(int argc, char **argv)
{
	int children = argc > 1 ? atoi(argv[1]) : 1;
	long calls = argc > 2 ? atol(argv[2]) : 500;

	for (int i = 0; i < children; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			getppid_loop(calls);
			_exit(3);
		}
	}
	for (int i = 0; i < children; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 3)
			die("a child did not exit with 3");
	}
	return 0;
}
