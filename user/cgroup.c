// SPDX-License-Identifier: MIT
/*
 * cgroup v2 paths and ids. An id is the cgroup directory's inode number (what
 * bpf_get_current_cgroup_id() returns); going back from an id to a path takes
 * one open_by_handle_at() (cgroupfs file handles are the id), no tree walk.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cgroup.h"
#include "error.h"

#define CGROUP2_SUPER_MAGIC 0x63677270
#define FILEID_KERNFS 0xfe
#define NAMES_MAX 1024

int hy_cgroup_root(char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	int err = -ENOENT;

	if (!f)
		return -errno;
	/* "36 25 0:31 / /sys/fs/cgroup/unified rw,... - cgroup2 cgroup2 rw" */
	while (err && fgets(line, sizeof(line), f)) {
		char root[PATH_MAX], mnt[PATH_MAX], *dash = strstr(line, " - ");

		if (!dash || strncmp(dash + 3, "cgroup2 ", 8))
			continue;
		if (sscanf(line, "%*s %*s %*s %4095s %4095s", root, mnt) == 2 &&
		    !strcmp(root, "/")) {
			snprintf(buf, size, "%s", mnt);
			err = 0;
		}
	}
	fclose(f);
	return err;
}

int hy_cgroup_open(const char *path, int *fd)
{
	char root[PATH_MAX], full[PATH_MAX], real[PATH_MAX];
	struct statfs sf;
	struct stat st;
	size_t rlen;

	if (hy_cgroup_root(root, sizeof(root)))
		return hy_error(-ENOENT, "no cgroup v2 hierarchy is mounted");
	/* an absolute path that exists is itself; else, as /proc/PID/cgroup names it */
	if (path[0] == '/' && (!strncmp(path, root, strlen(root)) || !access(path, F_OK)))
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "%s/%s", root, path[0] == '/' ? path + 1 : path);
	if (!realpath(full, real) || stat(real, &st))
		return hy_error(-ENOENT, "--cgroup %s: %s", path, strerror(errno));
	rlen = strlen(root);
	if (statfs(real, &sf) || sf.f_type != CGROUP2_SUPER_MAGIC || !S_ISDIR(st.st_mode) ||
	    strncmp(real, root, rlen) || (real[rlen] && real[rlen] != '/'))
		return hy_error(-ENOTDIR,
				"--cgroup %s: not a cgroup v2 directory (v2 is mounted at %s)",
				path, root);
	*fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return hy_error(-errno, "--cgroup %s: %s", path, strerror(errno));
	return 0;
}

int hy_cgroup_path(uint64_t id, char *buf, size_t size)
{
	struct {
		struct file_handle fh;
		uint64_t id;
	} h = { .fh = { .handle_bytes = sizeof(uint64_t), .handle_type = FILEID_KERNFS } };
	char root[PATH_MAX], link[64], path[PATH_MAX];
	int mfd, fd;
	ssize_t n;
	size_t rlen;

	if (hy_cgroup_root(root, sizeof(root)))
		return -ENOENT;
	memcpy(h.fh.f_handle, &id, sizeof(id));
	mfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mfd < 0)
		return -errno;
	fd = open_by_handle_at(mfd, &h.fh, O_RDONLY | O_CLOEXEC);
	close(mfd);
	if (fd < 0)
		return -errno; /* ESTALE: the cgroup is gone */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	path[n] = 0;
	rlen = strlen(root);
	if (strncmp(path, root, rlen))
		return -ENOENT;
	snprintf(buf, size, "%s", path[rlen] ? path + rlen : "/");
	return 0;
}

/* Whether @s (of length @n) is a container id: 64 lowercase hex digits. */
static bool hex64(const char *s, size_t n)
{
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	return true;
}

static const struct {
	const char *prefix; /* of a systemd scope: PREFIX<id>.scope */
	const char *runtime;
} scopes[] = {
	{ "docker-", "docker" },
	{ "cri-containerd-", "containerd" },
	{ "crio-", "cri-o" },
	{ "libpod-", "podman" },
};

