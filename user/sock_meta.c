// SPDX-License-Identifier: MIT
/*
 * A socket call's descriptor as strace learns it while the call is stopped:
 * the socket's family by the "system.sockprotoname" attribute of its
 * /proc/PID/fd link, a netlink socket's protocol by its inode in
 * /proc/PID/net/netlink (the task's network namespace).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "sock_meta.h"

bool hy_sock_data_call(const struct hy_sysent *ent)
{
	bool data = false, sock = false;

	if (!ent)
		return false;
	/* a buffer and a socket address (sendto, recvfrom), or message headers (sendmmsg too) */
	for (int i = 0; i < ent->nargs && i < 6; i++) {
		const struct hy_argspec *a = &ent->args[i];
		bool st = a->kind == HY_A_STRUCT_IN || a->kind == HY_A_STRUCT_OUT;

		if (a->kind == HY_A_BUF_IN || a->kind == HY_A_BUF_OUT)
			data = true;
		if (st && a->aux == HY_S_SOCKADDR)
			sock = true;
		if (st &&
		    (a->aux == HY_S_MSGHDR || a->aux == HY_S_MMSGHDR || a->aux == HY_S_MMSGHDR_IN))
			data = sock = true;
	}
	return data && sock;
}

/* The inode of socket descriptor @fd ("socket:[123]"), or 0. */
static uint64_t sock_inode(const char *link)
{
	char target[64];
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	uint64_t ino;

	if (n <= 0)
		return 0;
	target[n] = 0;
	return sscanf(target, "socket:[%" SCNu64 "]", &ino) == 1 ? ino : 0;
}

bool hy_sock_meta_proc(pid_t tid, int fd, struct hy_sock_meta *m)
{
	char path[64], name[32], line[256];
	uint64_t ino, lino;
	unsigned int proto;
	ssize_t n;
	FILE *f;

	if (fd < 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)tid, fd);
	n = getxattr(path, "system.sockprotoname", name, sizeof(name) - 1);
	if (n <= 0)
		return false;
	name[n] = 0;
	if (strcmp(name, "NETLINK"))
		return false;
	m->family = AF_NETLINK;
	m->protocol = HY_SOCK_PROTO_UNKNOWN;
	ino = sock_inode(path);
	snprintf(path, sizeof(path), "/proc/%d/net/netlink", (int)tid);
	f = ino ? fopen(path, "re") : NULL;
	if (!f)
		return true;
	/* sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %u %*s %*s %*s %*s %*s %*s %*s %" SCNu64, &proto, &lino) ==
			    2 &&
		    lino == ino) {
			m->protocol = proto;
			break;
		}
	}
	fclose(f);
	return true;
}
