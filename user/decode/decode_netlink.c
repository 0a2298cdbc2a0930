// SPDX-License-Identifier: MIT
/*
 * Netlink messages in a socket call's data, as strace 6.1 prints them:
 * "[{nlmsg_len=20, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP,
 * nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ...}]". The types and
 * bodies of NETLINK_ROUTE are named; other protocols, and a socket whose
 * protocol is unknown, get the header with the generic names and the body as
 * hex bytes (strace's QUOTE_FORCE_HEX).
 */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "decode/args.h"
#include "decode/decode_netlink.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/xlat.h"

/* The most of a call's data decoded as messages: the capture holds no more (capture_plan.c). */
#define NL_MAX 4096

/* The tables are laid out by hand, several entries a line. */
/* clang-format off */
struct nl_name {
	uint32_t v;
	const char *name;
};
#define N(v) { v, #v }

static const struct nl_name nlmsg_types[] = {
	N(NLMSG_NOOP), N(NLMSG_ERROR), N(NLMSG_DONE), N(NLMSG_OVERRUN),
};

/* rtnetlink's message types (linux/rtnetlink.h), in the order of their values */
static const struct nl_name rtm_types[] = {
	N(RTM_NEWLINK),	     N(RTM_DELLINK),	  N(RTM_GETLINK),     N(RTM_SETLINK),
	N(RTM_NEWADDR),	     N(RTM_DELADDR),	  N(RTM_GETADDR),     N(RTM_NEWROUTE),
	N(RTM_DELROUTE),     N(RTM_GETROUTE),	  N(RTM_NEWNEIGH),    N(RTM_DELNEIGH),
	N(RTM_GETNEIGH),     N(RTM_NEWRULE),	  N(RTM_DELRULE),     N(RTM_GETRULE),
	N(RTM_NEWQDISC),     N(RTM_DELQDISC),	  N(RTM_GETQDISC),    N(RTM_NEWTCLASS),
	N(RTM_DELTCLASS),    N(RTM_GETTCLASS),	  N(RTM_NEWTFILTER),  N(RTM_DELTFILTER),
	N(RTM_GETTFILTER),   N(RTM_NEWACTION),	  N(RTM_DELACTION),   N(RTM_GETACTION),
	N(RTM_NEWPREFIX),    N(RTM_GETMULTICAST), N(RTM_GETANYCAST),  N(RTM_NEWNEIGHTBL),
	N(RTM_GETNEIGHTBL),  N(RTM_SETNEIGHTBL),  N(RTM_NEWNDUSEROPT), N(RTM_NEWADDRLABEL),
	N(RTM_DELADDRLABEL), N(RTM_GETADDRLABEL), N(RTM_GETDCB),      N(RTM_SETDCB),
	N(RTM_NEWNETCONF),   N(RTM_DELNETCONF),	  N(RTM_GETNETCONF),  N(RTM_NEWMDB),
	N(RTM_DELMDB),	     N(RTM_GETMDB),	  N(RTM_NEWNSID),     N(RTM_DELNSID),
	N(RTM_GETNSID),	     N(RTM_NEWSTATS),	  N(RTM_GETSTATS),
};

/* flags every message may carry, then those of each kind of request (strace's order) */
static const struct nl_name nlm_flags[] = {
	N(NLM_F_REQUEST), N(NLM_F_MULTI), N(NLM_F_ACK), N(NLM_F_ECHO), N(NLM_F_DUMP_INTR),
	N(NLM_F_DUMP_FILTERED),
};
static const struct nl_name nlm_get_flags[] = {
	N(NLM_F_DUMP), N(NLM_F_ROOT), N(NLM_F_MATCH), N(NLM_F_ATOMIC),
};
static const struct nl_name nlm_new_flags[] = {
	N(NLM_F_REPLACE), N(NLM_F_EXCL), N(NLM_F_CREATE), N(NLM_F_APPEND),
};
static const struct nl_name nlm_del_flags[] = {
	N(NLM_F_NONREC),
};
static const struct nl_name nlm_ack_flags[] = {
	N(NLM_F_CAPPED), N(NLM_F_ACK_TLVS),
};

