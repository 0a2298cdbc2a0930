// SPDX-License-Identifier: MIT
/*
 * Netlink attributes (struct nlattr) as strace 6.1 prints them:
 * "[[{nla_len=7, nla_type=IFLA_IFNAME}, "lo"], [{nla_len=8, nla_type=IFLA_MTU}, 65536]]",
 * a value by the kind its table gives the type, the bytes in hex otherwise.
 * Also the name and byte helpers the other netlink printers share.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <inttypes.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "decode/netlink_data.h"
#include "decode/xlat.h"

const char *hy_nl_lookup(const struct hy_nl_name *t, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].v == v)
			return t[i].name;
	return NULL;
}

void hy_nl_enum(struct hy_printer *p, const struct hy_nl_name *t, size_t n, uint32_t v,
		const char *unknown)
{
	const char *name = hy_nl_lookup(t, n, v);

	/* the number in hex, as strace -X raw writes them (ifa_scope=0xfe) */
	if (name || p->xstyle == HY_XSTYLE_RAW)
		hy_pr_const(p, name, v, HY_NUM_HEX);
	else if (unknown)
		hy_pr_printf(p, "%#x /* %s */", v, unknown);
	else
		hy_pr_printf(p, "%u", v);
}

void hy_nl_flags(struct hy_printer *p, const struct hy_nl_name *t, size_t n, uint32_t v,
		 const char *unknown)
{
	bool any = false;
	int tok;

	if (!v) {
		hy_pr_putc(p, '0');
		return;
	}
	for (size_t i = 0; i < n && !any; i++)
		any = t[i].v && (v & t[i].v) == t[i].v;
	if (!any) { /* no name: the same in abbrev and verbose, raw without the comment */
		hy_pr_printf(p, p->xstyle == HY_XSTYLE_RAW ? "%#x" : "%#x /* %s */", v, unknown);
		return;
	}
	if (!(tok = hy_pr_const_open(p, v, HY_NUM_HEX)))
		return;
	any = false;
	for (size_t i = 0; i < n; i++) {
		if (t[i].v && (v & t[i].v) == t[i].v) {
			hy_pr_printf(p, "%s%s", any ? "|" : "", t[i].name);
			v &= ~t[i].v;
			any = true;
		}
	}
	if (v)
		hy_pr_printf(p, "|%#x", v);
	hy_pr_const_close(p, tok);
}

void hy_nl_ifindex(struct hy_printer *p, uint32_t idx)
{
	char name[IF_NAMESIZE];
	int tok;

	/* like strace, interfaces are named as this machine knows them */
	if (idx && if_indextoname(idx, name)) {
		if ((tok = hy_pr_const_open(p, idx, HY_NUM_UDEC))) {
			hy_pr_printf(p, "if_nametoindex(\"%s\")", name);
			hy_pr_const_close(p, tok);
		}
	} else {
		hy_pr_printf(p, "%u", idx);
	}
}

void hy_nl_hex(struct hy_nl_data *d, size_t off, size_t len)
{
	size_t n = len < d->p->strsize ? len : d->p->strsize;

	if (off > d->have || n > d->have - off) {
		hy_pr_ptr(d->p, d->addr + off);
		return;
	}
	hy_pr_quoted_hex(d->p, d->buf + off, n, len > n);
}

/*
 * A string attribute (strace's QUOTE_OMIT_TRAILING_0|QUOTE_EXPECT_TRAILING_0):
 * the bytes up to -s, a NUL at the end left out, "..." when none was there.
 */
static void put_str(struct hy_nl_data *d, size_t off, size_t len)
{
	size_t n = len < d->p->strsize ? len : d->p->strsize;

	if (off > d->have || n > d->have - off) {
		hy_pr_ptr(d->p, d->addr + off);
		return;
	}
	if (n && !d->buf[off + n - 1]) {
		hy_pr_quoted(d->p, d->buf + off, n - 1, false);
		return;
	}
	hy_pr_quoted(d->p, d->buf + off, n, n > 0);
}

