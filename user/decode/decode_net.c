// SPDX-License-Identifier: MIT
/*
 * Sockets: socket and socketpair's family-dependent arguments, socket
 * addresses, struct msghdr, and the option values of getsockopt/setsockopt.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode/args.h"
#include "decode/decode_io.h"
#include "decode/decode_net.h"
#include "decode/decode_netlink.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "hy_event.h" /* HY_CMSG_CAP: the control bytes a record holds */

void hy_dec_socketcall(struct hy_printer *p, const struct hy_record *r);

#define HY_SOCK_TYPE_MASK 0xf

/* ---- socket, socketpair ---- */

/* "SOCK_STREAM|SOCK_CLOEXEC": the type is a value, the flags are bits above it. */
static void print_sock_type(struct hy_printer *p, uint32_t type)
{
	const char *name = hy_xlat_name(HY_X_SOCKET_TYPE, type & HY_SOCK_TYPE_MASK);

	if (name) {
		/* -X: each part its own constant, "0x1 / * SOCK_STREAM * /|0x80000 / * ... * /" */
		hy_pr_const(p, name, type & HY_SOCK_TYPE_MASK, HY_NUM_HEX);
		type &= ~HY_SOCK_TYPE_MASK;
		if (!type)
			return;
		hy_pr_putc(p, '|');
	}
	hy_pr_flags(p, HY_X_SOCK_FLAGS, type, NULL);
}

static void print_protocol(struct hy_printer *p, int family, uint32_t proto)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		hy_pr_enum(p, HY_X_IPPROTO, proto);
		break;
	case AF_NETLINK:
		hy_pr_enum(p, HY_X_NETLINK_PROTO, proto);
		break;
	case AF_PACKET:
		hy_pr_puts(p, "htons(");
		hy_pr_enum(p, HY_X_ETH_P, ntohs(proto));
		hy_pr_putc(p, ')');
		break;
	default:
		hy_pr_printf(p, "%u", proto);
		break;
	}
}

void hy_dec_socket(struct hy_printer *p, const struct hy_record *r)
{
	int family = r->args[0];

	hy_pr_enum(p, HY_X_SOCKET_FAMILY, (uint32_t)family);
	hy_pr_sep(p);
	print_sock_type(p, r->args[1]);
	hy_pr_sep(p);
	print_protocol(p, family, r->args[2]);
}

void hy_dec_socketpair(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_enum(p, HY_X_SOCKET_FAMILY, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	print_sock_type(p, r->args[1]);
	hy_pr_printf(p, ", %u, ", (uint32_t)r->args[2]);
	if (hy_exit_ok(r))
		hy_pr_fd_pair_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 3));
	else
		hy_pr_ptr(p, hy_uarg(r, 3));
}

/* ---- socket addresses ---- */

static void print_sa_data(struct hy_printer *p, const uint8_t *data, size_t len)
{
	hy_pr_puts(p, ", sa_data=");
	hy_pr_quoted(p, data, len, false);
}

static void print_inet(struct hy_printer *p, const uint8_t *sa)
{
	struct sockaddr_in in;
	char buf[INET_ADDRSTRLEN];
	int tok;

	memcpy(&in, sa, sizeof(in));
	inet_ntop(AF_INET, &in.sin_addr, buf, sizeof(buf));
	/* -X raw: strace shows both as their bytes, "\x00\x50" and "\x7f\x00\x00\x01" */
	hy_pr_puts(p, ", sin_port=");
	if ((tok = hy_pr_const_open_bytes(p, &in.sin_port, sizeof(in.sin_port)))) {
		hy_pr_printf(p, "htons(%u)", ntohs(in.sin_port));
		hy_pr_const_close(p, tok);
	}
	hy_pr_puts(p, ", sin_addr=");
	if ((tok = hy_pr_const_open_bytes(p, &in.sin_addr, sizeof(in.sin_addr)))) {
		hy_pr_printf(p, "inet_addr(\"%s\")", buf);
		hy_pr_const_close(p, tok);
	}
}

