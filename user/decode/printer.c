// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "decode/args.h"
#include "decode/printer.h"
#include "decode/xlat.h"

void hy_pr_init(struct hy_printer *p, char *buf, size_t size, unsigned int strsize)
{
	/* whole: a field added later starts at 0 too, not as whatever the stack held */
	memset(p, 0, sizeof(*p));
	p->buf = buf;
	p->size = size;
	p->strsize = strsize ? strsize : HY_STRSIZE_DEFAULT;
	if (size)
		buf[0] = 0;
}

static void put_raw(struct hy_printer *p, const char *s, size_t n)
{
	if (p->len < p->size) {
		size_t room = p->size - p->len - 1;
		size_t k = n < room ? n : room;

		memcpy(p->buf + p->len, s, k);
		p->buf[p->len + k] = 0;
	}
	p->len += n;
}

/* Printed as is both by strace and inside a JSON string. */
static bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/*
 * Eight bytes at once, exactly (no borrow between bytes): the high bit of each
 * byte that JSON escapes in two bytes ('"', '\\') or in six (the rest that is
 * not plain). Strace's quoting escapes the same bytes.
 */
#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull
#define LOW7 0x7f7f7f7f7f7f7f7full

static inline uint64_t bytes_equal(uint64_t x, unsigned char c)
{
	uint64_t d = x ^ (ONES * c);

	return ~(((d & LOW7) + LOW7) | d) & HIGH;
}

static inline uint64_t esc2_mask(uint64_t x)
{
	return bytes_equal(x, '"') | bytes_equal(x, '\\');
}

static inline uint64_t esc6_mask(uint64_t x)
{
	uint64_t below_space = ~(((x & LOW7) + ONES * 0x60) | x) & HIGH;

	return below_space | (x & HIGH) | bytes_equal(x, 0x7f);
}

static inline __attribute__((always_inline)) bool plain8(uint64_t x)
{
	return !(esc2_mask(x) | esc6_mask(x));
}

/* Eight plain bytes go out as they are, in one move; false if any needs an escape. */
static inline __attribute__((always_inline)) bool copy_plain8(char **w, uint64_t x)
{
	if (!plain8(x))
		return false;
	memcpy(*w, &x, sizeof(x));
	*w += sizeof(x);
	return true;
}

/*
 * Escapes by table, each padded to eight bytes so it is stored in one move:
 * JSON's for every byte, strace's shortest and three-digit octal forms.
 */
struct esc_table {
	char s[256][8];
	uint8_t len[256];
};

static struct esc_table json_esc, quote_short, quote_long, quote_short_json, quote_long_json;
/* eight escaped zeros, each array padded to one fixed-size move */
static const char zeros8[32] = "\\0\\0\\0\\0\\0\\0\\0\\0";
static const char zeros8_json[32] = "\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0";

/* @t's escape of each byte, escaped again for a JSON string: a quoted buffer in a record. */
static void json_of(struct esc_table *dst, const struct esc_table *t)
{
	for (int c = 0; c < 256; c++) {
		char e[8];
		size_t n = 0;

		for (int k = 0; k < t->len[c]; k++) {
			unsigned char b = t->s[c][k];

			memcpy(e + n, json_esc.s[b], json_esc.len[b]);
			n += json_esc.len[b];
		}
		memcpy(dst->s[c], e, n);
		dst->len[c] = n;
	}
}

static void esc_set(struct esc_table *t, int c, const char *s)
{
	t->len[c] = strlen(s);
	memcpy(t->s[c], s, t->len[c]);
}