/* -X raw: strace shows hardware and IP addresses as their bytes ("\x7f\x00\x00\x01") */
static void put_hwaddr(struct hy_nl_data *d, const uint8_t *b, size_t len)
{
	int tok = hy_pr_const_open_bytes(d->p, b, len);

	if (!tok)
		return;
	for (size_t i = 0; i < len; i++)
		hy_pr_printf(d->p, "%s%02x", i ? ":" : "", b[i]);
	hy_pr_const_close(d->p, tok);
}

static bool put_inaddr(struct hy_nl_data *d, const uint8_t *b, size_t len, int family)
{
	char s[INET6_ADDRSTRLEN];
	int tok;

	if (family == AF_INET && len >= 4 && inet_ntop(AF_INET, b, s, sizeof(s))) {
		if ((tok = hy_pr_const_open_bytes(d->p, b, 4))) {
			hy_pr_printf(d->p, "inet_addr(\"%s\")", s);
			hy_pr_const_close(d->p, tok);
		}
		return true;
	}
	if (family == AF_INET6 && len >= 16 && inet_ntop(AF_INET6, b, s, sizeof(s))) {
		if ((tok = hy_pr_const_open_bytes(d->p, b, 16))) {
			hy_pr_printf(d->p, "inet_pton(AF_INET6, \"%s\")", s);
			hy_pr_const_close(d->p, tok);
		}
		return true;
	}
	return false;
}

/* The counters of both link statistics structs, in order (the 32-bit one has no last). */
static const char *const link_stats[] = {
	"rx_packets",
	"tx_packets",
	"rx_bytes",
	"tx_bytes",
	"rx_errors",
	"tx_errors",
	"rx_dropped",
	"tx_dropped",
	"multicast",
	"collisions",
	"rx_length_errors",
	"rx_over_errors",
	"rx_crc_errors",
	"rx_frame_errors",
	"rx_fifo_errors",
	"rx_missed_errors",
	"tx_aborted_errors",
	"tx_carrier_errors",
	"tx_fifo_errors",
	"tx_heartbeat_errors",
	"tx_window_errors",
	"rx_compressed",
	"tx_compressed",
	"rx_nohandler",
	"rx_otherhost_dropped",
};

/*
 * Link statistics of @size-byte counters: those the attribute holds, from the
 * fields every kernel has (strace prints the later ones only when present).
 */
static bool put_stats(struct hy_nl_data *d, size_t off, size_t len, size_t size, size_t max)
{
	size_t n = len / size, base = 23;
	uint8_t b[sizeof(link_stats) / sizeof(link_stats[0]) * 8];

	if (n < base)
		return false;
	if (n > max)
		n = max;
	if (!hy_nl_fetch(d, off, b, n * size)) {
		hy_pr_ptr(d->p, d->addr + off);
		return true;
	}
	hy_pr_putc(d->p, '{');
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 0;
		uint32_t v32;

		if (size == 8) {
			memcpy(&v, b + i * 8, 8);
		} else {
			memcpy(&v32, b + i * 4, 4);
			v = v32;
		}
		hy_pr_printf(d->p, "%s%s=%" PRIu64, i ? ", " : "", link_stats[i], v);
	}
	hy_pr_putc(d->p, '}');
	return true;
}

static bool put_ifmap(struct hy_nl_data *d, size_t off, size_t len)
{
	struct rtnl_link_ifmap m;

	if (len < sizeof(m))
		return false;
	if (!hy_nl_fetch(d, off, &m, sizeof(m))) {
		hy_pr_ptr(d->p, d->addr + off);
		return true;
	}
	hy_pr_printf(d->p,
		     "{mem_start=%#" PRIx64 ", mem_end=%#" PRIx64 ", base_addr=%#" PRIx64
		     ", irq=%u, dma=%u, port=%u}",
		     (uint64_t)m.mem_start, (uint64_t)m.mem_end, (uint64_t)m.base_addr, m.irq,
		     m.dma, m.port);
	return true;
}

