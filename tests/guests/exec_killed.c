// SPDX-License-Identifier: MIT
/*
 * Children killed inside their execve: N times a fork executes argv[2] (the
 * rest its arguments) and is sent SIGKILL as soon as its program has changed
 * (/proc/PID/exe, past the kernel's point of no return), before a tracer can
 * have handled its exec; each is waited for. Says how many died so. Linked
 * statically by the test of a hand-off lost to a killed exec.
 */
#include "guest.h"

#include <limits.h>
#include <signal.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	char self[PATH_MAX], exe[PATH_MAX], link[64];
	int n = argc > 2 ? atoi(argv[1]) : 0, killed = 0;
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0 || len <= 0)
		die("usage: exec_killed N PROGRAM [ARG...]");
	self[len] = 0;
	for (int i = 0; i < n; i++) {
		int status;
		pid_t p = fork();

		if (p < 0)
			die("fork: %s", strerror(errno));
		if (p == 0) {
			execv(argv[2], argv + 2);
			_exit(127);
		}
		snprintf(link, sizeof(link), "/proc/%d/exe", p);
		for (;;) {
			len = readlink(link, exe, sizeof(exe) - 1);
			if (len <= 0)
				break; /* gone already */
			exe[len] = 0;
			if (strcmp(exe, self)) {
				kill(p, SIGKILL);
				break;
			}
		}
		if (waitpid(p, &status, 0) != p)
			die("waitpid: %s", strerror(errno));
		killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	}
	printf("exec_killed %d of %d\n", killed, n);
	return 0;
}
