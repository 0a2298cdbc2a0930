// SPDX-License-Identifier: MIT
/*
 * Calls whose arguments are nested structures: poll (revents come back), epoll,
 * getcwd, a UDP socket to itself with sendmsg/recvmsg (name, iovec, buffers),
 * getsockname ([in => out] length).
 */
#include "guest.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(0),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	char cwd[256], in[8], msg[] = "ping";
	struct iovec iov = { msg, 4 }, riov = { in, sizeof(in) };
	struct msghdr m = {
		.msg_name = &a, .msg_namelen = sizeof(a), .msg_iov = &iov, .msg_iovlen = 1
	};
	struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1 };
	socklen_t len = sizeof(a);
	struct pollfd fds[2];
	int p[2], e, s;

	if (pipe(p) || write(p[1], "x", 1) != 1)
		die("pipe");
	fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	fds[1] = (struct pollfd){ p[1], POLLOUT, 0 };
	if (poll(fds, 2, 100) != 2)
		die("poll");
	e = epoll_create1(0);
	ev.data.fd = p[0];
	if (e < 0 || epoll_ctl(e, EPOLL_CTL_ADD, p[0], &ev) || epoll_wait(e, out, 4, 10) != 1)
		die("epoll");
	if (!getcwd(cwd, sizeof(cwd)))
		die("getcwd");
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || bind(s, (void *)&a, sizeof(a)) || getsockname(s, (void *)&a, &len))
		die("socket");
	if (sendmsg(s, &m, 0) != 4 || recvmsg(s, &rm, 0) != 4)
		die("sendmsg/recvmsg");
	return 0;
}
