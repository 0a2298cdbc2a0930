// SPDX-License-Identifier: MIT
/* strace -y for the log tool: see log_fds.h. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "log_fds.h"
#include "log_sockets.h"

#define CLOSE_RANGE_CLOEXEC_FLAG (1u << 2)
#define CLONE_THREAD_FLAG 0x00010000u

struct fd_entry {
	int fd;
	bool cloexec;
	char *name;
};

struct proc_fds {
	int pid;
	uint64_t dead_ns; /* when the task ended: its lines may still come for a drain or two */
	struct fd_entry *v;
	size_t n, cap;
};

struct log_fds {
	unsigned int what;	   /* LOG_FDS_* */
	char calls[2048];	   /* log_fds_calls() */
	struct log_sockets *socks; /* -yy: socket endpoints */
	const struct hy_event *ev; /* the call being printed: its sockets as the kernel read them */
	struct proc_fds *p;
	size_t n, cap;
	/* the call being printed: its new descriptor, named when the line is done */
	int pending_pid, pending_fd;
	bool pending_cloexec;
	char pending[PATH_MAX];
};

int log_fds_what(const char *set, unsigned int *what)
{
	static const struct {
		const char *name;
		unsigned int bits;
	} names[] = { { "path", LOG_FDS_PATH },
		      { "socket", LOG_FDS_SOCKET },
		      { "dev", LOG_FDS_DEV },
		      { "pidfd", LOG_FDS_PIDFD },
		      { "all", LOG_FDS_PATH | LOG_FDS_SOCKET | LOG_FDS_DEV | LOG_FDS_PIDFD },
		      { "none", 0 } };
	const char *p = set;

	*what = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == len && !strncmp(p, names[i].name, len))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		*what |= names[i].bits;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* What a call does to descriptors, by the syscall table: the bits the map follows. */
#define FOLLOWED                                                                                   \
	(HY_FILE_OPENS | HY_FILE_DUPS | HY_FILE_FCNTL_DUPS | HY_FILE_CLOSES | HY_FILE_NEW_FD |     \
	 HY_FILE_CLOSES_RANGE | HY_FILE_EXECS | HY_FILE_FORKS | HY_FILE_CHDIRS | HY_FILE_PAIR(0) | \
	 HY_FILE_PAIR(1) | HY_FILE_PAIR(2) | HY_FILE_PAIR(3) | HY_FILE_PAIR(4) | HY_FILE_PAIR(5))

/* "?open,?openat,...": every x86-64 call the table says does one of FOLLOWED. */
static int follow_calls(char *set, size_t size)
{
	size_t used = 0;

	set[0] = 0;
	for (long nr = 0; nr < 1024; nr++) {
		const char *name = hy_syscall_name_of(HY_ABI_X86_64, nr);
		int n;

		if (!name || !(hy_syscall_file_args(HY_ABI_X86_64, nr) & FOLLOWED))
			continue;
		n = snprintf(set + used, size - used, "%s?%s", used ? "," : "", name);
		if (n < 0 || (size_t)n >= size - used)
			return -ENOSPC;
		used += n;
	}
	return 0;
}

const char *log_fds_calls(const struct log_fds *t)
{
	return t->calls;
}

struct log_fds *log_fds_new(unsigned int what)
{
	struct log_fds *t = calloc(1, sizeof(struct log_fds));

	if (!t)
		return NULL;
	t->pending_fd = -1;
	t->what = what;
	if (follow_calls(t->calls, sizeof(t->calls)) ||
	    ((what & LOG_FDS_SOCKET) && !(t->socks = log_sockets_new()))) {
		free(t);
		return NULL;
	}
	return t;
}

static void clear(struct proc_fds *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].name);
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

void log_fds_free(struct log_fds *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		clear(&t->p[i]);
	free(t->p);
	log_sockets_free(t->socks);
	free(t);
}

static struct proc_fds *proc(struct log_fds *t, int pid, bool add)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->p[i].pid == pid)
			return &t->p[i];
	if (!add)
		return NULL;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		struct proc_fds *v = realloc(t->p, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->p = v;
		t->cap = cap;
	}
	t->p[t->n] = (struct proc_fds){ .pid = pid };
	return &t->p[t->n++];
}

