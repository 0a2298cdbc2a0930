// SPDX-License-Identifier: MIT
/*
 * Known syscalls for comparing hytrace's lines with strace's
 * (test_strace_compat.sh); each mode makes the same calls every run:
 *   threads N   N threads, thread i writes "thread i\n" to stdout and calls
 *               getppid; the main thread joins them and writes "joined\n"
 *   fork N      N children one after another: child i opens argv[3] (a file),
 *               reads 16 bytes, closes it and exits with status i; the parent
 *               waits for each (wait4) and writes "reaped i\n"
 *   socket      a UDP socket to itself on 127.0.0.1 (bind, getsockname,
 *               sendto, recvfrom), a socketpair (write, read), shutdown, close
 *   dgram       a 200-byte datagram over an AF_UNIX socketpair (sendto,
 *               recvfrom), then a 200-byte NLMSG_NOOP to NETLINK_ROUTE (sendto):
 *               more than -s shows, less than a netlink socket's capture
 *   inherit FILE  opens FILE, forks; the child reads 16 bytes of the inherited
 *               descriptor, closes it and exits; the parent waits, then closes
 *   tcp [hold]  a TCP listener on 127.0.0.1 (a port the kernel picks: bind
 *               to port 0, getsockname), a connection to it (connect,
 *               accept, write, read both ways, shutdown), a bound
 *               netlink route socket; each closed at the end (with hold:
 *               after one read(0), so a test can look at them while open)
 *   signal      SIGUSR1 to itself, handled; then SIGUSR2, ignored
 *   stat FILE   stat, lstat and fstat of FILE (the raw calls, whatever libc
 *               prefers), then execve of /bin/true with a two-variable
 *               environment (strace -v prints both structs and the environment)
 *   vectors     over a pipe: writev of three buffers (the second empty), readv
 *               into three, pwritev (fails: ESPIPE), write to the read end
 *               (fails: EBADF); over an AF_UNIX socketpair: sendmsg of two
 *               buffers, recvmsg into two, sendmmsg of two messages (two
 *               buffers, one), recvmmsg of them into three 8-byte entries
 *               (strace's -e read=/-e write= dumps)
 *   fdkinds FILE  a descriptor of each kind -y names (a pipe, an eventfd, an
 *               epoll, a signalfd, a timerfd, an inotify, a memfd, a pidfd,
 *               FILE) used by the calls whose decoders print descriptors
 *               themselves (poll, select, epoll_ctl, mmap, ioctl, dup2, dup3,
 *               fcntl F_DUPFD); then FILE's number reused by a pipe after a
 *               close_range the log does not watch
 *   cloexec     three close-on-exec descriptors made without open (eventfd,
 *               socket, memfd: 3, 4, 5), then an exec of itself as "probe",
 *               whose fcntl F_GETFD of each fails (EBADF): closed at the exec
 *   passfds     over an AF_UNIX datagram socketpair, a pipe's two ends and an
 *               eventfd passed (SCM_RIGHTS) twice: received once with recvmsg,
 *               once with recvmmsg, each received descriptor closed at once
 *   xconsts     values strace -X writes in pieces: shmget and msgget flags
 *               (both fail: EINVAL, ENOENT), a NUMA mode with a mode flag
 *               (set_mempolicy, then the default back, get_mempolicy),
 *               ioprio_set and ioprio_get, two FUTEX_WAKE_OP operations
 */
#define _GNU_SOURCE /* struct mmsghdr, sendmmsg: before the first libc header */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <linux/futex.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "guest.h"

static void say(const char *s)
{
	if (syscall(SYS_write, 1, s, strlen(s)) < 0)
		die("write: %s", strerror(errno));
}

static void *thread_main(void *arg)
{
	char line[32];

	snprintf(line, sizeof(line), "thread %ld\n", (long)arg);
	say(line);
	syscall(SYS_getppid);
	return NULL;
}

static int threads(int n)
{
	pthread_t t[16];

	if (n < 1 || n > 16)
		die("threads: 1 to 16");
	/* one after another: each line is the same in every run */
	for (long i = 0; i < n; i++) {
		if (pthread_create(&t[i], NULL, thread_main, (void *)i))
			die("pthread_create");
		pthread_join(t[i], NULL);
	}
	say("joined\n");
	return 0;
}

static int forks(int n, const char *path)
{
	char line[32], buf[16];

	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		int st;

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			int fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);

			if (fd < 0 || syscall(SYS_read, fd, buf, sizeof(buf)) < 0)
				_exit(99);
			syscall(SYS_close, fd);
			syscall(SYS_exit_group, i);
		}
		if (syscall(SYS_wait4, pid, &st, 0, NULL) != pid)
			die("wait4: %s", strerror(errno));
		snprintf(line, sizeof(line), "reaped %d\n", WEXITSTATUS(st));
		say(line);
	}
	return 0;
}

