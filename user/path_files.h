/* SPDX-License-Identifier: MIT */
/*
 * strace -P's files, by identity: what a descriptor no call showed open
 * (inherited from before the run or the attach, passed over a socket) is
 * compared with. The kernel filter compares the descriptor's inode
 * (bpf/kfilter.bpf.h's kf_files), the tracer stat()s /proc/TID/fd/N at a
 * call's entry stop (strace -P reads the same link there); either marks the
 * call HY_EV_ON_PATH. Only the paths that exist at start: one made later is
 * matched by its name alone.
 */
#ifndef HY_PATH_FILES_H
#define HY_PATH_FILES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "kf_request.h"

struct hy_record;

struct hy_path_file {
	uint64_t dev, ino; /* stat()'s, of a link's target */
	uint32_t kdev;	   /* the superblock's s_dev, as the kernel encodes it */
};

struct hy_path_files {
	int n;
	struct hy_path_file f[HY_KF_MAX_PATHS];
};

/* The files of @n paths (at most HY_KF_MAX_PATHS; those that exist now). */
void hy_path_files_init(struct hy_path_files *pf, const char *const *paths, int n);
/* At a call's entry stop: @r is marked HY_EV_ON_PATH when a descriptor argument is on one. */
void hy_path_files_mark(const struct hy_path_files *pf, struct hy_record *r);

#endif
