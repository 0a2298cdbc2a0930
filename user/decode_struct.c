// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <string.h>
#include <time.h>

#include "decode_struct.h"

/* x86-64 layouts of the structs we print (the kernel's, not glibc's where they differ). */
struct k_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	int64_t unused[3];
};

struct k_timespec {
	int64_t tv_sec, tv_nsec;
};

size_t hy_struct_size(enum hy_struct_id id)
{
	switch (id) {
	case HY_S_STAT:
		return sizeof(struct k_stat);
	case HY_S_STATX:
		return 256;
	case HY_S_STATFS:
		return 120;
	case HY_S_TIMESPEC:
	case HY_S_TIMEVAL:
		return 16;
	case HY_S_ITIMERSPEC:
		return 32;
	case HY_S_SIGSET:
		return 8;
	case HY_S_SIGACTION:
		return 32;
	case HY_S_SIGINFO:
		return 128;
	case HY_S_RLIMIT:
		return 16;
	case HY_S_RUSAGE:
		return 144;
	case HY_S_UTSNAME:
		return sizeof(struct utsname);
	case HY_S_INT:
		return 4;
	case HY_S_LONG:
		return 8;
	case HY_S_FD_PAIR:
		return 8;
	case HY_S_CLONE_ARGS:
		return 88;
	case HY_S_OPEN_HOW:
		return 24;
	case HY_S_SYSINFO:
		return 112;
	case HY_S_TIMEZONE:
		return 8;
	case HY_S_SCHED_PARAM:
		return 4;
	case HY_S_STACK:
		return 24;
	case HY_S_ROBUST_LIST:
		return 24;
	case HY_S_RSEQ:
		return 32;
	case HY_S_SOCKADDR:
		return 128;
	case HY_S_FDSET:
		return 128;
	default:
		return 0;
	}
}

void hy_pr_mode_type(struct hy_printer *p, unsigned int mode)
{
	static const struct {
		unsigned int fmt;
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" }, { S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	};
	const char *name = NULL;

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((mode & S_IFMT) == types[i].fmt)
			name = types[i].name;
	if (name)
		hy_pr_printf(p, "%s|%#o", name, mode & 07777);
	else
		hy_pr_printf(p, "%#o", mode);
}

static bool read_struct(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf,
			size_t len)
{
	return hy_rec_read(r, phase, addr, buf, len) == (ssize_t)len;
}

static void print_timespec(struct hy_printer *p, const struct k_timespec *ts)
{
	hy_pr_printf(p, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts->tv_sec, ts->tv_nsec);
}

void hy_print_struct(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     enum hy_struct_id id, uint64_t addr, int arg)
{
	union {
		struct k_stat st;
		struct k_timespec ts[2];
		int32_t i32[2];
		int64_t i64;
		struct utsname uts;
		uint64_t u64[2];
	} u;
	size_t size = hy_struct_size(id);

	(void)arg;
	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (!size || size > sizeof(u) || !read_struct(r, phase, addr, &u, size)) {
		hy_pr_ptr(p, addr);
		return;
	}
	switch (id) {
	case HY_S_STAT:
		hy_pr_puts(p, "{st_mode=");
		hy_pr_mode_type(p, u.st.st_mode);
		if (S_ISCHR(u.st.st_mode) || S_ISBLK(u.st.st_mode))
			hy_pr_printf(p, ", st_rdev=makedev(%#x, %#x)", major(u.st.st_rdev),
				     minor(u.st.st_rdev));
		else
			hy_pr_printf(p, ", st_size=%" PRId64, u.st.st_size);
		hy_pr_puts(p, ", ...}");
		break;
	case HY_S_TIMESPEC:
		print_timespec(p, &u.ts[0]);
		break;
	case HY_S_TIMEVAL:
		hy_pr_printf(p, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", u.ts[0].tv_sec,
			     u.ts[0].tv_nsec);
		break;
	case HY_S_ITIMERSPEC:
		hy_pr_puts(p, "{it_interval=");
		print_timespec(p, &u.ts[0]);
		hy_pr_puts(p, ", it_value=");
		print_timespec(p, &u.ts[1]);
		hy_pr_putc(p, '}');
		break;
	case HY_S_INT:
		hy_pr_printf(p, "[%d]", u.i32[0]);
		break;
	case HY_S_LONG:
		hy_pr_printf(p, "[%" PRId64 "]", u.i64);
		break;
	case HY_S_FD_PAIR:
		hy_pr_printf(p, "[%d, %d]", u.i32[0], u.i32[1]);
		break;
	case HY_S_RLIMIT:
		hy_pr_puts(p, "{rlim_cur=");
		for (int i = 0; i < 2; i++) {
			if (i)
				hy_pr_puts(p, ", rlim_max=");
			if (u.u64[i] == UINT64_MAX)
				hy_pr_puts(p, "RLIM64_INFINITY");
			else if (u.u64[i] && u.u64[i] % 1024 == 0)
				hy_pr_printf(p, "%" PRIu64 "*1024", u.u64[i] / 1024);
			else
				hy_pr_printf(p, "%" PRIu64, u.u64[i]);
		}
		hy_pr_putc(p, '}');
		break;
	case HY_S_UTSNAME:
		hy_pr_puts(p, "{sysname=");
		hy_pr_quoted(p, u.uts.sysname, strnlen(u.uts.sysname, sizeof(u.uts.sysname)), false);
		hy_pr_puts(p, ", nodename=");
		hy_pr_quoted(p, u.uts.nodename, strnlen(u.uts.nodename, sizeof(u.uts.nodename)),
			     false);
		hy_pr_puts(p, ", ...}");
		break;
	default:
		hy_pr_ptr(p, addr);
		break;
	}
}
