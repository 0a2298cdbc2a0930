// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: stat, statx, statfs, readlink, getdents64 with edge-placed buffers.
 * runs: -v
 */
#include "fid.h"

#include <sys/stat.h>
#include <sys/statfs.h>

int main(void)
{
	char *path = str_edge("/");
	char *unterminated = at_edge("/\377", 2);
	struct stat *st = at_edge(NULL, sizeof(*st));
	struct statx *stx = at_edge(NULL, sizeof(*stx));
	struct statfs *sfs = at_edge(NULL, sizeof(*sfs));
	char *buf = at_edge(NULL, 8);
	int fd = S(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);

	S(SYS_stat, "/dev/null", BAD);
	S(SYS_stat, unterminated, st);
	S(SYS_lstat, BAD, st);
	S(SYS_fstat, G(-1), st);
	S(SYS_newfstatat, AT_FDCWD, path, BAD, 0);
	S(SYS_newfstatat, G(AT_FDCWD), "/nonexistent", st, AT_SYMLINK_NOFOLLOW | 0x8000);
	S(SYS_newfstatat, -1, "", st, G(AT_EMPTY_PATH));
	S(SYS_statx, AT_FDCWD, "/nonexistent", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_ALL,
	  stx);
	S(SYS_statx, AT_FDCWD, unterminated, AT_SYMLINK_NOFOLLOW, G(STATX_TYPE | 0x40000000), stx);
	S(SYS_statx, -1, NULL, G(AT_EMPTY_PATH), 0, NULL);
	S(SYS_statx, AT_FDCWD, path, 0, STATX_BASIC_STATS, BAD);
	S(SYS_statfs, unterminated, sfs);
	S(SYS_statfs, "/nonexistent", sfs);
	S(SYS_fstatfs, G(-1), sfs);
	S(SYS_fstatfs, fd, BAD);
	S(SYS_readlink, "/nonexistent", buf, 8);
	S(SYS_readlink, unterminated, buf, G(8));
	S(SYS_readlinkat, G(AT_FDCWD), "/dev/null", buf, 8);
	S(SYS_getdents64, G(-1), buf, 8);
	S(SYS_getdents64, fd, BAD, 4096);
	{
		/* a directory's records (with -v: each; a few, well under the 4 KiB captured) */
		int dir = S(SYS_openat, AT_FDCWD, "/usr", O_RDONLY | O_DIRECTORY);
		char *dents = at_edge(NULL, 2048);

		S(SYS_getdents64, dir, dents, 2048);
		S(SYS_getdents64, dir, dents, 2048);
		S(SYS_lseek, dir, 0, SEEK_SET);
		S(SYS_getdents, dir, dents, 2048);
		S(SYS_getdents, dir, dents, 16);
		S(SYS_close, dir);
	}
	{
		/* a longer listing: 12 KiB of records, past the 4 KiB one capture holds */
		int dir = S(SYS_openat, AT_FDCWD, "/usr/bin", O_RDONLY | O_DIRECTORY);
		char *dents = malloc(12288);

		S(SYS_getdents64, dir, dents, 12288);
		S(SYS_close, dir);
	}
	S(SYS_close, fd);
	return 0;
}
