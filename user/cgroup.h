/* SPDX-License-Identifier: MIT */
/*
 * cgroup v2 paths and ids: where the hierarchy is mounted (never assumed: hybrid
 * systems mount it at /sys/fs/cgroup/unified), a path's id and depth for the
 * BPF side, an id's path for people, and the container a path names.
 */
#ifndef HY_CGROUP_H
#define HY_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/** The cgroup v2 mount point into @buf (from /proc/self/mountinfo). 0 or -ENOENT. */
int hy_cgroup_root(char *buf, size_t size);

/**
 * Open the cgroup v2 directory @path (absolute, or relative to the v2 mount, as
 * /proc/PID/cgroup names it) into *@fd. Returns 0, -ENOENT (no cgroup v2, or no
 * such directory) or -ENOTDIR (a path outside the v2 hierarchy), with
 * hy_last_error() set.
 */
int hy_cgroup_open(const char *path, int *fd);

/** The path of cgroup @id relative to the v2 mount ("/system.slice/x.service"). 0 or -errno. */
int hy_cgroup_path(uint64_t id, char *buf, size_t size);

/**
 * The container a cgroup path names, as Kubernetes writes it ("docker://<id>",
 * "containerd://", "cri-o://", "podman://", "nspawn://<machine>") into @buf.
 * Returns false when the path names none.
 */
bool hy_container_of(const char *path, char *buf, size_t size);

/*
 * Names of cgroup ids, looked up once and kept a while. A returned name is
 * valid until the next call: users copy what they keep (events copy it into
 * the record). Bounded: at most 1024 names, the least recently used goes first,
 * and hy_cgnames_sweep() drops those of cgroups no longer met.
 */
struct hy_cgname {
	uint64_t id;
	char *path;	 /* NULL: gone, or not found */
	char *container; /* NULL: none */
	time_t used;
};

struct hy_cgnames {
	struct hy_cgname *e;
	size_t n, cap;
};

/** The name of @id (looked up at its first use). Never NULL; path may be NULL. */
const struct hy_cgname *hy_cgnames_get(struct hy_cgnames *c, uint64_t id);
/** Drop names unused since @before (nothing may point at them any more). */
void hy_cgnames_sweep(struct hy_cgnames *c, time_t before);
void hy_cgnames_free(struct hy_cgnames *c);

#endif
