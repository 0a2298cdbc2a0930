// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: sockets (addresses at page edges, value-result lengths, options, messages).
 * runs: -s 4
 */
#include "fid.h"

#include <arpa/inet.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <linux/unix_diag.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

#define SRV "/tmp/hytrace-fidelity-srv"
/* an interface index no machine has: requests that name it change nothing */
#define NO_IF 0x7ffffff0
#define CLI "/tmp/hytrace-fidelity-cli"

static struct sockaddr_un *un_edge(const char *path)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	size_t n = offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;

	strcpy(un.sun_path, path);
	return at_edge(&un, n);
}

/* Append an attribute of @len bytes of @data to the message at @m; returns its end. */
static void add_attr(struct nlmsghdr *m, unsigned short type, const void *data, unsigned short len)
{
	struct nlattr *a = (struct nlattr *)((char *)m + NLMSG_ALIGN(m->nlmsg_len));

	a->nla_len = NLA_HDRLEN + len;
	a->nla_type = type;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	m->nlmsg_len = NLMSG_ALIGN(m->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/*
 * rtnetlink attributes: an address and a route for an interface that does
 * not exist (the kernel answers ENODEV and echoes the request, attributes
 * and all), and the first bytes of lo's link message read into a short
 * buffer (the kernel cuts the message; its first attributes do not change).
 */
static void netlink_attrs(int nl, char *rbuf)
{
	char m[256] __attribute__((aligned(4))) = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)m;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct rtmsg *rtm = NLMSG_DATA(h);
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct ifa_cacheinfo ci = { .ifa_prefered = 60, .ifa_valid = 120 };
	uint32_t a4 = htonl(0xc0000263), flags = IFA_F_NODAD | 0x80000, oif = NO_IF, u = 7;
	uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	h->nlmsg_len = NLMSG_LENGTH(sizeof(*ifa));
	h->nlmsg_type = RTM_NEWADDR;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	h->nlmsg_seq = 4;
	*ifa = (struct ifaddrmsg){ .ifa_family = AF_INET, .ifa_prefixlen = 24, .ifa_index = NO_IF };
	add_attr(h, IFA_LOCAL, &a4, 4);
	add_attr(h, IFA_ADDRESS, &a4, 4);
	add_attr(h, IFA_LABEL, "hy0", 4);
	add_attr(h, IFA_FLAGS, &flags, 4);
	add_attr(h, IFA_CACHEINFO, &ci, sizeof(ci));
	add_attr(h, 0x63 | NLA_F_NESTED, "", 0);
	S(SYS_sendto, nl, at_edge(m, h->nlmsg_len), h->nlmsg_len, 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);

	memset(m, 0, sizeof(m));
	h->nlmsg_len = NLMSG_LENGTH(sizeof(*rtm));
	h->nlmsg_type = RTM_NEWROUTE;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL;
	h->nlmsg_seq = 5;
	*rtm = (struct rtmsg){ .rtm_family = AF_INET6,
			       .rtm_dst_len = 128,
			       .rtm_table = RT_TABLE_MAIN,
			       .rtm_protocol = RTPROT_STATIC,
			       .rtm_type = RTN_UNICAST };
	add_attr(h, RTA_DST, a6, 16);
	add_attr(h, RTA_OIF, &oif, 4);
	add_attr(h, RTA_PRIORITY, &u, 4);
	add_attr(h, RTA_TABLE, &(uint32_t){ RT_TABLE_MAIN }, 4);
	add_attr(h, RTA_GATEWAY, a6, 8); /* too short for an IPv6 address: hex */
	S(SYS_sendto, nl, at_edge(m, h->nlmsg_len), h->nlmsg_len, 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);

	/* a neighbour on an interface that does not exist; a rule that does not exist */
	memset(m, 0, sizeof(m));
	h->nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	h->nlmsg_type = RTM_NEWNEIGH;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE;
	h->nlmsg_seq = 8;
	*(struct ndmsg *)NLMSG_DATA(h) = (struct ndmsg){ .ndm_family = AF_INET,
							 .ndm_ifindex = NO_IF,
							 .ndm_state = NUD_PERMANENT | NUD_NOARP,
							 .ndm_flags = NTF_ROUTER };
	add_attr(h, NDA_DST, &a4, 4);
	add_attr(h, NDA_LLADDR, "\x02\xfc\x00\x00\x00\x09", 6);
	add_attr(h, NDA_PROBES, &u, 4);
	S(SYS_sendto, nl, at_edge(m, h->nlmsg_len), h->nlmsg_len, 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);
	memset(m, 0, sizeof(m));
	h->nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr));
	h->nlmsg_type = RTM_DELRULE;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 9;
	*(struct fib_rule_hdr *)NLMSG_DATA(h) = (struct fib_rule_hdr){ .family = AF_INET,
								       .table = RT_TABLE_COMPAT,
								       .action = FR_ACT_TO_TBL };
	add_attr(h, FRA_PRIORITY, &oif, 4);
	add_attr(h, FRA_IIFNAME, "hy-none", 8);
	add_attr(h, FRA_PROTOCOL, "\x04", 1);
	S(SYS_sendto, nl, at_edge(m, h->nlmsg_len), h->nlmsg_len, 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);

	/* per-family settings, nested twice, for an interface that does not exist */
	memset(m, 0, sizeof(m));
	h->nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	h->nlmsg_type = RTM_SETLINK;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 7;
	ifi->ifi_family = AF_INET6;
	ifi->ifi_index = NO_IF;
	{
		char in6[64] __attribute__((aligned(4))) = { 0 },
			     spec[96] __attribute__((aligned(4)));
		struct nlattr *a = (struct nlattr *)in6;
		int32_t conf[3] = { 1, -1, 64 };

		a->nla_len = NLA_HDRLEN + 1;
		a->nla_type = IFLA_INET6_ADDR_GEN_MODE;
		in6[NLA_HDRLEN] = 1;
		a = (struct nlattr *)(in6 + 8);
		a->nla_len = NLA_HDRLEN + 16;
		a->nla_type = IFLA_INET6_TOKEN;
		memcpy(in6 + 8 + NLA_HDRLEN, a6, 16);
		a = (struct nlattr *)(in6 + 28);
		a->nla_len = NLA_HDRLEN + sizeof(conf);
		a->nla_type = IFLA_INET6_CONF;
		memcpy(in6 + 28 + NLA_HDRLEN, conf, sizeof(conf));
		a = (struct nlattr *)spec;
		a->nla_len = NLA_HDRLEN + 44;
		a->nla_type = AF_INET6;
		memcpy(spec + NLA_HDRLEN, in6, 44);
		add_attr(h, IFLA_AF_SPEC, spec, NLA_HDRLEN + 44);
	}
	S(SYS_sendto, nl, at_edge(m, h->nlmsg_len), h->nlmsg_len, 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);

	memset(m, 0, sizeof(m));
	h->nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	h->nlmsg_type = RTM_GETLINK;
	h->nlmsg_flags = NLM_F_REQUEST;
	h->nlmsg_seq = 6;
	ifi->ifi_index = 1; /* lo, in every network namespace */
	add_attr(h, IFLA_EXT_MASK, &(uint32_t){ RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS }, 4);
	add_attr(h, IFLA_IFNAME, "lo", 2); /* no NUL */
	S(SYS_sendto, nl, at_edge(m, h->nlmsg_len), h->nlmsg_len, 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 128, 0, NULL, NULL);
}

