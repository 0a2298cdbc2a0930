// SPDX-License-Identifier: MIT
/*
 * Calls of the families whose decoders test_decode.sh checks against strace
 * 6.1's lines: System V IPC, POSIX message queues, file times, ioctl requests,
 * control messages, select's result, named flag sets. Raw syscalls with known
 * arguments; objects the kernel reads are placed in front of an unmapped page
 * where the test wants the address printed instead.
 *
 * decode_families DIR: DIR is a scratch directory for the file it times.
 */
#include "guest.h" /* first: it asks for the GNU names */

#include <fcntl.h>
#include <linux/fs.h>
#include <linux/kcmp.h>
#include <linux/stat.h>
#include <mqueue.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <utime.h>

struct msg {
	long mtype;
	char text[8];
};

static void ipc(void)
{
	struct msg m = { 1, "hello" };
	struct sembuf sb[2] = { { 0, 1, 0 }, { 1, -1, IPC_NOWAIT | SEM_UNDO } };
	struct timespec ts = { 0, 1000 };
	struct msqid_ds ds;
	long q, s, h, a;

	q = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
	if (q < 0)
		die("msgget: %s", strerror(errno));
	syscall(SYS_msgsnd, q, &m, 5, IPC_NOWAIT);
	syscall(SYS_msgrcv, q, &m, 8, 0, IPC_NOWAIT | MSG_NOERROR);
	syscall(SYS_msgrcv, q, &m, 8, 0, IPC_NOWAIT);
	syscall(SYS_msgctl, q, IPC_STAT, &ds);
	syscall(SYS_msgctl, q, 99, NULL);
	syscall(SYS_msgctl, q, IPC_RMID, NULL);
	s = syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | IPC_EXCL | 0644);
	syscall(SYS_semop, s, sb, 2);
	syscall(SYS_semtimedop, s, sb, 1, &ts);
	syscall(SYS_semctl, s, 0, GETVAL, NULL);
	syscall(SYS_semctl, s, 0, IPC_RMID, NULL);
	h = syscall(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	a = syscall(SYS_shmat, h, NULL, SHM_RDONLY);
	syscall(SYS_shmdt, a);
	syscall(SYS_shmctl, h, IPC_RMID, NULL);
}

static void mq(void)
{
	struct mq_attr at = { .mq_maxmsg = 4, .mq_msgsize = 32 };

	syscall(SYS_mq_open, "hytrace_decode_families", O_RDONLY | O_CREAT, 0600, &at);
	syscall(SYS_mq_unlink, "hytrace_decode_families");
}

static void file_times(const char *dir, char *page_end)
{
	struct utimbuf ub = { 1000000000, 1100000000 };
	struct timeval tv[2] = { { 1000000000, 5 }, { 1100000000, 6 } };
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 1, 2 } };
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/timed", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		die("open %s: %s", path, strerror(errno));
	syscall(SYS_utime, path, &ub);
	syscall(SYS_utimes, path, tv);
	syscall(SYS_utimensat, fd, NULL, ts, 0);
	/* the two timevals cut by an unmapped page: EFAULT, and the address */
	syscall(SYS_utimes, path, page_end - sizeof(struct timeval));
	close(fd);
}

static void ioctls(void)
{
	int fd = open("/dev/null", O_RDONLY);
	int n = 0;

	syscall(SYS_ioctl, fd, FIOCLEX);
	syscall(SYS_ioctl, -1, BLKBSZSET, NULL);
	syscall(SYS_ioctl, -1, BLKBSZSET, &n);
	syscall(SYS_ioctl, -1, 0x4c00 /* LOOP_SET_FD */, 3);
	syscall(SYS_ioctl, -1, _IOC(_IOC_READ, 0xfe, 0x12, 8), 0);
	close(fd);
}

static void cmsg(void)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { 0 };
	struct cmsghdr *h;
	int sv[2], fds[2] = { 0, 1 };

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		die("socketpair: %s", strerror(errno));
	memset(&c, 0, sizeof(c));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = c.buf;
	m.msg_controllen = sizeof(c.buf);
	h = CMSG_FIRSTHDR(&m);
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(h), fds, sizeof(fds));
	syscall(SYS_sendmsg, sv[0], &m, 0);
	close(sv[0]);
	close(sv[1]);
}

static void waits(void)
{
	struct timeval tv = { 5, 0 };
	fd_set rd, wr;
	int p[2];

	if (pipe(p))
		die("pipe: %s", strerror(errno));
	if (write(p[1], "x", 1) != 1)
		die("write: %s", strerror(errno));
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	/* both ready at once: the time left is all of it */
	syscall(SYS_select, p[1] + 1, &rd, &wr, NULL, &tv);
	syscall(SYS_time, NULL);
	syscall(SYS_kcmp, getpid(), getpid(), 99, 0, 1);
}

static void flags(void)
{
	syscall(SYS_open, "/nonexistent/x", O_RDONLY | 04000000);
	syscall(SYS_statx, AT_FDCWD, "/nonexistent/x", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC,
		STATX_ALL, NULL);
}

int main(int argc, char **argv)
{
	char *pages;

	if (argc < 2)
		die("usage: decode_families DIR");
	pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED || munmap(pages + 4096, 4096))
		die("mmap: %s", strerror(errno));
	ipc();
	mq();
	file_times(argv[1], pages + 4096);
	ioctls();
	cmsg();
	waits();
	flags();
	return 0;
}
