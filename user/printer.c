// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "printer.h"

void hy_pr_init(struct hy_printer *p, char *buf, size_t size, unsigned int strsize)
{
	p->buf = buf;
	p->size = size;
	p->len = 0;
	p->strsize = strsize ? strsize : HY_STRSIZE_DEFAULT;
	p->rval_hex = false;
	p->rval_fd_pair = false;
	if (size)
		buf[0] = 0;
}

static void put(struct hy_printer *p, const char *s, size_t n)
{
	if (p->len < p->size) {
		size_t room = p->size - p->len - 1;
		size_t k = n < room ? n : room;

		memcpy(p->buf + p->len, s, k);
		p->buf[p->len + k] = 0;
	}
	p->len += n;
}

void hy_pr_puts(struct hy_printer *p, const char *s)
{
	put(p, s, strlen(s));
}

void hy_pr_putc(struct hy_printer *p, char c)
{
	/* the common case, without put()'s bookkeeping */
	if (p->len + 1 < p->size) {
		p->buf[p->len++] = c;
		p->buf[p->len] = 0;
		return;
	}
	put(p, &c, 1);
}

void hy_pr_write(struct hy_printer *p, const char *s, size_t n)
{
	put(p, s, n);
}

/* Decimal numbers are most of what a record prints: no printf machinery for them. */
void hy_pr_u64(struct hy_printer *p, uint64_t v)
{
	char tmp[24], *e = tmp + sizeof(tmp), *s = e;

	do
		*--s = '0' + v % 10;
	while (v /= 10);
	put(p, s, e - s);
}

void hy_pr_i64(struct hy_printer *p, int64_t v)
{
	if (v < 0) {
		hy_pr_putc(p, '-');
		hy_pr_u64(p, -(uint64_t)v);
	} else {
		hy_pr_u64(p, v);
	}
}

void hy_pr_printf(struct hy_printer *p, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(tmp))
		n = sizeof(tmp) - 1;
	if (n > 0)
		put(p, tmp, n);
}

/* strace's escaping: C escapes for \t\n\v\f\r, the shortest octal otherwise. */
void hy_pr_quoted(struct hy_printer *p, const void *data, size_t len, bool trunc)
{
	const unsigned char *s = data;
	char out[8];

	hy_pr_putc(p, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		size_t run = i;

		/* a run of characters printed as they are goes out in one piece */
		while (run < len && s[run] >= ' ' && s[run] < 0x7f && s[run] != '"' && s[run] != '\\')
			run++;
		if (run > i) {
			put(p, (const char *)s + i, run - i);
			i = run - 1;
			continue;
		}
		bool next_digit = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7';

		switch (c) {
		case '"':
			hy_pr_puts(p, "\\\"");
			continue;
		case '\\':
			hy_pr_puts(p, "\\\\");
			continue;
		case '\t':
			hy_pr_puts(p, "\\t");
			continue;
		case '\n':
			hy_pr_puts(p, "\\n");
			continue;
		case '\v':
			hy_pr_puts(p, "\\v");
			continue;
		case '\f':
			hy_pr_puts(p, "\\f");
			continue;
		case '\r':
			hy_pr_puts(p, "\\r");
			continue;
		}
		if (c >= ' ' && c < 0x7f) {
			hy_pr_putc(p, c);
			continue;
		}
		snprintf(out, sizeof(out), next_digit ? "\\%03o" : "\\%o", c);
		hy_pr_puts(p, out);
	}
	hy_pr_putc(p, '"');
	if (trunc)
		hy_pr_puts(p, "...");
}

void hy_pr_quoted_hex(struct hy_printer *p, const void *data, size_t len, bool trunc)
{
	const unsigned char *s = data;

	hy_pr_putc(p, '"');
	for (size_t i = 0; i < len; i++)
		hy_pr_printf(p, "\\x%02x", s[i]);
	hy_pr_putc(p, '"');
	if (trunc)
		hy_pr_puts(p, "...");
}

void hy_pr_ptr(struct hy_printer *p, uint64_t addr)
{
	if (!addr)
		hy_pr_puts(p, "NULL");
	else
		hy_pr_printf(p, "%#" PRIx64, addr);
}

/* Unnamed values print as strace does: hex, with the set's default name as a comment. */
static void pr_unknown(struct hy_printer *p, const struct hy_xlat *x, uint64_t val)
{
	if (x->dflt)
		hy_pr_printf(p, "%#" PRIx64 " /* %s */", val, x->dflt);
	else
		hy_pr_printf(p, "%#" PRIx64, val);
}

void hy_pr_flags(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, const char *zero)
{
	const struct hy_xlat *x = hy_xlat_get(set);
	uint64_t left = val;
	bool any = false;

	if (!val) {
		for (unsigned int i = 0; i < x->n; i++) {
			if (x->ent[i].val == 0) {
				hy_pr_puts(p, x->ent[i].name);
				return;
			}
		}
		hy_pr_puts(p, zero ? zero : "0");
		return;
	}
	for (unsigned int i = 0; i < x->n; i++) {
		uint64_t v = x->ent[i].val;

		if (v && (left & v) == v) {
			if (any)
				hy_pr_putc(p, '|');
			hy_pr_puts(p, x->ent[i].name);
			left &= ~v;
			any = true;
		}
	}
	if (!any)
		pr_unknown(p, x, left);
	else if (left)
		hy_pr_printf(p, "|%#" PRIx64, left);
}

