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

/*
 * A descriptor of a process that refers to one of the paths, from when a call
 * of the process opened it (0: it had it from its parent) until it was closed
 * (0: still open). The spans are kept after the close: a child's calls may be
 * told after its parent's later ones, and what the child inherited is what the
 * parent had when it forked.
 */
struct fd_span {
	int pid, fd;
	uint64_t opened, closed;
};

/* A process forked by another (log_paths_fork()). */
struct fork_link {
	int pid, ppid;
	uint64_t at;
};

struct log_paths {
	char **paths; /* PATH as given, and its resolved spelling */
	int n, npcap;
	struct fd_span *fds;
	size_t nfds, cap;
	struct fork_link *links;
	size_t nlinks, lcap;
};

/* A closed span older than this before the next close of its descriptor goes. */
#define SPAN_KEEP_NS 1000000000ull
/* Forks followed up to this many generations for one descriptor. */
#define MAX_GENERATIONS 64

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
		if (p->n + 2 > p->npcap) {
			int cap = p->npcap ? 2 * p->npcap : 16;
			char **v = realloc(p->paths, cap * sizeof(*v));

			if (!v)
				return hy_fail(ctx, -ENOMEM, "out of memory");
			p->paths = v;
			p->npcap = cap;
		}
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

/* Grow @v (of *@cap elements of @size) to hold one more than @n; false when out of memory. */
static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? 2 * *cap : 16;
	void *nv;

	if (n < *cap)
		return true;
	if (!(nv = realloc(*v, c * size)))
		return false;
	*v = nv;
	*cap = c;
	return true;
}

/* The span of @fd of @pid still open, or -1. */
static ssize_t open_span(const struct log_paths *p, int pid, int fd)
{
	for (size_t i = 0; i < p->nfds; i++)
		if (p->fds[i].pid == pid && p->fds[i].fd == fd && !p->fds[i].closed)
			return i;
	return -1;
}

static const struct fork_link *link_of(const struct log_paths *p, int pid)
{
	for (size_t i = 0; i < p->nlinks; i++)
		if (p->links[i].pid == pid)
			return &p->links[i];
	return NULL;
}

/*
 * Whether @fd of @pid referred to a path at @at: what the last of its own
 * opens and closes before @at says, else what its parent had when it forked.
 */
static bool fd_on_path(const struct log_paths *p, int pid, int fd, uint64_t at)
{
	size_t k = 0;

	/* no process ever had it: the fork chain is not walked (most calls) */
	while (k < p->nfds && p->fds[k].fd != fd)
		k++;
	if (k == p->nfds)
		return false;
	for (int gen = 0; gen < MAX_GENERATIONS; gen++) {
		const struct fork_link *l;
		uint64_t last = 0;
		int state = -1; /* -1: the process did nothing to it before @at */

		for (size_t i = 0; i < p->nfds; i++) {
			const struct fd_span *f = &p->fds[i];

			if (f->pid != pid || f->fd != fd)
				continue;
			if (f->opened && f->opened <= at && (state < 0 || f->opened > last)) {
				last = f->opened;
				state = 1;
			}
			if (f->closed && f->closed <= at && (state < 0 || f->closed >= last)) {
				last = f->closed;
				state = 0;
			}
		}
		if (state >= 0)
			return state;
		if (!(l = link_of(p, pid)))
			return false;
		pid = l->ppid;
		if (l->at && l->at < at)
			at = l->at;
	}
	return false;
}

static void add_fd(struct log_paths *p, int pid, int fd, uint64_t at)
{
	if (fd < 0 || open_span(p, pid, fd) >= 0 ||
	    !grow((void **)&p->fds, &p->cap, p->nfds, sizeof(*p->fds)))
		return;
	p->fds[p->nfds++] = (struct fd_span){ pid, fd, at ? at : 1, 0 };
}

static void del_fd(struct log_paths *p, int pid, int fd, uint64_t at)
{
	ssize_t i = open_span(p, pid, fd);

	at = at ? at : 1;
	/* the older closed spans of the descriptor: no call is told that late */
	for (size_t k = 0; k < p->nfds;) {
		struct fd_span *f = &p->fds[k];

		if (f->pid == pid && f->fd == fd && f->closed && f->closed + SPAN_KEEP_NS < at &&
		    (ssize_t)k != i) {
			if (i == (ssize_t)p->nfds - 1)
				i = k;
			*f = p->fds[--p->nfds];
		} else {
			k++;
		}
	}
	if (i >= 0) {
		p->fds[i].closed = at;
		return;
	}
	/* not opened by the process: it closes the one it inherited */
	if (grow((void **)&p->fds, &p->cap, p->nfds, sizeof(*p->fds)))
		p->fds[p->nfds++] = (struct fd_span){ pid, fd, 0, at };
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
	uint64_t cmd = hy_event_arg(ev, 1), at = hy_event_enter_ns(ev);
	char path[PATH_MAX + 1];
	/* a descriptor found open on PATH's file: inherited, passed, not followed */
	bool hit = hy_event_flags(ev) & HY_EV_ON_PATH;

	if (!p)
		return true;
	for (int i = 0; i < 6 && !hit; i++) {
		if ((file & HY_FILE_PATH(i)) && hy_event_str(ev, i, path, sizeof(path)) >= 0)
			hit = one_of(p, path);
		if ((file & HY_FILE_FD(i)) && fd_on_path(p, pid, (int)hy_event_arg(ev, i), at))
			hit = true;
	}
	if (!hit)
		return false;
	if (ok && (file & HY_FILE_OPENS))
		add_fd(p, pid, (int)ret, hy_event_exit_ns(ev));
	/*
	 * a copy is on a path when its source is: dup2(11, 0), shown for its
	 * target 0, replaces what 0 was with what 11 is
	 */
	if (ok && ((file & HY_FILE_DUPS) ||
		   ((file & HY_FILE_FCNTL_DUPS) && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)))) {
		if (fd_on_path(p, pid, (int)hy_event_arg(ev, 0), at))
			add_fd(p, pid, (int)ret, hy_event_exit_ns(ev));
		else
			del_fd(p, pid, (int)ret, hy_event_exit_ns(ev));
	}
	if (file & HY_FILE_CLOSES)
		del_fd(p, pid, (int)hy_event_arg(ev, 0), at);
	return true;
}

void log_paths_fork(struct log_paths *p, int ppid, int pid, uint64_t at)
{
	if (!p)
		return;
	/* a gone process of the same pid: its descriptors and parent are not this one's */
	for (size_t i = 0; i < p->nfds;)
		if (p->fds[i].pid == pid)
			p->fds[i] = p->fds[--p->nfds];
		else
			i++;
	for (size_t i = 0; i < p->nlinks;)
		if (p->links[i].pid == pid)
			p->links[i] = p->links[--p->nlinks];
		else
			i++;
	/*
	 * linked even when the parent has no descriptor on a path yet: the kernel
	 * recorder tells a fork before the parent's calls that came before it
	 */
	if (ppid <= 0 || pid == ppid ||
	    !grow((void **)&p->links, &p->lcap, p->nlinks, sizeof(*p->links)))
		return;
	p->links[p->nlinks++] = (struct fork_link){ pid, ppid, at };
}

void log_paths_free(struct log_paths *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		free(p->paths[i]);
	free(p->paths);
	free(p->fds);
	free(p->links);
	free(p);
}
