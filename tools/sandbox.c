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
 * name (/a/b matches /a/b and /a/b/c, not /a/bc). Relative paths are made
 * absolute from the task's working directory or the directory fd, without
 * resolving "..", symlinks or mount points: this is a test fixture, not a
 * security boundary. Calls on file descriptors are not checked: only opening a
 * path is.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hytrace.h"

#define MAX_RULES 16

struct rule {
	char *from, *to; /* one allocation; to is NULL for a denial */
	size_t from_len;
};

struct sandbox {
	struct rule rule[MAX_RULES];
	int nrules;
	int error;
	uint64_t denied, redirected, failed;
};

/* Where each call's paths are: argument index of the path and of its dirfd (-1: cwd). */
static const struct path_call {
	const char *name;
	signed char dirfd[2], path[2];
} calls[] = {
	{ "open", { -1, -1 }, { 0, -1 } },	  { "openat", { 0, -1 }, { 1, -1 } },
	{ "openat2", { 0, -1 }, { 1, -1 } },	  { "creat", { -1, -1 }, { 0, -1 } },
	{ "stat", { -1, -1 }, { 0, -1 } },	  { "lstat", { -1, -1 }, { 0, -1 } },
	{ "newfstatat", { 0, -1 }, { 1, -1 } },	  { "statx", { 0, -1 }, { 1, -1 } },
	{ "access", { -1, -1 }, { 0, -1 } },	  { "faccessat", { 0, -1 }, { 1, -1 } },
	{ "faccessat2", { 0, -1 }, { 1, -1 } },	  { "readlink", { -1, -1 }, { 0, -1 } },
	{ "readlinkat", { 0, -1 }, { 1, -1 } },	  { "execve", { -1, -1 }, { 0, -1 } },
	{ "execveat", { 0, -1 }, { 1, -1 } },	  { "chdir", { -1, -1 }, { 0, -1 } },
	{ "truncate", { -1, -1 }, { 0, -1 } },	  { "mkdir", { -1, -1 }, { 0, -1 } },
	{ "mkdirat", { 0, -1 }, { 1, -1 } },	  { "rmdir", { -1, -1 }, { 0, -1 } },
	{ "unlink", { -1, -1 }, { 0, -1 } },	  { "unlinkat", { 0, -1 }, { 1, -1 } },
	{ "chmod", { -1, -1 }, { 0, -1 } },	  { "fchmodat", { 0, -1 }, { 1, -1 } },
	{ "rename", { -1, -1 }, { 0, 1 } },	  { "renameat", { 0, 2 }, { 1, 3 } },
	{ "renameat2", { 0, 2 }, { 1, 3 } },	  { "link", { -1, -1 }, { 0, 1 } },
	{ "linkat", { 0, 2 }, { 1, 3 } },	  { "symlink", { -1, -1 }, { -1, 1 } },
	{ "symlinkat", { -1, 1 }, { -1, 2 } },
};

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
				return hy_fail(ctx, -EINVAL, "%s=%s: want an absolute path", keys[i],
					       values[i] ? values[i] : "");
			/* our own copy: the option strings need not outlive init */
			if (!(r->from = strdup(values[i])))
				return -ENOMEM;
			g->nrules++;
			colon = strchr(r->from, ':');
			if (pass && (!colon || colon[1] != '/'))
				return hy_fail(ctx, -EINVAL, "redirect=%s: want /FROM:/TO", values[i]);
			if (pass) {
				*colon = 0;
				r->to = colon + 1;
			}
			r->from_len = strlen(r->from);
			while (r->from_len > 1 && r->from[r->from_len - 1] == '/')
				r->from_len--; /* "/a/" is "/a" */
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

		if (!strncmp(path, r->from, r->from_len) && (next == 0 || next == '/' || r->from_len == 1))
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

static enum hy_cont sandbox_enter(struct hy_ctx *ctx)
{
	struct sandbox *g = hy_global_state(ctx);
	const char *name = hy_syscall_name(ctx);
	const struct path_call *c = NULL;
	char path[PATH_MAX], abs[PATH_MAX], moved[PATH_MAX];
	const char *rest;

	for (size_t i = 0; name && !c && i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(name, calls[i].name))
			c = &calls[i];
	for (int k = 0; c && k < 2; k++) {
		const struct rule *r;
		int dirfd = c->dirfd[k] < 0 ? AT_FDCWD : (int)hy_arg(ctx, c->dirfd[k]);

		/* "" with AT_EMPTY_PATH names an open fd: it was checked when opened */
		if (c->path[k] < 0 || !hy_arg(ctx, c->path[k]) ||
		    hy_read_str(ctx, hy_arg(ctx, c->path[k]), path, sizeof(path)) <= 0 ||
		    absolute(ctx, dirfd, path, abs, sizeof(abs)) || !(r = match(g, abs)))
			continue;
		if (!r->to) {
			g->denied++;
			hy_set_return(ctx, -g->error);
			return HY_CONT_SKIP;
		}
		rest = abs + (r->from_len > 1 ? r->from_len : 0); /* "/" keeps its slash */
		if (snprintf(moved, sizeof(moved), "%s%s", r->to, rest) >= (int)sizeof(moved) ||
		    rewrite(ctx, c->path[k], moved)) {
			/* better a clear failure than the real file behind the guest's back */
			g->failed++;
			hy_set_return(ctx, -ENAMETOOLONG);
			return HY_CONT_SKIP;
		}
		g->redirected++;
	}
	return HY_CONT_RUN;
}

static void sandbox_end(struct hy_ctx *ctx, FILE *out)
{
	struct sandbox *g = hy_global_state(ctx);

	fprintf(out, "sandbox: %llu calls denied, %llu redirected, %llu could not be redirected\n",
		(unsigned long long)g->denied, (unsigned long long)g->redirected,
		(unsigned long long)g->failed);
	for (int i = 0; i < g->nrules; i++)
		free(g->rule[i].from);
}

const struct hy_tool hytrace_tool = {
	.abi_version = HY_TOOL_ABI_VERSION,
	.name = "sandbox",
	.description = "deny or redirect file system paths under given prefixes",
	.global_size = sizeof(struct sandbox),
	.init = sandbox_init,
	.on_syscall_enter = sandbox_enter,
	.on_end = sandbox_end,
};
