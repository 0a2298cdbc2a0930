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
#include <inttypes.h>
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
#include "decode/netlink_data.h"
#include "decode/printer.h"
#include "decode/xlat.h"

/* The most of a call's data decoded as messages: the capture holds no more (capture_plan.c). */
#define NL_MAX 4096

/* The tables are laid out by hand, several entries a line. */
/* clang-format off */
#define N HY_NL_N

static const struct hy_nl_name nlmsg_types[] = {
	N(NLMSG_NOOP), N(NLMSG_ERROR), N(NLMSG_DONE), N(NLMSG_OVERRUN),
};

/* rtnetlink's message types (linux/rtnetlink.h), in the order of their values */
static const struct hy_nl_name rtm_types[] = {
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

/* NETLINK_SOCK_DIAG's (linux/sock_diag.h) */
static const struct hy_nl_name sock_diag_types[] = {
	N(SOCK_DIAG_BY_FAMILY), N(SOCK_DESTROY),
};

/* flags every message may carry, then those of each kind of request (strace's order) */
static const struct hy_nl_name nlm_flags[] = {
	N(NLM_F_REQUEST), N(NLM_F_MULTI), N(NLM_F_ACK), N(NLM_F_ECHO), N(NLM_F_DUMP_INTR),
	N(NLM_F_DUMP_FILTERED),
};
static const struct hy_nl_name nlm_get_flags[] = {
	N(NLM_F_DUMP), N(NLM_F_ROOT), N(NLM_F_MATCH), N(NLM_F_ATOMIC),
};
static const struct hy_nl_name nlm_new_flags[] = {
	N(NLM_F_REPLACE), N(NLM_F_EXCL), N(NLM_F_CREATE), N(NLM_F_APPEND),
};
static const struct hy_nl_name nlm_del_flags[] = {
	N(NLM_F_NONREC),
};
static const struct hy_nl_name nlm_ack_flags[] = {
	N(NLM_F_CAPPED), N(NLM_F_ACK_TLVS),
};

/* clang-format on */

#define COUNT HY_NL_COUNT

/* Names of the bits of @t found in *@v, cleared from it; @any: something printed already. */
static bool put_bits(struct hy_printer *p, const struct hy_nl_name *t, size_t n, uint32_t *v,
		     bool any)
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

/* Whether any bit of @t is in @v (a set with no name at all prints alike in every -X style). */
static bool has_bits(const struct hy_nl_name *t, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].v && (v & t[i].v) == t[i].v)
			return true;
	return false;
}

static void put_type(struct hy_nl_data *d, uint16_t type)
{
	const char *name = hy_nl_lookup(nlmsg_types, COUNT(nlmsg_types), type);

	const char *unknown = "NLMSG_???";

	if (!name && d->proto == NETLINK_ROUTE)
		name = hy_nl_lookup(rtm_types, COUNT(rtm_types), type);
	if (!name && d->proto == NETLINK_SOCK_DIAG)
		name = hy_nl_lookup(sock_diag_types, COUNT(sock_diag_types), type);
	if (type >= NLMSG_MIN_TYPE && d->proto == NETLINK_ROUTE)
		unknown = "RTM_???";
	else if (type >= NLMSG_MIN_TYPE && d->proto == NETLINK_SOCK_DIAG)
		unknown = "SOCK_DIAG_???";
	if (name || d->p->xstyle == HY_XSTYLE_RAW)
		hy_pr_const(d->p, name, type, HY_NUM_HEX);
	else
		hy_pr_printf(d->p, "%#x /* %s */", type, unknown);
}

