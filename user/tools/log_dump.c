// SPDX-License-Identifier: MIT
/* strace -e read=SET, -e write=SET for the log tool: see log_dump.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log_dump.h"

#define FD_BITS 1024  /* descriptors at or above it: in the set only with "all" */
#define DUMP_MAX 4096 /* the kernel's largest capture of one buffer */

struct fd_set_bits {
	bool any;  /* given at all */
	bool rest; /* descriptors >= FD_BITS */
	uint64_t bits[FD_BITS / 64];
};

struct log_dump {
	struct fd_set_bits reads, writes;
};

/* strace's descriptor set: "1,3", "all", "none", a leading '!' negating it all. */
static int parse_fds(struct hy_ctx *ctx, const char *key, const char *v, struct fd_set_bits *s)
{
	bool negate = *v == '!';
	char *copy, *save = NULL;

	s->any = true;
	copy = strdup(v + negate);
	if (!copy)
		return hy_fail(ctx, -ENOMEM, "out of memory");
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *end;
		long fd;

		if (!strcmp(t, "all")) {
			memset(s->bits, 0xff, sizeof(s->bits));
			s->rest = true;
			continue;
		}
		if (!strcmp(t, "none"))
			continue;
		fd = strtol(t, &end, 10);
		if (!*t || *end || fd < 0 || fd >= FD_BITS) {
			int err = hy_fail(ctx, -EINVAL,
					  "%s=%s: '%s' is no descriptor (0-%d, all, none)", key, v,
					  t, FD_BITS - 1);

			free(copy);
			return err;
		}
		s->bits[fd / 64] |= 1ull << (fd % 64);
	}
	free(copy);
	if (negate) {
		for (int i = 0; i < FD_BITS / 64; i++)
			s->bits[i] = ~s->bits[i];
		s->rest = !s->rest;
	}
	return 0;
}

static bool has_fd(const struct fd_set_bits *s, int64_t fd)
{
	if (!s->any || fd < 0)
		return false;
	return fd >= FD_BITS ? s->rest : (s->bits[fd / 64] >> (fd % 64)) & 1;
}

int log_dump_init(struct hy_ctx *ctx, struct log_dump **out)
{
	const char *r = hy_option(ctx, "dump_read"), *w = hy_option(ctx, "dump_write");
	struct log_dump *d;
	int err;

	*out = NULL;
	if (!r && !w)
		return 0;
	if (!(d = calloc(1, sizeof(*d))))
		return hy_fail(ctx, -ENOMEM, "out of memory");
	*out = d;
	/* named as strace's -e qualifiers, which the user typed */
	if ((r && (err = parse_fds(ctx, "read", r, &d->reads))) ||
	    (w && (err = parse_fds(ctx, "write", w, &d->writes))))
		return err;
	return 0;
}

/* strace's dump: 16 bytes a line, hex in two groups of 8, then the printable ones. */
static void dump(struct hy_writer *w, const unsigned char *b, size_t n)
{
	char line[128];

	for (size_t off = 0; off < n; off += 16) {
		size_t k = n - off < 16 ? n - off : 16;
		int len = snprintf(line, sizeof(line), " | %05zx  ", off);

		for (size_t i = 0; i < 16; i++) {
			len += i < k ? snprintf(line + len, sizeof(line) - len, "%02x ",
						b[off + i]) :
				       snprintf(line + len, sizeof(line) - len, "   ");
			if (i == 7)
				line[len++] = ' ';
		}
		line[len++] = ' ';
		for (size_t i = 0; i < 16; i++) {
			unsigned char c = i < k ? b[off + i] : ' ';

			line[len++] = c >= ' ' && c < 0x7f ? c : '.';
		}
		len += snprintf(line + len, sizeof(line) - len, " |\n");
		hy_writer_text(w, line, len);
	}
}

/* n bytes of the record at addr, as far as it captured them */
static void dump_at(struct hy_writer *w, const struct hy_event *ev, uint64_t addr, uint64_t n)
{
	unsigned char buf[DUMP_MAX];
	ssize_t got = hy_event_mem(ev, addr, buf, n < sizeof(buf) ? n : sizeof(buf));

	if (got > 0)
		dump(w, buf, got);
}

/*
 * An iovec array's buffers, up to @limit bytes in all, as strace: each under
 * " * N bytes in buffer I", and no further than the first empty one.
 */