static void print_inet6(struct hy_printer *p, const uint8_t *sa)
{
	struct sockaddr_in6 in6;
	char buf[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];

	memcpy(&in6, sa, sizeof(in6));
	inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof(buf));
	if (p->xstyle == HY_XSTYLE_ABBREV) {
		hy_pr_printf(p, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u)",
			     ntohs(in6.sin6_port), ntohl(in6.sin6_flowinfo));
		hy_pr_printf(p, ", inet_pton(AF_INET6, \"%s\", &sin6_addr)", buf);
	} else {
		/* -X: each field as its bytes (verbose: and the abbreviated form after it) */
		int tok;

		hy_pr_puts(p, ", sin6_port=");
		if ((tok = hy_pr_const_open_bytes(p, &in6.sin6_port, sizeof(in6.sin6_port)))) {
			hy_pr_printf(p, "htons(%u)", ntohs(in6.sin6_port));
			hy_pr_const_close(p, tok);
		}
		hy_pr_puts(p, ", sin6_flowinfo=");
		if ((tok = hy_pr_const_open_bytes(p, &in6.sin6_flowinfo,
						  sizeof(in6.sin6_flowinfo)))) {
			hy_pr_printf(p, "htonl(%u)", ntohl(in6.sin6_flowinfo));
			hy_pr_const_close(p, tok);
		}
		hy_pr_puts(p, ", sin6_addr=");
		if ((tok = hy_pr_const_open_bytes(p, &in6.sin6_addr, sizeof(in6.sin6_addr)))) {
			hy_pr_printf(p, "inet_pton(AF_INET6, \"%s\")", buf);
			hy_pr_const_close(p, tok);
		}
	}
	/* like strace, interfaces are named as this machine knows them */
	if (in6.sin6_scope_id && if_indextoname(in6.sin6_scope_id, ifname))
		hy_pr_printf(p, ", sin6_scope_id=if_nametoindex(\"%s\")", ifname);
	else
		hy_pr_printf(p, ", sin6_scope_id=%u", in6.sin6_scope_id);
}

static void print_unix(struct hy_printer *p, const uint8_t *sa, size_t len)
{
	const char *path = (const char *)sa + offsetof(struct sockaddr_un, sun_path);
	size_t max = len - offsetof(struct sockaddr_un, sun_path);

	hy_pr_puts(p, ", sun_path=");
	/* a leading NUL makes the name abstract: it is all bytes, shown after '@' */
	if (max && !path[0]) {
		hy_pr_putc(p, '@');
		hy_pr_quoted(p, path + 1, max - 1, false);
	} else {
		hy_pr_quoted(p, path, strnlen(path, max), false);
	}
}

void hy_pr_sockaddr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, int64_t len)
{
	uint8_t sa[sizeof(struct sockaddr_storage) + 1] = { 0 };
	size_t n = len < 0 ? 0 : (uint64_t)len > sizeof(sa) - 1 ? sizeof(sa) - 1 : (size_t)len;
	uint16_t family;
	struct sockaddr_nl nl;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (n < sizeof(family) || !hy_read(r, phase, addr, sa, n)) {
		hy_pr_ptr(p, addr);
		return;
	}
	memcpy(&family, sa, sizeof(family));
	hy_pr_puts(p, "{sa_family=");
	hy_pr_enum(p, HY_X_SOCKET_FAMILY, family);
	if (n == sizeof(family)) {
		hy_pr_putc(p, '}');
		return;
	}
	/* an address too short for its family shows as raw bytes */
	if (family == AF_INET && n >= sizeof(struct sockaddr_in))
		print_inet(p, sa);
	else if (family == AF_INET6 && n >= sizeof(struct sockaddr_in6))
		print_inet6(p, sa);
	else if (family == AF_UNIX)
		print_unix(p, sa, n);
	else if (family == AF_NETLINK && n >= sizeof(nl)) {
		memcpy(&nl, sa, sizeof(nl));
		hy_pr_printf(p, ", nl_pid=%u, nl_groups=%#08x", nl.nl_pid, nl.nl_groups);
	} else
		print_sa_data(p, sa + sizeof(family), n - sizeof(family));
	hy_pr_putc(p, '}');
}

/* ---- msghdr ---- */

/* One control message's data, for the types strace decodes. */
static void print_cmsg_data(struct hy_printer *p, const struct hy_record *r, int type,
			    const uint8_t *data, size_t len)
{
	int32_t v[3];

	(void)r;
	if (type == SCM_RIGHTS && len >= 4) {
		hy_pr_puts(p, ", cmsg_data=[");
		for (size_t i = 0; i + 4 <= len; i += 4) {
			memcpy(v, data + i, 4);
			hy_pr_printf(p, "%s%d", i ? ", " : "", v[0]);
			hy_pr_fd_note(p, v[0], 0);
		}
		hy_pr_putc(p, ']');
	} else if (type == SCM_CREDENTIALS && len >= sizeof(v)) {
		memcpy(v, data, sizeof(v));
		hy_pr_printf(p, ", cmsg_data={pid=%d, uid=%u, gid=%u}", v[0], (uint32_t)v[1],
			     (uint32_t)v[2]);
	}
}

