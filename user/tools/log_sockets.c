// SPDX-License-Identifier: MIT
/* strace -yy's socket endpoints for the log tool: see log_sockets.h. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <inttypes.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "log_sockets.h"

/* what the run saw of a socket last: for its lines printed after it closed */
struct seen {
	uint64_t ino;
	char proto[32];
	char name[200];
};

#define SEEN_MAX 256 /* a ring: the oldest go first */

struct log_sockets {
	struct seen seen[SEEN_MAX];
	size_t next;
};

struct log_sockets *log_sockets_new(void)
{
	return calloc(1, sizeof(struct log_sockets));
}

void log_sockets_free(struct log_sockets *s)
{
	free(s);
}

static struct seen *seen_of(struct log_sockets *s, uint64_t ino, bool add)
{
	struct seen *e;

	for (size_t i = 0; i < SEEN_MAX; i++)
		if (s->seen[i].ino == ino)
			return &s->seen[i];
	if (!add)
		return NULL;
	e = &s->seen[s->next];
	s->next = (s->next + 1) % SEEN_MAX;
	*e = (struct seen){ .ino = ino };
	return e;
}

/* One sock_diag dump; @match is called on each answer until it says it found @ino */
typedef bool (*diag_match)(const struct nlmsghdr *h, uint64_t ino, const char *proto, char *out,
			   size_t size);

static bool diag_dump(const void *req, size_t len, uint64_t ino, const char *proto,
		      diag_match match, char *out, size_t size)
{
	struct {
		struct nlmsghdr h;
		char body[64];
	} msg = { .h = { .nlmsg_len = NLMSG_LENGTH(len),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP } };
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	static char buf[32768] __attribute__((aligned(NLMSG_ALIGNTO)));
	bool found = false, done = false;
	int fd;

	if (len > sizeof(msg.body))
		return false;
	memcpy(msg.body, req, len);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return false;
	if (sendto(fd, &msg, msg.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		done = true;
	/* read to the end of the dump, found or not: the socket is closed after */
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

		if (n <= 0)
			break;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				done = true;
				break;
			}
			if (!found)
				found = match(h, ino, proto, out, size);
		}
	}
	close(fd);
	return found;
}

/* "127.0.0.1:80" or "[::1]:80" */
static void inet_end(int family, const __be32 *addr, __be16 port, char *out, size_t size)
{
	char a[INET6_ADDRSTRLEN] = "?";

	inet_ntop(family, addr, a, sizeof(a));
	snprintf(out, size, family == AF_INET6 ? "[%s]:%u" : "%s:%u", a, ntohs(port));
}

static bool inet_match(const struct nlmsghdr *h, uint64_t ino, const char *proto, char *out,
		       size_t size)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	static const __be32 zero[4];
	char src[64], dst[64];

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->idiag_inode != ino)
		return false;
	inet_end(m->idiag_family, m->id.idiag_src, m->id.idiag_sport, src, sizeof(src));
	if (!m->id.idiag_dport && !memcmp(m->id.idiag_dst, zero, sizeof(zero))) {
		snprintf(out, size, "%s:[%s]", proto, src);
		return true;
	}
	inet_end(m->idiag_family, m->id.idiag_dst, m->id.idiag_dport, dst, sizeof(dst));
	snprintf(out, size, "%s:[%s->%s]", proto, src, dst);
	return true;
}

static bool inet_query(const char *proto, uint64_t ino, char *out, size_t size)
{
	struct inet_diag_req_v2 req = { .idiag_states = ~0u };
	bool v6 = strstr(proto, "v6") != NULL;

	req.sdiag_family = v6 ? AF_INET6 : AF_INET;
	if (!strncmp(proto, "TCP", 3))
		req.sdiag_protocol = IPPROTO_TCP;
	else if (!strncmp(proto, "UDPLITE", 7))
		req.sdiag_protocol = IPPROTO_UDPLITE;
	else if (!strncmp(proto, "UDP", 3))
		req.sdiag_protocol = IPPROTO_UDP;
	else
		return false;
	return diag_dump(&req, sizeof(req), ino, proto, inet_match, out, size);
}

