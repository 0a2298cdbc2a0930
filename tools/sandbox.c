// SPDX-License-Identifier: MIT
/*
 * sandbox: partial virtualisation of the file system, in the spirit of umview.
 * Calls that name a path under a denied prefix fail without running; paths under
 * a redirected prefix are rewritten to another directory before the call runs,
 * so the guest reads and writes there without knowing it.
 *
 *   hytrace --tool build/tools/sandbox.so --tool-opt deny=/etc/shadow \
 *           --tool-opt redirect=/home/me/.config:/tmp/cfg -- CMD
 *
 * Options (deny and redirect may be repeated; the first matching one applies,
 * denials before redirections):
 *   deny=PREFIX        fail calls on PREFIX and below
 *   redirect=FROM:TO   FROM/x becomes TO/x
 *   errno=E            the error of denied calls: EACCES (default), ENOENT, EPERM,
 *                      or a number
 *
 * PREFIX matches itself and what lies below it, never a sibling with a longer
 * name (/a/b matches /a/b and /a/b/c, not /a/bc).
 *
 * Under the ptrace backend only, which the default backend keeps for it
 * (HY_TOOL_ENFORCES): with --backend=guest its code runs inside the guest,
 * which can flip its dispatch selector or call the runtime's gate and so go
 * around it; it works there for trusted programs, as a convenience, and
 * guarantees nothing.
 *
 * What it guarantees, for x86-64 guests under ptrace:
 * - Paths are compared after lexical normalisation ("//", "/./" and "/x/.."
 *   go) of the path made absolute from the cwd or the directory fd, and again
 *   after the tracer resolved its symbolic links: /etc//shadow, /etc/./shadow
 *   and a link to /etc/shadow are all denied.
 * - Opening (open, openat, openat2, creat) is checked on what the kernel really
 *   opened: the call becomes an O_PATH open in the guest (the kernel resolves
 *   links as for the guest, openat2's RESOLVE_ flags included), the tracer reads
 *   that fd's real path (and device and inode: a hard link to a file named by
 *   deny= is denied too), and only then is it reopened through /proc/self/fd
 *   with the guest's flags, as the lowest free fd. A guest that swaps a link
 *   meanwhile gets the file that was checked, never another. A file created by
 *   O_CREAT is created in the checked directory with O_NOFOLLOW, so a link
 *   planted there as its name fails (ELOOP).
 * What it does not:
 * - The other calls (stat, unlink, rename, execve...) are checked at entry only:
 *   another guest thread that swaps a directory for a link between the check and
 *   the call can get past it. Calls on open file descriptors are not checked.
 * - Reopening needs /proc in the guest's mount namespace; without it opens fail.
 * - Redirections follow the path as written (normalised), not its links.
 * - i386 guests (no injection there) get the entry checks only.
 * - A hard link to a file under a denied directory (not itself named by deny=)
 *   is another name of it, and allowed: denying is by name and, for files named
 *   at start, by inode. A FIFO is opened by the guest's own call through the
 *   checked fd, which then stays open in the guest (close-on-exec). openat2 with
 *   RESOLVE_BENEATH or RESOLVE_IN_ROOT cannot create a new file (EXDEV).
 * It is no confinement: use namespaces, Landlock or seccomp for a boundary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "hytrace.h"

#define MAX_RULES 16

/*
 * In place, no pointer: the global state is shared with the guests under
 * --backend=guest, where a pointer into hytrace's heap would mean nothing.
 */
struct rule {
	char from[PATH_MAX]; /* then, for a redirection, the target at to_off */
	size_t from_len;
	size_t to_off; /* 0: a denial */
};

struct sandbox {
	struct rule rule[MAX_RULES];
	int nrules;
	int error;
	struct {
		dev_t dev;
		ino_t ino;
	} denied_file[MAX_RULES]; /* denied files as they were at start: their hard links too */
	int ndenied_files;
	uint64_t denied, redirected, failed;
};

