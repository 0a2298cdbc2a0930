// SPDX-License-Identifier: MIT
/*
 * Shared decoding helpers, the small structs (times, limits, uname), and the
 * dispatch from the table's struct kinds to the printers of each family.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "decode/decode_struct.h"

/* ---- arguments and memory ---- */

unsigned int hy_ptr_size(const struct hy_record *r)
{
	if (r->abi == HY_ABI_I386)
		return 4;
	/* x32's own calls (512..547) are the kernel's compat ones: 32-bit pointers inside */
	if (r->abi == HY_ABI_X32 && (r->nr & ~(long)HY_X32_SYSCALL_BIT) >= 512)
		return 4;
	return 8;
}

bool hy_time32(const struct hy_record *r)
{
	size_t n;

	if (r->abi != HY_ABI_I386)
		return false;
	/* clock_gettime64, ppoll_time64, ...: the 64-bit time_t variants */
	n = r->ent && r->ent->name ? strlen(r->ent->name) : 0;
	return !(n > 2 && !strcmp(r->ent->name + n - 2, "64"));
}

bool hy_read(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf, size_t len)
{
	return addr && hy_rec_read(r, phase, addr, buf, len) == (ssize_t)len;
}

bool hy_read_word(const struct hy_record *r, enum hy_phase phase, uint64_t addr, uint64_t *val)
{
	uint32_t w32;

	if (hy_ptr_size(r) == 8)
		return hy_read(r, phase, addr, val, 8);
	if (!hy_read(r, phase, addr, &w32, 4))
		return false;
	*val = w32;
	return true;
}

/* ---- values ---- */

void hy_pr_dirfd(struct hy_printer *p, int fd)
{
	if (fd == AT_FDCWD)
		hy_pr_puts(p, "AT_FDCWD");
	else
		hy_pr_i64(p, fd);
}

void hy_pr_path(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	hy_pr_str_arg(p, r, addr, 0);
}

/* "%#03o" without printf: stat and open print a mode on most lines */
void hy_pr_mode(struct hy_printer *p, uint64_t mode)
{
	char tmp[28], *e = tmp + sizeof(tmp), *s = e;
	uint64_t v = mode;

	do
		*--s = '0' + (v & 7);
	while (v >>= 3);
	if (mode)
		*--s = '0';
	while (e - s < 3)
		*--s = '0';
	hy_pr_write(p, s, e - s);
}

void hy_pr_mode_type(struct hy_printer *p, unsigned int mode)
{
	static const struct {
		unsigned int fmt;
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" },	  { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" },	  { S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	};
	const char *name = NULL;

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((mode & S_IFMT) == types[i].fmt)
			name = types[i].name;
	if (name) {
		hy_pr_puts(p, name);
		hy_pr_putc(p, '|');
	} else if (mode & S_IFMT) {
		hy_pr_printf(p, "%#o|", mode & S_IFMT);
	}
	if (mode & S_ISUID)
		hy_pr_puts(p, "S_ISUID|");
	if (mode & S_ISGID)
		hy_pr_puts(p, "S_ISGID|");
	if (mode & S_ISVTX)
		hy_pr_puts(p, "S_ISVTX|");
	hy_pr_mode(p, mode & 0777);
}

uint64_t hy_pr_bits(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, bool *any)
{
	const struct hy_xlat *x = hy_xlat_get(set);

	for (unsigned int i = 0; i < x->n; i++) {
		uint64_t v = x->ent[i].val;

		if (v && (val & v) == v) {
			if (*any)
				hy_pr_putc(p, '|');
			hy_pr_puts(p, x->ent[i].name);
			val &= ~v;
			*any = true;
		}
	}
	return val;
}

void hy_pr_open_flags(struct hy_printer *p, uint64_t flags)
{
	bool any = true;

	hy_pr_puts(p, hy_xlat_name(HY_X_OPEN_ACCESS, flags & O_ACCMODE));
	flags &= ~(uint64_t)O_ACCMODE;
	flags = hy_pr_bits(p, HY_X_OPEN_FLAGS, flags, &any);
	if (flags)
		hy_pr_printf(p, "|%#" PRIx64, flags);
}

void hy_pr_enum_d(struct hy_printer *p, enum hy_xlat_id set, int64_t val)
{
	const char *name = hy_xlat_name(set, val);

	if (name)
		hy_pr_puts(p, name);
	else
		hy_pr_printf(p, "%" PRId64, val);
}

void hy_pr_int_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr)
{
	int32_t v;

	if (hy_read(r, phase, addr, &v, sizeof(v)))
		hy_pr_printf(p, "[%d]", v);
	else
		hy_pr_ptr(p, addr);
}