/*
 * A task's end may come before the lines of its last calls (they wait for the
 * ring's drain): its table goes a second later, at a later end.
 */
void log_fds_forget(struct log_fds *t, int pid)
{
	struct proc_fds *p = t ? proc(t, pid, false) : NULL;
	uint64_t now;

	if (!t)
		return;
	now = hy_now_ns();
	if (p && !p->dead_ns)
		p->dead_ns = now;
	for (size_t i = 0; i < t->n;) {
		if (t->p[i].dead_ns && now - t->p[i].dead_ns > 1000000000ull) {
			clear(&t->p[i]);
			t->p[i] = t->p[--t->n];
		} else {
			i++;
		}
	}
}

static struct fd_entry *entry(struct proc_fds *p, int fd)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (p->v[i].fd == fd)
			return &p->v[i];
	return NULL;
}

static void set(struct proc_fds *p, int fd, const char *name, bool cloexec);
static void forget_fd(struct proc_fds *p, int fd);

/* Closed, as a call showed: kept as a name-less entry, so /proc is not asked (late) */
static void del(struct proc_fds *p, int fd)
{
	struct fd_entry *e = entry(p, fd);

	if (e) {
		free(e->name);
		e->name = NULL;
	} else {
		set(p, fd, NULL, false);
	}
}

static void set(struct proc_fds *p, int fd, const char *name, bool cloexec)
{
	struct fd_entry *e;
	char *copy = NULL;

	if (!p || (fd < 0 && fd != AT_FDCWD) || (name && !(copy = strdup(name))))
		return;
	if ((e = entry(p, fd))) {
		free(e->name);
		e->name = copy;
		e->cloexec = cloexec;
		return;
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		struct fd_entry *v = realloc(p->v, cap * sizeof(*v));

		if (!v) {
			free(copy);
			return;
		}
		p->v = v;
		p->cap = cap;
	}
	e = &p->v[p->n++];
	*e = (struct fd_entry){ fd, cloexec, copy };
}

/*
 * What @fd of @pid names now (AT_FDCWD: the working directory): the table, or
 * /proc when no call showed it (kept then: /proc may not be there later).
 */
static const char *log_fds_name_in(struct proc_fds *p, int pid, int fd, char *buf, size_t size)
{
	struct fd_entry *e = entry(p, fd);

	if (e) {
		if (!e->name)
			return NULL; /* closed */
		snprintf(buf, size, "%s", e->name);
		return buf;
	}
	if (hy_proc_fd_name(pid, fd, buf, size) <= 0)
		return NULL;
	set(p, fd, buf, false);
	return buf;
}

/* fdinfo's flags say whether a descriptor closes at exec */
static bool cloexec_of(int pid, int fd)
{
	long flags;

	return !hy_proc_fdinfo(pid, fd, "flags:", 8, &flags) && (flags & O_CLOEXEC);
}

void log_fds_seed(struct log_fds *t, int pid)
{
	struct proc_fds *p;
	char dir[64], name[PATH_MAX];
	struct dirent *d;
	DIR *dp;

	if (!t || t->n || !(p = proc(t, pid, true)))
		return; /* only the first process: children get their parent's copy */
	log_fds_name_in(p, pid, AT_FDCWD, name, sizeof(name)); /* kept for later lines */
	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	if (!(dp = opendir(dir)))
		return;
	while ((d = readdir(dp))) {
		int fd = atoi(d->d_name);

		if (d->d_name[0] < '0' || d->d_name[0] > '9' ||
		    hy_proc_fd_name(pid, fd, name, sizeof(name)) <= 0)
			continue;
		/*
		 * A launched command is seeded before its exec: hytrace's own descriptors
		 * (BPF maps, all close-on-exec) are there, and the exec may be seen after
		 * this. Close-on-exec ones are left to /proc when first printed.
		 */
		if (!cloexec_of(pid, fd))
			set(p, fd, name, false);
	}
	closedir(dp);
}

void log_fds_inherit(struct log_fds *t, int pid, int ppid)
{
	struct proc_fds *c, *p;

	if (!t || ppid <= 0 || proc(t, pid, false) || !proc(t, ppid, false) ||
	    !(c = proc(t, pid, true)))
		return;
	p = proc(t, ppid, false); /* the array may have moved */
	for (size_t i = 0; p && i < p->n; i++)
		set(c, p->v[i].fd, p->v[i].name, p->v[i].cloexec);
}

