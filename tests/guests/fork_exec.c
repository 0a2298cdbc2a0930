// SPDX-License-Identifier: MIT
/*
 * A program that runs another: its own getppid, a fork that executes argv[1]
 * with the rest as its arguments, waited for, and getppid again. Linked
 * statically by the tests of static programs on the guest backend.
 */
#include "guest.h"

#include <sys/wait.h>

int main(int argc, char **argv)
{
	int status = 0;
	pid_t p;

	printf("fork_exec getppid %ld\n", syscall(SYS_getppid));
	fflush(stdout);
	if (argc < 2)
		return 0;
	p = fork();
	if (p < 0)
		die("fork: %s", strerror(errno));
	if (p == 0) {
		execv(argv[1], argv + 1);
		die("execv %s: %s", argv[1], strerror(errno));
	}
	if (waitpid(p, &status, 0) != p)
		die("waitpid: %s", strerror(errno));
	printf("fork_exec getppid %ld\n", syscall(SYS_getppid));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 98;
}