/*
 * An array of @size-byte numbers shown by index (strace's print_array with
 * PAF_PRINT_INDICES): "[[DEVCONF_FORWARDING]=0, [58 / * DEVCONF_??? * /]=0]",
 * at most -s of them without -v; one not captured ends the list as strace
 * ends it where it cannot read.
 */
static bool put_idx_array(struct hy_nl_data *d, const struct hy_nla_spec *s, size_t off, size_t len,
			  size_t size, bool is_signed)
{
	size_t n = len / size;
	bool plain = s->kind == HY_NLA_U32_ARRAY; /* no indexes: "[302880, 302881]" */

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 0;

		if (i && !d->p->verbose && i == d->p->strsize) {
			hy_pr_puts(d->p, ", ...");
			break;
		}
		if (!hy_nl_fetch(d, off + i * size, &v, size)) {
			if (!i) {
				hy_pr_ptr(d->p, d->addr + off);
				return true;
			}
			hy_pr_printf(d->p, ", ... /* %#" PRIx64 " */", d->addr + off + i * size);
			break;
		}
		if (plain) {
			hy_pr_printf(d->p, "%s%u", i ? ", " : "[", (uint32_t)v);
			continue;
		}
		hy_pr_puts(d->p, i ? ", [" : "[[");
		if (i < s->nidx)
			hy_pr_puts(d->p, s->idx[i]);
		else
			hy_pr_printf(d->p, "%zu /* %s */", i, s->unknown);
		if (size == 4 && is_signed)
			hy_pr_printf(d->p, "]=%d", (int32_t)(uint32_t)v);
		else
			hy_pr_printf(d->p, "]=%" PRIu64, v);
	}
	hy_pr_putc(d->p, ']');
	return true;
}

/* How many bytes a kind reads: too few in the attribute and it prints in hex. */
static size_t kind_size(enum hy_nla_kind k, int family)
{
	switch (k) {
	case HY_NLA_U8:
	case HY_NLA_ENUM8:
		return 1;
	case HY_NLA_U16:
		return 2;
	case HY_NLA_U32:
	case HY_NLA_S32:
	case HY_NLA_IFINDEX:
	case HY_NLA_FLAGS32:
	case HY_NLA_ENUM32:
		return 4;
	case HY_NLA_U64:
		return 8;
	case HY_NLA_IFA_CACHE:
		return sizeof(struct ifa_cacheinfo);
	case HY_NLA_RTA_CACHE:
		return sizeof(struct rta_cacheinfo);
	case HY_NLA_INADDR:
		return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
	case HY_NLA_IN6ADDR:
	case HY_NLA_INET6_CACHE:
	case HY_NLA_NDA_CACHE:
		return 16;
	case HY_NLA_UNIX_RQLEN:
		return 8;
	case HY_NLA_INET_MEMINFO:
		return 16;
	case HY_NLA_UNIX_VFS:
		return 8;
	case HY_NLA_INET_SOCKOPT:
		return 2;
	default:
		return 0;
	}
}

/*
 * struct inet_diag_sockopt's bit fields, the first byte's from its low bit:
 * all with -v, else those set (strace's form).
 */
static void put_sockopt_bits(struct hy_printer *p, const uint8_t *b)
{
	static const char *const names[] = {
		"recverr",	   "is_icsk",	    "freebind",
		"hdrincl",	   "mc_loop",	    "transparent",
		"mc_all",	   "nodefrag",	    "bind_address_no_port",
		"recverr_rfc4884", "defer_connect",
	};
	bool any = false;

	hy_pr_putc(p, '{');
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unsigned int v = b[i / 8] >> (i % 8) & 1;

		if (!v && !p->verbose)
			continue;
		hy_pr_printf(p, "%s%s=%u", any ? ", " : "", names[i], v);
		any = true;
	}
	if (b[1] >> 3 || p->verbose)
		hy_pr_printf(p, "%sunused=%#x /* bits 3..8 */", any ? ", " : "", b[1] >> 3);
	hy_pr_putc(p, '}');
}