void hy_pr_enum(struct hy_printer *p, enum hy_xlat_id set, int64_t val)
{
	const struct hy_xlat *x = hy_xlat_get(set);
	const char *name = hy_xlat_name(set, val);

	if (name)
		hy_pr_puts(p, name);
	else if (!x->dflt)
		hy_pr_printf(p, "%" PRId64, val);
	else if (val >= INT32_MIN && val <= UINT32_MAX)
		/* the C argument is an int: strace shows its bits, not a sign-extended long */
		pr_unknown(p, x, (uint32_t)val);
	else
		pr_unknown(p, x, val);
}

const char *hy_signal_name(int sig, char *buf, size_t size)
{
	/* strace's names (glibc's sigabbrev_np says POLL for IO) */
	static const char *const names[32] = {
		NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
		"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
		"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
		"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
		"SIGIO", "SIGPWR", "SIGSYS",
	};

	/*
	 * strace names the real-time signals from the kernel's SIGRTMIN (32), not
	 * glibc's (34, after the two the C library keeps for itself).
	 */
	if (sig == 32) {
		snprintf(buf, size, "SIGRTMIN");
		return buf;
	}
	if (sig > 32 && sig <= 64) {
		snprintf(buf, size, "SIGRT_%d", sig - 32);
		return buf;
	}
	if (sig <= 0 || sig > 31)
		return NULL;
	snprintf(buf, size, "%s", names[sig]);
	return buf;
}

void hy_pr_signal(struct hy_printer *p, int sig)
{
	char tmp[32];
	const char *name = hy_signal_name(sig, tmp, sizeof(tmp));

	if (name)
		hy_pr_puts(p, name);
	else
		hy_pr_printf(p, "%d", sig);
}

/* The kernel's internal restart codes never reach user space but do reach tracers. */
static const struct {
	int err;
	const char *name, *text;
} restart_codes[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", "No ioctl command" },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", "Driver requests probe retry" },
	{ 518, "EOPENSTALE", "Open found a stale dentry" },
	{ 519, "ENOPARAM", "Parameter not supported" },
	{ 521, "EBADHANDLE", "Illegal NFS file handle" },
	{ 522, "ENOTSYNC", "Update synchronization mismatch" },
	{ 523, "EBADCOOKIE", "Cookie is stale" },
	{ 524, "ENOTSUPP", "Operation is not supported" },
	{ 525, "ETOOSMALL", "Buffer or request is too small" },
	{ 526, "ESERVERFAULT", "An untranslatable error occurred" },
	{ 527, "EBADTYPE", "Type not supported by server" },
	{ 528, "EJUKEBOX", "Request initiated, but will not complete before timeout" },
	{ 529, "EIOCBQUEUED", "iocb queued, will get completion event" },
	{ 530, "ERECALLCONFLICT", "Conflict with recalled state" },
};

const char *hy_errno_name(int err)
{
	for (size_t i = 0; i < sizeof(restart_codes) / sizeof(restart_codes[0]); i++)
		if (restart_codes[i].err == err)
			return restart_codes[i].name;
	return strerrorname_np(err);
}

const char *hy_errno_text(int err)
{
	for (size_t i = 0; i < sizeof(restart_codes) / sizeof(restart_codes[0]); i++)
		if (restart_codes[i].err == err)
			return restart_codes[i].text;
	return strerror(err);
}

void hy_pr_str_arg(struct hy_printer *p, const struct hy_record *r, uint64_t addr, size_t max)
{
	char tmp[4096];
	const char *s;
	size_t len;
	bool trunc;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (hy_rec_str(r, addr, &s, &len, &trunc, tmp, max && max < sizeof(tmp) ? max + 2 : sizeof(tmp))) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (max && len > max) {
		len = max;
		trunc = true;
	}
	hy_pr_quoted(p, s, len, trunc);
}

void hy_pr_buf_arg(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr, int64_t len)
{
	char tmp[4096];
	size_t want, show;
	ssize_t got;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (len < 0) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (len == 0) {
		hy_pr_puts(p, "\"\"");
		return;
	}
	want = (uint64_t)len < p->strsize ? (size_t)len : p->strsize;
	if (want > sizeof(tmp))
		want = sizeof(tmp);
	got = hy_rec_read(r, phase, addr, tmp, want);
	if (got < 0 || (got == 0 && want)) {
		hy_pr_ptr(p, addr);
		return;
	}
	show = got;
	hy_pr_quoted(p, tmp, show, (uint64_t)len > show);
}

void hy_pr_pid_note(struct hy_printer *p, const struct hy_record *r, int pid)
{
	int outer;

	if (!r->pidns || pid <= 0)
		return;
	outer = r->pidns->outer(r->pidns, r->tid, pid);
	if (outer && outer != pid)
		hy_pr_printf(p, " /* %d in hytrace's PID NS */", outer);
}