static void __attribute__((constructor)) init_escapes(void)
{
	static const char named[][3] = {
		['\t'] = "\\t", ['\n'] = "\\n", ['\v'] = "\\v", ['\f'] = "\\f", ['\r'] = "\\r"
	};

	for (int c = 0; c < 256; c++) {
		bool is_named = c < (int)(sizeof(named) / sizeof(named[0])) && named[c][0];
		bool octal = !plain(c) && c != '"' && c != '\\' && !is_named;
		char e[8];

		/* JSON: as is, \" and \\, else \u00XX */
		if (plain(c))
			snprintf(e, sizeof(e), "%c", c);
		else if (c == '"' || c == '\\')
			snprintf(e, sizeof(e), "\\%c", c);
		else
			snprintf(e, sizeof(e), "\\u%04x", c);
		esc_set(&json_esc, c, e);
		/* strace: as JSON for plain, '"' and '\\'; C names; the shortest octal */
		if (is_named)
			memcpy(e, named[c], sizeof(named[c]));
		else if (octal)
			snprintf(e, sizeof(e), "\\%o", c);
		esc_set(&quote_short, c, e);
		if (octal) /* before a digit, all three digits */
			snprintf(e, sizeof(e), "\\%03o", c);
		esc_set(&quote_long, c, e);
	}
	json_of(&quote_short_json, &quote_short);
	json_of(&quote_long_json, &quote_long);
}

/* JSON-escape @n bytes at @src into @w, which has room for the result and 8 more. */
static char *json_expand(char *w, const unsigned char *src, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = 1;

		if (n - i >= 8) {
			uint64_t x;

			memcpy(&x, src + i, sizeof(x));
			if (copy_plain8(&w, x)) {
				i += 8;
				continue;
			}
			k = 8; /* these eight by table, without looking again */
		}
		for (; k; k--, i++) {
			memcpy(w, json_esc.s[src[i]], 8);
			w += json_esc.len[src[i]];
		}
	}
	return w;
}

/*
 * Inside a JSON string (p->json): escaped as written. Most pieces are plain and
 * are checked eight bytes at a time; escapes come from the table, one move each.
 */
static void json_put(struct hy_printer *p, const char *s, size_t n)
{
	const unsigned char *src = (const unsigned char *)s;

	if (p->len + 6 * n + 8 < p->size) {
		char *w = json_expand(p->buf + p->len, src, n);

		*w = 0;
		p->len = w - p->buf;
		return;
	}
	for (size_t i = 0; i < n; i++)
		put_raw(p, json_esc.s[src[i]], json_esc.len[src[i]]);
}

void hy_pr_write_slow(struct hy_printer *p, const char *s, size_t n)
{
	if (p->json)
		json_put(p, s, n);
	else
		put_raw(p, s, n);
}

void hy_pr_json_str(struct hy_printer *p, const char *s)
{
	hy_pr_putc(p, '"');
	p->json = true;
	hy_pr_puts(p, s);
	p->json = false;
	hy_pr_putc(p, '"');
}

/* Decimal numbers are most of what a record prints: no printf machinery for them. */
void hy_pr_u64(struct hy_printer *p, uint64_t v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	static const uint64_t pow10[20] = {
		1ull,
		10ull,
		100ull,
		1000ull,
		10000ull,
		100000ull,
		1000000ull,
		10000000ull,
		100000000ull,
		1000000000ull,
		10000000000ull,
		100000000000ull,
		1000000000000ull,
		10000000000000ull,
		100000000000000ull,
		1000000000000000ull,
		10000000000000000ull,
		100000000000000000ull,
		1000000000000000000ull,
		10000000000000000000ull,
	};
	/* digits from the bit length (1233/4096 ~ log10(2)), corrected by one compare */
	unsigned int t = ((64 - __builtin_clzll(v | 1)) * 1233) >> 12;
	size_t n = v ? t + 1 - (v < pow10[t]) : 1;
	char tmp[24], *e, *s;

	/* straight into the buffer when it fits, two digits per division */
	e = p->len + n < p->size ? p->buf + p->len + n : tmp + n;
	s = e;
	while (v >= 100) {
		unsigned int r = v % 100;

		v /= 100;
		s -= 2;
		memcpy(s, pairs + 2 * r, 2);
	}
	if (v >= 10) {
		s -= 2;
		memcpy(s, pairs + 2 * v, 2);
	} else {
		*--s = '0' + v;
	}
	if (e == tmp + n) {
		put_raw(p, tmp, n); /* digits need no JSON escape */
		return;
	}
	*e = 0;
	p->len += n;
}

