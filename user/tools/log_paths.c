// SPDX-License-Identifier: MIT
/* strace -P for the log tool: see log_paths.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
	char *quoted[MAX_PATHS * 2]; /* "PATH" as printed, and its resolved spelling */
	int n;
	struct open_fd *fds;
	size_t nfds, cap;
};

/* Calls whose first argument is a descriptor (mmap's is the fifth). */
static const char *const fd_first[] = {
	"read",
	"write",
	"pread64",
	"pwrite64",
	"readv",
	"writev",
	"preadv",
	"pwritev",
	"preadv2",
	"pwritev2",
	"close",
	"fstat",
	"newfstatat",
	"statx",
	"lseek",
	"ioctl",
	"fcntl",
	"flock",
	"fsync",
	"fdatasync",
	"ftruncate",
	"getdents64",
	"getdents",
	"fchmod",
	"fchown",
	"fchdir",
	"fstatfs",
	"fadvise64",
	"fallocate",
	"sendfile",
	"dup",
	"dup2",
	"dup3",
	"readahead",
	"sync_file_range",
	"fgetxattr",
	"fsetxattr",
	"flistxattr",
	"fremovexattr",
	"openat",
	"openat2",
	"faccessat",
	"faccessat2",
	"readlinkat",
	"unlinkat",
	"mkdirat",
	"fchmodat",
	"fchownat",
	"utimensat",
	"renameat",
	"renameat2",
	"linkat",
	"symlinkat",
	"mknodat",
	"copy_file_range",
	"splice",
	"tee",
	"vmsplice",
	"syncfs",
	"fstatfs",
	"inotify_add_watch",
	"name_to_handle_at",
	"execveat",
	"close_range",
	"mmap",
};

static char *quote(const char *path)
{
	char *q;

	return asprintf(&q, "\"%s\"", path) < 0 ? NULL : q;
}

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
		if (!(p->quoted[p->n++] = quote(values[i])))
			return hy_fail(ctx, -ENOMEM, "out of memory");
		/* strace resolves PATH too: a link's target is the same file */
		if (realpath(values[i], real) && strcmp(real, values[i]) &&
		    !(p->quoted[p->n++] = quote(real)))
			return hy_fail(ctx, -ENOMEM, "out of memory");
	}
	return 0;
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

static bool takes_fd(const char *name)
{
	for (size_t i = 0; i < sizeof(fd_first) / sizeof(fd_first[0]); i++)
		if (!strcmp(name, fd_first[i]))
			return true;
	return false;
}

bool log_paths_match(struct log_paths *p, const struct hy_event *ev, unsigned int strsize)
{
	const char *name = hy_event_name(ev);
	int pid = hy_event_pid(ev);
	int64_t ret = hy_event_return(ev);
	bool ok = ret >= 0 && !(hy_event_flags(ev) & HY_EV_UNFINISHED);
	char buf[8192], res[64];
	bool hit = false;
	int fd;

	if (!p)
		return true;
	if (!name)
		return false;
	fd = (int)hy_event_arg(ev, !strcmp(name, "mmap") ? 4 : 0);
	if (takes_fd(name) && find_fd(p, pid, fd) >= 0)
		hit = true;
	if (!hit) {
		bool exec = !strcmp(name, "execve") || !strcmp(name, "execveat");

		hy_event_format_call(ev, buf, sizeof(buf), strsize, res, sizeof(res));
		/* strace looks at execve's file name, not at the strings of its argv */
		if (exec && strstr(buf, ", ["))
			*strstr(buf, ", [") = 0;
		for (int i = 0; i < p->n && !hit; i++)
			hit = strstr(buf, p->quoted[i]) != NULL;
	}
	if (!hit)
		return false;
	if (ok && (!strcmp(name, "open") || !strcmp(name, "openat") || !strcmp(name, "openat2") ||
		   !strcmp(name, "creat") || !strcmp(name, "dup") || !strcmp(name, "dup2") ||
		   !strcmp(name, "dup3") ||
		   (!strcmp(name, "fcntl") &&
		    (hy_event_arg(ev, 1) == F_DUPFD || hy_event_arg(ev, 1) == F_DUPFD_CLOEXEC))))
		add_fd(p, pid, (int)ret);
	if (!strcmp(name, "close"))
		del_fd(p, pid, fd);
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
		free(p->quoted[i]);
	free(p->fds);
	free(p);
}