/*
 * The control messages: "[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
 * cmsg_data=[3, 4]}]"; each message's data ends at its length or at the
 * buffer's, whichever comes first. A buffer shorter than one header, or not
 * captured, prints as its address.
 */
static void print_cmsgs(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr, uint64_t size)
{
	unsigned int w = hy_ptr_size(r), hdr = w + 8;
	uint8_t buf[HY_CMSG_CAP];
	size_t have = size < sizeof(buf) ? (size_t)size : sizeof(buf), off = 0;

	if (!addr || have < hdr || !hy_read(r, phase, addr, buf, have)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	while (off + hdr <= have) {
		uint64_t len = 0;
		int32_t level, type;
		size_t data_len;

		memcpy(&len, buf + off, w);
		memcpy(&level, buf + off + w, 4);
		memcpy(&type, buf + off + w + 4, 4);
		hy_pr_printf(p, "%s{cmsg_len=%" PRIu64 ", cmsg_level=", off ? ", " : "", len);
		if (level == SOL_SOCKET)
			hy_pr_const(p, "SOL_SOCKET", SOL_SOCKET, HY_NUM_HEX);
		else
			hy_pr_printf(p, "%#x /* SOL_??? */", (uint32_t)level);
		hy_pr_puts(p, ", cmsg_type=");
		if (level == SOL_SOCKET)
			hy_pr_enum(p, HY_X_SCM_TYPE, (uint32_t)type);
		else
			hy_pr_printf(p, "%#x", (uint32_t)type);
		data_len = (len < size - off ? len : size - off);
		data_len = data_len > hdr ? data_len - hdr : 0;
		if (off + hdr + data_len > have)
			data_len = have - off - hdr;
		if (level == SOL_SOCKET)
			print_cmsg_data(p, r, type, buf + off + hdr, data_len);
		hy_pr_putc(p, '}');
		if (len < hdr)
			break;
		off += (len + w - 1) / w * w;
	}
	hy_pr_putc(p, ']');
}

void hy_pr_msghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int64_t data)
{
	/* name, namelen (int), iov, iovlen, control, controllen (longs), flags (int) */
	unsigned int w = hy_ptr_size(r);
	uint64_t name, iov, iovlen, control, controllen;
	uint32_t namelen, namelen_in, flags;
	uint16_t family;

	if (!hy_read_word(r, phase, addr, &name) || !hy_read(r, phase, addr + w, &namelen, 4) ||
	    !hy_read_word(r, phase, addr + 2 * w, &iov) ||
	    !hy_read_word(r, phase, addr + 3 * w, &iovlen) ||
	    !hy_read_word(r, phase, addr + 4 * w, &control) ||
	    !hy_read_word(r, phase, addr + 5 * w, &controllen) ||
	    !hy_read(r, phase, addr + 6 * w, &flags, 4)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{msg_name=");
	hy_pr_sockaddr_at(p, r, phase, name, namelen);
	hy_pr_puts(p, ", msg_namelen=");
	/* recvmsg's length is value-result: the one offered shows when the kernel changed it */
	if (phase == HY_PHASE_EXIT && hy_read(r, HY_PHASE_ENTER, addr + w, &namelen_in, 4) &&
	    namelen_in != namelen)
		hy_pr_printf(p, "%d => ", (int)namelen_in);
	hy_pr_printf(p, "%d, msg_iov=", (int)namelen);
	/* strace decodes the vector as netlink messages by the name's family, not the socket's */
	hy_pr_iovec_nl_at(p, r, phase, iov, iovlen, data,
			  name && namelen >= sizeof(family) &&
				  hy_read(r, phase, name, &family, sizeof(family)) &&
				  family == AF_NETLINK);
	hy_pr_printf(p, ", msg_iovlen=%" PRIu64, iovlen);
	if (controllen) {
		hy_pr_puts(p, ", msg_control=");
		print_cmsgs(p, r, phase, control, controllen);
	}
	hy_pr_printf(p, ", msg_controllen=%" PRIu64 ", msg_flags=", controllen);
	hy_pr_flags(p, HY_X_MSG_FLAGS, flags, NULL);
	hy_pr_putc(p, '}');
}

/*
 * sendmmsg/recvmmsg's array: @count entries "{msg_hdr={...}, msg_len=5}", the
 * first @with_len with their msg_len (the ones the call sent or received),
 * each one's data up to its msg_len when @by_len (recvmmsg), whole otherwise.
 * As strace: at most -s entries, then "..."; an entry that cannot be read ends
 * the array with its address; one past the captured HY_MMSG_MAX prints "...".
 */
void hy_pr_mmsghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, uint64_t count, uint64_t with_len, bool by_len)
{
	uint32_t msg_len;
	uint8_t word;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (hy_ptr_size(r) != 8 || (count && !hy_read(r, phase, addr, &word, 1))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t i = 0; i < count; i++) {
		uint64_t at = addr + i * 64;

		if (i)
			hy_pr_puts(p, ", ");
		/* strace reads an entry before it checks -s: an unreadable one shows first */
		if (i >= HY_MMSG_MAX) {
			hy_pr_puts(p, "...");
			break;
		}
		if (!hy_read(r, phase, at + 56, &msg_len, sizeof(msg_len))) {
			hy_pr_puts(p, "... /* ");
			hy_pr_hex(p, at);
			hy_pr_puts(p, " */");
			break;
		}
		if (i >= p->strsize) {
			hy_pr_puts(p, "...");
			break;
		}
		hy_pr_puts(p, "{msg_hdr=");
		hy_pr_msghdr_at(p, r, phase, at, by_len && i < with_len ? (int64_t)msg_len : -1);
		if (i < with_len)
			hy_pr_printf(p, ", msg_len=%u", msg_len);
		hy_pr_putc(p, '}');
	}
	hy_pr_putc(p, ']');
}

/*
 * recvmmsg's " (left {tv_sec=0, tv_nsec=999999237})": what the kernel wrote
 * back into the timeout, as strace appends it to a result.
 */
void hy_pr_recvmmsg_left(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t addr = hy_uarg(r, 4);
	uint8_t probe[16];

	if (!addr || !hy_read(r, HY_PHASE_EXIT, addr, probe, hy_time32(r) ? 8 : 16))
		return;
	hy_pr_puts(p, " (left ");
	hy_pr_timespec_at(p, r, HY_PHASE_EXIT, addr);
	hy_pr_putc(p, ')');
}

/*
 * A failed recvmsg's header: only the name length the caller offered, read at
 * entry ("{msg_namelen=16}"), as strace; the address when the header could
 * not all be read then.
 */
void hy_pr_msghdr_failed_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	unsigned int w = hy_ptr_size(r);
	uint32_t namelen;
	uint8_t last;

	if (!hy_read(r, HY_PHASE_ENTER, addr + w, &namelen, 4) ||
	    !hy_read(r, HY_PHASE_ENTER, addr + 7 * w - 1, &last, 1)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{msg_namelen=%d}", (int)namelen);
}

/* a socket descriptor argument, named as -y asks (3<TCP:[...]>) */
static void print_fd(struct hy_printer *p, int fd)
{
	hy_pr_fd(p, fd);
	hy_pr_puts(p, ", ");
}

/* ---- socket options ---- */

static void print_level_name(struct hy_printer *p, const struct hy_record *r)
{
	int level = r->args[1];
	uint32_t name = r->args[2];

	print_fd(p, (int)r->args[0]);
	hy_pr_enum(p, HY_X_SOCKET_LEVEL, (uint32_t)level);
	hy_pr_sep(p);
	switch (level) {
	case SOL_SOCKET:
		hy_pr_enum(p, HY_X_SO_OPT, name);
		break;
	case SOL_TCP:
		hy_pr_enum(p, HY_X_TCP_OPT, name);
		break;
	case SOL_IP:
		hy_pr_enum(p, HY_X_IP_OPT, name);
		break;
	case SOL_IPV6:
		hy_pr_enum(p, HY_X_IPV6_OPT, name);
		break;
	case SOL_NETLINK:
		hy_pr_enum(p, HY_X_NETLINK_OPT, name);
		break;
	default:
		hy_pr_printf(p, "%u", name);
		break;
	}
}

/* SOL_SOCKET options whose value is an int (strace's list of int-like options). */
static bool so_int(uint32_t name)
{
	static const uint32_t ints[] = { SO_DEBUG,
					 SO_REUSEADDR,
					 SO_TYPE,
					 SO_ERROR,
					 SO_DONTROUTE,
					 SO_BROADCAST,
					 SO_SNDBUF,
					 SO_RCVBUF,
					 SO_KEEPALIVE,
					 SO_OOBINLINE,
					 SO_NO_CHECK,
					 SO_PRIORITY,
					 SO_BSDCOMPAT,
					 SO_REUSEPORT,
					 SO_PASSCRED,
					 SO_RCVLOWAT,
					 SO_SNDLOWAT,
					 SO_ACCEPTCONN,
					 SO_SNDBUFFORCE,
					 SO_RCVBUFFORCE,
					 SO_PASSSEC,
					 SO_MARK,
					 SO_PROTOCOL,
					 SO_DOMAIN,
					 SO_RXQ_OVFL,
					 SO_WIFI_STATUS,
					 SO_PEEK_OFF,
					 SO_NOFCS,
					 SO_LOCK_FILTER,
					 SO_SELECT_ERR_QUEUE,
					 SO_BUSY_POLL,
					 SO_INCOMING_CPU,
					 SO_INCOMING_NAPI_ID,
					 SO_ZEROCOPY,
					 SO_BINDTOIFINDEX,
					 SO_PREFER_BUSY_POLL,
					 SO_BUSY_POLL_BUDGET,
					 SO_BUF_LOCK,
					 SO_TIMESTAMP_OLD,
					 SO_TIMESTAMPNS_OLD };

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		if (ints[i] == name)
			return true;
	return false;
}

static void print_optval(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, int len)
{
	int level = r->args[1];
	uint32_t name = r->args[2];
	int32_t v[3];

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (level == SOL_SOCKET && name == SO_LINGER && len >= 8 && hy_read(r, phase, addr, v, 8)) {
		hy_pr_printf(p, "{l_onoff=%d, l_linger=%d}", v[0], v[1]);
		return;
	}
	if (level == SOL_SOCKET && name == SO_PEERCRED && len >= 12 &&
	    hy_read(r, phase, addr, v, 12)) {
		hy_pr_printf(p, "{pid=%d, uid=%d, gid=%d}", v[0], v[1], v[2]);
		return;
	}
	if (level == SOL_SOCKET && name == SO_ERROR && phase == HY_PHASE_EXIT && len != 4) {
		uint8_t raw[64];
		int n = len < (int)sizeof(raw) ? len : (int)sizeof(raw);

		if (n > 0 && hy_read(r, phase, addr, raw, n))
			hy_pr_quoted_hex(p, raw, n, len > n);
		else
			hy_pr_ptr(p, addr);
		return;
	}
	if (level == SOL_SOCKET && so_int(name)) {
		if (len < 4)
			hy_pr_ptr(p, addr);
		else
			hy_pr_int_at(p, r, phase, addr);
		return;
	}
	if (len == 4)
		hy_pr_int_at(p, r, phase, addr);
	else
		hy_pr_buf_arg(p, r, phase, addr, len);
}

/*
 * A value-result length ("[128 => 16]"): what the caller offered, if it was
 * captured at entry, and what the kernel wrote back, when the call succeeded.
 */
static void print_len_inout(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	int32_t in, out;
	bool have_in = hy_read(r, HY_PHASE_ENTER, addr, &in, 4);

	if (!hy_exit_ok(r) || !hy_read(r, HY_PHASE_EXIT, addr, &out, 4)) {
		if (have_in)
			hy_pr_printf(p, "[%d]", in);
		else
			hy_pr_ptr(p, addr);
	} else if (have_in && in != out) {
		hy_pr_printf(p, "[%d => %d]", in, out);
	} else {
		hy_pr_printf(p, "[%d]", out);
	}
}

/* The sockaddr the kernel wrote and its length: strace shows the shorter of the two lengths. */
static void print_addr_out(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
			   uint64_t lenp)
{
	int32_t in, out;

	if (!addr) {
		hy_pr_puts(p, "NULL");
	} else if (!hy_exit_ok(r) || !hy_read(r, HY_PHASE_EXIT, lenp, &out, 4)) {
		hy_pr_ptr(p, addr);
	} else {
		if (hy_read(r, HY_PHASE_ENTER, lenp, &in, 4) && in < out)
			out = in;
		hy_pr_sockaddr_at(p, r, HY_PHASE_EXIT, addr, out);
	}
	hy_pr_sep(p);
	if (lenp)
		print_len_inout(p, r, lenp);
	else
		hy_pr_puts(p, "NULL");
}

/* accept, accept4, getsockname, getpeername: fd, addr, &addrlen[, flags] */
void hy_dec_sockname(struct hy_printer *p, const struct hy_record *r)
{
	print_fd(p, (int)r->args[0]);
	print_addr_out(p, r, hy_uarg(r, 1), hy_uarg(r, 2));
	if (r->ent && r->ent->nargs > 3) {
		hy_pr_sep(p);
		hy_pr_flags(p, HY_X_SOCK_FLAGS, (uint32_t)r->args[3], NULL);
	}
}

/* recvfrom(fd, buf, len, flags, addr, &addrlen) */
void hy_dec_recvfrom(struct hy_printer *p, const struct hy_record *r)
{
	print_fd(p, (int)r->args[0]);
	if (hy_exit_ok(r))
		hy_pr_sockbuf_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 1), r->ret);
	else
		hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 2));
	hy_pr_flags(p, HY_X_MSG_FLAGS, (uint32_t)r->args[3], NULL);
	hy_pr_sep(p);
	print_addr_out(p, r, hy_uarg(r, 4), hy_uarg(r, 5));
}