static const struct nl_name arphrd[] = {
	N(ARPHRD_NETROM),   N(ARPHRD_ETHER),  N(ARPHRD_EETHER),	 N(ARPHRD_IEEE802),
	N(ARPHRD_LOOPBACK), N(ARPHRD_SIT),    N(ARPHRD_IPGRE),	 N(ARPHRD_TUNNEL),
	N(ARPHRD_TUNNEL6),  N(ARPHRD_NONE),   N(ARPHRD_VOID),
};

static const struct nl_name ifa_flags[] = {
	N(IFA_F_SECONDARY),   N(IFA_F_NODAD),	    N(IFA_F_OPTIMISTIC),
	N(IFA_F_DADFAILED),   N(IFA_F_HOMEADDRESS), N(IFA_F_DEPRECATED),
	N(IFA_F_TENTATIVE),   N(IFA_F_PERMANENT),   N(IFA_F_MANAGETEMPADDR),
	N(IFA_F_NOPREFIXROUTE), N(IFA_F_MCAUTOJOIN), N(IFA_F_STABLE_PRIVACY),
};

static const struct nl_name rt_scopes[] = {
	N(RT_SCOPE_UNIVERSE), N(RT_SCOPE_SITE), N(RT_SCOPE_LINK), N(RT_SCOPE_HOST),
	N(RT_SCOPE_NOWHERE),
};

/* clang-format on */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *lookup(const struct nl_name *t, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].v == v)
			return t[i].name;
	return NULL;
}

/* Names of the bits of @t found in *@v, cleared from it; @any: something printed already. */
static bool put_bits(struct hy_printer *p, const struct nl_name *t, size_t n, uint32_t *v, bool any)
{
	for (size_t i = 0; i < n; i++) {
		if (t[i].v && (*v & t[i].v) == t[i].v) {
			hy_pr_printf(p, "%s%s", any ? "|" : "", t[i].name);
			*v &= ~t[i].v;
			any = true;
		}
	}
	return any;
}

static void put_enum(struct hy_printer *p, const struct nl_name *t, size_t n, uint32_t v,
		     const char *unknown)
{
	const char *name = lookup(t, n, v);

	if (name)
		hy_pr_puts(p, name);
	else
		hy_pr_printf(p, "%#x /* %s */", v, unknown);
}

static void put_flags(struct hy_printer *p, const struct nl_name *t, size_t n, uint32_t v,
		      const char *unknown)
{
	bool any;

	if (!v) {
		hy_pr_putc(p, '0');
		return;
	}
	any = put_bits(p, t, n, &v, false);
	if (!v)
		return;
	if (any)
		hy_pr_printf(p, "|%#x", v);
	else
		hy_pr_printf(p, "%#x /* %s */", v, unknown);
}

static void put_ifindex(struct hy_printer *p, const char *field, uint32_t idx)
{
	char name[IF_NAMESIZE];

	/* like strace, interfaces are named as this machine knows them */
	if (idx && if_indextoname(idx, name))
		hy_pr_printf(p, "%s=if_nametoindex(\"%s\")", field, name);
	else
		hy_pr_printf(p, "%s=%u", field, idx);
}

struct nl_ctx {
	struct hy_printer *p;
	int proto; /* NETLINK_*, or -1: not known */
};

static void put_messages(struct nl_ctx *c, const uint8_t *buf, size_t len);

static void put_type(struct nl_ctx *c, uint16_t type)
{
	const char *name = lookup(nlmsg_types, COUNT(nlmsg_types), type);

	if (!name && c->proto == NETLINK_ROUTE)
		name = lookup(rtm_types, COUNT(rtm_types), type);
	if (name)
		hy_pr_puts(c->p, name);
	else
		hy_pr_printf(c->p, "%#x /* %s */", type,
			     c->proto == NETLINK_ROUTE ? "RTM_???" : "NLMSG_???");
}