/* A path as the kernel would name the file: absolute, through the links */
static void resolve(struct proc_fds *p, int pid, int dirfd, const char *path, char *out,
		    size_t size)
{
	char dir[PATH_MAX], joined[PATH_MAX * 2], real[PATH_MAX];
	ssize_t n = -1;

	if (path[0] != '/' && log_fds_name_in(p, pid, dirfd, dir, sizeof(dir)))
		n = strlen(dir);
	if (n > 0) {
		dir[n] = 0;
		snprintf(joined, sizeof(joined), "%s/%s", dir, path);
	} else {
		snprintf(joined, sizeof(joined), "%s", path);
	}
	snprintf(out, size, "%.4095s", realpath(joined, real) ? real : joined);
}

/* Not known any more: /proc is asked when it is printed next */
static void forget_fd(struct proc_fds *p, int fd)
{
	struct fd_entry *e = entry(p, fd);

	if (!e)
		return;
	free(e->name);
	*e = p->v[--p->n];
}

/* The call's new descriptor: named for its result now, in the table after its line */
static void pend(struct log_fds *t, int pid, int fd, const char *name, bool cloexec)
{
	t->pending_pid = pid;
	t->pending_fd = fd;
	t->pending_cloexec = cloexec;
	snprintf(t->pending, sizeof(t->pending), "%s", name);
}

/* Argument @i of @ev has O_CLOEXEC set, when the table names one (@i -1: none). */
static bool cloexec_arg(const struct hy_event *ev, int i)
{
	return i >= 0 && (hy_event_arg(ev, i) & O_CLOEXEC);
}

/*
 * The first argument of a kind (@bit0: HY_FILE_PATH(0), HY_FILE_FD(0) or
 * HY_FILE_PAIR(0); argument i's bit is i places up) in @fx, or -1.
 */
static int first_arg(unsigned int fx, unsigned int bit0)
{
	for (int i = 0; i < 6; i++)
		if (fx & (bit0 << i))
			return i;
	return -1;
}

/*
 * What the record names @fd (hy_event_file_name()); a pidfd as -yy prints it,
 * "pid:N", when the record has its process: kept so in the table, later lines
 * show it after the descriptor is closed, as they were when it was open.
 */
static int record_name(const struct log_fds *t, const struct hy_event *ev, int fd, int result,
		       char *buf, size_t size)
{
	int n = hy_event_file_name(ev, fd, result, buf, size), target;

	if (n > 0 && (t->what & LOG_FDS_PIDFD) && !strcmp(buf, "anon_inode:[pidfd]") &&
	    (target = hy_event_pidfd_pid(ev, fd, result)) > 0)
		n = snprintf(buf, size, "pid:%d", target);
	return n;
}

/*
 * EBADF from a call with one descriptor argument: that descriptor was not open
 * as it ran (strace finds no /proc link then). One the map does not know would
 * be named from /proc as the line is printed, up to a drain period later: by
 * then maybe the file a later call opened under its number (dash probes
 * fcntl(5, F_DUPFD, 10) before `exec 5<FILE`). A known one stays: EBADF also
 * means the wrong mode (a write to a read-only descriptor).
 */
static void closed_at_call(struct proc_fds *p, const struct hy_event *ev, unsigned int fx)
{
	int fd_arg = first_arg(fx, HY_FILE_FD(0)), fd;

	if (fd_arg < 0 || first_arg(fx & ~HY_FILE_FD(fd_arg), HY_FILE_FD(0)) >= 0)
		return;
	fd = (int)hy_event_arg(ev, fd_arg);
	if (fd >= 0 && !entry(p, fd))
		del(p, fd);
}

