// SPDX-License-Identifier: MIT
/*
 * Times: timespec, timeval, itimerspec, itimerval, timezone, tms and clock
 * ticks, of the call's time_t width; and sleeping, whose remaining time is
 * written only when a signal cut the sleep short.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "decode/args.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

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

void hy_pr_timezone_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr)
{
	int32_t tz[2];

	if (!hy_read(r, phase, addr, tz, sizeof(tz)))
		hy_pr_ptr(p, addr);
	else
		hy_pr_printf(p, "{tz_minuteswest=%d, tz_dsttime=%d}", tz[0], tz[1]);
}

void hy_pr_itimerval_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
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
void hy_pr_tms_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
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

/* The kernel's internal restart codes (ERESTARTSYS..ERESTART_RESTARTBLOCK). */
static bool restarted(const struct hy_record *r)
{
	return !(r->flags & HY_EV_UNFINISHED) && r->ret <= -512 && r->ret >= -516;
}

static void print_rem(struct hy_printer *p, const struct hy_record *r, uint64_t rem)
{
	if (restarted(r))
		hy_pr_timespec_at(p, r, HY_PHASE_EXIT, rem);
	else
		hy_pr_ptr(p, rem);
}

/* nanosleep(req, rem) */
void hy_dec_nanosleep(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 0));
	hy_pr_sep(p);
	print_rem(p, r, hy_uarg(r, 1));
}

/* clock_nanosleep(clock, flags, req, rem): an absolute sleep leaves rem alone */
void hy_dec_clock_nanosleep(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[1];

	hy_pr_enum(p, HY_X_CLOCK_ID, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_TIMER_FLAGS, flags, NULL);
	hy_pr_sep(p);
	hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 2));
	hy_pr_sep(p);
	if (flags & TIMER_ABSTIME)
		hy_pr_ptr(p, hy_uarg(r, 3));
	else
		print_rem(p, r, hy_uarg(r, 3));
}

/*
 * strace's comment after a time: " / * 2001-09-09T01:46:40.000005+0000 * /" in
 * local time, the fraction with @digits digits (0: none). None for the epoch
 * itself, for a fraction out of range (the kernel refuses it) or a time
 * localtime cannot break down.
 */
void hy_pr_time_comment(struct hy_printer *p, int64_t sec, uint64_t frac, int digits)
{
	uint64_t limit = digits == 9 ? 1000000000u : digits == 6 ? 1000000u : 1;
	time_t t = (time_t)sec;
	char date[64], zone[16];
	struct tm tm;

	if ((sec == 0 && frac == 0) || frac >= limit || !localtime_r(&t, &tm))
		return;
	if (!strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm) ||
	    !strftime(zone, sizeof(zone), "%z", &tm))
		return;
	if (digits)
		hy_pr_printf(p, " /* %s.%0*" PRIu64 "%s */", date, digits, frac, zone);
	else
		hy_pr_printf(p, " /* %s%s */", date, zone);
}

/* A time_t of the call's width. */
static bool read_time_t(const struct hy_record *r, enum hy_phase phase, uint64_t addr, int64_t *sec)
{
	int32_t t32;

	if (hy_time32(r)) {
		if (!hy_read(r, phase, addr, &t32, sizeof(t32)))
			return false;
		*sec = t32;
		return true;
	}
	return hy_read(r, phase, addr, sec, sizeof(*sec));
}

/* time(2)'s output: "[1796391817 / * 2026-12-04T13:43:37+0000 * /]" */
void hy_pr_time_t_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr)
{
	int64_t sec;

	if (!read_time_t(r, phase, addr, &sec)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "[%" PRId64, sec);
	hy_pr_time_comment(p, sec, 0, 0);
	hy_pr_putc(p, ']');
}

/* utime(2)'s struct utimbuf: "{actime=1000000000 / * ... * /, modtime=...}" */
void hy_pr_utimbuf_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	unsigned int w = hy_time32(r) ? 4 : 8;
	int64_t a, m;

	if (!read_time_t(r, phase, addr, &a) || !read_time_t(r, phase, addr + w, &m)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{actime=%" PRId64, a);
	hy_pr_time_comment(p, a, 0, 0);
	hy_pr_printf(p, ", modtime=%" PRId64, m);
	hy_pr_time_comment(p, m, 0, 0);
	hy_pr_putc(p, '}');
}

/*
 * The two times of utimes/futimesat (timevals) and utimensat (timespecs, where
 * UTIME_NOW and UTIME_OMIT stand for the whole struct): both are read before
 * anything is printed, so an array cut by an unmapped page prints as its address.
 */
static void pr_time_array(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr, bool nsec)
{
	unsigned int half = hy_time32(r) ? 8 : 16;
	int64_t sec[2];
	uint64_t frac[2];

	if (!read_time_pair(r, phase, addr, &sec[0], &frac[0]) ||
	    !read_time_pair(r, phase, addr + half, &sec[1], &frac[1])) {
		hy_pr_ptr(p, addr);
		return;
	}
	for (int i = 0; i < 2; i++) {
		const char *special = !nsec		    ? NULL :
				      frac[i] == UTIME_NOW  ? "UTIME_NOW" :
				      frac[i] == UTIME_OMIT ? "UTIME_OMIT" :
							      NULL;

		hy_pr_puts(p, i ? ", " : "[");
		if (special && p->xstyle == HY_XSTYLE_ABBREV) {
			hy_pr_puts(p, special);
			continue;
		}
		/* -X raw: the struct as it is; verbose: the struct, then the name */
		hy_pr_printf(p, "{tv_sec=%" PRId64 ", %s=%" PRIu64 "}", sec[i],
			     nsec ? "tv_nsec" : "tv_usec", frac[i]);
		if (!special)
			hy_pr_time_comment(p, sec[i], frac[i], nsec ? 9 : 6);
		else if (p->xstyle == HY_XSTYLE_VERBOSE)
			hy_pr_printf(p, " /* %s */", special);
	}
	hy_pr_putc(p, ']');
}

void hy_pr_timeval_pair_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr)
{
	pr_time_array(p, r, phase, addr, false);
}

void hy_pr_timespec_pair_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr)
{
	pr_time_array(p, r, phase, addr, true);
}