/* "%#x": 0 stays "0", as in printf */
void hy_pr_hex(struct hy_printer *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[20], *e = tmp + sizeof(tmp), *s = e;

	do
		*--s = digits[v & 15];
	while (v >>= 4);
	if (!(s[0] == '0' && s + 1 == e)) {
		*--s = 'x';
		*--s = '0';
	}
	put_raw(p, s, e - s);
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
		hy_pr_write(p, tmp, n);
}

/* strace's escaping: C escapes for \t\n\v\f\r, the shortest octal otherwise. */
/* strace -x: a string with a byte that is neither printable nor whitespace goes in hex */
static bool wants_hex(const unsigned char *s, size_t len, int xflag)
{
	if (xflag > 1)
		return true;
	for (size_t i = 0; i < len; i++)
		if (s[i] > 0x7e || (s[i] < ' ' && (unsigned int)(s[i] - 9) >= 5))
			return true;
	return false;
}

void hy_pr_quoted(struct hy_printer *p, const void *data, size_t len, bool trunc)
{
	const unsigned char *s = data;
	/* inside a JSON string the escapes come escaped again, from their own table */
	const struct esc_table *shortest = p->json ? &quote_short_json : &quote_short;
	const struct esc_table *three = p->json ? &quote_long_json : &quote_long;
	const char *quote = p->json ? "\\\"" : "\"";
	char out[512], *o = out;

	if (p->xflag && !p->json && wants_hex(s, len, p->xflag)) {
		hy_pr_quoted_hex(p, data, len, trunc);
		return;
	}
	/* built in pieces of up to 512 bytes: one put() per piece, not per byte */
	put_raw(p, quote, strlen(quote));
	for (size_t i = 0; i < len;) {
		size_t k = 1;

		/* room for eight escapes of up to five, each stored as a move of eight */
		if (o + 48 > out + sizeof(out)) {
			put_raw(p, out, o - out);
			o = out;
		}
		if (len - i >= 8) {
			uint64_t x;

			memcpy(&x, s + i, sizeof(x));
			if (copy_plain8(&o, x)) {
				i += 8;
				continue;
			}
			/* zeros, the commonest binary content: eight short escapes at once */
			if (!x && (len - i == 8 || s[i + 8] < '0' || s[i + 8] > '7')) {
				memcpy(o, p->json ? zeros8_json : zeros8, 32);
				o += p->json ? 24 : 16;
				i += 8;
				continue;
			}
			k = 8;
		}
		for (; k; k--, i++) {
			/* an octal escape before a digit takes all three digits */
			const struct esc_table *t =
				i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7' ? three :
										    shortest;

			memcpy(o, t->s[s[i]], 8);
			o += t->len[s[i]];
		}
	}
	put_raw(p, out, o - out);
	put_raw(p, quote, strlen(quote));
	if (trunc)
		hy_pr_puts(p, "...");
}

void hy_pr_quoted_hex(struct hy_printer *p, const void *data, size_t len, bool trunc)
{
	const unsigned char *s = data;

	hy_pr_putc(p, '"');
	for (size_t i = 0; i < len; i++) {
		static const char digits[] = "0123456789abcdef";
		char x[4] = { '\\', 'x', digits[s[i] >> 4], digits[s[i] & 15] };

		hy_pr_write(p, x, sizeof(x));
	}
	hy_pr_putc(p, '"');
	if (trunc)
		hy_pr_puts(p, "...");
}

void hy_pr_ptr(struct hy_printer *p, uint64_t addr)
{
	if (!addr)
		hy_pr_puts(p, "NULL");
	else
		hy_pr_hex(p, addr);
}