/* A unix socket's bound name as strace quotes it: "/path", or @"abstract" */
static void unix_name(const char *name, size_t len, char *out, size_t size)
{
	size_t o = 0;

	if (len && !name[0]) {
		out[o++] = '@';
		name++;
		len--;
	}
	out[o++] = '"';
	for (size_t i = 0; i < len && name[i] && o + 5 < size; i++) {
		unsigned char c = name[i];

		if (c == '"' || c == '\\')
			o += snprintf(out + o, size - o, "\\%c", c);
		else if (c < ' ' || c >= 0x7f)
			o += snprintf(out + o, size - o, "\\%o", c);
		else
			out[o++] = c;
	}
	snprintf(out + o, size - o, "\"");
}

static bool unix_match(const struct nlmsghdr *h, uint64_t ino, const char *proto, char *out,
		       size_t size)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	const struct rtattr *a = (const struct rtattr *)(m + 1);
	int left = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));
	char peer[32] = "", name[160] = "";

	if (left < 0 || m->udiag_ino != ino)
		return false;
	for (; RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4) {
			uint32_t p;

			memcpy(&p, RTA_DATA(a), sizeof(p));
			if (p)
				snprintf(peer, sizeof(peer), "->%" PRIu32, p);
		} else if (a->rta_type == UNIX_DIAG_NAME && RTA_PAYLOAD(a) > 0) {
			name[0] = ',';
			unix_name(RTA_DATA(a), RTA_PAYLOAD(a), name + 1, sizeof(name) - 1);
		}
	}
	snprintf(out, size, "%s:[%" PRIu64 "%s%s]", proto, ino, peer, name);
	return true;
}

static bool unix_query(const char *proto, uint64_t ino, char *out, size_t size)
{
	struct unix_diag_req req = { .sdiag_family = AF_UNIX,
				     .udiag_states = ~0u,
				     .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER };

	return diag_dump(&req, sizeof(req), ino, proto, unix_match, out, size);
}

/* netlink protocols by number, as strace names them (NETLINK_ left out) */
static const char *const netlink_protos[] = {
	[NETLINK_ROUTE] = "ROUTE",
	[NETLINK_UNUSED] = "UNUSED",
	[NETLINK_USERSOCK] = "USERSOCK",
	[NETLINK_FIREWALL] = "FIREWALL",
	[NETLINK_SOCK_DIAG] = "SOCK_DIAG",
	[NETLINK_NFLOG] = "NFLOG",
	[NETLINK_XFRM] = "XFRM",
	[NETLINK_SELINUX] = "SELINUX",
	[NETLINK_ISCSI] = "ISCSI",
	[NETLINK_AUDIT] = "AUDIT",
	[NETLINK_FIB_LOOKUP] = "FIB_LOOKUP",
	[NETLINK_CONNECTOR] = "CONNECTOR",
	[NETLINK_NETFILTER] = "NETFILTER",
	[NETLINK_IP6_FW] = "IP6_FW",
	[NETLINK_DNRTMSG] = "DNRTMSG",
	[NETLINK_KOBJECT_UEVENT] = "KOBJECT_UEVENT",
	[NETLINK_GENERIC] = "GENERIC",
	[NETLINK_SCSITRANSPORT] = "SCSITRANSPORT",
	[NETLINK_ECRYPTFS] = "ECRYPTFS",
	[NETLINK_RDMA] = "RDMA",
	[NETLINK_CRYPTO] = "CRYPTO",
	[22] = "SMC",
};

static bool netlink_match(const struct nlmsghdr *h, uint64_t ino, const char *proto, char *out,
			  size_t size)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);
	const size_t nprotos = sizeof(netlink_protos) / sizeof(netlink_protos[0]);

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->ndiag_ino != ino)
		return false;
	if (m->ndiag_protocol < nprotos && netlink_protos[m->ndiag_protocol])
		snprintf(out, size, "%s:[%s:%" PRIu32 "]", proto, netlink_protos[m->ndiag_protocol],
			 m->ndiag_portid);
	else
		snprintf(out, size, "%s:[%u:%" PRIu32 "]", proto, m->ndiag_protocol,
			 m->ndiag_portid);
	return true;
}

static bool netlink_query(const char *proto, uint64_t ino, char *out, size_t size)
{
	struct netlink_diag_req req = { .sdiag_family = AF_NETLINK,
					.sdiag_protocol = NDIAG_PROTO_ALL,
					.ndiag_cookie = { ~0u, ~0u } };

	return diag_dump(&req, sizeof(req), ino, proto, netlink_match, out, size);
}