/* sendto(fd, buf, len, flags, addr, addrlen): the data may be netlink messages */
void hy_dec_sendto(struct hy_printer *p, const struct hy_record *r)
{
	print_fd(p, (int)r->args[0]);
	hy_pr_sockbuf_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 1), hy_uarg(r, 2));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 2));
	hy_pr_flags(p, HY_X_MSG_FLAGS, (uint32_t)r->args[3], NULL);
	hy_pr_sep(p);
	hy_pr_sockaddr_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 4), (int)r->args[5]);
	hy_pr_printf(p, ", %d", (int)r->args[5]);
}

/* setsockopt(fd, level, name, value, len) and getsockopt(fd, level, name, value, &len) */
void hy_dec_sockopt(struct hy_printer *p, const struct hy_record *r)
{
	bool get = r->ent && !strcmp(r->ent->name, "getsockopt");
	uint64_t val = hy_uarg(r, 3), lenp = hy_uarg(r, 4);
	int32_t len;

	print_level_name(p, r);
	hy_pr_sep(p);
	if (!get) {
		print_optval(p, r, HY_PHASE_ENTER, val, (int)r->args[4]);
		hy_pr_printf(p, ", %d", (int)r->args[4]);
		return;
	}
	if (!hy_exit_ok(r) || !hy_read(r, HY_PHASE_EXIT, lenp, &len, 4) || len <= 0)
		hy_pr_ptr(p, val);
	else
		print_optval(p, r, HY_PHASE_EXIT, val, len);
	hy_pr_sep(p);
	if (lenp)
		print_len_inout(p, r, lenp);
	else
		hy_pr_puts(p, "NULL");
}

