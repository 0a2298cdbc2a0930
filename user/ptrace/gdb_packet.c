// SPDX-License-Identifier: MIT
/*
 * GDB's remote serial protocol on the wire. A packet is "$data#xx", xx the
 * modulo-256 sum of data in hex; the receiver answers '+' (or '-': send it
 * again) until both sides agree on QStartNoAckMode. Outside packets gdb sends
 * only acknowledgements and 0x03, its Ctrl-C.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ptrace/gdb_packet.h"

static const char digits[] = "0123456789abcdef";

/*
 * gdb numbers signals its own way (include/gdb/signals.def: the numbering is
 * part of the protocol). Linux's 1 to 31 in gdb's numbers; SIGSTKFLT has none.
 */
static const unsigned char linux_to_gdb[32] = {
	[SIGHUP] = 1,	[SIGINT] = 2,	 [SIGQUIT] = 3,	 [SIGILL] = 4,	 [SIGTRAP] = 5,
	[SIGABRT] = 6,	[SIGBUS] = 10,	 [SIGFPE] = 8,	 [SIGKILL] = 9,	 [SIGUSR1] = 30,
	[SIGSEGV] = 11, [SIGUSR2] = 31,	 [SIGPIPE] = 13, [SIGALRM] = 14, [SIGTERM] = 15,
	[SIGCHLD] = 20, [SIGCONT] = 19,	 [SIGSTOP] = 17, [SIGTSTP] = 18, [SIGTTIN] = 21,
	[SIGTTOU] = 22, [SIGURG] = 16,	 [SIGXCPU] = 24, [SIGXFSZ] = 25, [SIGVTALRM] = 26,
	[SIGPROF] = 27, [SIGWINCH] = 28, [SIGIO] = 23,	 [SIGPWR] = 32,	 [SIGSYS] = 12,
};

#define GDB_SIGNAL_RT33 45 /* real-time 33 to 63 follow in order */
#define GDB_SIGNAL_RT32 77
#define GDB_SIGNAL_RT64 78
#define GDB_SIGNAL_UNKNOWN 143

int hy_gdb_signal_to_gdb(int sig)
{
	if (sig > 0 && sig < 32)
		return linux_to_gdb[sig] ? linux_to_gdb[sig] : GDB_SIGNAL_UNKNOWN;
	if (sig == 32)
		return GDB_SIGNAL_RT32;
	if (sig >= 33 && sig <= 63)
		return sig - 33 + GDB_SIGNAL_RT33;
	if (sig == 64)
		return GDB_SIGNAL_RT64;
	return sig ? GDB_SIGNAL_UNKNOWN : 0;
}

int hy_gdb_signal_from_gdb(int gsig)
{
	if (gsig == GDB_SIGNAL_RT32)
		return 32;
	if (gsig == GDB_SIGNAL_RT64)
		return 64;
	if (gsig >= GDB_SIGNAL_RT33 && gsig <= GDB_SIGNAL_RT33 + 30)
		return gsig - GDB_SIGNAL_RT33 + 33;
	for (int i = 1; i < 32 && gsig; i++)
		if (linux_to_gdb[i] == gsig)
			return i;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *hy_gdb_hex(char *out, const void *data, size_t len)
{
	const uint8_t *b = data;

	for (size_t i = 0; i < len; i++) {
		*out++ = digits[b[i] >> 4];
		*out++ = digits[b[i] & 15];
	}
	*out = 0;
	return out;
}

ssize_t hy_gdb_unhex(const char *hex, size_t nhex, void *out, size_t max)
{
	uint8_t *b = out;
	size_t n = 0;

	for (; n < nhex / 2 && n < max; n++) {
		int hi = hexval(hex[2 * n]), lo = hexval(hex[2 * n + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		b[n] = hi << 4 | lo;
	}
	return n;
}

static bool needs_escape(uint8_t c)
{
	return c == '#' || c == '$' || c == '}' || c == '*';
}

size_t hy_gdb_escape(char *out, size_t size, const void *data, size_t len, size_t *out_len)
{
	const uint8_t *b = data;
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		size_t need = needs_escape(b[i]) ? 2 : 1;

		if (o + need > size)
			break;
		if (need == 2)
			out[o++] = '}';
		out[o++] = need == 2 ? b[i] ^ 0x20 : b[i];
	}
	*out_len = o;
	return i;
}

size_t hy_gdb_unescape(char *data, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++)
		data[o++] = data[i] == '}' && i + 1 < len ? data[++i] ^ 0x20 : data[i];
	return o;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= n;
	}
	return 0;
}

