// SPDX-License-Identifier: MIT
/* The launched command's start, shared by the backends (launch.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "inherited.h"
#include "launch.h"
#include "session.h"

static void say(const char *msg, int status)
{
	if (write(2, msg, strlen(msg)) < 0)
		_exit(status);
}

static void child(const struct hy_session *s, const char *path, char *const argv[],
		  const struct hy_launch_ops *ops, int go)
{
	char c, msg[512];
	int status;

	/* until hytrace follows it: nothing of the command runs unseen */
	if (read(go, &c, 1) != 1)
		_exit(127);
	close(go);
	hy_inherited_restore(&s->inherited);
	if (ops->prepare && (status = ops->prepare(s, ops->ctx)))
		_exit(status);
	/* strace -u: what the backend set up (as root) is in place, then the user's identity */
	if (s->opts.run_as_user && (setgroups(s->opts.ngroups, s->opts.groups) ||
				    setgid(s->opts.gid) || setuid(s->opts.uid))) {
		say("hytrace: cannot become the -u user\n", 126);
		_exit(126);
	}
	execv(path, argv);
	status = errno == ENOENT ? 127 : 126;
	snprintf(msg, sizeof(msg), "hytrace: %s: %s\n", path, strerror(errno));
	say(msg, status);
	_exit(status);
}

int hy_launch(struct hy_session *s, const char *path, char *const argv[],
	      const struct hy_launch_ops *ops, pid_t *out)
{
	int go[2], err;
	pid_t pid;

	if (pipe2(go, O_CLOEXEC))
		return hy_error(-errno, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(go[0]);
		close(go[1]);
		return hy_error(err, "fork: %s", strerror(-err));
	}
	if (pid == 0) {
		close(go[1]);
		child(s, path, argv, ops, go[0]);
	}
	close(go[0]);
	if (ops->ready && (err = ops->ready(s, pid, ops->ctx))) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		close(go[1]);
		return err;
	}
	if (write(go[1], "g", 1) != 1) {
		err = -errno;
		close(go[1]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		return hy_error(err, "cannot start the command: %s", strerror(-err));
	}
	close(go[1]);
	*out = pid;
	return 0;
}