static int sockets(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	char buf[16];
	int s, sv[2];

	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(s, (struct sockaddr *)&a, &len))
		die("udp: %s", strerror(errno));
	a.sin_port = htons(40000); /* the same line every run: rebind to a fixed port */
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)))
		die("udp 40000: %s", strerror(errno));
	if (sendto(s, "ping", 4, 0, (struct sockaddr *)&a, sizeof(a)) != 4 ||
	    recvfrom(s, buf, sizeof(buf), 0, NULL, NULL) != 4)
		die("udp io: %s", strerror(errno));
	close(s);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || write(sv[0], "pong", 4) != 4 ||
	    read(sv[1], buf, sizeof(buf)) != 4 || shutdown(sv[0], SHUT_WR))
		die("socketpair: %s", strerror(errno));
	close(sv[0]);
	close(sv[1]);
	return 0;
}

static int dgram(void)
{
	char buf[256];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int sv[2], nl;

	memset(buf, 'x', sizeof(buf));
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) || sendto(sv[0], buf, 200, 0, NULL, 0) != 200 ||
	    recvfrom(sv[1], buf, sizeof(buf), 0, NULL, NULL) != 200)
		die("dgram: %s", strerror(errno));
	close(sv[0]);
	close(sv[1]);
	/* a no-op the kernel skips without a reply (no NLM_F_ACK) */
	memset(buf, 0, sizeof(buf));
	*h = (struct nlmsghdr){ .nlmsg_len = 200,
				.nlmsg_type = NLMSG_NOOP,
				.nlmsg_flags = NLM_F_REQUEST };
	nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	if (nl < 0 || sendto(nl, buf, 200, 0, NULL, 0) != 200)
		die("netlink: %s", strerror(errno));
	close(nl);
	return 0;
}

static int inherit(const char *path)
{
	char buf[16];
	int fd = open(path, O_RDONLY), status;
	pid_t pid;

	if (fd < 0)
		die("open %s: %s", path, strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		if (read(fd, buf, sizeof(buf)) < 0)
			die("read: %s", strerror(errno));
		close(fd);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status)
		die("child: %s", strerror(errno));
	close(fd);
	return 0;
}

static int tcp(bool hold)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	socklen_t alen = sizeof(a);
	char buf[16];
	int l, c, s, n;

	/*
	 * a port the kernel picks: a fixed one is taken while another run (the
	 * strace run's connection in TIME_WAIT, a concurrent test suite) holds it
	 */
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &alen))
		die("tcp listen: %s", strerror(errno));
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)))
		die("tcp connect: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	if (s < 0 || write(c, "ping", 4) != 4 || read(s, buf, sizeof(buf)) != 4 ||
	    write(s, "pong", 4) != 4 || read(c, buf, sizeof(buf)) != 4 || shutdown(c, SHUT_WR))
		die("tcp io: %s", strerror(errno));
	n = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	if (n < 0 || bind(n, (struct sockaddr *)&nl, sizeof(nl)))
		die("netlink: %s", strerror(errno));
	if (hold && read(0, buf, 1) < 0)
		die("hold: %s", strerror(errno));
	close(n);
	close(s);
	close(c);
	close(l);
	return 0;
}

static void on_usr1(int sig)
{
	(void)sig;
	say("usr1\n");
}

static int signals(void)
{
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	syscall(SYS_kill, getpid(), SIGUSR1);
	syscall(SYS_kill, getpid(), SIGUSR2);
	return 0;
}

static int stats(const char *path)
{
	char *const args[] = { "true", NULL };
	char *const env[] = { "HYCOMPAT=1", "EMPTY=", NULL };
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || syscall(SYS_stat, path, &st) || syscall(SYS_lstat, path, &st) ||
	    syscall(SYS_fstat, fd, &st))
		die("stat %s: %s", path, strerror(errno));
	close(fd);
	syscall(SYS_execve, "/bin/true", args, env);
	die("execve /bin/true: %s", strerror(errno));
}

/* vectors' sendmmsg/recvmmsg: each message's buffers, the received ones up to msg_len */
static int mmsgs(int sv[2])
{
	char ab[] = "ab", cde[] = "cde", fgh[] = "fghij", r[3][8];
	struct iovec two[2] = { { ab, 2 }, { cde, 3 } }, one[1] = { { fgh, 5 } };
	struct iovec rv[3] = { { r[0], 8 }, { r[1], 8 }, { r[2], 8 } };
	struct mmsghdr out[2] = { { .msg_hdr = { .msg_iov = two, .msg_iovlen = 2 } },
				  { .msg_hdr = { .msg_iov = one, .msg_iovlen = 1 } } };
	struct mmsghdr in[3];

	memset(in, 0, sizeof(in));
	for (int i = 0; i < 3; i++) {
		in[i].msg_hdr.msg_iov = &rv[i];
		in[i].msg_hdr.msg_iovlen = 1;
	}
	if (sendmmsg(sv[0], out, 2, 0) != 2 || recvmmsg(sv[1], in, 3, MSG_DONTWAIT, NULL) != 2)
		die("sendmmsg/recvmmsg: %s", strerror(errno));
	return 0;
}