/* The flags: the common ones, then those the message's kind of request has. */
static void put_nlm_flags(struct nl_ctx *c, uint16_t type, uint32_t flags)
{
	const struct nl_name *extra = NULL;
	size_t n = 0;
	bool any;

	if (!flags) {
		hy_pr_putc(c->p, '0');
		return;
	}
	if (type == NLMSG_ERROR) {
		extra = nlm_ack_flags;
		n = COUNT(nlm_ack_flags);
	} else if (c->proto == NETLINK_ROUTE && type >= RTM_BASE && type < RTM_MAX + 1) {
		/* rtnetlink's types come in NEW, DEL, GET, SET order from RTM_BASE */
		switch ((type - RTM_BASE) & 3) {
		case 0:
			extra = nlm_new_flags;
			n = COUNT(nlm_new_flags);
			break;
		case 1:
			extra = nlm_del_flags;
			n = COUNT(nlm_del_flags);
			break;
		case 2:
			extra = nlm_get_flags;
			n = COUNT(nlm_get_flags);
			break;
		}
	}
	any = put_bits(c->p, nlm_flags, COUNT(nlm_flags), &flags, false);
	if (extra)
		any = put_bits(c->p, extra, n, &flags, any);
	if (!flags)
		return;
	if (any)
		hy_pr_printf(c->p, "|%#x", flags);
	else
		hy_pr_printf(c->p, "%#x /* NLM_F_??? */", flags);
}

static void put_family(struct hy_printer *p, const char *field, uint8_t family)
{
	hy_pr_printf(p, "{%s=", field);
	hy_pr_enum(p, HY_X_SOCKET_FAMILY, family);
}

static void put_ifinfomsg(struct nl_ctx *c, const uint8_t *b, size_t len)
{
	struct ifinfomsg ifi;

	put_family(c->p, "ifi_family", b[0]);
	if (len < sizeof(ifi)) {
		hy_pr_puts(c->p, ", ...}");
		return;
	}
	memcpy(&ifi, b, sizeof(ifi));
	hy_pr_puts(c->p, ", ifi_type=");
	put_enum(c->p, arphrd, COUNT(arphrd), ifi.ifi_type, "ARPHRD_???");
	hy_pr_puts(c->p, ", ");
	put_ifindex(c->p, "ifi_index", (uint32_t)ifi.ifi_index);
	hy_pr_puts(c->p, ", ifi_flags=");
	hy_pr_flags(c->p, HY_X_IFF_FLAGS, ifi.ifi_flags, NULL);
	hy_pr_puts(c->p, ", ifi_change=");
	hy_pr_flags(c->p, HY_X_IFF_FLAGS, ifi.ifi_change, NULL);
	hy_pr_putc(c->p, '}');
}

static void put_ifaddrmsg(struct nl_ctx *c, const uint8_t *b, size_t len)
{
	struct ifaddrmsg ifa;

	put_family(c->p, "ifa_family", b[0]);
	if (len < sizeof(ifa)) {
		hy_pr_puts(c->p, ", ...}");
		return;
	}
	memcpy(&ifa, b, sizeof(ifa));
	hy_pr_printf(c->p, ", ifa_prefixlen=%u, ifa_flags=", ifa.ifa_prefixlen);
	put_flags(c->p, ifa_flags, COUNT(ifa_flags), ifa.ifa_flags, "IFA_F_???");
	hy_pr_puts(c->p, ", ifa_scope=");
	put_enum(c->p, rt_scopes, COUNT(rt_scopes), ifa.ifa_scope, "RT_SCOPE_???");
	hy_pr_puts(c->p, ", ");
	put_ifindex(c->p, "ifa_index", ifa.ifa_index);
	hy_pr_putc(c->p, '}');
}