/* Where each call's paths are: argument index of the path and of its dirfd (-1: cwd). */
static const struct path_call {
	const char *name;
	signed char dirfd[2], path[2];
} calls[] = {
	{ "open", { -1, -1 }, { 0, -1 } },	{ "openat", { 0, -1 }, { 1, -1 } },
	{ "openat2", { 0, -1 }, { 1, -1 } },	{ "creat", { -1, -1 }, { 0, -1 } },
	{ "stat", { -1, -1 }, { 0, -1 } },	{ "lstat", { -1, -1 }, { 0, -1 } },
	{ "newfstatat", { 0, -1 }, { 1, -1 } }, { "statx", { 0, -1 }, { 1, -1 } },
	{ "access", { -1, -1 }, { 0, -1 } },	{ "faccessat", { 0, -1 }, { 1, -1 } },
	{ "faccessat2", { 0, -1 }, { 1, -1 } }, { "readlink", { -1, -1 }, { 0, -1 } },
	{ "readlinkat", { 0, -1 }, { 1, -1 } }, { "execve", { -1, -1 }, { 0, -1 } },
	{ "execveat", { 0, -1 }, { 1, -1 } },	{ "chdir", { -1, -1 }, { 0, -1 } },
	{ "truncate", { -1, -1 }, { 0, -1 } },	{ "mkdir", { -1, -1 }, { 0, -1 } },
	{ "mkdirat", { 0, -1 }, { 1, -1 } },	{ "rmdir", { -1, -1 }, { 0, -1 } },
	{ "unlink", { -1, -1 }, { 0, -1 } },	{ "unlinkat", { 0, -1 }, { 1, -1 } },
	{ "chmod", { -1, -1 }, { 0, -1 } },	{ "fchmodat", { 0, -1 }, { 1, -1 } },
	{ "rename", { -1, -1 }, { 0, 1 } },	{ "renameat", { 0, 2 }, { 1, 3 } },
	{ "renameat2", { 0, 2 }, { 1, 3 } },	{ "link", { -1, -1 }, { 0, 1 } },
	{ "linkat", { 0, 2 }, { 1, 3 } },	{ "symlink", { -1, -1 }, { -1, 1 } },
	{ "symlinkat", { -1, 1 }, { -1, 2 } },
};

/* "//", "/./" and "/x/.." go, lexically (the tracer resolves links apart): in place. */
static void normalise(char *path)
{
	char *out = path, *p = path;

	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.')) {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (out > path && *--out != '/')
				;
			p += n;
			continue;
		}
		*out++ = '/';
		memmove(out, p, n);
		out += n;
		p += n;
	}
	if (out == path)
		*out++ = '/';
	*out = 0;
}

static void remember_file(struct sandbox *g, const char *path)
{
	struct stat st;

	if (stat(path, &st) || S_ISDIR(st.st_mode))
		return;
	g->denied_file[g->ndenied_files].dev = st.st_dev;
	g->denied_file[g->ndenied_files].ino = st.st_ino;
	g->ndenied_files++;
}

static int sandbox_init(struct hy_ctx *ctx, int nopts, const char *const *keys,
			const char *const *values)
{
	static const char *const known[] = { "deny", "redirect", "errno", NULL };
	struct sandbox *g = hy_global_state(ctx);
	const char *e = hy_option(ctx, "errno");
	int err;

	if ((err = hy_options_known(ctx, known)))
		return err;
	if ((g->error = hy_errno_number(e ? e : "EACCES")) < 0)
		return hy_fail(ctx, -EINVAL, "errno=%s: not an errno name or number", e);
	/* denials first: a denied path stays denied whatever a redirection says */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < nopts; i++) {
			struct rule *r = &g->rule[g->nrules];
			char *colon;

			if (strcmp(keys[i], pass ? "redirect" : "deny"))
				continue;
			if (g->nrules == MAX_RULES)
				return hy_fail(ctx, -ERANGE, "more than %d rules", MAX_RULES);
			if (!values[i] || values[i][0] != '/')
				return hy_fail(ctx, -EINVAL, "%s=%s: want an absolute path",
					       keys[i], values[i] ? values[i] : "");
			/* our own copy: the option strings need not outlive init */
			if (strlen(values[i]) >= sizeof(r->from))
				return hy_fail(ctx, -ERANGE, "%s=%s: path too long", keys[i],
					       values[i]);
			strcpy(r->from, values[i]);
			g->nrules++;
			colon = strchr(r->from, ':');
			if (pass && (!colon || colon[1] != '/'))
				return hy_fail(ctx, -EINVAL, "redirect=%s: want /FROM:/TO",
					       values[i]);
			if (pass) {
				*colon = 0;
				r->to_off = colon + 1 - r->from;
			}
			normalise(r->from);
			r->from_len = strlen(r->from);
			if (!pass)
				remember_file(g, r->from);
		}
	}
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if ((err = hy_subscribe(ctx, calls[i].name)))
			return err;
	return 0;
}

