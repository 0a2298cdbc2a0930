// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "kernel_recorder.h"
#include "production.h"
#include "ptrace/seccomp_filter.h"
#include "session.h"
#include "ptrace/spawn.h"

#define TRACE_OPTIONS                                                                              \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK |                      \
	 PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)

static int check_exec(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (access(path, X_OK))
		return -EACCES;
	return 0;
}

int hy_which(const char *name, char *path, size_t size)
{
	const char *env = getenv("PATH");
	char *dirs, *save = NULL;
	int first_err = -ENOENT;

	if (!name || !*name)
		return hy_error(-ENOENT, "no command given");
	if (strchr(name, '/')) {
		int err = check_exec(name);

		snprintf(path, size, "%s", name);
		if (err)
			return hy_error(err, "%s: %s", name, strerror(-err));
		return 0;
	}
	dirs = strdup(env && *env ? env : "/usr/local/bin:/usr/bin:/bin");
	if (!dirs)
		return hy_error(-ENOMEM, "out of memory");
	for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		int err;

		snprintf(path, size, "%s/%s", *d ? d : ".", name);
		err = check_exec(path);
		if (!err) {
			free(dirs);
			return 0;
		}
		if (err == -EACCES && first_err == -ENOENT)
			first_err = err;
	}
	free(dirs);
	if (first_err == -EACCES)
		return hy_error(-EACCES, "%s: Permission denied", name);
	return hy_error(-ENOENT, "%s: command not found", name);
}

int hy_spawn(struct hy_session *s, const char *path, char *const argv[],
	     const struct sock_fprog *filter, pid_t *out)
{
	int go[2];
	pid_t pid;
	char c = 0;
	int err;

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
		/* the child: wait for the tracer, then become the command */
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		close(go[0]);
		hy_inherited_restore(&s->inherited);
		if (filter && hy_seccomp_install(filter)) {
			static const char msg[] = "hytrace: cannot install the seccomp filter\n";

			if (write(2, msg, sizeof(msg) - 1) < 0)
				_exit(127);
			_exit(127);
		}
		/* strace -u: the filter is in place (as root), then the user's identity */
		if (s->opts.run_as_user && (setgroups(s->opts.ngroups, s->opts.groups) ||
					    setgid(s->opts.gid) || setuid(s->opts.uid))) {
			static const char msg[] = "hytrace: cannot become the -u user\n";

			if (write(2, msg, sizeof(msg) - 1) < 0)
				_exit(126);
			_exit(126);
		}
		execv(path, argv);
		{
			char msg[512];
			int n = snprintf(msg, sizeof(msg), "hytrace: %s: %s\n", path,
					 strerror(errno));

			if (write(2, msg, n) < 0)
				_exit(127);
		}
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(go[0]);
	/* -k: a stop as each task exits, to unwind its last stacks before its mappings go */
	if (ptrace(PTRACE_SEIZE, pid, 0, TRACE_OPTIONS | (s->stacks ? PTRACE_O_TRACEEXIT : 0))) {
		err = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(go[1]);
		return hy_error(err, "cannot trace the command (ptrace: %s)", strerror(-err));
	}
	if ((s->krec && (err = hy_krec_add_guest(s->krec, pid, true, true))) ||
	    (s->prod->agg && (err = hy_agg_add_task(s->prod->agg, pid, true)))) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		close(go[1]);
		return err;
	}
	if (write(go[1], &c, 1) != 1) {
		err = -errno;
		close(go[1]);
		return hy_error(err, "cannot start the command: %s", strerror(-err));
	}
	close(go[1]);
	*out = pid;
	return 0;
}