/* One path component: a container scope, a bare id under a runtime's folder, a machine. */
static bool component(const char *c, size_t n, const char *parent, size_t pn, char *buf,
		      size_t size)
{
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		size_t pl = strlen(scopes[i].prefix);

		if (n == pl + 64 + 6 && !strncmp(c, scopes[i].prefix, pl) && hex64(c + pl, 64) &&
		    !strncmp(c + pl + 64, ".scope", 6)) {
			snprintf(buf, size, "%s://%.64s", scopes[i].runtime, c + pl);
			return true;
		}
	}
	/* cgroupfs drivers: /docker/<id>, /libpod_parent/libpod-<id>, /kubepods/.../<id> */
	if (hex64(c, n)) {
		const char *rt = pn == 6 && !strncmp(parent, "docker", 6)   ? "docker" :
				 pn >= 8 && !strncmp(parent, "kubepods", 8) ? "containerd" :
				 pn >= 3 && !strncmp(parent, "pod", 3)	    ? "containerd" :
									      "docker";

		snprintf(buf, size, "%s://%.64s", rt, c);
		return true;
	}
	/* systemd-nspawn: machine.slice/systemd-nspawn@NAME.service or machine-NAME.scope */
	if (pn == 13 && !strncmp(parent, "machine.slice", 13)) {
		if (n > 23 && !strncmp(c, "systemd-nspawn@", 15) &&
		    !strncmp(c + n - 8, ".service", 8)) {
			snprintf(buf, size, "nspawn://%.*s", (int)(n - 23), c + 15);
			return true;
		}
		if (n > 14 && !strncmp(c, "machine-", 8) && !strncmp(c + n - 6, ".scope", 6)) {
			snprintf(buf, size, "nspawn://%.*s", (int)(n - 14), c + 8);
			return true;
		}
	}
	return false;
}

bool hy_container_of(const char *path, char *buf, size_t size)
{
	const char *c = path, *parent = "";
	size_t pn = 0;
	bool found = false;

	/* the innermost component that names one wins (a container in a pod) */
	while (*c) {
		size_t n;

		while (*c == '/')
			c++;
		n = strcspn(c, "/");
		if (n && component(c, n, parent, pn, buf, size))
			found = true;
		parent = c;
		pn = n;
		c += n;
	}
	return found;
}

/* ---- names of ids, kept for the run ---- */

static void fill(struct hy_cgname *e, uint64_t id)
{
	char path[PATH_MAX], cont[128];

	e->id = id;
	e->path = NULL;
	e->container = NULL;
	if (hy_cgroup_path(id, path, sizeof(path)))
		return;
	e->path = strdup(path);
	if (hy_container_of(path, cont, sizeof(cont)))
		e->container = strdup(cont);
}

/* Room for one more name: the table grows to NAMES_MAX, then its least recently used goes. */
static struct hy_cgname *slot(struct hy_cgnames *c)
{
	struct hy_cgname *e;
	size_t old = 0;

	if (c->n < c->cap)
		return &c->e[c->n++];
	if (c->cap < NAMES_MAX && (e = realloc(c->e, (c->cap ? c->cap * 2 : 16) * sizeof(*e)))) {
		c->e = e;
		c->cap = c->cap ? c->cap * 2 : 16;
		return &c->e[c->n++];
	}
	if (!c->n)
		return NULL;
	for (size_t i = 1; i < c->n; i++)
		if (c->e[i].used < c->e[old].used)
			old = i;
	free(c->e[old].path);
	free(c->e[old].container);
	return &c->e[old];
}

const struct hy_cgname *hy_cgnames_get(struct hy_cgnames *c, uint64_t id)
{
	static const struct hy_cgname none;
	struct hy_cgname *e;

	/* a run meets a handful of cgroups: the last one found is usually the next */
	for (size_t i = c->n; i-- > 0;) {
		if (c->e[i].id == id) {
			c->e[i].used = time(NULL);
			return &c->e[i];
		}
	}
	e = slot(c);
	if (!e)
		return &none;
	fill(e, id);
	e->used = time(NULL);
	return e;
}

void hy_cgnames_sweep(struct hy_cgnames *c, time_t before)
{
	size_t k = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].used < before) {
			free(c->e[i].path);
			free(c->e[i].container);
			continue;
		}
		c->e[k++] = c->e[i];
	}
	c->n = k;
}

void hy_cgnames_free(struct hy_cgnames *c)
{
	hy_cgnames_sweep(c, (time_t)1 << 62);
	free(c->e);
	memset(c, 0, sizeof(*c));
}