/*
 * NETLINK_ROUTE requests and the kernel's replies, each against an unmapped
 * page. The first request goes out on an unbound socket, whose protocol
 * strace cannot learn yet: its header prints with the generic names. Sending
 * binds it, to the guest's pid (the normalised nlmsg_pid of the replies).
 */
static void netlink(char *buf, struct iovec *iov, struct msghdr *mh)
{
	struct nlreq {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} req = { .h = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = RTM_GETLINK,
			 .nlmsg_flags = NLM_F_REQUEST,
			 .nlmsg_seq = 1 },
		  .i = { .ifi_family = AF_UNSPEC, .ifi_index = 0x7ffffff0 } },
	  *r = at_edge(&req, sizeof(req));
	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
	} dump = { .h = { .nlmsg_len = sizeof(dump),
			  .nlmsg_type = RTM_GETADDR,
			  .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			  .nlmsg_seq = 3 },
		   .g = { .rtgen_family = AF_UNSPEC } };
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char *rbuf = at_edge(NULL, 256);
	int nl = S(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);

	S(SYS_sendto, nl, r, sizeof(req), 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf + 128, 128, 0, NULL, NULL);
	r->h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r->h.nlmsg_seq = 2;
	iov->iov_base = r;
	iov->iov_len = sizeof(req);
	memset(mh, 0, sizeof(*mh));
	/* a message header's vector is netlink by its name's family (strace's rule) */
	mh->msg_name = at_edge(&kernel, sizeof(kernel));
	mh->msg_namelen = sizeof(kernel);
	mh->msg_iov = iov;
	mh->msg_iovlen = 1;
	S(SYS_sendmsg, nl, mh, 0);
	iov->iov_base = rbuf + 128;
	iov->iov_len = 128;
	S(SYS_recvmsg, nl, mh, 0);
	netlink_attrs(nl, rbuf);
	/* a dump request's short body; its replies are not read */
	S(SYS_sendto, nl, at_edge(&dump, sizeof(dump)), sizeof(dump), 0, NULL, 0);
	/* not a message: shorter than a header */
	S(SYS_sendto, nl, buf, 8, MSG_DONTWAIT, NULL, 0);
	S(SYS_close, nl);
}