/* The socket's protocol name, while @pid's @fd is still that socket */
static bool proto_of(int pid, int fd, const char *link, char *out, size_t size)
{
	char path[64], now[64];
	ssize_t n;

	if (fd < 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = getxattr(path, "system.sockprotoname", out, size - 1);
	if (n <= 0)
		return false;
	out[n] = 0;
	n = readlink(path, now, sizeof(now) - 1);
	if (n <= 0)
		return false;
	now[n] = 0;
	return !strcmp(now, link); /* not closed and reused between the two reads */
}

const char *log_sockets_name(struct log_sockets *s, int pid, int fd, const char *link, char *buf,
			     size_t size)
{
	char proto[24], name[200];
	struct seen *e;
	uint64_t ino;
	bool found;

	if (sscanf(link, "socket:[%" SCNu64 "]", &ino) != 1)
		return NULL;
	e = seen_of(s, ino, false);
	if (!proto_of(pid, fd, link, proto, sizeof(proto))) {
		if (!e || !e->proto[0])
			return NULL; /* never seen alive: what -y prints */
	} else {
		if (!strncmp(proto, "UNIX", 4))
			found = unix_query(proto, ino, name, sizeof(name));
		else if (!strcmp(proto, "NETLINK"))
			found = netlink_query(proto, ino, name, sizeof(name));
		else
			found = inet_query(proto, ino, name, sizeof(name));
		if (!(e = e ? e : seen_of(s, ino, true)))
			return NULL;
		snprintf(e->proto, sizeof(e->proto), "%s", proto);
		if (found)
			snprintf(e->name, sizeof(e->name), "%s", name);
	}
	if (e->name[0])
		snprintf(buf, size, "%s", e->name);
	else
		snprintf(buf, size, "%s:[%" PRIu64 "]", e->proto, ino);
	return buf;
}

const char *log_sockets_format(struct log_sockets *s, const struct hy_socket *k, char *buf,
			       size_t size)
{
	const size_t nprotos = sizeof(netlink_protos) / sizeof(netlink_protos[0]);
	static const uint8_t zero[16];
	char src[64], dst[64], peer[32] = "", name[160] = "";
	__be32 a[4];
	struct seen *e;

	/*
	 * strace prints what it first found of a socket from then on (its cache
	 * by inode): a socket closed by its peer or in TIME_WAIT since, say.
	 */
	if ((e = seen_of(s, k->ino, false)) && e->name[0]) {
		snprintf(buf, size, "%s", e->name);
		return buf;
	}
	if (!k->listed) {
		snprintf(buf, size, "%s:[%" PRIu64 "]", k->proto, k->ino);
	} else if (k->family == AF_UNIX) {
		if (k->peer_ino)
			snprintf(peer, sizeof(peer), "->%" PRIu64, k->peer_ino);
		if (k->path_len) {
			name[0] = ',';
			unix_name(k->path, k->path_len, name + 1, sizeof(name) - 1);
		}
		snprintf(buf, size, "%s:[%" PRIu64 "%s%s]", k->proto, k->ino, peer, name);
	} else if (k->family == AF_NETLINK) {
		if (k->protocol < nprotos && netlink_protos[k->protocol])
			snprintf(buf, size, "%s:[%s:%" PRIu32 "]", k->proto,
				 netlink_protos[k->protocol], k->portid);
		else
			snprintf(buf, size, "%s:[%u:%" PRIu32 "]", k->proto, k->protocol, k->portid);
	} else {
		/* as inet_match() prints sock_diag's answer */
		memcpy(a, k->src, sizeof(a));
		inet_end(k->family, a, htons(k->sport), src, sizeof(src));
		if (!k->dport && !memcmp(k->dst, zero, k->family == AF_INET ? 4 : 16)) {
			snprintf(buf, size, "%s:[%s]", k->proto, src);
		} else {
			memcpy(a, k->dst, sizeof(a));
			inet_end(k->family, a, htons(k->dport), dst, sizeof(dst));
			snprintf(buf, size, "%s:[%s->%s]", k->proto, src, dst);
		}
	}
	/* for later lines, and those without a record of it (escalated calls) */
	if ((e = e ? e : seen_of(s, k->ino, true))) {
		snprintf(e->proto, sizeof(e->proto), "%s", k->proto);
		if (k->listed)
			snprintf(e->name, sizeof(e->name), "%s", buf);
	}
	return buf;
}
