// SPDX-License-Identifier: MIT
/*
 * What sock_diag and /proc say of a socket descriptor now, as strace -yy asks
 * (inet, unix and netlink dumps matched by the socket's inode, in the calling
 * process's network namespace), into the kernel recorder's struct hy_sock_ends;
 * and hy_proc_socket(), the public view of it. Compiled into the guest runtime
 * too (a tool there may ask): nothing here but syscalls, /proc and malloc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "hytrace.h"
#include "sock_query.h"

/* One answer of a dump: true when it is the socket of @e->ino, whose fields it fills */
typedef bool (*diag_match)(const struct nlmsghdr *h, struct hy_sock_ends *e);

#define DIAG_BUF 32768

/* 1: found, 0: not in the dump, -1: no dump (the family's diag module is missing, say) */
static int diag_dump(const void *req, size_t len, diag_match match, struct hy_sock_ends *e)
{
	struct {
		struct nlmsghdr h;
		char body[64];
	} msg = { .h = { .nlmsg_len = NLMSG_LENGTH(len),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP } };
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	bool found = false, done = false, failed = false;
	char *buf;
	int fd;

	if (len > sizeof(msg.body) || !(buf = malloc(DIAG_BUF))) /* malloc: the guest runtime's */
		return -1;
	memcpy(msg.body, req, len);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0 ||
	    sendto(fd, &msg, msg.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		done = failed = true;
	/* read to the end of the dump, found or not: the socket is closed after */
	while (!done) {
		ssize_t n = recv(fd, buf, DIAG_BUF, 0);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

		if (n <= 0) {
			failed = !found;
			break;
		}
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				/* an error's code follows its header; 0 is an acknowledgement */
				failed = h->nlmsg_type == NLMSG_ERROR &&
					 h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)) &&
					 *(const int *)NLMSG_DATA(h) != 0;
				done = true;
				break;
			}
			if (!found)
				found = match(h, e);
		}
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return found ? 1 : failed ? -1 : 0;
}

static bool inet_match(const struct nlmsghdr *h, struct hy_sock_ends *e)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->idiag_inode != e->ino)
		return false;
	memcpy(e->src, m->id.idiag_src, sizeof(e->src));
	memcpy(e->dst, m->id.idiag_dst, sizeof(e->dst));
	e->sport = ntohs(m->id.idiag_sport);
	e->dport = ntohs(m->id.idiag_dport);
	return true;
}

static int inet_query(struct hy_sock_ends *e)
{
	struct inet_diag_req_v2 req = { .idiag_states = ~0u };

	e->family = strstr(e->proto, "v6") ? AF_INET6 : AF_INET;
	req.sdiag_family = e->family;
	if (!strncmp(e->proto, "TCP", 3))
		req.sdiag_protocol = IPPROTO_TCP;
	else if (!strncmp(e->proto, "UDPLITE", 7))
		req.sdiag_protocol = IPPROTO_UDPLITE;
	else if (!strncmp(e->proto, "UDP", 3))
		req.sdiag_protocol = IPPROTO_UDP;
	else
		return -1;
	return diag_dump(&req, sizeof(req), inet_match, e);
}

static bool unix_match(const struct nlmsghdr *h, struct hy_sock_ends *e)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	const struct rtattr *a = (const struct rtattr *)(m + 1);
	int left = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));

	if (left < 0 || m->udiag_ino != e->ino)
		return false;
	for (; RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4) {
			uint32_t p;

			memcpy(&p, RTA_DATA(a), sizeof(p));
			e->peer_ino = p;
		} else if (a->rta_type == UNIX_DIAG_NAME && RTA_PAYLOAD(a) > 0) {
			e->path_len = RTA_PAYLOAD(a) < sizeof(e->path) ? RTA_PAYLOAD(a) :
									 sizeof(e->path);
			memcpy(e->path, RTA_DATA(a), e->path_len);
		}
	}
	return true;
}

static int unix_query(struct hy_sock_ends *e)
{
	struct unix_diag_req req = { .sdiag_family = AF_UNIX,
				     .udiag_states = ~0u,
				     .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER };

	e->family = AF_UNIX;
	return diag_dump(&req, sizeof(req), unix_match, e);
}