void hy_pr_long_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	uint64_t v;

	if (!hy_read_word(r, phase, addr, &v))
		hy_pr_ptr(p, addr);
	else if (hy_ptr_size(r) == 4)
		hy_pr_printf(p, "[%d]", (int32_t)v);
	else
		hy_pr_printf(p, "[%" PRId64 "]", (int64_t)v);
}

void hy_pr_s64_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr)
{
	int64_t v;

	if (hy_read(r, phase, addr, &v, sizeof(v)))
		hy_pr_printf(p, "[%" PRId64 "]", v);
	else
		hy_pr_ptr(p, addr);
}

void hy_pr_addr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr)
{
	uint64_t v;

	if (!hy_read_word(r, phase, addr, &v)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	hy_pr_ptr(p, v);
	hy_pr_putc(p, ']');
}

/* ---- small structs ---- */

/* Clock ticks, and in a comment the seconds they make: "150 / * 1.50 s * /". */
void hy_pr_clock_t(struct hy_printer *p, int64_t ticks)
{
	long hz = sysconf(_SC_CLK_TCK);
	int width = 0;

	hy_pr_printf(p, "%" PRId64, ticks);
	if (ticks <= 0 || hz <= 0)
		return;
	for (long f = hz; f >= 10; f /= 10)
		width++;
	hy_pr_printf(p, " /* %" PRId64 ".%0*" PRId64 " s */", ticks / hz, width, ticks % hz);
}

/* A (seconds, fraction) pair of the call's time_t width. */
static bool read_time_pair(const struct hy_record *r, enum hy_phase phase, uint64_t addr,
			   int64_t *sec, uint64_t *frac)
{
	if (hy_time32(r)) {
		int32_t t[2];

		if (!hy_read(r, phase, addr, t, sizeof(t)))
			return false;
		*sec = t[0];
		*frac = (uint32_t)t[1];
		return true;
	} else {
		int64_t t[2];

		if (!hy_read(r, phase, addr, t, sizeof(t)))
			return false;
		*sec = t[0];
		*frac = t[1];
		return true;
	}
}

static void pr_time_pair(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, const char *frac_name)
{
	int64_t sec;
	uint64_t frac;

	if (!addr || !read_time_pair(r, phase, addr, &sec, &frac)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{tv_sec=%" PRId64 ", %s=%" PRIu64 "}", sec, frac_name, frac);
}

void hy_pr_timespec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr)
{
	pr_time_pair(p, r, phase, addr, "tv_nsec");
}

void hy_pr_timeval_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	pr_time_pair(p, r, phase, addr, "tv_usec");
}

