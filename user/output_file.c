// SPDX-License-Identifier: MIT
/*
 * Opening a log or record file. Traced data is sensitive (a root run's record
 * holds whatever the guest read, /etc/shadow included), so an output is created
 * 0600, and opening one must not be turned against the user who runs hytrace,
 * often root: no symbolic link is followed (a link planted in /tmp would make
 * root overwrite its target), and someone else's file in a sticky world-writable
 * directory is not opened, which is what the kernel's protected_regular=1 refuses
 * even to root. strace does neither. An existing file keeps its mode: creating
 * it first with the mode one wants is how to ask for another.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "hytrace.h"

/* protected_regular's rule: in a sticky world-writable directory, only our own or its owner's. */
static int check_owner(const char *path, const struct stat *file)
{
	char copy[PATH_MAX];
	struct stat dir;

	if (!S_ISREG(file->st_mode) && !S_ISFIFO(file->st_mode))
		return 0; /* /dev/null, a terminal */
	snprintf(copy, sizeof(copy), "%s", path);
	if (stat(dirname(copy), &dir))
		return -errno;
	if (!(dir.st_mode & S_ISVTX) || !(dir.st_mode & S_IWOTH))
		return 0;
	if (file->st_uid == geteuid() || file->st_uid == dir.st_uid)
		return 0;
	return -EPERM; /* told apart from open()'s EACCES; reported as EACCES */
}

/* An existing file, opened without truncating it until it has passed the checks. */
/*
 * Without blocking first: a FIFO nobody reads yet (ENXIO) is checked before we
 * wait for its reader, as a FIFO written by hytrace has always been.
 */
static int open_write(const char *path)
{
	int flags = O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
	int fd = open(path, flags | O_NONBLOCK);
	struct stat st;
	int err;

	if (fd >= 0 || errno != ENXIO)
		return fd >= 0 ? fd : -errno;
	if (lstat(path, &st))
		return -errno;
	if ((err = check_owner(path, &st)))
		return err;
	fd = open(path, flags);
	return fd >= 0 ? fd : -errno;
}

static int open_existing(const char *path, unsigned int flags, struct stat *st)
{
	int fd = open_write(path);
	int err = 0;

	if (fd < 0)
		return fd;
	if (fstat(fd, st) || (err = check_owner(path, st))) {
		err = err ? err : -errno;
		close(fd);
		return err;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (S_ISREG(st->st_mode) && (flags & HY_OUTPUT_REPLACE) && st->st_size > 0 &&
	    !unlink(path)) {
		close(fd);
		return -ENOENT; /* created anew below, with the old file's mode */
	}
	if (flags & HY_OUTPUT_APPEND) {
		/* strace -A: O_APPEND, so lines from another writer of the file are kept whole */
		if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND)) {
			err = -errno;
			close(fd);
			return err;
		}
		return fd;
	}
	if (S_ISREG(st->st_mode) && ftruncate(fd, 0)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static int open_output(const char *path, unsigned int flags)
{
	struct stat st = { .st_mode = 0600 };
	int fd;

	for (int tries = 0; tries < 3; tries++) {
		fd = open_existing(path, flags, &st);
		if (fd != -ENOENT)
			return fd;
		/* O_EXCL: a link or a file put there meanwhile makes this fail, never followed */
		fd = open(path,
			  O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY |
				  (flags & HY_OUTPUT_APPEND ? O_APPEND : 0),
			  st.st_mode & 0777);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

FILE *hy_output_open(const char *path, unsigned int flags)
{
	int fd = open_output(path, flags);
	FILE *f;

	if (fd == -ELOOP)
		hy_error(fd, "%s: is a symbolic link: refusing to follow it", path);
	else if (fd == -EPERM)
		fd = hy_error(-EACCES,
			      "%s: refusing to write into another user's file in a sticky "
			      "world-writable directory (as protected_regular does)",
			      path);
	else if (fd < 0)
		hy_error(fd, "cannot open %s: %s", path, strerror(-fd));
	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	f = fdopen(fd, "we");
	if (!f) {
		hy_error(-errno, "cannot open %s: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}