/* The flags: the common ones, then those the message's kind of request has. */
static void put_nlm_flags(struct hy_nl_data *d, uint16_t type, uint32_t flags)
{
	const struct hy_nl_name *extra = NULL;
	size_t n = 0;
	bool any;
	int tok;

	if (!flags) {
		hy_pr_putc(d->p, '0');
		return;
	}
	if (type == NLMSG_ERROR) {
		extra = nlm_ack_flags;
		n = COUNT(nlm_ack_flags);
	} else if (d->proto == NETLINK_SOCK_DIAG && type >= NLMSG_MIN_TYPE) {
		/* every sock_diag request is a "get" (SOCK_DESTROY's too) */
		extra = nlm_get_flags;
		n = COUNT(nlm_get_flags);
	} else if (d->proto == NETLINK_ROUTE && type >= RTM_BASE && type < RTM_MAX + 1) {
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
	if (!has_bits(nlm_flags, COUNT(nlm_flags), flags) &&
	    !(extra && has_bits(extra, n, flags))) {
		/* no name: "0x... / * NLM_F_??? * /" as abbrev and verbose print it, raw the number */
		hy_pr_printf(d->p, d->p->xstyle == HY_XSTYLE_RAW ? "%#x" : "%#x /* NLM_F_??? */",
			     flags);
		return;
	}
	tok = hy_pr_const_open(d->p, flags, HY_NUM_HEX);
	if (!tok)
		return;
	any = put_bits(d->p, nlm_flags, COUNT(nlm_flags), &flags, false);
	if (extra)
		any = put_bits(d->p, extra, n, &flags, any);
	if (flags)
		hy_pr_printf(d->p, "|%#x", flags);
	hy_pr_const_close(d->p, tok);
}

/*
 * A message header at @off, @len bytes left in the call (strace's
 * fetch_nlmsghdr): shorter than a header, the bytes in hex; not captured,
 * its address ("... / * addr * /" in a list).
 */
static void put_message(struct hy_nl_data *d, const struct nlmsghdr *h, size_t off, size_t len);

/* NLMSG_ERROR's body: the error and the request it answers (a header only when capped). */
static void put_error(struct hy_nl_data *d, const struct nlmsghdr *outer, size_t off, size_t len)
{
	struct nlmsghdr h;
	int32_t err;
	size_t payload;

	if (len < sizeof(err)) {
		hy_nl_hex(d, off, len);
		return;
	}
	if (!hy_nl_fetch(d, off, &err, sizeof(err))) {
		hy_pr_ptr(d->p, d->addr + off);
		return;
	}
	hy_pr_puts(d->p, "{error=");
	if (err < 0 && hy_errno_name(-err))
		hy_pr_printf(d->p, "-%s", hy_errno_name(-err));
	else
		hy_pr_printf(d->p, "%d", err);
	off += sizeof(err);
	len -= sizeof(err);
	if (len) {
		hy_pr_puts(d->p, ", msg=");
		if (hy_nl_fetch_item(d, off, len, &h, sizeof(h), false)) {
			payload = outer->nlmsg_flags & NLM_F_CAPPED ? sizeof(h) : h.nlmsg_len;
			put_message(d, &h, off, payload < len ? payload : len);
		}
	}
	hy_pr_putc(d->p, '}');
}

/* A message's body (@len > 0 bytes at @off, after its header). */
static void put_body(struct hy_nl_data *d, const struct nlmsghdr *h, size_t off, size_t len)
{
	int32_t v;

	if (h->nlmsg_type == NLMSG_ERROR) {
		put_error(d, h, off, len);
		return;
	}
	if (h->nlmsg_type == NLMSG_DONE && len == sizeof(v)) {
		if (hy_nl_fetch(d, off, &v, sizeof(v)))
			hy_pr_printf(d->p, "%d", v);
		else
			hy_pr_ptr(d->p, d->addr + off);
		return;
	}
	if (d->proto == NETLINK_ROUTE && hy_nl_rtnl_body(d, h->nlmsg_type, off, len))
		return;
	if (d->proto == NETLINK_SOCK_DIAG && h->nlmsg_type >= NLMSG_MIN_TYPE &&
	    hy_nl_sock_diag_body(d, h->nlmsg_flags, off, len))
		return;
	hy_nl_hex(d, off, len);
}

/* One message, its header read, @len bytes left in the call (strace's _with_payload). */
static void put_message(struct hy_nl_data *d, const struct nlmsghdr *h, size_t off, size_t len)
{
	size_t n = h->nlmsg_len < len ? h->nlmsg_len : len;

	if (n > NLMSG_HDRLEN)
		hy_pr_putc(d->p, '[');
	hy_pr_printf(d->p, "{nlmsg_len=%u, nlmsg_type=", h->nlmsg_len);
	put_type(d, h->nlmsg_type);
	hy_pr_puts(d->p, ", nlmsg_flags=");
	put_nlm_flags(d, h->nlmsg_type, h->nlmsg_flags);
	hy_pr_printf(d->p, ", nlmsg_seq=%u, nlmsg_pid=%d}", h->nlmsg_seq, (int32_t)h->nlmsg_pid);
	if (n > NLMSG_HDRLEN) {
		hy_pr_puts(d->p, ", ");
		put_body(d, h, off + NLMSG_HDRLEN, n - NLMSG_HDRLEN);
		hy_pr_putc(d->p, ']');
	}
}

static void put_walked_message(struct hy_nl_data *d, const void *hdr, size_t off, size_t len,
			       const void *arg)
{
	(void)arg;
	put_message(d, hdr, off, len);
}

/* The messages of @len bytes: one alone, several in a list, at most -s without -v. */
static void put_messages(struct hy_nl_data *d, size_t len)
{
	hy_nl_walk(d, 0, len, NLMSG_HDRLEN, sizeof(uint32_t), put_walked_message, NULL);
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
	struct hy_nl_data d = { .p = p, .buf = buf, .addr = addr, .proto = -1 };
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
		d.proto = m.protocol;
	d.have = (size_t)n;
	put_messages(&d, (size_t)len);
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