/* NLMSG_ERROR's body: the error and the request it answers (a header only when capped). */
static void put_error(struct nl_ctx *c, const uint8_t *b, size_t len)
{
	int32_t err;

	if (len < sizeof(err)) {
		hy_pr_quoted_hex(c->p, b, len, false);
		return;
	}
	memcpy(&err, b, sizeof(err));
	hy_pr_puts(c->p, "{error=");
	if (err < 0 && hy_errno_name(-err))
		hy_pr_printf(c->p, "-%s", hy_errno_name(-err));
	else
		hy_pr_printf(c->p, "%d", err);
	if (len > sizeof(err)) {
		hy_pr_puts(c->p, ", msg=");
		put_messages(c, b + sizeof(err), len - sizeof(err));
	}
	hy_pr_putc(c->p, '}');
}

/* A message's body (@len > 0 bytes after its header). */
static void put_body(struct nl_ctx *c, uint16_t type, const uint8_t *b, size_t len)
{
	int32_t v;

	if (type == NLMSG_ERROR) {
		put_error(c, b, len);
		return;
	}
	if (type == NLMSG_DONE && len == sizeof(v)) {
		memcpy(&v, b, sizeof(v));
		hy_pr_printf(c->p, "%d", v);
		return;
	}
	if (c->proto == NETLINK_ROUTE && len == sizeof(struct ifinfomsg) && type >= RTM_NEWLINK &&
	    type <= RTM_SETLINK) {
		put_ifinfomsg(c, b, len);
		return;
	}
	if (c->proto == NETLINK_ROUTE && len == sizeof(struct ifaddrmsg) && type >= RTM_NEWADDR &&
	    type <= RTM_GETADDR) {
		put_ifaddrmsg(c, b, len);
		return;
	}
	/* a dump request's short rtgenmsg: the family only, as strace */
	if (c->proto == NETLINK_ROUTE && len < sizeof(struct ifinfomsg) && type >= RTM_NEWLINK &&
	    type <= RTM_SETLINK) {
		put_ifinfomsg(c, b, len);
		return;
	}
	if (c->proto == NETLINK_ROUTE && len < sizeof(struct ifaddrmsg) && type >= RTM_NEWADDR &&
	    type <= RTM_GETADDR) {
		put_ifaddrmsg(c, b, len);
		return;
	}
	hy_pr_quoted_hex(c->p, b, len < c->p->strsize ? len : c->p->strsize, len > c->p->strsize);
}

/* One message (@len holds its header at least): returns the bytes to the next one. */
static size_t put_message(struct nl_ctx *c, const uint8_t *b, size_t len)
{
	struct nlmsghdr h;
	size_t body;

	memcpy(&h, b, sizeof(h));
	body = h.nlmsg_len < sizeof(h) ? 0 : h.nlmsg_len - sizeof(h);
	if (body > len - sizeof(h))
		body = len - sizeof(h);
	if (body)
		hy_pr_putc(c->p, '[');
	hy_pr_printf(c->p, "{nlmsg_len=%u, nlmsg_type=", h.nlmsg_len);
	put_type(c, h.nlmsg_type);
	hy_pr_puts(c->p, ", nlmsg_flags=");
	put_nlm_flags(c, h.nlmsg_type, h.nlmsg_flags);
	hy_pr_printf(c->p, ", nlmsg_seq=%u, nlmsg_pid=%d}", h.nlmsg_seq, (int32_t)h.nlmsg_pid);
	if (body) {
		hy_pr_puts(c->p, ", ");
		put_body(c, h.nlmsg_type, b + sizeof(h), body);
		hy_pr_putc(c->p, ']');
	}
	return NLMSG_ALIGN(h.nlmsg_len < sizeof(h) ? len : h.nlmsg_len);
}

/* The messages of @len bytes: one alone, several in a list. */
static void put_messages(struct nl_ctx *c, const uint8_t *buf, size_t len)
{
	size_t off = 0, n = 0;

	if (len < sizeof(struct nlmsghdr)) {
		hy_pr_quoted_hex(c->p, buf, len, false);
		return;
	}
	/* count first: a single message is printed without the outer brackets */
	for (size_t o = 0; o + sizeof(struct nlmsghdr) <= len; n++) {
		uint32_t l;

		memcpy(&l, buf + o, sizeof(l));
		if (l < sizeof(struct nlmsghdr))
			break;
		o += NLMSG_ALIGN(l);
	}
	if (n > 1)
		hy_pr_putc(c->p, '[');
	for (size_t i = 0; off + sizeof(struct nlmsghdr) <= len; i++) {
		if (i)
			hy_pr_puts(c->p, ", ");
		off += put_message(c, buf + off, len - off);
		if (i + 1 >= n)
			break;
	}
	if (n > 1)
		hy_pr_putc(c->p, ']');
}