void log_fds_before(struct log_fds *t, const struct hy_event *ev)
{
	enum hy_abi abi = hy_event_abi(ev);
	long nr = hy_event_nr(ev);
	/* what the call does to descriptors: the syscall table's (log_fds_calls()) */
	unsigned int fx = hy_syscall_file_args(abi, nr);
	int64_t ret = hy_event_return(ev);
	int pid = hy_event_pid(ev), path_arg = first_arg(fx, HY_FILE_PATH(0)), pair_arg;
	int fd_arg = first_arg(fx, HY_FILE_FD(0)), flags_arg = hy_syscall_cloexec_arg(abi, nr);
	struct proc_fds *p;
	char path[PATH_MAX], res[PATH_MAX];
	bool cloexec = false;
	struct fd_entry *e;
	int got[64], n;

	t->pending_fd = -1;
	t->ev = ev;
	if (!hy_event_name(ev) || (hy_event_flags(ev) & HY_EV_UNFINISHED) ||
	    !(p = proc(t, pid, true)))
		return;
	if (ret == -EBADF)
		closed_at_call(p, ev, fx);
	if (ret < 0)
		return;
	if ((fx & HY_FILE_OPENS) && path_arg >= 0) {
		/* a dirfd before the path (openat's), else the working directory */
		int dirfd = fd_arg >= 0 && fd_arg < path_arg ? (int)hy_event_arg(ev, fd_arg) :
							       AT_FDCWD;

		if (hy_event_str(ev, path_arg, path, sizeof(path)) < 0)
			return;
		resolve(p, pid, dirfd, path, res, sizeof(res));
		pend(t, pid, (int)ret, res, cloexec_arg(ev, flags_arg));
		return;
	}
	if ((fx & HY_FILE_CHDIRS) && path_arg >= 0) {
		if (hy_event_str(ev, path_arg, path, sizeof(path)) >= 0) {
			resolve(p, pid, AT_FDCWD, path, res, sizeof(res));
			pend(t, pid, AT_FDCWD, res, false);
		}
		return;
	}
	if ((fx & HY_FILE_CHDIRS) && fd_arg >= 0) {
		if (log_fds_name_in(p, pid, (int)hy_event_arg(ev, fd_arg), res, sizeof(res)))
			pend(t, pid, AT_FDCWD, res, false);
		return;
	}
	/* copies: dup, dup2, dup3, fcntl F_DUPFD and F_DUPFD_CLOEXEC */
	if ((fx & HY_FILE_DUPS) ||
	    ((fx & HY_FILE_FCNTL_DUPS) &&
	     (hy_event_arg(ev, 1) == F_DUPFD || hy_event_arg(ev, 1) == F_DUPFD_CLOEXEC))) {
		cloexec = cloexec_arg(ev, flags_arg) ||
			  ((fx & HY_FILE_FCNTL_DUPS) && hy_event_arg(ev, 1) == F_DUPFD_CLOEXEC);
		/*
		 * strace names dup2's target (its second descriptor) as it was before
		 * the call; one the map never saw open was closed then (/proc, asked
		 * later, has the copy).
		 */
		if ((fx & HY_FILE_DUPS) && (fx & HY_FILE_FD(1)) &&
		    !entry(p, (int)hy_event_arg(ev, 1)))
			set(p, (int)hy_event_arg(ev, 1), NULL, false);
		if (log_fds_name_in(p, pid, (int)hy_event_arg(ev, 0), res, sizeof(res)))
			pend(t, pid, (int)ret, res, cloexec);
		return;
	}
	/*
	 * Received over a socket (SCM_RIGHTS): new in this process, whatever the
	 * map had under those numbers; named by the record when the call's exit
	 * read them (sockets, pipes, anon inodes), else by /proc when printed.
	 */
	if ((n = hy_event_received_fds(ev, got, sizeof(got) / sizeof(got[0]))) > 0) {
		for (int i = 0; i < n; i++) {
			forget_fd(p, got[i]);
			if (record_name(t, ev, got[i], 0, res, sizeof(res)) > 0)
				set(p, got[i], res, hy_event_fd_cloexec(ev, got[i], 0) > 0);
		}
		return;
	}
	/*
	 * A new descriptor the record names (a pipe, an anon inode, a socket...);
	 * fcntl's other results are no descriptors (the kernel reads them all)
	 */
	if (!(fx & HY_FILE_FCNTL_DUPS) && record_name(t, ev, (int)ret, 1, res, sizeof(res)) > 0) {
		forget_fd(p, (int)ret);
		pend(t, pid, (int)ret, res, hy_event_fd_cloexec(ev, (int)ret, 1) > 0);
		return;
	}
	/*
	 * A new descriptor without a path in the record: what the table said of it
	 * is stale; /proc names the result while it is open (socket:[INODE]...).
	 */
	if (fx & HY_FILE_NEW_FD) {
		forget_fd(p, (int)ret);
		if (log_fds_name_in(p, pid, (int)ret, res, sizeof(res))) {
			forget_fd(p, (int)ret); /* set after the line, with its close-on-exec */
			pend(t, pid, (int)ret, res, false);
		}
		return;
	}
	/* two new descriptors in an array the record captured: named from /proc now */
	if ((pair_arg = first_arg(fx, HY_FILE_PAIR(0))) >= 0) {
		int fds[2];

		if (hy_event_mem(ev, hy_event_arg(ev, pair_arg), fds, sizeof(fds)) != sizeof(fds))
			return;
		cloexec = cloexec_arg(ev, flags_arg);
		for (int i = 0; i < 2; i++) {
			forget_fd(p, fds[i]);
			if (record_name(t, ev, fds[i], 0, res, sizeof(res)) > 0)
				set(p, fds[i], res,
				    cloexec || hy_event_fd_cloexec(ev, fds[i], 0) > 0);
			else if (!log_fds_name_in(p, pid, fds[i], res, sizeof(res)))
				continue;
			if ((e = entry(p, fds[i])))
				e->cloexec = cloexec;
		}
		return;
	}
	if ((fx & HY_FILE_FCNTL_DUPS) && hy_event_arg(ev, 1) == F_SETFD &&
	    (e = entry(p, (int)hy_event_arg(ev, 0))))
		e->cloexec = hy_event_arg(ev, 2) & FD_CLOEXEC;
}

