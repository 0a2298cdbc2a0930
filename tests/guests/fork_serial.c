// SPDX-License-Identifier: MIT
/*
 * Fork argv[1] children one after another; each calls getppid once and exits
 * 0, and is reaped before the next is forked: many processes, few at a time.
 */
#include "guest.h"

#include <sys/wait.h>

int main(int argc, char **argv)
{
	long children = argc > 1 ? atol(argv[1]) : 1;

	for (long i = 0; i < children; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			syscall(SYS_getppid);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid || status)
			die("child %ld lost", i);
	}
	return 0;
}