/*
 * sendmmsg/recvmmsg over the datagram pair: two messages sent (msg_len written
 * back), received into a longer array (only the received entries print), an
 * array that runs into an unmapped page (the entries before it print), a
 * failed call's entries (no msg_len), bad pointers.
 */
static void mmsg(int sv[2])
{
	static struct iovec iov2[2] = { { "ab", 2 }, { "cde", 3 } }, iov1[1] = { { "fghij", 5 } };
	struct mmsghdr *m = at_edge(NULL, 2 * sizeof(*m)), *r = at_edge(NULL, 3 * sizeof(*r));
	char *rb = at_edge(NULL, 24);

	m[0].msg_hdr.msg_iov = iov2;
	m[0].msg_hdr.msg_iovlen = 2;
	m[1].msg_hdr.msg_iov = iov1;
	m[1].msg_hdr.msg_iovlen = 1;
	S(SYS_sendmmsg, sv[0], m, G(2), MSG_DONTWAIT);
	for (int i = 0; i < 3; i++) {
		static struct iovec riov[3];

		riov[i].iov_base = rb + 8 * i;
		riov[i].iov_len = 8;
		r[i].msg_hdr.msg_iov = &riov[i];
		r[i].msg_hdr.msg_iovlen = 1;
	}
	/* a name buffer offered: its length is value-result, 110 => 0 (an unnamed peer) */
	r[0].msg_hdr.msg_name = rb + 24 - 16;
	r[0].msg_hdr.msg_namelen = 110;
	S(SYS_recvmmsg, sv[1], r, 3, MSG_DONTWAIT, NULL);
	S(SYS_recvmmsg, sv[1], r, 3, MSG_DONTWAIT, NULL);
	/* the third entry is past the page: two sent, the array printed up to there */
	S(SYS_sendmmsg, sv[0], m, 3, 0);
	S(SYS_recvmmsg, sv[1], r, 3, MSG_DONTWAIT, NULL);
	S(SYS_sendmmsg, -1, m, 2, 0);
	S(SYS_sendmmsg, sv[0], BAD, 2, 0);
	S(SYS_recvmmsg, sv[1], BAD, 2, MSG_DONTWAIT, NULL);
}

/*
 * More entries than the 8 once captured: 12 sent and received (the -s 4 run
 * prints 4 of them, then "..."), and 40, past strace's 32 (-s), as "...".
 */
