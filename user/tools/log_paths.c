// SPDX-License-Identifier: MIT
/* strace -P for the log tool: see log_paths.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log_paths.h"

#define MAX_PATHS 64

/* A descriptor of a process that refers to one of the paths. */
struct open_fd {
	int pid, fd;
};

struct log_paths {
	char *paths[MAX_PATHS * 2]; /* PATH as given, and its resolved spelling */
	int n;
	struct open_fd *fds;
	size_t nfds, cap;
};

int log_paths_init(struct hy_ctx *ctx, struct log_paths **out, int nopts, const char *const *keys,
		   const char *const *values)
{
	struct log_paths *p = NULL;

	*out = NULL;
	for (int i = 0; i < nopts; i++) {
		char real[PATH_MAX];

		if (strcmp(keys[i], "path") || !values[i])
			continue;
		if (!p && !(p = calloc(1, sizeof(*p))))
			return hy_fail(ctx, -ENOMEM, "out of memory");
		*out = p;
		if (p->n >= MAX_PATHS * 2 - 1)
			return hy_fail(ctx, -EINVAL, "more than %d paths", MAX_PATHS);
		if (!(p->paths[p->n++] = strdup(values[i])))
			return hy_fail(ctx, -ENOMEM, "out of memory");
		/* strace resolves PATH too: a link's target is the same file */
		if (realpath(values[i], real) && strcmp(real, values[i]) &&
		    !(p->paths[p->n++] = strdup(real)))
			return hy_fail(ctx, -ENOMEM, "out of memory");
	}
	return 0;
}

const char *const *log_paths_list(const struct log_paths *p, int *n)
{
	*n = p ? p->n : 0;
	return p ? (const char *const *)p->paths : NULL;
}

static ssize_t find_fd(const struct log_paths *p, int pid, int fd)
{
	for (size_t i = 0; i < p->nfds; i++)
		if (p->fds[i].pid == pid && p->fds[i].fd == fd)
			return i;
	return -1;
}

static void add_fd(struct log_paths *p, int pid, int fd)
{
	if (fd < 0 || find_fd(p, pid, fd) >= 0)
		return;
	if (p->nfds == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		struct open_fd *v = realloc(p->fds, cap * sizeof(*v));

		if (!v)
			return;
		p->fds = v;
		p->cap = cap;
	}
	p->fds[p->nfds++] = (struct open_fd){ pid, fd };
}

static void del_fd(struct log_paths *p, int pid, int fd)
{
	ssize_t i = find_fd(p, pid, fd);

	if (i >= 0)
		p->fds[i] = p->fds[--p->nfds];
}

static bool one_of(const struct log_paths *p, const char *path)
{
	for (int i = 0; i < p->n; i++)
		if (!strcmp(path, p->paths[i]))
			return true;
	return false;
}

bool log_paths_match(struct log_paths *p, const struct hy_event *ev)
{
	unsigned int file = hy_syscall_file_args(hy_event_abi(ev), hy_event_nr(ev));
	int pid = hy_event_pid(ev);
	int64_t ret = hy_event_return(ev);
	bool ok = ret >= 0 && !(hy_event_flags(ev) & HY_EV_UNFINISHED);
	uint64_t cmd = hy_event_arg(ev, 1);
	char path[PATH_MAX + 1];
	bool hit = false;

	if (!p)
		return true;
	for (int i = 0; i < 6 && !hit; i++) {
		if ((file & HY_FILE_PATH(i)) && hy_event_str(ev, i, path, sizeof(path)) >= 0)
			hit = one_of(p, path);
		if ((file & HY_FILE_FD(i)) && find_fd(p, pid, (int)hy_event_arg(ev, i)) >= 0)
			hit = true;
	}
	if (!hit)
		return false;
	if (ok && ((file & (HY_FILE_OPENS | HY_FILE_DUPS)) ||
		   ((file & HY_FILE_FCNTL_DUPS) && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))))
		add_fd(p, pid, (int)ret);
	if (file & HY_FILE_CLOSES)
		del_fd(p, pid, (int)hy_event_arg(ev, 0));
	return true;
}

void log_paths_forget(struct log_paths *p, int tid)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nfds;)
		if (p->fds[i].pid == tid)
			p->fds[i] = p->fds[--p->nfds];
		else
			i++;
}

void log_paths_free(struct log_paths *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		free(p->paths[i]);
	free(p->fds);
	free(p);
}
