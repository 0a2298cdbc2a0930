// SPDX-License-Identifier: MIT
/*
 * The return value's form: the calls that return addresses, and what strace
 * appends to some successful results ("= 0x8002 (flags O_RDWR|O_LARGEFILE)",
 * "= 1 ([{fd=3, revents=POLLIN}])", "= 0 (Timeout)").
 *
 * Printing the result is separate from printing the arguments (the caller may
 * use another printer), so everything here is derived from the record alone.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "decode/decode_net.h"
#include "decode/decode_poll.h"
#include "decode/decode_prctl.h"
#include "decode/decode_process.h"
#include "decode/decode_rval.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

void hy_dec_fcntl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mmap(struct hy_printer *p, const struct hy_record *r);
void hy_dec_old_mmap(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mremap(struct hy_printer *p, const struct hy_record *r);
void hy_dec_prctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_poll(struct hy_printer *p, const struct hy_record *r);
void hy_dec_select(struct hy_printer *p, const struct hy_record *r);

/* Defined in decode_poll.c: "[{fd=3, revents=POLLIN}]" / "in [3], out [4]". */
bool hy_pr_poll_result(struct hy_printer *p, const struct hy_record *r);
bool hy_pr_select_result(struct hy_printer *p, const struct hy_record *r);
void hy_dec_thread_area(struct hy_printer *p, const struct hy_record *r);

static bool is(const struct hy_record *r, hy_decode_fn fn)
{
	return r->ent && r->ent->decode == fn;
}

enum hy_rval_fmt hy_rval_format(const struct hy_record *r)
{
	unsigned int cmd = r->args[1];

	if (r->ent && (r->ent->ret == HY_R_HEX || r->ent->ret == HY_R_PERSONA))
		return HY_RVAL_HEX;
	/* the query returns a set of commands */
	if (r->ent && r->ent->ret == HY_R_MEMBARRIER && r->args[0] == 0 && r->ret > 0)
		return HY_RVAL_HEX;
	if (is(r, hy_dec_fcntl) && (cmd == F_GETFL || cmd == F_GETLEASE ||
				    (r->ret && (cmd == F_GETFD || cmd == F_GET_SEALS))))
		return HY_RVAL_HEX;
	if (r->ent && r->ent->ret == HY_R_OCT)
		return HY_RVAL_OCT;
	return HY_RVAL_DEC;
}

/*
 * " (SIGUSR1)": strace -X raw and verbose keep the names of open flags and
 * signals in a result's note (it writes them as strings there), while the
 * notes it prints as flag sets (F_GETFD's "(flags 0x1)") follow the style.
 */
static void note_named(struct hy_printer *p, const struct hy_record *r, bool open_flags)
{
	unsigned char style = p->xstyle;

	p->xstyle = HY_XSTYLE_ABBREV;
	hy_pr_puts(p, open_flags ? " (flags " : " (");
	if (open_flags)
		hy_pr_open_flags(p, (uint32_t)r->ret);
	else
		hy_pr_signal(p, (int)r->ret);
	hy_pr_putc(p, ')');
	p->xstyle = style;
}

static void note_fcntl(struct hy_printer *p, const struct hy_record *r)
{
	unsigned int cmd = r->args[1];
	const char *name;

	switch (cmd) {
	case F_GETFD:
		if (r->ret) {
			hy_pr_puts(p, " (flags ");
			hy_pr_flags(p, HY_X_FD_FLAGS, r->ret, NULL);
			hy_pr_putc(p, ')');
		}
		break;
	case F_GETFL:
		note_named(p, r, true);
		break;
	case F_GETLEASE:
		name = hy_xlat_name(HY_X_LOCK_TYPE, r->ret);
		if (name)
			hy_pr_printf(p, " (%s)", name);
		break;
	case F_GET_SEALS:
		if (r->ret) {
			hy_pr_puts(p, " (seals ");
			hy_pr_flags(p, HY_X_F_SEALS, r->ret, NULL);
			hy_pr_putc(p, ')');
		}
		break;
	case F_GETSIG:
		if (r->ret)
			note_named(p, r, false);
		break;
	}
}

/* time(2)'s result: "1796391817 (2026-12-04T13:43:37+0000)" */
static void note_time(struct hy_printer *p, int64_t sec)
{
	time_t t = (time_t)sec;
	char date[64];
	struct tm tm;

	if (localtime_r(&t, &tm) && strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S%z", &tm))
		hy_pr_printf(p, " (%s)", date);
}

void hy_pr_rval_note(struct hy_printer *p, const struct hy_record *r)
{
	const char *name;

	if (!r->ent || (r->flags & HY_EV_UNFINISHED) || r->ret < 0)
		return;
	if (is(r, hy_dec_fcntl)) {
		note_fcntl(p, r);
	} else if (is(r, hy_dec_poll)) {
		if (!r->ret)
			hy_pr_puts(p, " (Timeout)");
		else
			hy_pr_poll_result(p, r);
	} else if (is(r, hy_dec_select)) {
		if (!r->ret)
			hy_pr_puts(p, " (Timeout)");
		else
			hy_pr_select_result(p, r);
	} else if (is(r, hy_dec_prctl)) {
		hy_pr_prctl_result(p, r);
	} else if (is(r, hy_dec_thread_area)) {
		hy_pr_thread_area_result(p, r);
	} else if (!strncmp(r->ent->name, "recvmmsg", 8)) {
		hy_pr_recvmmsg_left(p, r);
	} else if (r->ent && r->ent->ret == HY_R_PID && r->ret > 0) {
		hy_pr_pid_note(p, r, (int)r->ret);
	} else if (r->ent && r->ent->ret == HY_R_PERSONA) {
		hy_pr_puts(p, " (");
		hy_pr_personality(p, (uint32_t)r->ret);
		hy_pr_putc(p, ')');
	} else if (r->ent && r->ent->ret == HY_R_IOPRIO && p->xstyle != HY_XSTYLE_RAW) {
		/* strace -X raw writes the number alone */
		hy_pr_puts(p, " (");
		hy_pr_ioprio(p, (uint32_t)r->ret);
		hy_pr_putc(p, ')');
	} else if (r->ent && r->ent->ret == HY_R_MEMBARRIER) {
		if (r->args[0] == 0 && r->ret > 0) {
			hy_pr_puts(p, " (");
			hy_pr_flags(p, HY_X_MEMBARRIER_CMD, r->ret, NULL);
			hy_pr_putc(p, ')');
		}
	} else if (r->ent && r->ent->ret == HY_R_TIME) {
		note_time(p, r->ret);
	} else if (r->ent && r->ent->ret == HY_R_SCHED_POLICY) {
		name = hy_xlat_name(HY_X_SCHED_POLICY, r->ret);
		if (name)
			hy_pr_printf(p, " (%s)", name);
	} else if (r->ent && r->ent->ret == HY_R_SIG && r->ret > 0) {
		note_named(p, r, false);
	} else if (r->ent && r->ent->ret == HY_R_INT32 && (int32_t)r->ret < 0 &&
		   (int32_t)r->ret >= -4095) {
		/* the number as the long the kernel returned, the errno its int means */
		name = hy_errno_name(-(int32_t)r->ret);
		if (name)
			hy_pr_printf(p, " %s (%s)", name, hy_errno_text(-(int32_t)r->ret));
	}
}