static int vectors(void)
{
	/* on the stack: a string of .rodata would not be resident yet at the failed write */
	char ab[] = "ab", cde[] = "cde", xy[] = "xy", z3[] = "zzz", in1[3], in2[8], in3[8];
	struct iovec out[3] = { { ab, 2 }, { cde, 0 }, { cde, 3 } };
	struct iovec in[3] = { { in1, 3 }, { in2, 0 }, { in3, 8 } };
	struct iovec mout[2] = { { xy, 2 }, { z3, 3 } }, min[2] = { { in1, 3 }, { in2, 8 } };
	struct msghdr m = { .msg_iov = mout, .msg_iovlen = 2 };
	int p[2], sv[2];

	if (pipe(p) || writev(p[1], out, 3) != 5 || readv(p[0], in, 3) != 5 ||
	    pwritev(p[1], out, 3, 0) != -1 || write(p[0], ab, 2) != -1)
		die("pipe vectors: %s", strerror(errno));
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) || sendmsg(sv[0], &m, 0) != 5)
		die("sendmsg: %s", strerror(errno));
	m.msg_iov = min;
	if (recvmsg(sv[1], &m, 0) != 5)
		die("recvmsg: %s", strerror(errno));
	return mmsgs(sv);
}

/* fdkinds: every descriptor closed at the end, in the order made */
static int fdkinds(const char *path)
{
	struct epoll_event ev = { .events = EPOLLIN };
	uint64_t one = 1;
	char c = 'x';
	sigset_t set;
	int p[2], q[2], fds[8], n = 0, f, avail;
	struct pollfd pfd[2];
	fd_set rd;
	void *map;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (pipe2(p, 0) || write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1)
		die("pipe2: %s", strerror(errno));
	fds[n++] = eventfd(0, 0);
	fds[n++] = epoll_create1(0);
	fds[n++] = signalfd(-1, &set, 0);
	fds[n++] = timerfd_create(CLOCK_MONOTONIC, 0);
	fds[n++] = inotify_init1(0);
	fds[n++] = memfd_create("hy", 0);
	fds[n++] = syscall(SYS_pidfd_open, getpid(), 0);
	fds[n++] = f = open(path, O_RDONLY);
	for (int i = 0; i < n; i++)
		if (fds[i] < 0)
			die("fdkinds %d: %s", i, strerror(errno));
	ev.data.fd = p[0];
	if (write(fds[0], &one, 8) != 8 || epoll_ctl(fds[1], EPOLL_CTL_ADD, p[0], &ev) ||
	    write(p[1], &c, 1) != 1)
		die("eventfd/epoll: %s", strerror(errno));
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	FD_SET(f, &rd);
	if (poll(pfd, 2, 0) != 2 || syscall(SYS_select, f + 1, &rd, NULL, NULL, NULL) != 2 ||
	    ioctl(p[0], FIONREAD, &avail))
		die("poll/select: %s", strerror(errno));
	map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, f, 0);
	if (map == MAP_FAILED || munmap(map, 4096))
		die("mmap: %s", strerror(errno));
	if (dup2(f, 20) != 20 || dup3(p[0], 21, O_CLOEXEC) != 21 || fcntl(f, F_DUPFD, 22) != 22)
		die("dup: %s", strerror(errno));
	/* FILE's number closed by a call -e trace= may hide, then reused by a pipe */
	if (syscall(SYS_close_range, f, f, 0) || pipe2(q, 0) || q[0] != f || read(f, &c, 0) != 0)
		die("reuse: %s", strerror(errno));
	close(q[0]);
	close(q[1]);
	close(22);
	close(21);
	close(20);
	close(p[0]);
	close(p[1]);
	for (int i = 0; i < n - 1; i++)
		close(fds[i]);
	return 0;
}

/* cloexec: the descriptors close at the exec; probe finds them closed */
static int cloexec(const char *self)
{
	char *argv[] = { (char *)"compat", (char *)"probe", NULL };

	if (eventfd(0, EFD_CLOEXEC) != 3 || socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0) != 4 ||
	    memfd_create("hy", MFD_CLOEXEC) != 5)
		die("cloexec: %s", strerror(errno));
	execv(self, argv);
	die("execv: %s", strerror(errno));
}