static bool netlink_match(const struct nlmsghdr *h, struct hy_sock_ends *e)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->ndiag_ino != e->ino)
		return false;
	e->protocol = m->ndiag_protocol;
	e->portid = m->ndiag_portid;
	e->bound = 1;
	return true;
}

static int netlink_query(struct hy_sock_ends *e)
{
	struct netlink_diag_req req = { .sdiag_family = AF_NETLINK,
					.sdiag_protocol = NDIAG_PROTO_ALL,
					.ndiag_cookie = { ~0u, ~0u } };

	e->family = AF_NETLINK;
	return diag_dump(&req, sizeof(req), netlink_match, e);
}

bool hy_sock_ends_proc(pid_t tid, int fd, struct hy_sock_ends *e)
{
	char path[64], link[64];
	uint64_t ino;
	ssize_t n;
	int found;

	memset(e, 0, sizeof(*e));
	if (fd < 0)
		return false;
	if (hy_proc_fd_name(tid, fd, link, sizeof(link)) <= 0 ||
	    sscanf(link, "socket:[%" SCNu64 "]", &ino) != 1)
		return false;
	e->ino = ino;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)tid, fd);
	n = getxattr(path, "system.sockprotoname", e->proto, sizeof(e->proto) - 1);
	if (n <= 0)
		return false;
	e->proto[n] = 0;
	e->fd = fd;
	if (!strncmp(e->proto, "UNIX", 4))
		/* strace takes one with neither a peer nor a name as not found */
		found = unix_query(e) > 0 && (e->peer_ino || e->path_len);
	else if (!strcmp(e->proto, "NETLINK"))
		found = netlink_query(e);
	else
		found = inet_query(e);
	e->diag = found > 0 ? HY_SOCK_DIAG_FOUND : HY_SOCK_DIAG_MISSING;
	return true;
}

bool hy_sock_diag_answers(const char *proto)
{
	/* racing first calls compute the same answer: -1 unknown, else the answer */
	static int known[4] = { -1, -1, -1, -1 };
	struct hy_sock_ends e = { .ino = UINT64_MAX }; /* no socket's: only whether it answers */
	int k, i;

	snprintf(e.proto, sizeof(e.proto), "%s", proto);
	i = !strncmp(proto, "UNIX", 4) ? 0 :
	    !strcmp(proto, "NETLINK")  ? 1 :
	    !strncmp(proto, "TCP", 3)  ? 2 :
					 3;
	if ((k = __atomic_load_n(&known[i], __ATOMIC_RELAXED)) >= 0)
		return k;
	k = (i == 0 ? unix_query(&e) : i == 1 ? netlink_query(&e) : inet_query(&e)) >= 0;
	__atomic_store_n(&known[i], k, __ATOMIC_RELAXED);
	return k;
}

void hy_sock_ends_public(const struct hy_sock_ends *sp, bool listed, struct hy_socket *out)
{
	struct hy_sock_ends s = *sp;

	memset(out, 0, sizeof(*out));
	out->ino = s.ino;
	out->peer_ino = s.peer_ino;
	memcpy(out->proto, s.proto, sizeof(out->proto));
	out->proto[sizeof(out->proto) - 1] = 0;
	out->family = s.family;
	out->listed = listed;
	memcpy(out->src, s.src, sizeof(out->src));
	memcpy(out->dst, s.dst, sizeof(out->dst));
	out->sport = s.sport;
	out->dport = s.dport;
	out->protocol = s.protocol;
	out->portid = s.portid;
	out->path_len = s.path_len < sizeof(out->path) ? s.path_len : sizeof(out->path);
	memcpy(out->path, s.path, out->path_len);
}

int hy_proc_socket(int pid, int fd, struct hy_socket *out)
{
	struct hy_sock_ends s;

	if (!hy_sock_ends_proc(pid, fd, &s))
		return -ENOENT;
	hy_sock_ends_public(&s, s.diag == HY_SOCK_DIAG_FOUND, out);
	return 0;
}