static bool sock_meta(const struct hy_record *r, struct hy_sock_meta *m)
{
	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *ch = &r->chunk[i];

		if (ch->phase == HY_PHASE_META && ch->arg == HY_META_SOCK &&
		    ch->len == sizeof(*m)) {
			memcpy(m, r->store + ch->off, sizeof(*m));
			return true;
		}
	}
	return false;
}

/*
 * Whether this kernel tells a netlink socket's protocol by sock_diag, the way
 * strace 6.1 asks it (netlink_diag, often a module that is not loaded, as in
 * minimal VMs). Without it strace prints every message with the generic
 * names, so hytrace does too, though it knows the protocol: the output is
 * strace's on every machine. Asked once, with a dump that answers NLMSG_DONE
 * or NLMSG_ERROR at once.
 */
static bool diag_knows_protocols(void)
{
	static int known = -1; /* racing first calls compute the same answer */
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req d;
	} req = { .h = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		  .d = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL } };
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	uint8_t reply[8192];
	struct nlmsghdr h;
	int32_t err = -1;
	ssize_t n;
	int fd, k = __atomic_load_n(&known, __ATOMIC_RELAXED);

	if (k >= 0)
		return k;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	k = 0;
	if (fd >= 0 && sendto(fd, &req, sizeof(req), 0, (void *)&kernel, sizeof(kernel)) > 0 &&
	    (n = recv(fd, reply, sizeof(reply), 0)) >= (ssize_t)sizeof(h)) {
		memcpy(&h, reply, sizeof(h));
		if (h.nlmsg_type == NLMSG_ERROR && n >= (ssize_t)(sizeof(h) + sizeof(err)))
			memcpy(&err, reply + sizeof(h), sizeof(err));
		k = h.nlmsg_type != NLMSG_ERROR || !err;
	}
	if (fd >= 0)
		close(fd);
	__atomic_store_n(&known, k, __ATOMIC_RELAXED);
	return k;
}

void hy_pr_netlink_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int64_t len)
{
	uint8_t buf[NL_MAX];
	struct hy_sock_meta m;
	struct nl_ctx c = { .p = p, .proto = -1 };
	size_t want = len < 0 ? 0 : len < NL_MAX ? (size_t)len : NL_MAX;
	ssize_t n = want ? hy_rec_read(r, phase, addr, buf, want) : 0;

	/* what was not captured: as the bytes would print, or the address */
	if (len <= 0 ||
	    n < (ssize_t)(want < sizeof(struct nlmsghdr) ? want : sizeof(struct nlmsghdr))) {
		hy_pr_buf_arg(p, r, phase, addr, len);
		return;
	}
	if (sock_meta(r, &m) && m.family == AF_NETLINK && m.protocol != HY_SOCK_PROTO_UNKNOWN &&
	    diag_knows_protocols())
		c.proto = m.protocol;
	/* shorter than a header: the bytes, in hex as strace shows netlink data */
	if ((size_t)n < sizeof(struct nlmsghdr)) {
		hy_pr_quoted_hex(p, buf, (size_t)n < p->strsize ? (size_t)n : p->strsize,
				 (size_t)n > p->strsize);
		return;
	}
	put_messages(&c, buf, (size_t)n);
}

void hy_pr_sockbuf_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int64_t len)
{
	struct hy_sock_meta m;

	if (sock_meta(r, &m) && m.family == AF_NETLINK)
		hy_pr_netlink_at(p, r, phase, addr, len);
	else
		hy_pr_buf_arg(p, r, phase, addr, len);
}