/* @path made absolute, into @abs: relative to the cwd or to directory fd @dirfd. */
static int absolute(struct hy_ctx *ctx, int dirfd, const char *path, char *abs, size_t size)
{
	char link[64];
	ssize_t n;

	if (path[0] == '/')
		return snprintf(abs, size, "%s", path) < (int)size ? 0 : -ERANGE;
	/* the tracer sees the guest's cwd and fds through /proc, as any tool may */
	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", hy_tid(ctx));
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", hy_tid(ctx), dirfd);
	n = readlink(link, abs, size - 1);
	if (n <= 0)
		return -ENOENT;
	abs[n] = 0;
	return snprintf(abs + n, size - n, "/%s", path) < (int)(size - n) ? 0 : -ERANGE;
}

static const struct rule *match(const struct sandbox *g, const char *path)
{
	for (int i = 0; i < g->nrules; i++) {
		const struct rule *r = &g->rule[i];
		char next = path[r->from_len];

		if (!strncmp(path, r->from, r->from_len) &&
		    (next == 0 || next == '/' || r->from_len == 1))
			return r;
	}
	return NULL;
}

/* Point argument @arg at @path, written below the guest's stack. */
static int rewrite(struct hy_ctx *ctx, int arg, const char *path)
{
	size_t len = strlen(path) + 1;
	uint64_t addr = hy_scratch(ctx, len);

	if (!addr)
		return -ENOMEM;
	if (hy_write_mem(ctx, addr, path, len) != (ssize_t)len)
		return -EFAULT;
	return hy_set_arg(ctx, arg, addr);
}

/* A deny rule for @path, or NULL. */
static const struct rule *denial(const struct sandbox *g, const char *path)
{
	const struct rule *r = match(g, path);

	return r && !r->to_off ? r : NULL;
}

/*
 * @abs as the tracer resolves it: /proc/self means the guest, links are
 * followed as far as the path exists, the rest is appended as written.
 */
static void resolve_here(struct hy_ctx *ctx, const char *abs, char *out, size_t size)
{
	char path[PATH_MAX], real[PATH_MAX];
	size_t cut;

	if (!strncmp(abs, "/proc/self/", 11) || !strcmp(abs, "/proc/self"))
		snprintf(path, sizeof(path), "/proc/%d%s", hy_pid(ctx), abs + 10);
	else if (!strncmp(abs, "/proc/thread-self", 17))
		snprintf(path, sizeof(path), "/proc/%d/task/%d%s", hy_pid(ctx), hy_tid(ctx),
			 abs + 17);
	else
		snprintf(path, sizeof(path), "%s", abs);
	for (cut = strlen(path); cut > 0; cut--) {
		char save = path[cut];

		if (save && save != '/')
			continue;
		path[cut] = 0;
		if (realpath(path, real)) {
			path[cut] = save;
			snprintf(out, size, "%s%s", strcmp(real, "/") ? real : "", path + cut);
			normalise(out);
			return;
		}
		path[cut] = save;
	}
	snprintf(out, size, "%s", path);
}