static int probe(void)
{
	for (int fd = 3; fd <= 5; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			die("probe: %d is open", fd);
	return 0;
}

/* passfds: a pipe's ends and an eventfd in one SCM_RIGHTS message */
static void send_fds(int sock, const int *fds)
{
	union {
		char buf[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} u;
	char c = 'x';
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(3 * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, 3 * sizeof(int));
	if (sendmsg(sock, &m, 0) != 1)
		die("sendmsg: %s", strerror(errno));
}

/* the descriptors a received message carried, closed */
static void close_received(struct msghdr *m)
{
	struct cmsghdr *cm = CMSG_FIRSTHDR(m);
	int fds[3];

	if (!cm || cm->cmsg_type != SCM_RIGHTS || cm->cmsg_len != CMSG_LEN(sizeof(fds)))
		die("passfds: no descriptors received");
	memcpy(fds, CMSG_DATA(cm), sizeof(fds));
	for (int i = 0; i < 3; i++)
		close(fds[i]);
}

static int passfds(void)
{
	union {
		char buf[CMSG_SPACE(8 * sizeof(int))];
		struct cmsghdr align;
	} u;
	char c;
	struct iovec iov = { &c, 1 };
	struct mmsghdr mm = { 0 };
	int sv[2], fds[3];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) || pipe(fds) || (fds[2] = eventfd(0, 0)) < 0)
		die("passfds: %s", strerror(errno));
	send_fds(sv[0], fds);
	send_fds(sv[0], fds);
	for (int i = 0; i < 3; i++)
		close(fds[i]);
	mm.msg_hdr = (struct msghdr){ .msg_iov = &iov,
				      .msg_iovlen = 1,
				      .msg_control = u.buf,
				      .msg_controllen = sizeof(u.buf) };
	if (recvmsg(sv[1], &mm.msg_hdr, 0) != 1)
		die("recvmsg: %s", strerror(errno));
	close_received(&mm.msg_hdr);
	mm.msg_hdr.msg_controllen = sizeof(u.buf);
	if (recvmmsg(sv[1], &mm, 1, 0, NULL) != 1)
		die("recvmmsg: %s", strerror(errno));
	close_received(&mm.msg_hdr);
	return 0;
}

/* xconsts: each call's values as -X raw/verbose print them, whatever they return */
static int xconsts(void)
{
	unsigned long node0 = 1;
	int a = 0, b = 0, mode, add = FUTEX_OP_ADD | FUTEX_OP_OPARG_SHIFT;

	shmget(IPC_PRIVATE, 0, IPC_CREAT | IPC_EXCL | 0600);
	msgget(0x48795478, IPC_EXCL | 0644);
	syscall(SYS_set_mempolicy, 2 | (1 << 15), &node0, 64); /* MPOL_BIND|MPOL_F_STATIC_NODES */
	syscall(SYS_set_mempolicy, 0, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0);
	syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 4); /* IOPRIO_CLASS_BE, 4 */
	syscall(SYS_ioprio_get, 1, 0);
	syscall(SYS_futex, &a, FUTEX_WAKE_OP, 1, 1, &b,
		FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_GT, 0));
	syscall(SYS_futex, &a, FUTEX_WAKE_OP, 1, 1, &b, FUTEX_OP(add, 3, FUTEX_OP_CMP_EQ, 5));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "threads"))
		return threads(atoi(argv[2]));
	if (argc > 3 && !strcmp(argv[1], "fork"))
		return forks(atoi(argv[2]), argv[3]);
	if (argc > 1 && !strcmp(argv[1], "socket"))
		return sockets();
	if (argc > 1 && !strcmp(argv[1], "dgram"))
		return dgram();
	if (argc > 2 && !strcmp(argv[1], "inherit"))
		return inherit(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "tcp"))
		return tcp(argc > 2 && !strcmp(argv[2], "hold"));
	if (argc > 1 && !strcmp(argv[1], "signal"))
		return signals();
	if (argc > 2 && !strcmp(argv[1], "stat"))
		return stats(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "vectors"))
		return vectors();
	if (argc > 2 && !strcmp(argv[1], "fdkinds"))
		return fdkinds(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "cloexec"))
		return cloexec(argv[0]);
	if (argc > 1 && !strcmp(argv[1], "xconsts"))
		return xconsts();
	if (argc > 1 && !strcmp(argv[1], "passfds"))
		return passfds();
	if (argc > 1 && !strcmp(argv[1], "probe"))
		return probe();
	die("usage: compat threads N | fork N FILE | socket | dgram | inherit FILE | tcp [hold] | "
	    "signal | stat FILE | vectors | fdkinds FILE | cloexec");
}