void log_fds_after(struct log_fds *t, const struct hy_event *ev)
{
	const char *name = hy_event_name(ev);
	unsigned int fx = hy_syscall_file_args(hy_event_abi(ev), hy_event_nr(ev));
	int64_t ret = hy_event_return(ev);
	int pid = hy_event_pid(ev);
	struct proc_fds *p = proc(t, pid, false);

	t->ev = NULL;
	if (t->pending_fd != -1 && (p = proc(t, t->pending_pid, true)))
		set(p, t->pending_fd, t->pending, t->pending_cloexec);
	t->pending_fd = -1;
	p = proc(t, pid, false);
	if (!p)
		return;
	if (fx & HY_FILE_CLOSES) {
		del(p, (int)hy_event_arg(ev, 0)); /* gone even when close fails with EINTR/EIO */
		return;
	}
	if (ret < 0 || (hy_event_flags(ev) & HY_EV_UNFINISHED))
		return;
	if (fx & HY_FILE_CLOSES_RANGE) {
		unsigned int first = hy_event_arg(ev, 0), last = hy_event_arg(ev, 1);
		bool only_cloexec = hy_event_arg(ev, 2) & CLOSE_RANGE_CLOEXEC_FLAG;

		for (size_t i = 0; i < p->n;) {
			struct fd_entry *e = &p->v[i];

			if ((unsigned int)e->fd >= first && (unsigned int)e->fd <= last) {
				if (only_cloexec) {
					e->cloexec = true;
				} else {
					free(e->name);
					e->name = NULL;
				}
			}
			i++;
		}
	} else if (fx & HY_FILE_EXECS) {
		for (size_t i = 0; i < p->n; i++)
			if (p->v[i].cloexec) {
				free(p->v[i].name);
				p->v[i].name = NULL;
			}
	} else if ((fx & HY_FILE_FORKS) && ret > 0 &&
		   /* clone's flags are its first argument (clone3's are in its struct) */
		   !(name && !strcmp(name, "clone") && (hy_event_arg(ev, 0) & CLONE_THREAD_FLAG))) {
		/* the child starts with a copy (threads of clone3 get one too: unused, freed) */
		struct proc_fds *c = proc(t, (int)ret, true);

		p = proc(t, pid, false); /* the array may have moved */
		for (size_t i = 0; c && p && i < p->n; i++)
			if (!entry(c, p->v[i].fd))
				set(c, p->v[i].fd, p->v[i].name, p->v[i].cloexec);
	}
}

/* pidfd no record named (inherited, received): "pid:N" from its fdinfo while it is open */
static const char *pidfd_name(int pid, int fd, char *buf, size_t size)
{
	long target;

	if (hy_proc_fdinfo(pid, fd, "Pid:", 10, &target) || target <= 0)
		return NULL;
	snprintf(buf, size, "pid:%ld", target);
	return buf;
}