static void put_fixed(struct hy_nl_data *d, const struct hy_nla_spec *s, const uint8_t *b)
{
	uint32_t u;
	uint64_t u64;
	struct ifa_cacheinfo ci;
	struct rta_cacheinfo rc;
	uint32_t ic[4];

	memcpy(&u, b, sizeof(u)); /* kind_size() said there are 4 bytes, or 1 for U8 */
	switch (s->kind) {
	case HY_NLA_U8:
		hy_pr_printf(d->p, "%u", b[0]);
		break;
	case HY_NLA_U32:
		hy_pr_printf(d->p, "%u", u);
		break;
	case HY_NLA_S32:
		hy_pr_printf(d->p, "%d", (int32_t)u);
		break;
	case HY_NLA_U64:
		memcpy(&u64, b, sizeof(u64));
		hy_pr_printf(d->p, "%" PRIu64, u64);
		break;
	case HY_NLA_IFINDEX:
		hy_nl_ifindex(d->p, u);
		break;
	case HY_NLA_FLAGS32:
		hy_nl_flags(d->p, s->names, s->nnames, u, s->unknown);
		break;
	case HY_NLA_ENUM32:
		hy_nl_enum(d->p, s->names, s->nnames, u, s->unknown);
		break;
	case HY_NLA_ENUM8:
		hy_nl_enum(d->p, s->names, s->nnames, b[0], s->unknown);
		break;
	case HY_NLA_IFA_CACHE:
		memcpy(&ci, b, sizeof(ci));
		hy_pr_printf(d->p, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, tstamp=%u}",
			     ci.ifa_prefered, ci.ifa_valid, ci.cstamp, ci.tstamp);
		break;
	case HY_NLA_U16:
		hy_pr_printf(d->p, "%u", (unsigned int)(u & 0xffff));
		break;
	case HY_NLA_NDA_CACHE:
		memcpy(ic, b, sizeof(ic));
		hy_pr_printf(d->p, "{ndm_confirmed=%u, ndm_used=%u, ndm_updated=%u, ndm_refcnt=%u}",
			     ic[0], ic[1], ic[2], ic[3]);
		break;
	case HY_NLA_UNIX_RQLEN:
		memcpy(ic, b, 2 * sizeof(ic[0]));
		hy_pr_printf(d->p, "{udiag_rqueue=%u, udiag_wqueue=%u}", ic[0], ic[1]);
		break;
	case HY_NLA_UNIX_VFS:
		/* struct unix_diag_vfs: the inode first, the device printed first */
		memcpy(ic, b, 2 * sizeof(ic[0]));
		hy_pr_printf(d->p, "{udiag_vfs_dev=makedev(%#x, %#x), udiag_vfs_ino=%u}",
			     major(ic[1]), minor(ic[1]), ic[0]);
		break;
	case HY_NLA_INET_MEMINFO:
		memcpy(ic, b, sizeof(ic));
		hy_pr_printf(d->p, "{idiag_rmem=%u, idiag_wmem=%u, idiag_fmem=%u, idiag_tmem=%u}",
			     ic[0], ic[1], ic[2], ic[3]);
		break;
	case HY_NLA_INET_SOCKOPT:
		put_sockopt_bits(d->p, b);
		break;
	case HY_NLA_INET6_CACHE:
		memcpy(ic, b, sizeof(ic));
		hy_pr_printf(d->p,
			     "{max_reasm_len=%u, tstamp=%u, reachable_time=%u, retrans_time=%u}",
			     ic[0], ic[1], ic[2], ic[3]);
		break;
	case HY_NLA_RTA_CACHE:
		memcpy(&rc, b, sizeof(rc));
		hy_pr_printf(d->p,
			     "{rta_clntref=%u, rta_lastuse=%u, rta_expires=%d, rta_error=%u, "
			     "rta_used=%u, rta_id=%u, rta_ts=%u, rta_tsage=%u}",
			     rc.rta_clntref, rc.rta_lastuse, rc.rta_expires, rc.rta_error,
			     rc.rta_used, rc.rta_id, rc.rta_ts, rc.rta_tsage);
		break;
	default:
		break;
	}
}