static void mmsg_many(int sv[2])
{
	static char data[40][2];
	static struct iovec iov[40];
	static struct mmsghdr m[40];

	for (int i = 0; i < 40; i++) {
		data[i][0] = 'a' + i % 26;
		data[i][1] = '0' + i / 26;
		iov[i] = (struct iovec){ data[i], 2 };
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	S(SYS_sendmmsg, sv[0], m, 12, 0);
	S(SYS_recvmmsg, sv[1], m, 12, MSG_DONTWAIT, NULL);
	S(SYS_sendmmsg, -1, m, 40, 0);
}

/*
 * sendmmsg/recvmmsg on a netlink socket: two requests in one call, their
 * answers (an error each: an ACK) read back into two entries, first without
 * names (the data prints as bytes), then with the kernel's AF_NETLINK name
 * (as messages, strace's rule for a message header). Bound to a fixed port:
 * the answers carry it.
 */
static void mmsg_netlink(void)
{
	static struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} req[2];
	static char ans[2][64];
	static struct iovec iov[2];
	static struct mmsghdr m[2];
	static struct sockaddr_nl kernel = { .nl_family = AF_NETLINK }, names[2];
	struct sockaddr_nl port = { .nl_family = AF_NETLINK, .nl_pid = 0x4859 };
	int nl = S(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);

	S(SYS_bind, nl, &port, sizeof(port));
	for (int named = 0; named < 2; named++) {
		for (int i = 0; i < 2; i++) {
			req[i].h = (struct nlmsghdr){ .nlmsg_len = sizeof(req[i]),
						      .nlmsg_type = RTM_GETLINK,
						      .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
						      .nlmsg_seq = 10 + i };
			req[i].i = (struct ifinfomsg){ .ifi_family = AF_UNSPEC,
						       .ifi_index = 0x7fffff00 + i };
			iov[i] = (struct iovec){ &req[i], sizeof(req[i]) };
			m[i].msg_hdr = (struct msghdr){ .msg_iov = &iov[i], .msg_iovlen = 1 };
			if (named) {
				m[i].msg_hdr.msg_name = &kernel;
				m[i].msg_hdr.msg_namelen = sizeof(kernel);
			}
		}
		S(SYS_sendmmsg, nl, m, 2, 0);
		for (int i = 0; i < 2; i++) {
			iov[i] = (struct iovec){ ans[i], sizeof(ans[i]) };
			m[i].msg_hdr = (struct msghdr){ .msg_iov = &iov[i], .msg_iovlen = 1 };
			if (named) {
				m[i].msg_hdr.msg_name = &names[i];
				m[i].msg_hdr.msg_namelen = sizeof(names[i]);
			}
		}
		S(SYS_recvmmsg, nl, m, 2, MSG_DONTWAIT, NULL);
	}
	S(SYS_close, nl);
}

/*
 * NETLINK_SOCK_DIAG: requests of each decoded family (unknown bits and
 * states, both inet families, an unknown one, SOCK_DESTROY, an unknown type)
 * and the kernel's answers that echo them (no socket has these numbers).
 */