void hy_pr_num(struct hy_printer *p, uint64_t val, enum hy_numfmt fmt)
{
	if (fmt == HY_NUM_DEC)
		hy_pr_i64(p, (int64_t)val);
	else if (fmt == HY_NUM_UDEC)
		hy_pr_u64(p, val);
	else if (fmt == HY_NUM_OCT)
		hy_pr_printf(p, "%#03" PRIo64, val); /* as hy_pr_mode: 0644, 000 */
	else if (val)
		hy_pr_hex(p, val);
	else
		hy_pr_putc(p, '0'); /* strace: "0", never "0x0" */
}

void hy_pr_const(struct hy_printer *p, const char *name, uint64_t val, enum hy_numfmt fmt)
{
	if (name && p->xstyle == HY_XSTYLE_ABBREV) {
		hy_pr_puts(p, name);
		return;
	}
	hy_pr_num(p, val, fmt);
	if (name && p->xstyle == HY_XSTYLE_VERBOSE) {
		hy_pr_puts(p, " /* ");
		hy_pr_puts(p, name);
		hy_pr_puts(p, " */");
	}
}

/* The tokens hy_pr_const_open() returns: what hy_pr_const_close() has to end. */
#define CONST_PIECES 1	/* abbrev: the pieces are the value, nothing to end */
#define CONST_COMMENT 2 /* verbose: the pieces are a comment after the number */

int hy_pr_const_open(struct hy_printer *p, uint64_t val, enum hy_numfmt fmt)
{
	if (p->xstyle == HY_XSTYLE_ABBREV)
		return CONST_PIECES;
	hy_pr_num(p, val, fmt);
	if (p->xstyle == HY_XSTYLE_RAW)
		return 0;
	hy_pr_puts(p, " /* ");
	/* the names inside the comment, and constants nested in them, as abbrev writes them */
	p->xstyle = HY_XSTYLE_ABBREV;
	return CONST_COMMENT;
}

int hy_pr_const_open_bytes(struct hy_printer *p, const void *data, size_t len)
{
	if (p->xstyle == HY_XSTYLE_ABBREV)
		return CONST_PIECES;
	hy_pr_quoted_hex(p, data, len, false);
	if (p->xstyle == HY_XSTYLE_RAW)
		return 0;
	hy_pr_puts(p, " /* ");
	p->xstyle = HY_XSTYLE_ABBREV;
	return CONST_COMMENT;
}

void hy_pr_const_close(struct hy_printer *p, int token)
{
	if (token != CONST_COMMENT)
		return;
	hy_pr_puts(p, " */");
	p->xstyle = HY_XSTYLE_VERBOSE;
}

/* Unnamed values print as strace does: hex, with the set's default name as a comment. */
static void pr_unknown(struct hy_printer *p, const struct hy_xlat *x, uint64_t val)
{
	/* raw drops the comment: strace -X raw prints "0x4d", abbrev "0x4d / * SEEK_??? * /" */
	if (x->dflt && p->xstyle != HY_XSTYLE_RAW)
		hy_pr_printf(p, "%#" PRIx64 " /* %s */", val, x->dflt);
	else
		hy_pr_printf(p, "%#" PRIx64, val);
}

/* The names of @val's bits in @x joined by '|' (abbrev style); returns the bits left. */
static uint64_t pr_flag_names(struct hy_printer *p, const struct hy_xlat *x, uint64_t val)
{
	bool any = false;

	for (unsigned int i = 0; i < x->n; i++) {
		uint64_t v = x->ent[i].val;

		if (v && (val & v) == v) {
			if (any)
				hy_pr_putc(p, '|');
			hy_pr_puts(p, x->ent[i].name);
			val &= ~v;
			any = true;
		}
	}
	return val;
}

static bool any_flag_named(const struct hy_xlat *x, uint64_t val)
{
	for (unsigned int i = 0; i < x->n; i++)
		if (x->ent[i].val && (val & x->ent[i].val) == x->ent[i].val)
			return true;
	return false;
}

