// SPDX-License-Identifier: MIT
/*
 * Reading /proc, for what no event tells: a task's thread group, parent and own
 * ids, the threads of a process we attach to, and what its descriptors are now.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <unistd.h>

#include "hytrace.h"
#include "procfs.h"

int hy_proc_status(pid_t tid, const char *field, long *values, int max)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p, *end;

		if (strncmp(line, field, flen))
			continue;
		n = 0;
		for (p = line + flen; n < max; p = end) {
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			values[n++] = v;
		}
		break;
	}
	fclose(f);
	return n;
}

bool hy_proc_sig_default(pid_t tid, int sig)
{
	char path[64], line[256];
	unsigned long long mask;
	bool dfl = true;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if ((sscanf(line, "SigIgn: %llx", &mask) == 1 ||
		     sscanf(line, "SigCgt: %llx", &mask) == 1) &&
		    mask >> (sig - 1) & 1)
			dfl = false;
	fclose(f);
	return dfl;
}

char hy_proc_state(pid_t tid)
{
	char path[64], line[256], state = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "State: %c", &state) == 1)
			break;
	fclose(f);
	return state;
}

static bool dead(char state)
{
	return state == 'Z' || state == 'X';
}

int hy_proc_liveness(pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int live = 0;

	if (!hy_proc_state(pid))
		return -ESRCH;
	if (!dead(hy_proc_state(pid)))
		return 1;
	/* a leader that ended before its threads shows as a zombie while they run */
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	while (dir && !live && (d = readdir(dir)))
		live = d->d_name[0] != '.' && !dead(hy_proc_state(atoi(d->d_name)));
	if (dir)
		closedir(dir);
	return live;
}

/* The threads of process @pid now, into a malloc'd array at *@tids. */
static int proc_threads(pid_t pid, pid_t **tids)
{
	char path[64];
	struct dirent *d;
	pid_t *v = NULL;
	int n = 0, cap = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return -ESRCH;
	while ((d = readdir(dir))) {
		pid_t tid = atoi(d->d_name);

		if (tid <= 0)
			continue;
		if (n == cap) {
			pid_t *nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof(*v));

			if (!nv) {
				free(v);
				closedir(dir);
				return -ENOMEM;
			}
			v = nv;
		}
		v[n++] = tid;
	}
	closedir(dir);
	*tids = v;
	return n;
}

int hy_proc_adopt_threads(pid_t pid, int (*adopt)(void *ctx, pid_t tid), void *ctx)
{
	int added;

	do {
		pid_t *tids;
		int n = proc_threads(pid, &tids), err = 0;

		if (n < 0)
			return n;
		added = 0;
		for (int i = 0; i < n && !err; i++) {
			int r = adopt(ctx, tids[i]);

			if (r < 0)
				err = r;
			else
				added += r;
		}
		free(tids);
		if (err)
			return err;
	} while (added);
	return 0;
}

int hy_proc_fd_name(int pid, int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	if (!size)
		return -EINVAL;
	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", pid);
	else if (fd >= 0)
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	else
		return -EBADF;
	n = readlink(link, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return (int)n;
}

int hy_proc_fdinfo(int pid, int fd, const char *field, int base, long *value)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	int err = -ENOENT;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (!(f = fopen(path, "re")))
		return -errno;
	while (err && fgets(line, sizeof(line), f)) {
		char *end;

		if (strncmp(line, field, flen))
			continue;
		*value = strtol(line + flen, &end, base);
		if (end != line + flen)
			err = 0;
	}
	fclose(f);
	return err;
}

bool hy_proc_aslr_off(pid_t tid)
{
	char path[64], buf[32] = "";
	unsigned long pers;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/personality", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = 0;
	if (fd >= 0)
		close(fd);
	pers = strtoul(buf, NULL, 16);
	fd = open("/proc/sys/kernel/randomize_va_space", O_RDONLY | O_CLOEXEC);
	buf[0] = '0';
	if (fd >= 0 && read(fd, buf, 1) != 1)
		buf[0] = '0';
	if (fd >= 0)
		close(fd);
	return pers & ADDR_NO_RANDOMIZE || buf[0] == '0';
}

unsigned long hy_proc_auxv(pid_t tid, unsigned long type)
{
	unsigned long av[2 * 64];
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/auxv", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, av, sizeof(av));
	close(fd);
	for (ssize_t i = 0; i + 1 < n / (ssize_t)sizeof(av[0]); i += 2)
		if (av[i] == type)
			return av[i + 1];
	return 0;
}
