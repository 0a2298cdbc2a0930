// SPDX-License-Identifier: MIT
/*
 * Descriptors of FILE that strace -P finds through /proc/PID/fd although no
 * open of the process made them (test_kfilter's -P tests), each mode ending
 * with a read of an unrelated descriptor (/dev/null) that -P must not show:
 *   passed FILE  a child opens FILE and passes the descriptor over an AF_UNIX
 *                socketpair (SCM_RIGHTS) and exits; the parent receives it,
 *                reads 16 bytes of it and closes it
 *   high FILE    opens FILE, dup2()s it to 2000 and closes the first; a child
 *                reads 16 bytes of 2000 and closes it; the parent waits, then
 *                closes 2000
 *   inherited FD reads 16 bytes of FD (open before the guest started), closes it
 *   attach FD    prints "ready", waits for SIGUSR1 (a tracer attaches
 *                meanwhile), then as inherited FD
 * The calls are raw syscalls: the test knows which ones there are.
 */
#include "guest.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

static void read_close(int fd)
{
	char buf[16];

	if (syscall(SYS_read, fd, buf, sizeof(buf)) < 0)
		die("read %d: %s", fd, strerror(errno));
	syscall(SYS_close, fd);
}

/* A read of a descriptor on no path: -P drops it. */
static int unrelated(void)
{
	long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);

	if (fd < 0)
		die("openat /dev/null: %s", strerror(errno));
	read_close(fd);
	return 0;
}

static void wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || status)
		die("child: %s", strerror(errno));
}

static int passed(const char *path)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = { 0 };
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	int sv[2], fd;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
		if (fd < 0)
			die("openat %s: %s", path, strerror(errno));
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		if (sendmsg(sv[0], &m, 0) != 1)
			die("sendmsg: %s", strerror(errno));
		_exit(0);
	}
	wait_child(pid);
	if (recvmsg(sv[1], &m, 0) != 1 || !(c = CMSG_FIRSTHDR(&m)) || c->cmsg_type != SCM_RIGHTS)
		die("recvmsg: %s", strerror(errno));
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	read_close(fd);
	return unrelated();
}

static int high(const char *path)
{
	long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	struct rlimit r;
	pid_t pid;

	/* a soft limit of 1024 (a VM's) refuses descriptor 2000 */
	if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur <= 2000 && r.rlim_max > 2000) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
	if (fd < 0 || syscall(SYS_dup2, fd, 2000) != 2000)
		die("openat, dup2 %s: %s", path, strerror(errno));
	syscall(SYS_close, fd);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		read_close(2000);
		_exit(0);
	}
	wait_child(pid);
	syscall(SYS_close, 2000);
	return unrelated();
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* Until SIGUSR1: the test attaches meanwhile. */
static void wait_usr1(void)
{
	sigset_t block, none;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &none);
	signal(SIGUSR1, on_usr1);
	printf("ready\n");
	fflush(stdout);
	sigdelset(&none, SIGUSR1);
	sigsuspend(&none);
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "passed"))
		return passed(argv[2]);
	if (argc > 2 && !strcmp(argv[1], "high"))
		return high(argv[2]);
	if (argc > 2 && (!strcmp(argv[1], "inherited") || !strcmp(argv[1], "attach"))) {
		if (!strcmp(argv[1], "attach"))
			wait_usr1();
		read_close(atoi(argv[2]));
		return unrelated();
	}
	die("usage: fd_paths passed FILE | high FILE | inherited FD | attach FD");
}
