// SPDX-License-Identifier: MIT
/*
 * strace's -o |CMD (and -o !CMD): the log into a shell command's standard input.
 *
 * The command must not be hytrace's child: the tracer waits for any child
 * (waitpid(-1)) and would reap it, and it would keep that wait from ever seeing
 * "no child left". So a child forks the shell and exits at once, and the shell,
 * adopted by init, holds the write end of a second pipe that nothing else has:
 * its end of file tells hytrace that the command is done, as strace's pclose()
 * waits for it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <paths.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static void close_both(int p[2])
{
	close(p[0]);
	close(p[1]);
}

FILE *cli_pipe_open(const char *cmd, int *done_fd)
{
	int data[2], done[2], status;
	pid_t pid;
	FILE *f;

	if (pipe2(data, O_CLOEXEC))
		return NULL;
	if (pipe2(done, O_CLOEXEC)) {
		close_both(data);
		return NULL;
	}
	pid = fork();
	if (pid == 0) {
		if (fork() != 0)
			_exit(0); /* the shell's parent ends: init adopts it */
		/* the write end outlives the exec: its end of file is the command's end */
		if (dup2(data[0], 0) < 0 || fcntl(done[1], F_SETFD, 0) < 0)
			_exit(127);
		execl(_PATH_BSHELL, "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(data[0]);
	close(done[1]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || !(f = fdopen(data[1], "w"))) {
		int err = pid < 0 ? errno : EAGAIN;

		close(data[1]);
		close(done[0]);
		errno = err;
		return NULL;
	}
	*done_fd = done[0];
	return f;
}

/* Until the command has read everything and ended; a signal (Ctrl-C) ends the wait too. */
void cli_pipe_wait(int done_fd)
{
	char c;

	while (read(done_fd, &c, 1) > 0)
		;
	close(done_fd);
}
