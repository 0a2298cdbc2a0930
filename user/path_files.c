// SPDX-License-Identifier: MIT
/* strace -P's files, by identity: see path_files.h. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "path_files.h"
#include "record.h"
#include "syscall_table.h"

/*
 * The dev_t of the superblock of @path's mount, as the kernel encodes it
 * (MAJOR << 20 | MINOR): what an inode's i_sb->s_dev holds. Not st_dev, which
 * a filesystem may report otherwise (a btrfs subvolume's, an overlay's lower
 * layer's); /proc/self/mountinfo shows the superblock's. 0: not found.
 */
static uint32_t sb_dev(const char *path)
{
	struct statx stx;
	unsigned int maj, min;
	uint32_t dev = 0;
	char *line = NULL;
	size_t cap = 0;
	FILE *f;
	int id;

	if (statx(AT_FDCWD, path, 0, STATX_MNT_ID, &stx) || !(stx.stx_mask & STATX_MNT_ID) ||
	    !(f = fopen("/proc/self/mountinfo", "re")))
		return 0;
	while (!dev && getline(&line, &cap, f) > 0)
		if (sscanf(line, "%d %*d %u:%u", &id, &maj, &min) == 3 &&
		    (uint64_t)id == stx.stx_mnt_id)
			dev = maj << 20 | min;
	free(line);
	fclose(f);
	return dev;
}

void hy_path_files_init(struct hy_path_files *pf, const char *const *paths, int n)
{
	struct stat st;

	pf->n = 0;
	for (int i = 0; i < n && i < HY_KF_MAX_PATHS; i++) {
		struct hy_path_file *f = &pf->f[pf->n];

		/* stat() follows a link, as strace resolves PATH */
		if (stat(paths[i], &st))
			continue;
		f->dev = st.st_dev;
		f->ino = st.st_ino;
		f->kdev = sb_dev(paths[i]);
		if (!f->kdev)
			f->kdev = major(st.st_dev) << 20 | minor(st.st_dev);
		pf->n++;
	}
}

/* Whether descriptor @fd of task @tid is open on one of the files, now. */
static bool fd_on_file(const struct hy_path_files *pf, pid_t tid, int fd)
{
	char link[64];
	struct stat st;

	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid, fd);
	if (fd < 0 || stat(link, &st))
		return false;
	for (int i = 0; i < pf->n; i++)
		if (pf->f[i].dev == st.st_dev && pf->f[i].ino == st.st_ino)
			return true;
	return false;
}

void hy_path_files_mark(const struct hy_path_files *pf, struct hy_record *r)
{
	unsigned int file;

	if (!pf->n)
		return;
	file = hy_syscall_file_args(r->abi, r->nr);
	for (int i = 0; i < 6; i++)
		if ((file & HY_FILE_FD(i)) && fd_on_file(pf, r->tid, (int)r->args[i])) {
			r->flags |= HY_EV_ON_PATH;
			return;
		}
}