void hy_pr_flags(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, const char *zero)
{
	const struct hy_xlat *x = hy_xlat_get(set);
	uint64_t left;
	int tok;

	if (!val) {
		for (unsigned int i = 0; i < x->n; i++) {
			if (x->ent[i].val == 0) {
				hy_pr_const(p, x->ent[i].name, 0, HY_NUM_HEX);
				return;
			}
		}
		hy_pr_const(p, zero, 0, HY_NUM_HEX);
		return;
	}
	/* no bit named: the same in abbrev and verbose, no comment in raw (abbrev, the
	 * common case, finds that out as it prints, without a pass of its own) */
	if (p->xstyle != HY_XSTYLE_ABBREV && !any_flag_named(x, val)) {
		pr_unknown(p, x, val);
		return;
	}
	tok = hy_pr_const_open(p, val, HY_NUM_HEX);
	if (!tok)
		return;
	left = pr_flag_names(p, x, val);
	if (left == val)
		pr_unknown(p, x, val);
	else if (left)
		hy_pr_printf(p, "|%#" PRIx64, left);
	hy_pr_const_close(p, tok);
}

void hy_pr_enum(struct hy_printer *p, enum hy_xlat_id set, int64_t val)
{
	const struct hy_xlat *x = hy_xlat_get(set);
	const char *name = hy_xlat_name(set, val);

	if (name)
		/* a set with a default comment is strace's printxval: its number in hex */
		hy_pr_const(p, name,
			    x->dflt && val >= INT32_MIN && val <= UINT32_MAX ? (uint32_t)val :
									       (uint64_t)val,
			    x->dflt ? HY_NUM_HEX : HY_NUM_DEC);
	else if (!x->dflt)
		hy_pr_printf(p, "%" PRId64, val);
	else if (val >= INT32_MIN && val <= UINT32_MAX)
		/* the C argument is an int: strace shows its bits, not a sign-extended long */
		pr_unknown(p, x, (uint32_t)val);
	else
		pr_unknown(p, x, val);
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
	if (hy_rec_str(r, addr, &s, &len, &trunc, tmp,
		       max && max < sizeof(tmp) ? max + 2 : sizeof(tmp))) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (max && len > max) {
		len = max;
		trunc = true;
	}
	hy_pr_quoted(p, s, len, trunc);
}

/*
 * strace prints an output path (getcwd's) with printpathn: up to the returned
 * length (which counts the NUL) and the NUL, whatever -s says; a failed call's
 * buffer as its address.
 */
void hy_pr_path_out(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	char tmp[4096];
	ssize_t n = r->ret > 0 ? r->ret : 0;

	if (n > (ssize_t)sizeof(tmp))
		n = sizeof(tmp);
	if (hy_exit_ok(r) && addr && n && hy_read(r, HY_PHASE_EXIT, addr, tmp, n))
		hy_pr_quoted(p, tmp, strnlen(tmp, n), false);
	else
		hy_pr_ptr(p, addr);
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
	/* fewer bytes than shown: the buffer runs into an unmapped page (strace: its address) */
	if (got < 0 || (size_t)got < want) {
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

void hy_pr_fd_note(struct hy_printer *p, int fd, int result)
{
	static const char deleted[] = " (deleted)";
	char buf[4096];
	const char *name;
	size_t len;
	bool gone;

	if (!p->fd_name || (fd < 0 && fd != -100 /* AT_FDCWD */) ||
	    !(name = p->fd_name(p->fd_ctx, p->fd_pid, fd, result, buf, sizeof(buf))))
		return;
	/* strace: an unlinked file's mark after the brackets, "3</memfd:x>(deleted)" */
	len = strlen(name);
	gone = name[0] == '/' && len > sizeof(deleted) - 1 &&
	       !strcmp(name + len - (sizeof(deleted) - 1), deleted);
	hy_pr_putc(p, '<');
	hy_pr_write(p, name, gone ? len - (sizeof(deleted) - 1) : len);
	hy_pr_putc(p, '>');
	if (gone)
		hy_pr_puts(p, "(deleted)");
}