/* The value of @len bytes at @off; false: no decoder takes it (its bytes print in hex). */
static bool put_value(struct hy_nl_data *d, const struct hy_nla_spec *s, size_t off, size_t len,
		      int family)
{
	uint8_t b[32] = { 0 };
	size_t need;

	switch (s->kind) {
	case HY_NLA_HEX:
		return false;
	case HY_NLA_STR:
		put_str(d, off, len);
		return true;
	case HY_NLA_STATS32:
		return put_stats(d, off, len, 4, 24);
	case HY_NLA_STATS64:
		return put_stats(d, off, len, 8, 25);
	case HY_NLA_IFMAP:
		return put_ifmap(d, off, len);
	case HY_NLA_NESTED:
	case HY_NLA_AF_SPEC:
		hy_nl_attrs(d, off, len, s->nested, family);
		return true;
	case HY_NLA_PROTINFO:
		if (family != AF_INET6)
			return false;
		hy_nl_attrs(d, off, len, s->nested, family);
		return true;
	case HY_NLA_IDX_S32:
		return put_idx_array(d, s, off, len, 4, true);
	case HY_NLA_IDX_U32:
	case HY_NLA_U32_ARRAY:
		return put_idx_array(d, s, off, len, 4, false);
	case HY_NLA_IDX_U64:
		return put_idx_array(d, s, off, len, 8, false);
	case HY_NLA_HWADDR:
		if (len > sizeof(b))
			return false;
		if (hy_nl_fetch(d, off, b, len))
			put_hwaddr(d, b, len);
		else
			hy_pr_ptr(d->p, d->addr + off);
		return true;
	default:
		break;
	}
	need = kind_size(s->kind, family);
	if (!need || len < need)
		return false;
	if (!hy_nl_fetch(d, off, b, need)) {
		hy_pr_ptr(d->p, d->addr + off);
		return true;
	}
	if (s->kind == HY_NLA_INADDR)
		return put_inaddr(d, b, need, family);
	if (s->kind == HY_NLA_IN6ADDR)
		return put_inaddr(d, b, need, AF_INET6);
	put_fixed(d, s, b);
	return true;
}

static void put_nla_type(struct hy_printer *p, uint16_t type, const struct hy_nla_table *t)
{
	uint16_t v = type & NLA_TYPE_MASK;
	const char *name = t->families ? hy_xlat_name(HY_X_SOCKET_FAMILY, v) :
			   v < t->n    ? t->spec[v].name :
					 NULL;

	/* -X: each part its own constant, "0x8000 / * NLA_F_NESTED * /|0x3e / * IFLA_??? * /" */
	if (type & NLA_F_NESTED) {
		hy_pr_const(p, "NLA_F_NESTED", NLA_F_NESTED, HY_NUM_HEX);
		hy_pr_putc(p, '|');
	}
	if (type & NLA_F_NET_BYTEORDER) {
		hy_pr_const(p, "NLA_F_NET_BYTEORDER", NLA_F_NET_BYTEORDER, HY_NUM_HEX);
		hy_pr_putc(p, '|');
	}
	if (name || p->xstyle == HY_XSTYLE_RAW)
		hy_pr_const(p, name, v, HY_NUM_HEX);
	else
		hy_pr_printf(p, "%#x /* %s */", v, t->unknown);
}

/* One attribute: its header, and its value when it has one ("[{...}, value]"). */
static void put_attr(struct hy_nl_data *d, const struct nlattr *nla, size_t off, size_t len,
		     const struct hy_nla_table *t, int family)
{
	size_t n = nla->nla_len < len ? nla->nla_len : len;
	uint16_t v = nla->nla_type & NLA_TYPE_MASK;
	static const struct hy_nla_spec hex = { 0 };
	const struct hy_nla_spec *s = v < t->n ? &t->spec[v] : &hex;

	if (n > NLA_HDRLEN)
		hy_pr_putc(d->p, '[');
	hy_pr_printf(d->p, "{nla_len=%u, nla_type=", nla->nla_len);
	put_nla_type(d->p, nla->nla_type, t);
	hy_pr_putc(d->p, '}');
	if (n <= NLA_HDRLEN)
		return;
	hy_pr_puts(d->p, ", ");
	if (!put_value(d, s, off + NLA_HDRLEN, n - NLA_HDRLEN, family))
		hy_nl_hex(d, off + NLA_HDRLEN, n - NLA_HDRLEN);
	hy_pr_putc(d->p, ']');
}

