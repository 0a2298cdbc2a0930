// SPDX-License-Identifier: MIT
/* strace -yy's socket endpoints for the log tool: see log_sockets.h. */
#include <arpa/inet.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "log_sockets.h"

/* what the run first found of a socket (strace's cache by inode) */
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

/* "127.0.0.1:80" or "[::1]:80" */
static void inet_end(int family, const __be32 *addr, __be16 port, char *out, size_t size)
{
	char a[INET6_ADDRSTRLEN] = "?";

	inet_ntop(family, addr, a, sizeof(a));
	snprintf(out, size, family == AF_INET6 ? "[%s]:%u" : "%s:%u", a, ntohs(port));
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

const char *log_sockets_name(struct log_sockets *s, const char *link, char *buf, size_t size)
{
	struct seen *e;
	uint64_t ino;

	if (sscanf(link, "socket:[%" SCNu64 "]", &ino) != 1 || !(e = seen_of(s, ino, false)))
		return NULL;
	if (e->name[0])
		snprintf(buf, size, "%s", e->name);
	else
		snprintf(buf, size, "%s:[%" PRIu64 "]", e->proto, ino);
	return buf;
}

bool log_sockets_named(struct log_sockets *s, uint64_t ino)
{
	struct seen *e = seen_of(s, ino, false);

	return e && e->name[0];
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
		else /* strace: the number alone */
			snprintf(buf, size, "%s:[%u]", k->proto, k->protocol);
	} else {
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
