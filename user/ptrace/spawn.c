// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "kernel_recorder.h"
#include "launch.h"
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

struct spawn_ctx {
	const struct sock_fprog *filter;
};

/* In the child: the filter, before -u drops the privilege to install it. */
static int install_filter(const struct hy_session *s, void *ctx)
{
	const struct spawn_ctx *c = ctx;

	(void)s;
	if (c->filter && hy_seccomp_install(c->filter)) {
		static const char msg[] = "hytrace: cannot install the seccomp filter\n";

		if (write(2, msg, sizeof(msg) - 1) < 0)
			return 127;
		return 127;
	}
	return 0;
}

/* In hytrace: traced and recorded before the child goes on. */
static int seize(struct hy_session *s, pid_t pid, void *ctx)
{
	int err;

	(void)ctx;
	/* -k: a stop as each task exits, to unwind its last stacks before its mappings go */
	if (ptrace(PTRACE_SEIZE, pid, 0, TRACE_OPTIONS | (s->stacks ? PTRACE_O_TRACEEXIT : 0)))
		return hy_error(-errno, "cannot trace the command (ptrace: %s)", strerror(errno));
	if ((s->krec && (err = hy_krec_add_guest(s->krec, pid, true, true))) ||
	    (s->prod->agg && (err = hy_agg_add_task(s->prod->agg, pid, true))))
		return err;
	return 0;
}

int hy_spawn(struct hy_session *s, const char *path, char *const argv[],
	     const struct sock_fprog *filter, pid_t *out)
{
	struct spawn_ctx c = { filter };
	const struct hy_launch_ops ops = { .prepare = install_filter, .ready = seize, .ctx = &c };

	return hy_launch(s, path, argv, &ops, out);
}