/* A syscall of the guest's ABI by name, run in the guest now: its result or -errno. */
static int64_t in_guest(struct hy_ctx *ctx, const char *name, uint64_t a0, uint64_t a1, uint64_t a2,
			uint64_t a3)
{
	long nr = hy_syscall_number(hy_syscall_abi(ctx), name);
	uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };
	int64_t ret;

	if (nr < 0 || hy_inject(ctx, nr, args, &ret))
		return -ENOSYS;
	return ret;
}

/* @len bytes of @data in the guest's scratch memory, or 0. */
static uint64_t in_guest_mem(struct hy_ctx *ctx, const void *data, size_t len)
{
	uint64_t addr = hy_scratch(ctx, len);

	if (!addr || hy_write_mem(ctx, addr, data, len) != (ssize_t)len)
		return 0;
	return addr;
}

/* What the guest's fd @fd really is: its path and inode, as the kernel has them. */
static int guest_fd(struct hy_ctx *ctx, int fd, char *path, size_t size, struct stat *st)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/fd/%d", hy_tid(ctx), fd);
	n = readlink(link, path, size - 1);
	if (n <= 0 || stat(link, st))
		return -ENOENT;
	path[n] = 0;
	return 0;
}

static bool inode_denied(const struct sandbox *g, const struct stat *st)
{
	for (int i = 0; i < g->ndenied_files; i++)
		if (g->denied_file[i].dev == st->st_dev && g->denied_file[i].ino == st->st_ino)
			return true;
	return false;
}

/* An open of the guest's: where (dirfd, path in guest memory) and how. */
struct open_call {
	int dirfd;
	uint64_t path;
	int path_arg;
	struct open_how how;
};

/* openat, or openat2 when links must resolve under the guest's RESOLVE_ flags. */
static int64_t open_in_guest(struct hy_ctx *ctx, int dirfd, uint64_t path, uint64_t flags,
			     uint64_t mode, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .mode = mode, .resolve = resolve };
	uint64_t addr;

	if (!resolve)
		return in_guest(ctx, "openat", dirfd, path, flags, mode);
	addr = in_guest_mem(ctx, &how, sizeof(how));
	return addr ? in_guest(ctx, "openat2", dirfd, path, addr, sizeof(how)) : -ENOMEM;
}

/*
 * Reopen checked O_PATH fd @pfd with the guest's flags, through /proc/self/fd,
 * and give the result @pfd's number: the guest gets the lowest free fd, as the
 * kernel would have given it.
 */
static int64_t reopen(struct hy_ctx *ctx, int64_t pfd, const struct open_how *how)
{
	uint64_t flags = how->flags & ~(uint64_t)(O_CREAT | O_EXCL | O_NOFOLLOW);
	char self[48];
	uint64_t addr;
	int64_t fd;

	snprintf(self, sizeof(self), "/proc/self/fd/%lld", (long long)pfd);
	addr = in_guest_mem(ctx, self, strlen(self) + 1);
	fd = addr ? in_guest(ctx, "openat", AT_FDCWD, addr, flags, 0) : -ENOMEM;
	if (fd > pfd && in_guest(ctx, "dup3", fd, pfd, flags & O_CLOEXEC, 0) == pfd) {
		in_guest(ctx, "close", fd, 0, 0, 0);
		return pfd;
	}
	in_guest(ctx, "close", pfd, 0, 0, 0);
	return fd;
}

/* open_checked(): the guest's own call, its path rewritten, is to run */
#define RUN_REWRITTEN INT64_MAX

/*
 * A FIFO's open waits for the other end: not in an injected call, which would
 * hold the tracer. The guest's own call opens it through the checked fd, which
 * stays open in the guest (close-on-exec, an O_PATH fd of an allowed file).
 */
static int64_t open_fifo(struct hy_ctx *ctx, int64_t pfd, int path_arg)
{
	char self[48];

	snprintf(self, sizeof(self), "/proc/self/fd/%lld", (long long)pfd);
	return rewrite(ctx, path_arg, self) ? -ENOMEM : RUN_REWRITTEN;
}

