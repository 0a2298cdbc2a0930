// SPDX-License-Identifier: MIT
/* Resource limits, scheduling parameters and what the system says of itself. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <string.h>
#include <sys/utsname.h>

#include "decode/args.h"
#include "decode/decode_resource.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

static void pr_rlim(struct hy_printer *p, uint64_t v, bool is32)
{
	/* -X: "8388608 / * 8192*1024 * /": the product counts as a name */
	int tok = hy_pr_const_open(p, v, HY_NUM_UDEC);

	if (!tok)
		return;
	if (is32 ? v == UINT32_MAX : v == UINT64_MAX)
		hy_pr_puts(p, is32 ? "RLIM_INFINITY" : "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		hy_pr_printf(p, "%" PRIu64 "*1024", v / 1024);
	else
		hy_pr_printf(p, "%" PRIu64, v);
	hy_pr_const_close(p, tok);
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

	/* strace's abbreviated form needs only the first two fields; -v all six */
	if (!hy_read(r, phase, addr, &u,
		     p->verbose ? sizeof(u) : offsetof(struct utsname, release))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{sysname=");
	hy_pr_quoted(p, u.sysname, strnlen(u.sysname, sizeof(u.sysname)), false);
	hy_pr_puts(p, ", nodename=");
	hy_pr_quoted(p, u.nodename, strnlen(u.nodename, sizeof(u.nodename)), false);
	if (!p->verbose) {
		hy_pr_puts(p, ", ...}");
		return;
	}
	hy_pr_puts(p, ", release=");
	hy_pr_quoted(p, u.release, strnlen(u.release, sizeof(u.release)), false);
	hy_pr_puts(p, ", version=");
	hy_pr_quoted(p, u.version, strnlen(u.version, sizeof(u.version)), false);
	hy_pr_puts(p, ", machine=");
	hy_pr_quoted(p, u.machine, strnlen(u.machine, sizeof(u.machine)), false);
	hy_pr_puts(p, ", domainname=");
	hy_pr_quoted(p, u.domainname, strnlen(u.domainname, sizeof(u.domainname)), false);
	hy_pr_putc(p, '}');
}

void hy_pr_sched_param_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr)
{
	int32_t prio;

	if (!hy_read(r, phase, addr, &prio, sizeof(prio)))
		hy_pr_ptr(p, addr);
	else
		hy_pr_printf(p, "[%d]", prio);
}

void hy_pr_sysinfo_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
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

/* strace's verbose form for syslog's values: "3 / * SYSLOG_ACTION_READ_ALL * /" */
static void print_verbose(struct hy_printer *p, enum hy_xlat_id set, int v)
{
	const char *name = hy_xlat_name(set, (uint64_t)v);

	hy_pr_printf(p, "%d /* %s */", v, name ? name : hy_xlat_get(set)->dflt);
}

/*
 * syslog(type, buf, len): the read actions show the bytes read, the console
 * level its level, the actions without arguments only their type.
 */
void hy_dec_syslog(struct hy_printer *p, const struct hy_record *r)
{
	int type = (int)r->args[0];
	uint64_t buf = hy_uarg(r, 1);

	print_verbose(p, HY_X_SYSLOG_ACTION, type);
	switch (type) {
	case 2: /* SYSLOG_ACTION_READ, _READ_ALL, _READ_CLEAR */
	case 3:
	case 4:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_buf_arg(p, r, HY_PHASE_EXIT, buf, r->ret);
		else
			hy_pr_ptr(p, buf);
		hy_pr_printf(p, ", %d", (int)r->args[2]);
		break;
	case 8: /* SYSLOG_ACTION_CONSOLE_LEVEL */
		hy_pr_sep(p);
		hy_pr_ptr(p, buf);
		hy_pr_sep(p);
		print_verbose(p, HY_X_LOGLEVEL, (int)r->args[2]);
		break;
	case 0: /* CLOSE, OPEN */
	case 1:
	case 5: /* CLEAR, CONSOLE_OFF, CONSOLE_ON, SIZE_UNREAD, SIZE_BUFFER */
	case 6:
	case 7:
	case 9:
	case 10:
		break;
	default:
		hy_pr_sep(p);
		hy_pr_ptr(p, buf);
		hy_pr_printf(p, ", %d", (int)r->args[2]);
		break;
	}
}