static void sock_diag(void)
{
	static struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} u = { .h = { .nlmsg_len = sizeof(u),
		       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		       .nlmsg_seq = 1 },
		.r = { .sdiag_family = AF_UNIX,
		       .udiag_states = 1,
		       .udiag_ino = 0x7fffffff,
		       .udiag_show = 0x80 | UDIAG_SHOW_VFS,
		       .udiag_cookie = { ~0u, ~0u } } };
	static struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} in = { .h = { .nlmsg_len = sizeof(in),
			.nlmsg_type = SOCK_DIAG_BY_FAMILY,
			.nlmsg_flags = NLM_F_REQUEST,
			.nlmsg_seq = 2 },
		 .r = { .sdiag_family = AF_INET,
			.sdiag_protocol = IPPROTO_UDP,
			.idiag_ext = 0x80 | 1,
			.idiag_states = 1 << 10 | 1 << 20,
			.id = { .idiag_sport = 0x3500,
				.idiag_dport = 0xd204,
				.idiag_src = { 0x0100007f },
				.idiag_dst = { 0x0200000a },
				.idiag_if = 1,
				.idiag_cookie = { 5, ~0u } } } };
	static struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} nd;
	static struct {
		struct nlmsghdr h;
		struct packet_diag_req r;
	} pd;
	struct sockaddr_nl port = { .nl_family = AF_NETLINK, .nl_pid = 0x4858 };
	char *rbuf = at_edge(NULL, 256);
	int nl = S(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);

	S(SYS_bind, nl, &port, sizeof(port));
	S(SYS_sendto, nl, &u, sizeof(u), 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);
	u.h.nlmsg_type = SOCK_DESTROY;
	u.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP | NLM_F_EXCL;
	u.r.udiag_states = 0;
	u.r.udiag_show = 0;
	S(SYS_sendto, nl, &u, sizeof(u), 0, NULL, 0);
	u.h.nlmsg_type = 0x33;
	u.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	S(SYS_sendto, nl, &u, sizeof(u), 0, NULL, 0);
	S(SYS_sendto, nl, &in, sizeof(in), 0, NULL, 0);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);
	S(SYS_recvfrom, nl, rbuf, 256, 0, NULL, NULL);
	in.r.sdiag_family = AF_INET6;
	in.r.sdiag_protocol = IPPROTO_TCP;
	in.r.idiag_ext = 0;
	in.r.idiag_states = 0;
	in.r.id.idiag_if = 999;
	in.r.id.idiag_src[3] = 0x01000000;
	S(SYS_sendto, nl, &in, sizeof(in), 0, NULL, 0);
	in.r.sdiag_family = 77;
	S(SYS_sendto, nl, &in, sizeof(in), 0, NULL, 0);
	/* netlink's and packet's requests, not dumps: refused, their echo read back */
	nd.h.nlmsg_len = sizeof(nd);
	nd.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nd.h.nlmsg_flags = NLM_F_REQUEST;
	nd.h.nlmsg_seq = 3;
	nd.r = (struct netlink_diag_req){ .sdiag_family = AF_NETLINK,
					  .sdiag_protocol = NETLINK_SOCK_DIAG,
					  .ndiag_show = NDIAG_SHOW_MEMINFO | 0x40,
					  .ndiag_cookie = { 1, 2 } };
	S(SYS_sendto, nl, &nd, sizeof(nd), 0, NULL, 0);
	pd.h = nd.h;
	pd.h.nlmsg_len = sizeof(pd);
	pd.r = (struct packet_diag_req){ .sdiag_family = AF_PACKET,
					 .pdiag_ino = 5,
					 .pdiag_show = PACKET_SHOW_INFO | 0x100,
					 .pdiag_cookie = { 3, 4 } };
	S(SYS_sendto, nl, &pd, sizeof(pd), 0, NULL, 0);
	for (int i = 0; i < 5; i++)
		S(SYS_recvfrom, nl, rbuf, 256, MSG_DONTWAIT, NULL, NULL);
	S(SYS_close, nl);
}