/* O_CREAT of a name that does not exist yet: in the checked directory, never through a link. */
static int64_t create_checked(struct hy_ctx *ctx, struct sandbox *g, const struct open_call *oc,
			      const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX + NAME_MAX + 2];
	const char *base = strrchr(path, '/');
	uint64_t daddr, baddr;
	struct stat st;
	int64_t dfd, fd;

	snprintf(dir, sizeof(dir), "%.*s", base ? (int)(base - path) + 1 : 1, base ? path : ".");
	base = base ? base + 1 : path;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return -EISDIR;
	daddr = in_guest_mem(ctx, dir, strlen(dir) + 1);
	baddr = in_guest_mem(ctx, base, strlen(base) + 1);
	if (!daddr || !baddr)
		return -ENOMEM;
	dfd = open_in_guest(ctx, oc->dirfd, daddr, O_PATH | O_DIRECTORY | O_CLOEXEC, 0,
			    oc->how.resolve);
	if (dfd < 0)
		return dfd;
	if (guest_fd(ctx, dfd, real, PATH_MAX, &st) ||
	    snprintf(real + strlen(real), NAME_MAX + 2, "/%s", base) < 0 || denial(g, real)) {
		in_guest(ctx, "close", dfd, 0, 0, 0);
		g->denied++;
		return -g->error;
	}
	fd = open_in_guest(ctx, dfd, baddr, oc->how.flags | O_NOFOLLOW, oc->how.mode,
			   oc->how.resolve);
	in_guest(ctx, "close", dfd, 0, 0, 0);
	return fd;
}

/*
 * Open as the guest asked, but only what is allowed once the kernel has resolved
 * it. Returns the guest's result, or RUN_REWRITTEN.
 */
static int64_t open_checked(struct hy_ctx *ctx, struct sandbox *g, const struct open_call *oc,
			    const char *path)
{
	uint64_t keep = O_CLOEXEC | O_NOFOLLOW | O_DIRECTORY;
	char real[PATH_MAX];
	struct stat st;
	int64_t pfd;

	pfd = open_in_guest(ctx, oc->dirfd, oc->path, O_PATH | (oc->how.flags & keep), 0,
			    oc->how.resolve);
	if (pfd == -ENOENT && (oc->how.flags & O_CREAT))
		return create_checked(ctx, g, oc, path);
	if (pfd < 0)
		return pfd;
	if (guest_fd(ctx, pfd, real, sizeof(real), &st) || denial(g, real) ||
	    inode_denied(g, &st)) {
		in_guest(ctx, "close", pfd, 0, 0, 0);
		g->denied++;
		return -g->error;
	}
	if (oc->how.flags & O_PATH)
		return pfd;
	if ((oc->how.flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL) || S_ISLNK(st.st_mode)) {
		in_guest(ctx, "close", pfd, 0, 0, 0);
		return S_ISLNK(st.st_mode) ? -ELOOP : -EEXIST;
	}
	if (S_ISFIFO(st.st_mode))
		return open_fifo(ctx, pfd, oc->path_arg);
	return reopen(ctx, pfd, &oc->how);
}

/* The open family's arguments, or false for another call. */
static bool open_call(struct hy_ctx *ctx, const char *name, struct open_call *oc)
{
	memset(oc, 0, sizeof(*oc));
	oc->dirfd = AT_FDCWD;
	if (!strcmp(name, "open") || !strcmp(name, "creat")) {
		oc->path = hy_arg(ctx, 0);
		oc->how.flags = name[0] == 'c' ? O_CREAT | O_WRONLY | O_TRUNC : hy_arg(ctx, 1);
		oc->how.mode = hy_arg(ctx, name[0] == 'c' ? 1 : 2);
	} else if (!strcmp(name, "openat")) {
		oc->dirfd = (int)hy_arg(ctx, 0);
		oc->path = hy_arg(ctx, 1);
		oc->how.flags = (unsigned int)hy_arg(ctx, 2);
		oc->how.mode = hy_arg(ctx, 3);
	} else if (!strcmp(name, "openat2")) {
		oc->dirfd = (int)hy_arg(ctx, 0);
		oc->path = hy_arg(ctx, 1);
		if (hy_arg(ctx, 3) < sizeof(oc->how) ||
		    hy_read_mem(ctx, hy_arg(ctx, 2), &oc->how, sizeof(oc->how)) != sizeof(oc->how))
			return false; /* the kernel refuses it as it is */
	} else {
		return false;
	}
	oc->how.flags &= 0xffffffffu;
	return hy_syscall_abi(ctx) != HY_ABI_I386; /* no injection there: entry checks only */
}

