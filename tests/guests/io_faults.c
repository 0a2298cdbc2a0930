// SPDX-License-Identifier: MIT
/*
 * What a fault injector did, as the guest saw it. argv[2] times (default 100):
 * openat argv[1] (a file of at least 64 bytes), read 64 bytes, close. Prints one
 * character per round, '.' all well, 'o' openat failed, 'r' read failed, 's' the
 * read was short, then " errno=N" (the last error, 0 for none) and a newline.
 * With argv[3] = "fork" the rounds run in a forked child (which runs no dynamic
 * loader and so makes exactly these calls) and the parent exits with its status.
 * The report is written with retries, so a fault on write does not lose it.
 */
#include "guest.h"

#include <fcntl.h>
#include <sys/wait.h>

static int rounds(const char *path, long n)
{
	char *report = malloc(n + 32), buf[64];
	int last_errno = 0;
	long len, done = 0;

	if (!report)
		die("out of memory");
	for (long i = 0; i < n; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY), got;

		if (fd < 0) {
			last_errno = errno;
			report[i] = 'o';
			continue;
		}
		got = syscall(SYS_read, fd, buf, sizeof(buf));
		if (got < 0)
			last_errno = errno;
		report[i] = got < 0 ? 'r' : got < (long)sizeof(buf) ? 's' : '.';
		syscall(SYS_close, fd);
	}
	len = n + snprintf(report + n, 32, " errno=%d\n", last_errno);
	for (int tries = 0; done < len && tries < 1000; tries++) {
		long w = syscall(SYS_write, 1, report + done, len - done);

		if (w > 0)
			done += w;
	}
	return done == len ? 0 : 1;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 100;
	int status;
	pid_t pid;

	if (argc < 2)
		die("usage: io_faults FILE [ROUNDS [fork]]");
	if (argc < 4 || strcmp(argv[3], "fork"))
		return rounds(argv[1], n);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0)
		_exit(rounds(argv[1], n));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		die("the child was lost");
	return WEXITSTATUS(status);
}