void hy_pr_itimerspec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr)
{
	unsigned int half = hy_time32(r) ? 8 : 16;
	int64_t sec;
	uint64_t frac;

	/* both halves must be there before anything is printed */
	if (!addr || !read_time_pair(r, phase, addr, &sec, &frac) ||
	    !read_time_pair(r, phase, addr + half, &sec, &frac)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{it_interval=");
	hy_pr_timespec_at(p, r, phase, addr);
	hy_pr_puts(p, ", it_value=");
	hy_pr_timespec_at(p, r, phase, addr + half);
	hy_pr_putc(p, '}');
}

static void pr_rlim(struct hy_printer *p, uint64_t v, bool is32)
{
	if (is32 ? v == UINT32_MAX : v == UINT64_MAX)
		hy_pr_puts(p, is32 ? "RLIM_INFINITY" : "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		hy_pr_printf(p, "%" PRIu64 "*1024", v / 1024);
	else
		hy_pr_printf(p, "%" PRIu64, v);
}

void hy_pr_rlimit_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr)
{
	/* prlimit64 takes 64-bit limits on every ABI; i386 getrlimit/setrlimit 32-bit ones */
	bool is32 = hy_compat32(r) && hy_time32(r);
	uint64_t lim[2];

	if (is32) {
		uint32_t l32[2];

		if (!hy_read(r, phase, addr, l32, sizeof(l32))) {
			hy_pr_ptr(p, addr);
			return;
		}
		lim[0] = l32[0];
		lim[1] = l32[1];
	} else if (!hy_read(r, phase, addr, lim, sizeof(lim))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{rlim_cur=");
	pr_rlim(p, lim[0], is32);
	hy_pr_puts(p, ", rlim_max=");
	pr_rlim(p, lim[1], is32);
	hy_pr_putc(p, '}');
}

void hy_pr_utsname_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	struct utsname u;

	/* strace's abbreviated form needs only the first two fields */
	if (!hy_read(r, phase, addr, &u, offsetof(struct utsname, release))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{sysname=");
	hy_pr_quoted(p, u.sysname, strnlen(u.sysname, sizeof(u.sysname)), false);
	hy_pr_puts(p, ", nodename=");
	hy_pr_quoted(p, u.nodename, strnlen(u.nodename, sizeof(u.nodename)), false);
	hy_pr_puts(p, ", ...}");
}

static void pr_timezone_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr)
{
	int32_t tz[2];

	if (!hy_read(r, phase, addr, tz, sizeof(tz)))
		hy_pr_ptr(p, addr);
	else
		hy_pr_printf(p, "{tz_minuteswest=%d, tz_dsttime=%d}", tz[0], tz[1]);
}

static void pr_sched_param_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			      uint64_t addr)
{
	int32_t prio;

	if (!hy_read(r, phase, addr, &prio, sizeof(prio)))
		hy_pr_ptr(p, addr);
	else
		hy_pr_printf(p, "[%d]", prio);
}

static void pr_itimerval_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr)
{
	unsigned int half = hy_time32(r) ? 8 : 16;
	uint8_t probe[32];

	if (!hy_read(r, phase, addr, probe, 2 * half)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{it_interval=");
	hy_pr_timeval_at(p, r, phase, addr);
	hy_pr_puts(p, ", it_value=");
	hy_pr_timeval_at(p, r, phase, addr + half);
	hy_pr_putc(p, '}');
}

/* struct tms: four clock_t (longs of the ABI) */
static void pr_tms_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	static const char *const names[] = { "tms_utime", "tms_stime", "tms_cutime", "tms_cstime" };
	unsigned int w = hy_ptr_size(r);
	uint64_t v;

	for (int i = 0; i < 4; i++) {
		if (!hy_read_word(r, phase, addr + i * w, &v)) {
			hy_pr_ptr(p, addr);
			return;
		}
	}
	for (int i = 0; i < 4; i++) {
		hy_read_word(r, phase, addr + i * w, &v);
		hy_pr_printf(p, "%s%s=", i ? ", " : "{", names[i]);
		hy_pr_clock_t(p, w == 8 ? (int64_t)v : (int32_t)v);
	}
	hy_pr_putc(p, '}');
}

static void pr_sysinfo_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr)
{
	/*
	 * Ten longs (uptime, loads[3], the ram and swap counts), an unsigned short
	 * procs padded to a long, totalhigh, freehigh and the unsigned mem_unit.
	 */
	unsigned int w = hy_ptr_size(r);
	uint8_t raw[112];
	uint64_t v[13];
	uint16_t procs;
	uint32_t unit;

	if (!hy_read(r, phase, addr, raw, 14 * w)) {
		hy_pr_ptr(p, addr);
		return;
	}
	for (int i = 0; i < 13; i++) {
		uint32_t v32;

		if (w == 8) {
			memcpy(&v[i], raw + 8 * i, 8);
		} else {
			memcpy(&v32, raw + 4 * i, 4);
			v[i] = v32;
		}
	}
	memcpy(&procs, raw + 10 * w, 2);
	memcpy(&unit, raw + 13 * w, 4);
	hy_pr_printf(p, "{uptime=%" PRId64 ", loads=[%" PRIu64 ", %" PRIu64 ", %" PRIu64 "]",
		     w == 8 ? (int64_t)v[0] : (int64_t)(int32_t)v[0], v[1], v[2], v[3]);
	hy_pr_printf(p, ", totalram=%" PRIu64 ", freeram=%" PRIu64 ", sharedram=%" PRIu64, v[4],
		     v[5], v[6]);
	hy_pr_printf(p, ", bufferram=%" PRIu64 ", totalswap=%" PRIu64 ", freeswap=%" PRIu64, v[7],
		     v[8], v[9]);
	hy_pr_printf(p, ", procs=%u, totalhigh=%" PRIu64 ", freehigh=%" PRIu64 ", mem_unit=%u}",
		     procs, v[11], v[12], unit);
}

/* ---- the table's struct kinds ---- */

size_t hy_struct_size(enum hy_struct_id id)
{
	switch (id) {
	case HY_S_STAT:
		return 144;
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
	case HY_S_MSGHDR:
		return 56;
	case HY_S_EPOLL_EVENT:
		return 12;
	case HY_S_POLLFD:
		/* eight pollfds; longer arrays print as their address */
		return 64;
	case HY_S_ARGS32:
		return 24;
	case HY_S_USER_DESC:
		return 16;
	case HY_S_VARIANT:
		/* enough for a struct termios, the largest of the common ones */
		return 36;
	case HY_S_FLOCK:
	case HY_S_ITIMERVAL:
	case HY_S_TMS:
		return 32;
	case HY_S_CPUSET:
		return 128;
	default:
		return 0;
	}
}

/* The value of argument @i, or what it points to when the table says it is an int pointer. */
static int64_t len_arg(const struct hy_record *r, enum hy_phase phase, int i)
{
	const struct hy_argspec *a;
	int32_t v;

	if (!r->ent || i >= r->ent->nargs)
		return -1;
	a = &r->ent->args[i];
	if ((a->kind == HY_A_STRUCT_IN || a->kind == HY_A_STRUCT_OUT) && a->aux == HY_S_INT) {
		if (hy_read(r, phase, r->args[i], &v, sizeof(v)) ||
		    hy_read(r, HY_PHASE_ENTER, r->args[i], &v, sizeof(v)))
			return v;
		return -1;
	}
	return hy_sarg(r, i);
}

/* The sigsetsize argument of a call: the first plain number after the set. */
static uint64_t sigset_size(const struct hy_record *r, int arg)
{
	for (int i = arg + 1; r->ent && i < r->ent->nargs; i++)
		if (r->ent->args[i].kind == HY_A_UINT || r->ent->args[i].kind == HY_A_INT)
			return hy_uarg(r, i);
	return 8;
}

void hy_print_struct(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     enum hy_struct_id id, uint64_t addr, int arg)
{
	int32_t fds[2];

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	switch (id) {
	case HY_S_STAT:
		hy_pr_stat_at(p, r, phase, addr);
		break;
	case HY_S_STATX:
		hy_pr_statx_at(p, r, phase, addr);
		break;
	case HY_S_STATFS:
		hy_pr_statfs_at(p, r, phase, addr);
		break;
	case HY_S_TIMESPEC:
		hy_pr_timespec_at(p, r, phase, addr);
		break;
	case HY_S_TIMEVAL:
		hy_pr_timeval_at(p, r, phase, addr);
		break;
	case HY_S_ITIMERSPEC:
		hy_pr_itimerspec_at(p, r, phase, addr);
		break;
	case HY_S_SOCKADDR:
		hy_pr_sockaddr_at(p, r, phase, addr, len_arg(r, phase, arg + 1));
		break;
	case HY_S_IOVEC:
		hy_pr_iovec_at(p, r, phase, addr, hy_uarg(r, arg + 1),
			       phase == HY_PHASE_EXIT ? r->ret : -1);
		break;
	case HY_S_MSGHDR:
		hy_pr_msghdr_at(p, r, phase, addr, phase == HY_PHASE_EXIT ? r->ret : -1);
		break;
	case HY_S_SIGSET:
		hy_pr_sigset_at(p, r, phase, addr, sigset_size(r, arg));
		break;
	case HY_S_SIGACTION:
		hy_pr_sigaction_at(p, r, phase, addr);
		break;
	case HY_S_SIGINFO:
		hy_pr_siginfo_at(p, r, phase, addr);
		break;
	case HY_S_STACK:
		hy_pr_stack_at(p, r, phase, addr);
		break;
	case HY_S_RLIMIT:
		hy_pr_rlimit_at(p, r, phase, addr);
		break;
	case HY_S_RUSAGE:
		hy_pr_rusage_at(p, r, phase, addr);
		break;
	case HY_S_UTSNAME:
		hy_pr_utsname_at(p, r, phase, addr);
		break;
	case HY_S_POLLFD:
		hy_pr_pollfds_at(p, r, addr, hy_uarg(r, arg + 1));
		break;
	case HY_S_EPOLL_EVENT:
		hy_pr_epoll_events_at(p, r, phase, addr, phase == HY_PHASE_EXIT ? r->ret : -1);
		break;
	case HY_S_FDSET:
		hy_pr_fdset_at(p, r, phase, addr, (int)r->args[0]);
		break;
	case HY_S_INT:
		hy_pr_int_at(p, r, phase, addr);
		break;
	case HY_S_LONG:
		hy_pr_s64_at(p, r, phase, addr);
		break;
	case HY_S_SYSINFO:
		pr_sysinfo_at(p, r, phase, addr);
		break;
	case HY_S_ITIMERVAL:
		pr_itimerval_at(p, r, phase, addr);
		break;
	case HY_S_TMS:
		pr_tms_at(p, r, phase, addr);
		break;
	case HY_S_FD_PAIR:
		if (hy_read(r, phase, addr, fds, sizeof(fds)))
			hy_pr_printf(p, "[%d, %d]", fds[0], fds[1]);
		else
			hy_pr_ptr(p, addr);
		break;
	case HY_S_OPEN_HOW:
		hy_pr_open_how_at(p, r, addr, hy_uarg(r, arg + 1));
		break;
	case HY_S_TIMEZONE:
		pr_timezone_at(p, r, phase, addr);
		break;
	case HY_S_SCHED_PARAM:
		pr_sched_param_at(p, r, phase, addr);
		break;
	default:
		/* robust_list, rseq, sysinfo...: strace shows these as addresses too */
		hy_pr_ptr(p, addr);
		break;
	}
}
