// SPDX-License-Identifier: MIT
/* Socket calls, socket addresses and options against strace 6.1's output. */
#include "test_decode_common.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

#define SA 0x7ffe24c98360ull
#define LEN 0x7ffe24c98340ull
#define BUF 0x7ffe24c98400ull
#define MSG 0x7ffe24c98500ull
#define IOV 0x7ffe24c98600ull
#define B1 0x7ffe24c99000ull
#define B2 0x7ffe24c9a000ull
#define CTL 0x7ffd3c8b5000ull

static struct sockaddr_in in4(const char *ip, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static void test_socket(void **state)
{
	int32_t sv[2] = { 13, 14 };

	(void)state;
	t_x64("socket", AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	t_ret(3);
	t_expect("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3");
	/* strace 6.1 -X: the type and its flags are two constants */
	t_expect_raw("socket(0x2, 0x1|0x80000, 0x6) = 3");
	t_expect_verbose(
		"socket(0x2 /* AF_INET */, 0x1 /* SOCK_STREAM */|0x80000 /* SOCK_CLOEXEC */, "
		"0x6 /* IPPROTO_TCP */) = 3");
	t_x64("socket", AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	t_ret(4);
	t_expect("socket(AF_INET, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_IP) = 4");
	t_x64("socket", AF_UNIX, SOCK_SEQPACKET, 0);
	t_ret(6);
	t_expect("socket(AF_UNIX, SOCK_SEQPACKET, 0) = 6");
	t_x64("socket", AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 9);
	t_ret(8);
	t_expect("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_AUDIT) = 8");
	t_x64("socket", AF_PACKET, SOCK_RAW, htons(3));
	t_ret(9);
	t_expect("socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 9");
	t_x64("socket", AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	t_ret(12);
	t_expect("socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP) = 12");
	t_x64("socket", 99, 77, 5);
	t_ret(-EINVAL);
	t_expect("socket(0x63 /* AF_??? */, 0x4d /* SOCK_??? */, 5) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("socket", AF_INET, 0x100000 | SOCK_STREAM, 0);
	t_ret(-EINVAL);
	t_expect("socket(AF_INET, SOCK_STREAM|0x100000 /* SOCK_??? */, IPPROTO_IP) = "
		 "-1 EINVAL (Invalid argument)");
	t_x64("socket", AF_INET, 0, 0);
	t_ret(-ESOCKTNOSUPPORT);
	t_expect("socket(AF_INET, 0, IPPROTO_IP) = -1 ESOCKTNOSUPPORT (Socket type not supported)");
	t_x64("socket", AF_UNIX, 0xffffffff, 0);
	t_ret(-EINVAL);
	t_expect("socket(AF_UNIX, SOCK_CLOEXEC|SOCK_NONBLOCK|0xfff7f7ff, 0) = -1 EINVAL (Invalid "
		 "argument)");

	t_x64("socketpair", AF_UNIX, SOCK_STREAM, 0, BUF);
	t_out(BUF, sv, sizeof(sv));
	t_expect("socketpair(AF_UNIX, SOCK_STREAM, 0, [13, 14]) = 0");
	t_x64("socketpair", AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, 0);
	t_ret(-EFAULT);
	t_expect("socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0, NULL) = -1 EFAULT (Bad "
		 "address)");
	t_x64("listen", 17, 128);
	t_expect("listen(17, 128) = 0");
	t_x64("shutdown", 18, SHUT_WR);
	t_expect("shutdown(18, SHUT_WR) = 0");
	t_x64("shutdown", 99, 9);
	t_ret(-EBADF);
	t_expect("shutdown(99, 0x9 /* SHUT_??? */) = -1 EBADF (Bad file descriptor)");
}

static void test_sockaddr(void **state)
{
	struct sockaddr_in a = in4("127.0.0.1", 80);
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(443) };
	struct sockaddr_un u = { .sun_family = AF_UNIX }, ua = { .sun_family = AF_UNIX };
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = 5, .nl_groups = 3 };
	struct sockaddr un = { .sa_family = AF_UNSPEC };

	(void)state;
	t_x64("connect", 3, SA, 16);
	t_in(SA, &a, sizeof(a));
	t_ret(-ECONNREFUSED);
	t_expect("connect(3, {sa_family=AF_INET, sin_port=htons(80), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, "
		 "16) = -1 ECONNREFUSED (Connection refused)");
	inet_pton(AF_INET6, "::1", &a6.sin6_addr);
	t_x64("connect", 15, SA, 28);
	t_in(SA, &a6, sizeof(a6));
	t_ret(-ECONNREFUSED);
	t_expect("connect(15, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
		 "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = "
		 "-1 ECONNREFUSED (Connection refused)");
	/* strace 6.1 -X: the fields as their bytes; verbose names the address without "&" */
	t_expect_raw(
		"connect(15, {sa_family=0xa, sin6_port=\"\\x01\\xbb\", "
		"sin6_flowinfo=\"\\x00\\x00\\x00\\x00\", sin6_addr=\"\\x00\\x00\\x00\\x00"
		"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\", sin6_scope_id=0}, 28) = "
		"-1 ECONNREFUSED (Connection refused)");
	t_expect_verbose(
		"connect(15, {sa_family=0xa /* AF_INET6 */, sin6_port=\"\\x01\\xbb\" /* "
		"htons(443) */, sin6_flowinfo=\"\\x00\\x00\\x00\\x00\" /* htonl(0) */, "
		"sin6_addr=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
		"\\x00\\x00\\x01\" /* inet_pton(AF_INET6, \"::1\") */, sin6_scope_id=0}, 28) = "
		"-1 ECONNREFUSED (Connection refused)");
	strcpy(u.sun_path, "/tmp/hyd/sock");
	t_x64("bind", 16, SA, sizeof(u));
	t_in(SA, &u, sizeof(u));
	t_ret(-EADDRINUSE);
	t_expect("bind(16, {sa_family=AF_UNIX, sun_path=\"/tmp/hyd/sock\"}, 110) = "
		 "-1 EADDRINUSE (Address already in use)");
	t_x64("bind", 16, SA, offsetof(struct sockaddr_un, sun_path) + 5);
	t_in(SA, &u, sizeof(u));
	t_ret(-EADDRINUSE);
	t_expect("bind(16, {sa_family=AF_UNIX, sun_path=\"/tmp/\"}, 7) = "
		 "-1 EADDRINUSE (Address already in use)");
	memcpy(ua.sun_path, "\0abstract", 9);
	t_x64("connect", 16, SA, offsetof(struct sockaddr_un, sun_path) + 9);
	t_in(SA, &ua, sizeof(ua));
	t_ret(-ECONNREFUSED);
	t_expect("connect(16, {sa_family=AF_UNIX, sun_path=@\"abstract\"}, 11) = "
		 "-1 ECONNREFUSED (Connection refused)");
	t_x64("connect", 16, SA, 2);
	t_in(SA, &ua, sizeof(ua));
	t_ret(-EINVAL);
	t_expect("connect(16, {sa_family=AF_UNIX}, 2) = -1 EINVAL (Invalid argument)");
	t_x64("connect", 16, 0, 0);
	t_ret(-EINVAL);
	t_expect("connect(16, NULL, 0) = -1 EINVAL (Invalid argument)");
	t_x64("connect", 16, 8, 16);
	t_ret(-EFAULT);
	t_expect("connect(16, 0x8, 16) = -1 EFAULT (Bad address)");
	/* an address too short for its family */
	t_x64("connect", 99, SA, 8);
	t_in(SA, &a, sizeof(a));
	t_ret(-EBADF);
	t_expect("connect(99, {sa_family=AF_INET, sa_data=\"\\0P\\177\\0\\0\\1\"}, 8) = "
		 "-1 EBADF (Bad file descriptor)");
	t_x64("connect", 99, SA, 1);
	t_in(SA, &a, sizeof(a));
	t_ret(-EBADF);
	t_expect("connect(99, 0x7ffe24c98360, 1) = -1 EBADF (Bad file descriptor)");
	t_x64("connect", 99, SA, sizeof(un));
	t_in(SA, &un, sizeof(un));
	t_ret(-EBADF);
	t_expect("connect(99, {sa_family=AF_UNSPEC, "
		 "sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}, "
		 "16) = -1 EBADF (Bad file descriptor)");
	t_x64("bind", 99, SA, sizeof(nl));
	t_in(SA, &nl, sizeof(nl));
	t_ret(-EBADF);
	t_expect("bind(99, {sa_family=AF_NETLINK, nl_pid=5, nl_groups=0x000003}, 12) = "
		 "-1 EBADF (Bad file descriptor)");
}

static void test_accept_getsockname(void **state)
{
	struct sockaddr_in a = in4("0.0.0.0", 32847), p = in4("127.0.0.1", 38974);
	int32_t len = 16, in = 128;

	(void)state;
	t_x64("getsockname", 17, SA, LEN);
	t_out(SA, &a, sizeof(a));
	t_out(LEN, &len, 4);
	t_expect("getsockname(17, {sa_family=AF_INET, sin_port=htons(32847), "
		 "sin_addr=inet_addr(\"0.0.0.0\")}, [16]) = 0");
	/* with the offered length seen at entry */
	t_x64("getsockname", 3, SA, LEN);
	t_in(LEN, &in, 4);
	t_out(SA, &a, sizeof(a));
	t_out(LEN, &len, 4);
	t_expect("getsockname(3, {sa_family=AF_INET, sin_port=htons(32847), "
		 "sin_addr=inet_addr(\"0.0.0.0\")}, [128 => 16]) = 0");
	in = 4;
	t_x64("getsockname", 3, SA, LEN);
	t_in(LEN, &in, 4);
	t_out(SA, &a, sizeof(a));
	t_out(LEN, &len, 4);
	t_expect("getsockname(3, {sa_family=AF_INET, sa_data=\"\\200O\"}, [4 => 16]) = 0");

	t_x64("accept4", 17, SA, LEN, SOCK_CLOEXEC);
	t_out(SA, &p, sizeof(p));
	t_out(LEN, &len, 4);
	t_ret(19);
	t_expect("accept4(17, {sa_family=AF_INET, sin_port=htons(38974), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, [16], SOCK_CLOEXEC) = 19");
	t_x64("accept4", 999, 0, 0, SOCK_NONBLOCK);
	t_ret(-EBADF);
	t_expect("accept4(999, NULL, NULL, SOCK_NONBLOCK) = -1 EBADF (Bad file descriptor)");
	t_x64("accept4", 3, SA, LEN, SOCK_NONBLOCK | SOCK_CLOEXEC);
	t_in(LEN, &len, 4);
	t_ret(-EINVAL);
	t_expect("accept4(3, 0x7ffe24c98360, [16], SOCK_CLOEXEC|SOCK_NONBLOCK) = "
		 "-1 EINVAL (Invalid argument)");
	t_x64("getpeername", 19, SA, LEN);
	t_out(SA, &p, sizeof(p));
	t_out(LEN, &len, 4);
	t_expect("getpeername(19, {sa_family=AF_INET, sin_port=htons(38974), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");
}

static void test_send_recv(void **state)
{
	struct sockaddr_in a = in4("0.0.0.0", 40410), from = in4("127.0.0.1", 40410);
	int32_t len = 16;

	(void)state;
	t_x64("sendto", 18, BUF, 5, MSG_NOSIGNAL, 0, 0);
	t_in(BUF, "hello", 5);
	t_ret(5);
	t_expect("sendto(18, \"hello\", 5, MSG_NOSIGNAL, NULL, 0) = 5");
	t_x64("recvfrom", 19, BUF, 64, 0, 0, 0);
	t_out(BUF, "hello", 5);
	t_ret(5);
	t_expect("recvfrom(19, \"hello\", 64, 0, NULL, NULL) = 5");
	t_x64("sendto", 20, BUF, 4, 0, SA, 16);
	t_in(BUF, "ping", 4);
	t_in(SA, &a, sizeof(a));
	t_ret(4);
	t_expect("sendto(20, \"ping\", 4, 0, {sa_family=AF_INET, sin_port=htons(40410), "
		 "sin_addr=inet_addr(\"0.0.0.0\")}, 16) = 4");
	t_x64("recvfrom", 20, BUF, 64, MSG_DONTWAIT, SA, LEN);
	t_out(BUF, "ping", 4);
	t_out(SA, &from, sizeof(from));
	t_out(LEN, &len, 4);
	t_ret(4);
	t_expect("recvfrom(20, \"ping\", 64, MSG_DONTWAIT, {sa_family=AF_INET, "
		 "sin_port=htons(40410), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 4");
	t_x64("recvfrom", 20, BUF, 64, MSG_DONTWAIT, SA, LEN);
	t_in(LEN, &len, 4);
	t_ret(-EAGAIN);
	t_expect("recvfrom(20, 0x7ffe24c98400, 64, MSG_DONTWAIT, 0x7ffe24c98360, [16]) = "
		 "-1 EAGAIN (Resource temporarily unavailable)");
	t_x64("sendto", 99, BUF, 1, 0x80000000u, 0, 0);
	t_in(BUF, "x", 1);
	t_ret(-EBADF);
	t_expect("sendto(99, \"x\", 1, MSG_CMSG_COMPAT, NULL, 0) = -1 EBADF (Bad file descriptor)");
	t_x64("sendto", 99, BUF, 1, 0x10000000u, 0, 0);
	t_in(BUF, "x", 1);
	t_ret(-EBADF);
	t_expect("sendto(99, \"x\", 1, 0x10000000 /* MSG_??? */, NULL, 0) = -1 EBADF (Bad file "
		 "descriptor)");
}

static void test_msghdr(void **state)
{
	struct sockaddr_in a = in4("0.0.0.0", 40410), from = in4("127.0.0.1", 40410);
	uint64_t iov[2][2] = { { B1, 2 }, { B2, 3 } }, riov[2][2] = { { B1, 3 }, { B2, 10 } };
	uint64_t mh[7] = { SA, 16, IOV, 2, 0, 0, 0 }, mh1[7] = { 0, 0, IOV, 1, 0, 0, 0 };

	(void)state;
	t_x64("sendmsg", 20, MSG, 0);
	t_in(MSG, mh, sizeof(mh));
	t_in(SA, &a, sizeof(a));
	t_in(IOV, iov, sizeof(iov));
	t_in(B1, "ab", 2);
	t_in(B2, "cde", 3);
	t_ret(5);
	t_expect("sendmsg(20, {msg_name={sa_family=AF_INET, sin_port=htons(40410), "
		 "sin_addr=inet_addr(\"0.0.0.0\")}, msg_namelen=16, msg_iov=[{iov_base=\"ab\", "
		 "iov_len=2}, {iov_base=\"cde\", iov_len=3}], msg_iovlen=2, msg_controllen=0, "
		 "msg_flags=0}, 0) = 5");
	t_x64("recvmsg", 20, MSG, 0);
	t_out(MSG, mh, sizeof(mh));
	t_out(SA, &from, sizeof(from));
	t_out(IOV, riov, sizeof(riov));
	t_out(B1, "abc", 3);
	t_out(B2, "de", 2);
	t_ret(5);
	t_expect("recvmsg(20, {msg_name={sa_family=AF_INET, sin_port=htons(40410), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"abc\", "
		 "iov_len=3}, {iov_base=\"de\", iov_len=10}], msg_iovlen=2, msg_controllen=0, "
		 "msg_flags=0}, 0) = 5");
	t_x64("sendmsg", 13, MSG, MSG_DONTWAIT);
	t_in(MSG, mh1, sizeof(mh1));
	t_in(IOV, iov, 16);
	t_in(B1, "ab", 2);
	t_ret(2);
	t_expect("sendmsg(13, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", "
		 "iov_len=2}], "
		 "msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_DONTWAIT) = 2");
	/* only the msghdr itself captured */
	t_x64("sendmsg", 13, MSG, 0);
	t_in(MSG, mh1, sizeof(mh1));
	t_ret(2);
	t_expect("sendmsg(13, {msg_name=NULL, msg_namelen=0, msg_iov=0x7ffe24c98600, msg_iovlen=1, "
		 "msg_controllen=0, msg_flags=0}, 0) = 2");
	t_x64("recvmsg", 20, MSG, 0);
	t_ret(-EAGAIN);
	t_expect("recvmsg(20, 0x7ffe24c98500, 0) = -1 EAGAIN (Resource temporarily unavailable)");
}

static void test_sockopt(void **state)
{
	int32_t one = 1, zero = 0, four = 4, sixty4 = 64, sixteen = 16, eight = 8, twelve = 12;
	int32_t linger[2] = { 1, 5 }, cred[3] = { 0, -1, -1 };

	(void)state;
	t_x64("setsockopt", 17, SOL_SOCKET, SO_REUSEADDR, BUF, 4);
	t_in(BUF, &one, 4);
	t_expect("setsockopt(17, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
	t_x64("setsockopt", 17, IPPROTO_TCP, TCP_NODELAY, BUF, 4);
	t_in(BUF, &one, 4);
	t_expect("setsockopt(17, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
	t_x64("setsockopt", 3, SOL_NETLINK, NETLINK_GET_STRICT_CHK, BUF, 4);
	t_in(BUF, &one, 4);
	t_expect("setsockopt(3, SOL_NETLINK, NETLINK_GET_STRICT_CHK, [1], 4) = 0");
	t_x64("setsockopt", 17, SOL_SOCKET, SO_RCVBUF, BUF, 2);
	t_in(BUF, &one, 2);
	t_ret(-EINVAL);
	t_expect("setsockopt(17, SOL_SOCKET, SO_RCVBUF, 0x7ffe24c98400, 2) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("setsockopt", 99, SOL_SOCKET, SO_LINGER, BUF, 8);
	t_in(BUF, linger, 8);
	t_ret(-EBADF);
	t_expect("setsockopt(99, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = "
		 "-1 EBADF (Bad file descriptor)");
	t_x64("setsockopt", 99, SOL_IPV6, IPV6_V6ONLY, BUF, 4);
	t_in(BUF, &one, 4);
	t_ret(-EBADF);
	t_expect("setsockopt(99, SOL_IPV6, IPV6_V6ONLY, [1], 4) = -1 EBADF (Bad file descriptor)");
	t_x64("setsockopt", 99, 999, 5, BUF, 4);
	t_in(BUF, &one, 4);
	t_ret(-EBADF);
	t_expect("setsockopt(99, 0x3e7 /* SOL_?? */, 5, [1], 4) = -1 EBADF (Bad file descriptor)");
	t_x64("setsockopt", 99, SOL_SOCKET, 999, BUF, 4);
	t_in(BUF, &one, 4);
	t_ret(-EBADF);
	t_expect("setsockopt(99, SOL_SOCKET, 0x3e7 /* SO_??? */, [1], 4) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("setsockopt", 99, SOL_SOCKET, SO_REUSEADDR, 0, 0);
	t_ret(-EBADF);
	t_expect("setsockopt(99, SOL_SOCKET, SO_REUSEADDR, NULL, 0) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("setsockopt", 99, SOL_SOCKET, SO_REUSEADDR, BUF, 8);
	t_in(BUF, &one, 4);
	t_ret(-EBADF);
	t_expect("setsockopt(99, SOL_SOCKET, SO_REUSEADDR, [1], 8) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("setsockopt", 99, SOL_TCP, TCP_CONGESTION, BUF, 5);
	t_in(BUF, "cubic", 5);
	t_ret(-EBADF);
	t_expect("setsockopt(99, SOL_TCP, TCP_CONGESTION, \"cubic\", 5) = -1 EBADF (Bad file "
		 "descriptor)");

	t_x64("getsockopt", 17, SOL_SOCKET, SO_TYPE, BUF, LEN);
	t_out(BUF, &one, 4);
	t_out(LEN, &four, 4);
	t_expect("getsockopt(17, SOL_SOCKET, SO_TYPE, [1], [4]) = 0");
	t_x64("getsockopt", 3, SOL_SOCKET, SO_ERROR, BUF, LEN);
	t_in(LEN, &sixty4, 4);
	t_out(BUF, &zero, 4);
	t_out(LEN, &four, 4);
	t_expect("getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [64 => 4]) = 0");
	t_x64("getsockopt", 3, SOL_TCP, TCP_CONGESTION, BUF, LEN);
	t_in(LEN, &sixty4, 4);
	t_out(BUF, "bbr\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	t_out(LEN, &sixteen, 4);
	t_expect("getsockopt(3, SOL_TCP, TCP_CONGESTION, "
		 "\"bbr\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", "
		 "[64 => 16]) = 0");
	t_x64("getsockopt", 3, SOL_SOCKET, SO_LINGER, BUF, LEN);
	t_out(BUF, (int32_t[]){ 0, 0 }, 8);
	t_out(LEN, &eight, 4);
	t_expect("getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=0}, [8]) = 0");
	t_x64("getsockopt", 3, SOL_SOCKET, SO_PEERCRED, BUF, LEN);
	t_in(LEN, &sixty4, 4);
	t_out(BUF, cred, 12);
	t_out(LEN, &twelve, 4);
	t_expect("getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=0, uid=-1, gid=-1}, [64 => 12]) = 0");
	t_x64("getsockopt", 99, SOL_SOCKET, SO_ERROR, BUF, LEN);
	t_in(LEN, &four, 4);
	t_ret(-EBADF);
	t_expect("getsockopt(99, SOL_SOCKET, SO_ERROR, 0x7ffe24c98400, [4]) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("getsockopt", 99, SOL_SOCKET, SO_ERROR, 0, 0);
	t_ret(-EBADF);
	t_expect("getsockopt(99, SOL_SOCKET, SO_ERROR, NULL, NULL) = -1 EBADF (Bad file "
		 "descriptor)");
}

/* i386 glibc reaches the socket calls through socketcall: strace shows the call itself. */
static void test_socketcall(void **state)
{
	uint32_t sock[6] = { AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0 };
	uint32_t conn[6] = { 4, 0xffd00100, 16 };
	struct sockaddr_in a = in4("127.0.0.1", 80);

	(void)state;
	t_i386("socketcall", 1, 0xffd00000);
	t_in(0xffd00000, sock, sizeof(sock));
	t_ret(4);
	t_expect("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 4");
	t_i386("socketcall", 3, 0xffd00000);
	t_in(0xffd00000, conn, sizeof(conn));
	t_in(0xffd00100, &a, sizeof(a));
	t_ret(-ECONNREFUSED);
	t_expect("connect(4, {sa_family=AF_INET, sin_port=htons(80), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, "
		 "16) = -1 ECONNREFUSED (Connection refused)");
	/* the array was not captured */
	t_i386("socketcall", 3, 0xffd00000);
	t_ret(-ECONNREFUSED);
	t_expect("socketcall(3, 0xffd00000) = -1 ECONNREFUSED (Connection refused)");
}

/* Control messages (strace 6.1 on a pair of AF_UNIX sockets) */
static void test_cmsg(void **state)
{
	uint64_t iov[2] = { B1, 1 }, riov[2] = { B1, 16 };
	uint64_t mh[7] = { 0, 0, IOV, 1, CTL, 24, 0 }, rmh[7] = { 0, 0, IOV, 1, CTL, 56, 0 };
	uint64_t bad[7] = { 0, 0, IOV, 1, 1, 24, 0 }, shortc[7] = { 0, 0, IOV, 1, CTL, 8, 0 };
	struct {
		uint64_t len;
		int32_t level, type;
		int32_t data[2];
	} rights = { 24, SOL_SOCKET, SCM_RIGHTS, { 0, 1 } }, odd = { 20, 999, 1, { 0, 0 } };
	uint8_t both[56] = { 0 };
	struct {
		uint64_t len;
		int32_t level, type;
		int32_t cred[3];
	} cred = { 28, SOL_SOCKET, SCM_CREDENTIALS, { 20723, 0, 0 } };
	int32_t fds[2] = { 6, 7 };

	(void)state;
	t_x64("sendmsg", 4, MSG, 0);
	t_in(MSG, mh, sizeof(mh));
	t_in(IOV, iov, sizeof(iov));
	t_in(B1, "x", 1);
	t_in(CTL, &rights, sizeof(rights));
	t_ret(1);
	t_expect(
		"sendmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], "
		"msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, "
		"cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}], msg_controllen=24, msg_flags=0}, 0) = 1");
	memcpy(both, &cred, 28);
	memcpy(both + 32, &rights, 16);
	memcpy(both + 48, fds, sizeof(fds));
	t_x64("recvmsg", 5, MSG, 0);
	t_out(MSG, rmh, sizeof(rmh));
	t_out(IOV, riov, sizeof(riov));
	t_out(B1, "x", 1);
	t_out(CTL, both, sizeof(both));
	t_ret(1);
	t_expect(
		"recvmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=16}], "
		"msg_iovlen=1, msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, "
		"cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=20723, uid=0, gid=0}}, {cmsg_len=24, "
		"cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[6, 7]}], msg_controllen=56, "
		"msg_flags=0}, 0) = 1");
	t_x64("sendmsg", 3, MSG, 0);
	t_in(MSG, mh, sizeof(mh));
	t_in(IOV, iov, sizeof(iov));
	t_in(B1, "x", 1);
	t_in(CTL, &odd, sizeof(odd));
	t_ret(1);
	t_expect("sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], "
		 "msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=0x3e7 /* SOL_??? */, "
		 "cmsg_type=0x1}], msg_controllen=24, msg_flags=0}, 0) = 1");
	/* a length beyond the buffer: the data ends with the buffer */
	rights.len = 100;
	t_x64("sendmsg", 3, MSG, 0);
	t_in(MSG, mh, sizeof(mh));
	t_in(IOV, iov, sizeof(iov));
	t_in(B1, "x", 1);
	t_in(CTL, &rights, sizeof(rights));
	t_ret(-EINVAL);
	t_expect(
		"sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], "
		"msg_iovlen=1, msg_control=[{cmsg_len=100, cmsg_level=SOL_SOCKET, "
		"cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}], msg_controllen=24, msg_flags=0}, 0) = -1 "
		"EINVAL (Invalid argument)");
	/* shorter than a header, or unreadable: the address */
	t_x64("sendmsg", 3, MSG, 0);
	t_in(MSG, shortc, sizeof(shortc));
	t_in(IOV, iov, sizeof(iov));
	t_in(B1, "x", 1);
	t_in(CTL, &rights, 8);
	t_ret(1);
	t_expect(
		"sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], "
		"msg_iovlen=1, msg_control=0x7ffd3c8b5000, msg_controllen=8, msg_flags=0}, 0) = 1");
	t_x64("sendmsg", 3, MSG, 0);
	t_in(MSG, bad, sizeof(bad));
	t_in(IOV, iov, sizeof(iov));
	t_in(B1, "x", 1);
	t_ret(-EFAULT);
	t_expect(
		"sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], "
		"msg_iovlen=1, msg_control=0x1, msg_controllen=24, msg_flags=0}, 0) = -1 EFAULT (Bad "
		"address)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_cmsg, t_teardown),
		cmocka_unit_test_teardown(test_socket, t_teardown),
		cmocka_unit_test_teardown(test_sockaddr, t_teardown),
		cmocka_unit_test_teardown(test_accept_getsockname, t_teardown),
		cmocka_unit_test_teardown(test_send_recv, t_teardown),
		cmocka_unit_test_teardown(test_msghdr, t_teardown),
		cmocka_unit_test_teardown(test_sockopt, t_teardown),
		cmocka_unit_test_teardown(test_socketcall, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
