/* SPDX-License-Identifier: MIT */
/*
 * Text output in strace's notation: a growing buffer with helpers for quoted
 * strings, numbers and named constants. Every printer is hy_pr_*: these write
 * values; the decode_* files print syscall arguments and structs with them.
 */
#ifndef HY_PRINTER_H
#define HY_PRINTER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "decode/xlat.h"

#define HY_STRSIZE_DEFAULT 32

/* strace -X: how a named constant prints */
enum hy_xstyle {
	HY_XSTYLE_ABBREV,  /* the name: O_RDONLY|O_CLOEXEC (strace's default) */
	HY_XSTYLE_RAW,	   /* the number: 0x80000 */
	HY_XSTYLE_VERBOSE, /* both: 0x80000 / * O_RDONLY|O_CLOEXEC * / (unspaced) */
};

/* How a constant's number is written in raw and verbose style, as strace writes it. */
enum hy_numfmt { HY_NUM_HEX, HY_NUM_DEC, HY_NUM_UDEC, HY_NUM_OCT };

struct hy_printer {
	char *buf;
	size_t size; /* capacity of buf */
	size_t len;  /* bytes wanted so far (may exceed size, like snprintf) */
	unsigned int strsize;
	bool rval_hex; /* set by a decoder: the return value is an address */
	bool rval_fd_pair;
	bool json;	     /* inside a JSON string: what is written is escaped for it */
	unsigned char xflag; /* strace -x (1: strings with non-ASCII bytes in hex), -xx (2: all) */
	bool verbose;	     /* strace -v (abbrev=none for this call): structures in full */
	bool noderef;	     /* strace -e verbose=SET, not in SET: structures as addresses */
	/* strace -X (enum hy_xstyle); decoders print names through hy_pr_const() and the
	 * hy_pr_flags/enum/signal family, which read it: no decoder tests it itself */
	unsigned char xstyle;
	/* strace -y: what descriptor @fd of process @pid refers to (@result: the call's
	 * new descriptor), or NULL (not shown) */
	const char *(*fd_name)(void *ctx, int pid, int fd, int result, char *buf, size_t size);
	void *fd_ctx;
	int fd_pid;
};

/**
 * strace -y: "<path>" after descriptor @fd (AT_FDCWD: the working directory)
 * when the printer knows what it refers to; @result: the call's new descriptor.
 */
void hy_pr_fd_note(struct hy_printer *p, int fd, int result);

void hy_pr_init(struct hy_printer *p, char *buf, size_t size, unsigned int strsize);
/** Append @n bytes: the general case (the buffer may be full, or p->json set). */
void hy_pr_write_slow(struct hy_printer *p, const char *s, size_t n);

/*
 * Lines are made of many short pieces: the common case (plain text that fits)
 * is inline, so a literal's length and copy are known at compile time.
 */
static inline void hy_pr_write(struct hy_printer *p, const char *s, size_t n)
{
	if (__builtin_expect(!p->json && p->len + n < p->size, 1)) {
		__builtin_memcpy(p->buf + p->len, s, n);
		p->len += n;
		p->buf[p->len] = 0;
		return;
	}
	hy_pr_write_slow(p, s, n);
}

static inline void hy_pr_puts(struct hy_printer *p, const char *s)
{
	hy_pr_write(p, s, __builtin_strlen(s));
}

static inline void hy_pr_putc(struct hy_printer *p, char c)
{
	hy_pr_write(p, &c, 1);
}

/** Decimal, without printf. */
void hy_pr_u64(struct hy_printer *p, uint64_t v);
void hy_pr_i64(struct hy_printer *p, int64_t v);
/** @s as a JSON string, quotes included. */
void hy_pr_json_str(struct hy_printer *p, const char *s);
/** "%#" PRIx64, without printf. */
void hy_pr_hex(struct hy_printer *p, uint64_t v);
void hy_pr_printf(struct hy_printer *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * strace -X: a constant named @name (NULL: none) whose value is @val, written as
 * @fmt says: abbrev "NAME", raw "0x3", verbose "0x3 / * NAME * /" (unspaced).
 * Without a name, the number in every style.
 */
void hy_pr_const(struct hy_printer *p, const char *name, uint64_t val, enum hy_numfmt fmt);
/*
 * A value a decoder writes in pieces ("S_IFREG|0644", names joined by '|'):
 * hy_pr_const_open() writes what raw and verbose put first (the number) and
 * returns 0 when nothing more is wanted (raw), else a token: the decoder
 * writes its pieces (in abbrev style, whatever the printer's) and hands the
 * token to hy_pr_const_close(), which ends verbose's comment.
 */
int hy_pr_const_open(struct hy_printer *p, uint64_t val, enum hy_numfmt fmt);
void hy_pr_const_close(struct hy_printer *p, int token);
/** hy_pr_const_open() for a value strace -X raw shows as its bytes: "\x00\x50" for htons(80). */
int hy_pr_const_open_bytes(struct hy_printer *p, const void *data, size_t len);
/** @val alone, as hy_pr_const() writes a number. */
void hy_pr_num(struct hy_printer *p, uint64_t val, enum hy_numfmt fmt);

/** "text" with strace's escapes; @trunc appends "..." after the closing quote. */
void hy_pr_quoted(struct hy_printer *p, const void *data, size_t len, bool trunc);
/** Like hy_pr_quoted, every byte as \xNN (strace's QUOTE_FORCE_HEX, e.g. getrandom). */
void hy_pr_quoted_hex(struct hy_printer *p, const void *data, size_t len, bool trunc);
/** NULL or 0x... */
void hy_pr_ptr(struct hy_printer *p, uint64_t addr);
/**
 * Bits of @val by name, joined with '|'; leftovers in hex; @zero when val is 0
 * (NULL: "0"); with no bit known, the hex value and the set's default comment.
 */
void hy_pr_flags(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, const char *zero);
/** The name of @val in @set, or its hex value and the set's default comment. */
void hy_pr_enum(struct hy_printer *p, enum hy_xlat_id set, int64_t val);
/** SIGxxx, or the number. */
void hy_pr_signal(struct hy_printer *p, int sig);

/** Print the string argument at @addr: quoted, cut at @max bytes (0: no limit). */
void hy_pr_str_arg(struct hy_printer *p, const struct hy_record *r, uint64_t addr, size_t max);
/** Print the path a successful call wrote at @addr (getcwd's), whole; else its address. */
void hy_pr_path_out(struct hy_printer *p, const struct hy_record *r, uint64_t addr);
/** Print @len bytes at @addr from @phase, quoted and cut at strsize. */
void hy_pr_buf_arg(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr, int64_t len);

/** With --pidns-translation: " / * N in hytrace's PID NS * /" after a process id the task saw. */
void hy_pr_pid_note(struct hy_printer *p, const struct hy_record *r, int pid);

#endif