bool hy_nl_fetch_item(struct hy_nl_data *d, size_t off, size_t len, void *hdr, size_t size,
		      bool list)
{
	if (len < size) {
		hy_nl_hex(d, off, len);
		return false;
	}
	if (hy_nl_fetch(d, off, hdr, size))
		return true;
	/* past the capture: where strace could not read on */
	if (list)
		hy_pr_printf(d->p, "... /* %#" PRIx64 " */", d->addr + off);
	else
		hy_pr_ptr(d->p, d->addr + off);
	return false;
}

void hy_nl_walk(struct hy_nl_data *d, size_t off, size_t len, size_t hdrsize, size_t lensize,
		void (*put)(struct hy_nl_data *d, const void *hdr, size_t off, size_t len,
			    const void *arg),
		const void *arg)
{
	bool list = false;

	for (unsigned int i = 0;; i++) {
		uint32_t hdr[4]; /* aligned for the headers @put reads */
		uint32_t n32 = 0;
		uint16_t n16 = 0;
		size_t n, step, next = 0;

		if (hdrsize > sizeof(hdr) || !hy_nl_fetch_item(d, off, len, hdr, hdrsize, list))
			break;
		if (!d->p->verbose && i == d->p->strsize) {
			hy_pr_puts(d->p, "...");
			break;
		}
		if (lensize == sizeof(n16))
			memcpy(&n16, hdr, sizeof(n16));
		else
			memcpy(&n32, hdr, sizeof(n32));
		n = lensize == sizeof(n16) ? n16 : n32;
		step = (n + 3) & ~(size_t)3;
		if (n >= hdrsize)
			next = len >= step ? len - step : 0;
		if (!list && next) {
			hy_pr_putc(d->p, '[');
			list = true;
		}
		put(d, hdr, off, len, arg);
		if (!next)
			break;
		hy_pr_puts(d->p, ", ");
		off += step;
		len = next;
	}
	if (list)
		hy_pr_putc(d->p, ']');
}

struct attr_walk {
	const struct hy_nla_table *t;
	int family;
};

static void put_walked_attr(struct hy_nl_data *d, const void *hdr, size_t off, size_t len,
			    const void *arg)
{
	const struct attr_walk *w = arg;

	put_attr(d, hdr, off, len, w->t, w->family);
}

void hy_nl_attrs(struct hy_nl_data *d, size_t off, size_t len, const struct hy_nla_table *t,
		 int family)
{
	struct attr_walk w = { t, family };

	hy_nl_walk(d, off, len, NLA_HDRLEN, sizeof(uint16_t), put_walked_attr, &w);
}

bool hy_nl_body_struct(struct hy_nl_data *d, const char *field, size_t off, size_t len, void *s,
		       size_t size)
{
	uint8_t family = *(const uint8_t *)s;

	hy_pr_printf(d->p, "{%s=", field);
	hy_pr_enum(d->p, HY_X_SOCKET_FAMILY, family);
	hy_pr_puts(d->p, ", ");
	if (len < size) {
		hy_pr_puts(d->p, "...}");
		return false;
	}
	/* read past the family: what was not captured prints as its address */
	if (!hy_nl_fetch(d, off + 1, (uint8_t *)s + 1, size - 1)) {
		hy_pr_ptr(d->p, d->addr + off + 1);
		hy_pr_putc(d->p, '}');
		return false;
	}
	return true;
}

void hy_nl_body_attrs(struct hy_nl_data *d, size_t off, size_t len, size_t size,
		      const struct hy_nla_table *t, int family)
{
	size_t at = NLMSG_ALIGN(size);

	if (len <= at)
		return;
	hy_pr_puts(d->p, ", ");
	hy_nl_attrs(d, off + at, len - at, t, family);
}