int main(void)
{
	size_t srvlen = offsetof(struct sockaddr_un, sun_path) + sizeof(SRV);
	struct sockaddr_un *srv = un_edge(SRV), *cli = un_edge(CLI);
	struct sockaddr_un *peer = at_edge(NULL, sizeof(*peer));
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons(9),
				  .sin_addr = { htonl(0x7f000001) } };
	socklen_t *len = at_edge(NULL, sizeof(*len));
	int *opt = at_edge(NULL, sizeof(int));
	char *buf = at_edge(NULL, 16);
	struct iovec *iov = at_edge(NULL, sizeof(*iov));
	struct msghdr *mh = at_edge(NULL, sizeof(*mh));
	char *ctl = at_edge(NULL, CMSG_SPACE(sizeof(int)));
	struct cmsghdr *cm;
	int ls, cs, as, sv[2];

	unlink(SRV);
	unlink(CLI);
	ls = S(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	S(SYS_socket, G(AF_INET), G(SOCK_DGRAM), G(IPPROTO_UDP));
	S(SYS_socket, 77, 0x10, 0);
	S(SYS_socket, AF_INET6, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_ICMPV6 + 1000);
	S(SYS_bind, ls, srv, srvlen);
	S(SYS_bind, G(ls), &in, G(sizeof(in)));
	S(SYS_bind, ls, BAD, 16);
	S(SYS_listen, ls, G(4));
	cs = S(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	S(SYS_bind, cs, cli, offsetof(struct sockaddr_un, sun_path) + sizeof(CLI));
	S(SYS_connect, cs, srv, srvlen);
	S(SYS_connect, -1, &in, sizeof(in));
	*len = sizeof(*peer);
	as = S(SYS_accept, ls, (char *)peer + sizeof(*peer) - sizeof(*peer), len);
	*len = sizeof(*peer);
	S(SYS_getsockname, cs, peer, len);
	*len = sizeof(*peer);
	S(SYS_getpeername, as, peer, len);
	*len = 4;
	S(SYS_getpeername, cs, peer, len);
	S(SYS_getsockname, cs, BAD, len);
	S(SYS_getsockname, cs, peer, BAD);
	*opt = 1;
	S(SYS_setsockopt, ls, SOL_SOCKET, SO_REUSEADDR, opt, sizeof(int));
	S(SYS_setsockopt, ls, G(SOL_SOCKET), G(SO_KEEPALIVE), opt, G(4));
	S(SYS_setsockopt, ls, SOL_TCP, TCP_NODELAY, BAD, 4);
	S(SYS_setsockopt, ls, 999, 1, opt, 4);
	*len = 4;
	S(SYS_getsockopt, ls, SOL_SOCKET, SO_TYPE, opt, len);
	*len = 4;
	S(SYS_getsockopt, ls, SOL_SOCKET, SO_RCVBUF, opt, len);
	S(SYS_getsockopt, ls, SOL_SOCKET, SO_TYPE, opt, BAD);
	S(SYS_sendto, cs, "hello, fidelity", 15, MSG_DONTWAIT | MSG_NOSIGNAL, NULL, 0);
	S(SYS_recvfrom, as, buf, 16, G(MSG_DONTWAIT), NULL, NULL);
	S(SYS_recvfrom, as, buf, 16, MSG_DONTWAIT, BAD, BAD);
	S(SYS_sendto, cs, at_edge("edge", 4), 4, 0, &in, sizeof(in));
	S(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, sv);
	S(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, BAD);
	iov->iov_base = (void *)"msg-body";
	iov->iov_len = 8;
	memset(mh, 0, sizeof(*mh));
	mh->msg_iov = iov;
	mh->msg_iovlen = 1;
	S(SYS_sendmsg, sv[0], mh, MSG_DONTWAIT);
	iov->iov_base = buf;
	iov->iov_len = 16;
	S(SYS_recvmsg, sv[1], mh, G(0));
	S(SYS_recvmsg, sv[1], mh, MSG_DONTWAIT);
	/* the name length is value-result: 110 offered, 0 written back (an unnamed peer) */
	iov->iov_base = (void *)"named";
	iov->iov_len = 5;
	S(SYS_sendmsg, sv[0], mh, 0);
	iov->iov_base = buf;
	iov->iov_len = 16;
	mh->msg_name = peer;
	mh->msg_namelen = sizeof(*peer);
	S(SYS_recvmsg, sv[1], mh, 0);
	mh->msg_name = NULL;
	mh->msg_namelen = 0;
	/* a descriptor passed (SCM_RIGHTS), its control buffer ending at an unmapped page */
	iov->iov_base = (void *)"fd";
	iov->iov_len = 2;
	mh->msg_control = ctl;
	mh->msg_controllen = CMSG_SPACE(sizeof(int));
	cm = CMSG_FIRSTHDR(mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &sv[0], sizeof(int));
	S(SYS_sendmsg, sv[0], mh, 0);
	iov->iov_base = buf;
	iov->iov_len = 16;
	memset(ctl, 0, CMSG_SPACE(sizeof(int)));
	S(SYS_recvmsg, sv[1], mh, MSG_CMSG_CLOEXEC);
	S(SYS_sendmsg, sv[0], BAD, 0);
	mmsg(sv);
	mmsg_many(sv);
	mmsg_netlink();
	sock_diag();
	S(SYS_shutdown, cs, G(SHUT_RDWR));
	S(SYS_shutdown, cs, 7);
	netlink(buf, iov, mh);
	S(SYS_close, as);
	S(SYS_close, cs);
	S(SYS_close, ls);
	unlink(SRV);
	unlink(CLI);
	return 0;
}