static void dump_iov(struct hy_writer *w, const struct hy_event *ev, uint64_t iov, uint64_t count,
		     uint64_t limit)
{
	unsigned int wsz = hy_event_abi(ev) == HY_ABI_I386 ? 4 : 8;
	char head[64];

	for (uint64_t i = 0; i < count && i < 1024; i++) {
		uint64_t base = 0, len = 0;

		if (hy_event_mem(ev, iov + i * 2 * wsz, &base, wsz) != (ssize_t)wsz ||
		    hy_event_mem(ev, iov + i * 2 * wsz + wsz, &len, wsz) != (ssize_t)wsz)
			return;
		if (len > limit)
			len = limit;
		if (!len)
			return;
		limit -= len;
		hy_writer_text(w, head,
			       snprintf(head, sizeof(head),
					" * %" PRIu64 " bytes in buffer %" PRIu64 "\n", len, i));
		dump_at(w, ev, base, len);
	}
}

/*
 * sendmmsg/recvmmsg's entries the call sent or received, both ways as strace:
 * " = N buffers in vector I", then that vector's buffers up to its msg_len.
 * Only the entries the record holds (the first HY_MMSG_MAX: hy_event.h).
 */
static void dump_mmsg(struct hy_writer *w, const struct hy_event *ev, uint64_t addr, int64_t ret)
{
	char head[64];

	for (int64_t i = 0; i < ret; i++) {
		uint64_t at = addr + (uint64_t)i * 64, iov = 0, iovlen = 0;
		uint32_t msg_len = 0;

		/* struct mmsghdr: a 56-byte msghdr (msg_iov at 16, msg_iovlen at 24), msg_len */
		if (hy_event_mem(ev, at + 16, &iov, 8) != 8 ||
		    hy_event_mem(ev, at + 24, &iovlen, 8) != 8 ||
		    hy_event_mem(ev, at + 56, &msg_len, 4) != 4)
			return;
		hy_writer_text(w, head,
			       snprintf(head, sizeof(head),
					" = %" PRIu64 " buffers in vector %" PRId64 "\n", iovlen,
					i));
		dump_iov(w, ev, iov, iovlen, msg_len);
	}
}

void log_dump_event(const struct log_dump *d, struct hy_writer *w, const struct hy_event *ev)
{
	unsigned int data = hy_syscall_data(hy_event_abi(ev), hy_event_nr(ev));
	unsigned int wsz = hy_event_abi(ev) == HY_ABI_I386 ? 4 : 8;
	int64_t ret = hy_event_return(ev), fd = (int)hy_event_arg(ev, 0);
	bool given = data & HY_DATA_GIVEN;
	/* strace dumps what a call was given even when it failed; what it returned, never then */
	uint64_t limit = given ? UINT64_MAX : (uint64_t)ret;
	uint64_t msg_iov = 0, msg_iovlen = 0;

	if (!d || !data || (hy_event_flags(ev) & HY_EV_UNFINISHED) || (!given && ret < 0) ||
	    !has_fd(given ? &d->writes : &d->reads, fd))
		return;
	switch (data & HY_DATA_KIND) {
	case HY_DATA_BUF:
		dump_at(w, ev, hy_event_arg(ev, 1), given ? hy_event_arg(ev, 2) : (uint64_t)ret);
		break;
	case HY_DATA_IOVEC:
		dump_iov(w, ev, hy_event_arg(ev, 1), hy_event_arg(ev, 2), limit);
		break;
	case HY_DATA_MSGHDR:
		/* msg_name, msg_namelen (padded to a word), msg_iov, msg_iovlen */
		if (hy_event_mem(ev, hy_event_arg(ev, 1) + 2 * wsz, &msg_iov, wsz) ==
			    (ssize_t)wsz &&
		    hy_event_mem(ev, hy_event_arg(ev, 1) + 3 * wsz, &msg_iovlen, wsz) ==
			    (ssize_t)wsz)
			dump_iov(w, ev, msg_iov, msg_iovlen, limit);
		break;
	case HY_DATA_MMSGHDR:
		dump_mmsg(w, ev, hy_event_arg(ev, 1), ret);
		break;
	}
}

void log_dump_free(struct log_dump *d)
{
	free(d);
}