/* ---- i386 socketcall ---- */

/* The calls socketcall multiplexes, by number (linux/net.h); send and recv have no syscall. */
static const char *const socketcalls[] = {
	[1] = "socket",	     [2] = "bind",	  [3] = "connect",     [4] = "listen",
	[5] = "accept",	     [6] = "getsockname", [7] = "getpeername", [8] = "socketpair",
	[11] = "sendto",     [12] = "recvfrom",	  [13] = "shutdown",   [14] = "setsockopt",
	[15] = "getsockopt", [16] = "sendmsg",	  [17] = "recvmsg",    [18] = "accept4",
	[19] = "recvmmsg",   [20] = "sendmmsg",
};

bool hy_rec_unwrap(const struct hy_record *r, struct hy_record *sub)
{
	uint32_t call = r->args[0], args[6];
	const char *name;
	long nr;

	if (!r->ent || r->ent->decode != hy_dec_socketcall ||
	    call >= sizeof(socketcalls) / sizeof(socketcalls[0]) || !(name = socketcalls[call]))
		return false;
	nr = hy_syscall_number(r->abi, name);
	if (nr < 0 || !hy_read(r, HY_PHASE_ENTER, hy_uarg(r, 1), args, sizeof(args)))
		return false;
	/* the same memory, results and times: only the call and its arguments change */
	*sub = *r;
	sub->nr = nr;
	sub->ent = hy_sysent_get(r->abi, nr);
	for (int i = 0; i < 6; i++)
		sub->args[i] = args[i];
	return sub->ent != NULL;
}

/* What is left when the arguments could not be read: the call and the array's address. */
void hy_dec_socketcall(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	hy_pr_ptr(p, hy_uarg(r, 1));
}