/* One path argument: denied, redirected (rewritten in the guest) or let through. */
static int check_path(struct hy_ctx *ctx, struct sandbox *g, int dirfd, int arg, char *abs)
{
	char path[PATH_MAX], real[PATH_MAX], moved[PATH_MAX];
	const struct rule *r;
	const char *rest;

	/* "" with AT_EMPTY_PATH names an open fd: it was checked when opened */
	abs[0] = 0;
	if (!hy_arg(ctx, arg) || hy_read_str(ctx, hy_arg(ctx, arg), path, sizeof(path)) <= 0 ||
	    absolute(ctx, dirfd, path, abs, PATH_MAX))
		return 0;
	normalise(abs);
	resolve_here(ctx, abs, real, sizeof(real));
	if (denial(g, abs) || denial(g, real)) {
		g->denied++;
		return -g->error;
	}
	if (!(r = match(g, abs)))
		return 0;
	rest = abs + (r->from_len > 1 ? r->from_len : 0); /* "/" keeps its slash */
	if (snprintf(moved, sizeof(moved), "%s%s", r->from + r->to_off, rest) >=
		    (int)sizeof(moved) ||
	    rewrite(ctx, arg, moved)) {
		/* better a clear failure than the real file behind the guest's back */
		g->failed++;
		return -ENAMETOOLONG;
	}
	snprintf(abs, PATH_MAX, "%s", moved);
	g->redirected++;
	return 0;
}

static enum hy_cont sandbox_enter(struct hy_ctx *ctx)
{
	struct sandbox *g = hy_global_state(ctx);
	const char *name = hy_syscall_name(ctx);
	const struct path_call *c = NULL;
	char abs[PATH_MAX];
	struct open_call oc;
	int64_t ret = 0;

	for (size_t i = 0; name && !c && i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(name, calls[i].name))
			c = &calls[i];
	for (int k = 0; c && k < 2 && !ret; k++) {
		int dirfd = c->dirfd[k] < 0 ? AT_FDCWD : (int)hy_arg(ctx, c->dirfd[k]);

		if (c->path[k] >= 0)
			ret = check_path(ctx, g, dirfd, c->path[k], abs);
	}
	if (!ret && c && abs[0] && open_call(ctx, name, &oc)) {
		oc.path_arg = c->path[0];
		oc.path = hy_arg(ctx, c->path[0]); /* redirected or not */
		ret = open_checked(ctx, g, &oc, abs);
		if (ret == RUN_REWRITTEN)
			return HY_CONT_RUN; /* a FIFO: the call itself opens the checked fd */
	} else if (!ret) {
		return HY_CONT_RUN;
	}
	hy_set_return(ctx, ret);
	return HY_CONT_SKIP;
}

static void sandbox_end(struct hy_ctx *ctx, FILE *out)
{
	struct sandbox *g = hy_global_state(ctx);

	fprintf(out, "sandbox: %llu calls denied, %llu redirected, %llu could not be redirected\n",
		(unsigned long long)g->denied, (unsigned long long)g->redirected,
		(unsigned long long)g->failed);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "sandbox",
	.description = "deny or redirect file system paths under given prefixes",
	.global_size = sizeof(struct sandbox),
	.flags = HY_TOOL_ENFORCES, /* the default backend stays ptrace (see above) */
	.init = sandbox_init,
	.on_syscall_enter = sandbox_enter,
	.on_end = sandbox_end,
};