/*
 * -yy of socket @name ("socket:[INO]") that no record of the call holds (in
 * poll's or select's set, say): its endpoints as the run first found them, or
 * as sock_diag tells them now, strace's query at each line until one finds
 * them (curl's poll after a non-blocking connect: the connect's record holds
 * the socket as it was before). Now is up to a drain period after the call.
 */
static void socket_name(struct log_fds *t, int pid, int fd, char *name, size_t size)
{
	char more[PATH_MAX];
	struct hy_socket k;
	uint64_t ino;

	if (sscanf(name, "socket:[%" SCNu64 "]", &ino) == 1 && !log_sockets_named(t->socks, ino) &&
	    !hy_proc_socket(pid, fd, &k) && k.ino == ino) {
		snprintf(name, size, "%s", log_sockets_format(t->socks, &k, more, sizeof(more)));
		return;
	}
	if (log_sockets_name(t->socks, name, more, sizeof(more)))
		snprintf(name, size, "%s", more);
}

/* -yy and -e decode-fds=: @name (what -y prints) as the set asks, or NULL */
static const char *decorate(struct log_fds *t, int pid, int fd, char *name, size_t size)
{
	char more[PATH_MAX];
	struct stat st;

	if (!strncmp(name, "pid:", 4)) /* a pidfd the record named (record_name()) */
		return t->what & LOG_FDS_PIDFD ? name : NULL;
	if (t->what == LOG_FDS_PATH || fd == AT_FDCWD)
		return t->what & LOG_FDS_PATH ? name : NULL;
	if (!strncmp(name, "socket:[", 8)) {
		if (t->what & LOG_FDS_SOCKET)
			socket_name(t, pid, fd, name, size);
		return t->what & (LOG_FDS_SOCKET | LOG_FDS_PATH) ? name : NULL;
	}
	if (!strcmp(name, "anon_inode:[pidfd]") && (t->what & LOG_FDS_PIDFD))
		return pidfd_name(pid, fd, name, size) ? name :
		       (t->what & LOG_FDS_PATH)	       ? name :
							 NULL;
	/* a device: its numbers after its path, as the path names it now */
	if ((t->what & LOG_FDS_DEV) && name[0] == '/' && !stat(name, &st) &&
	    (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
		snprintf(more, sizeof(more), "%s<%s %u:%u>", name,
			 S_ISCHR(st.st_mode) ? "char" : "block", major(st.st_rdev),
			 minor(st.st_rdev));
		snprintf(name, size, "%s", more);
		return name;
	}
	return t->what & LOG_FDS_PATH ? name : NULL;
}

/* A socket of the call as the kernel recorder read it (exact, even if closed since) */
static const char *kernel_socket(struct log_fds *t, int pid, int fd, int result, char *buf,
				 size_t size)
{
	struct hy_socket k;

	if (!t->ev || pid != hy_event_pid(t->ev) || fd < 0 ||
	    hy_event_socket(t->ev, fd, result, &k))
		return NULL;
	if (t->what & LOG_FDS_SOCKET)
		return log_sockets_format(t->socks, &k, buf, size);
	snprintf(buf, size, "socket:[%" PRIu64 "]", k.ino);
	return buf;
}

const char *log_fds_name(void *ctx, int pid, int fd, int result, char *buf, size_t size)
{
	struct log_fds *t = ctx;

	if ((t->what & (LOG_FDS_SOCKET | LOG_FDS_PATH)) &&
	    kernel_socket(t, pid, fd, result, buf, size))
		return buf;
	/* a new one the record names (pipe's array, before the map has it) */
	if (t->ev && pid == hy_event_pid(t->ev) && fd >= 0 &&
	    record_name(t, t->ev, fd, result, buf, size) > 0)
		return decorate(t, pid, fd, buf, size);

	if (result || (fd == t->pending_fd && fd == AT_FDCWD && pid == t->pending_pid)) {
		if (t->pending_fd != fd || t->pending_pid != pid)
			return NULL;
		snprintf(buf, size, "%s", t->pending);
		return decorate(t, pid, fd, buf, size);
	}
	if (!log_fds_name_in(proc(t, pid, true), pid, fd, buf, size))
		return NULL;
	return decorate(t, pid, fd, buf, size);
}