int hy_gdb_send(struct hy_gdb_conn *c, const char *data, size_t len)
{
	char *pkt = malloc(len + 4);
	uint8_t sum = 0;

	if (!pkt)
		return -ENOMEM;
	pkt[0] = '$';
	memcpy(pkt + 1, data, len);
	for (size_t i = 0; i < len; i++)
		sum += (uint8_t)data[i];
	pkt[len + 1] = '#';
	pkt[len + 2] = digits[sum >> 4];
	pkt[len + 3] = digits[sum & 15];
	free(c->last);
	c->last = pkt;
	c->last_len = len + 4;
	return write_all(c->fd, pkt, len + 4);
}

int hy_gdb_send_str(struct hy_gdb_conn *c, const char *s)
{
	return hy_gdb_send(c, s, strlen(s));
}

/* Read more bytes into the buffer; 0 at the end of the connection. */
static ssize_t fill(struct hy_gdb_conn *c)
{
	ssize_t n;

	if (c->in_len == sizeof(c->in))
		c->in_len = 0; /* a packet larger than we ever offered: drop it */
	do
		n = read(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		c->in_len += n;
	return n < 0 ? -errno : n;
}

static void consume(struct hy_gdb_conn *c, size_t n)
{
	memmove(c->in, c->in + n, c->in_len - n);
	c->in_len -= n;
}

/*
 * Take what precedes a packet: acknowledgements (a '-' sends the last packet
 * again), noise, the interrupt byte. Returns HY_GDB_INTERRUPT, or 1 when the
 * buffer starts with '$' (or is empty).
 */
static int skip_to_packet(struct hy_gdb_conn *c)
{
	while (c->in_len && c->in[0] != '$') {
		char ch = c->in[0];

		consume(c, 1);
		if (ch == 0x03)
			return HY_GDB_INTERRUPT;
		if (ch == '-' && c->last)
			write_all(c->fd, c->last, c->last_len);
	}
	return 1;
}

/* A whole packet at the buffer's start: the offset of its '#', or -1. */
static ssize_t packet_end(const struct hy_gdb_conn *c)
{
	const char *hash;

	if (!c->in_len || c->in[0] != '$')
		return -1;
	hash = memchr(c->in, '#', c->in_len);
	if (!hash || (size_t)(hash - c->in) + 3 > c->in_len)
		return -1;
	return hash - c->in;
}

bool hy_gdb_pending(const struct hy_gdb_conn *c)
{
	const char *dollar = memchr(c->in, '$', c->in_len), *hash;

	if (memchr(c->in, 0x03, dollar ? (size_t)(dollar - c->in) : c->in_len))
		return true;
	if (!dollar)
		return false;
	hash = memchr(dollar, '#', c->in + c->in_len - dollar);
	return hash && hash + 3 <= c->in + c->in_len;
}

/* Check and take the packet ending at @end; -EAGAIN when its checksum is wrong. */
static ssize_t take(struct hy_gdb_conn *c, size_t end, char *buf, size_t size)
{
	size_t len = end - 1;
	uint8_t sum = 0;
	int want = hexval(c->in[end + 1]) << 4 | hexval(c->in[end + 2]);

	for (size_t i = 1; i < end; i++)
		sum += (uint8_t)c->in[i];
	if (sum != want && !c->noack) {
		consume(c, end + 3);
		write_all(c->fd, "-", 1);
		return -EAGAIN;
	}
	if (len >= size)
		len = size - 1;
	memcpy(buf, c->in + 1, len);
	buf[len] = 0;
	consume(c, end + 3);
	if (!c->noack)
		write_all(c->fd, "+", 1);
	return len;
}

ssize_t hy_gdb_recv(struct hy_gdb_conn *c, char *buf, size_t size)
{
	for (;;) {
		ssize_t end, n;

		if (skip_to_packet(c) == HY_GDB_INTERRUPT)
			return HY_GDB_INTERRUPT;
		end = packet_end(c);
		if (end >= 0) {
			n = take(c, end, buf, size);
			if (n != -EAGAIN)
				return n;
			continue;
		}
		n = fill(c);
		if (n <= 0)
			return n;
	}
}

void hy_gdb_conn_free(struct hy_gdb_conn *c)
{
	free(c->last);
	c->last = NULL;
}
