// SPDX-License-Identifier: MIT
/*
 * Signals under a tracer; argv[1] picks the case, each prints what it saw:
 *   handler       SIGUSR1 to self, 3 times: the handler counts 3
 *   restart       a read on a pipe interrupted by SIGALRM with SA_RESTART: it
 *                 restarts and gets the data written after the handler ran
 *   eintr         the same without SA_RESTART: read fails with EINTR
 *   stop          stops itself with SIGSTOP; the test sends SIGCONT
 *   sigsuspend    SIGUSR2 from a child while in sigsuspend
 *   sigtimedwait  SIGUSR2 from a child, taken with sigtimedwait
 *   futex_exit    4 threads block in futex waits; another thread calls exit_group(6)
 *   many N        N SIGUSR1 sent one at a time, each acknowledged: none lost or doubled
 *   ignored       three signals the kernel drops as ignored when sent: SIGCHLD from
 *                 kill(2) (its siginfo made by kill), SIGPIPE set to SIG_IGN at a
 *                 write to a pipe without a reader (sent with SEND_SIG_NOINFO:
 *                 SI_USER from the writer), SIGURG at TCP urgent data to the
 *                 socket's owner (SEND_SIG_PRIV: SI_KERNEL); prints its pid
 *   at_exit       a child tracer holds it at its exit (PTRACE_EVENT_EXIT, its
 *                 group exit begun) and sends it SIGUSR1 there, which the kernel
 *                 drops; "not held" where it is traced already (by hytrace or strace)
 */
#include "guest.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t hits;

static void on_signal(int sig)
{
	(void)sig;
	hits++;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		die("sigaction");
}

static int ack_fd;

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
	if (write(ack_fd, "a", 1) != 1)
		_exit(98);
}

/*
 * Until @pid is inside read(@fd, ...): blocked there, or at a tracer's stop at
 * its entry, where the signal makes it fail with ERESTARTSYS all the same.
 */
static void wait_in_read(pid_t pid, int fd)
{
	char path[64], buf[128];
	unsigned long arg0;
	long nr;
	ssize_t n;
	int f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	for (;;) {
		if ((f = open(path, O_RDONLY)) < 0)
			die("open %s: %s", path, strerror(errno));
		n = read(f, buf, sizeof(buf) - 1);
		close(f);
		if (n > 0) {
			buf[n] = 0;
			if (sscanf(buf, "%ld %lx", &nr, &arg0) == 2 && nr == SYS_read &&
			    arg0 == (unsigned long)fd)
				return;
		}
		usleep(2000);
	}
}

/*
 * The child sends SIGALRM once the parent is inside its read (it looks from
 * when the parent says it is about to read), and writes the data once the
 * handler has run (it writes to the ack pipe): the read is interrupted
 * whatever the machine's load, and restarts (or fails) before any data comes.
 */
static int interrupted_read(bool restart)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = restart ? SA_RESTART : 0 };
	int p[2], ack[2], reading[2];
	char c = 0;
	long n;
	pid_t child, parent = getpid();

	if (pipe(p) || pipe(ack) || pipe(reading))
		die("pipe");
	ack_fd = ack[1];
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL))
		die("sigaction");
	child = fork();
	if (child == 0) {
		if (read(reading[0], &c, 1) != 1)
			_exit(1);
		wait_in_read(parent, p[0]);
		kill(parent, SIGALRM);
		if (read(ack[0], &c, 1) != 1 || write(p[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (write(reading[1], "r", 1) != 1)
		die("write");
	n = read(p[0], &c, 1);
	printf("read %ld %s %c hits %d\n", n, n < 0 ? strerrorname_np(errno) : "ok",
	       n > 0 ? c : '-', (int)hits);
	waitpid(child, NULL, 0);
	return 0;
}

static uint32_t futex_word;

static void *futex_waiter(void *arg)
{
	(void)arg;
	for (;;)
		syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	usleep(100000);
	syscall(SYS_exit_group, 6);
	return NULL;
}

static pid_t signal_later(int sig, int usec)
{
	pid_t parent = getpid(), child = fork();

	if (child == 0) {
		usleep(usec);
		kill(parent, sig);
		_exit(0);
	}
	return child;
}

static void ignored_signals(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	int p[2], l, c, r;
	struct pollfd urgent;

	kill(getpid(), SIGCHLD);

	signal(SIGPIPE, SIG_IGN);
	if (pipe(p) || close(p[0]))
		die("pipe");
	if (write(p[1], "x", 1) != -1 || errno != EPIPE)
		die("write to a pipe without a reader: no EPIPE");

	if ((l = socket(AF_INET, SOCK_STREAM, 0)) < 0 || bind(l, (struct sockaddr *)&a, alen) ||
	    listen(l, 1) || getsockname(l, (struct sockaddr *)&a, &alen))
		die("listen: %s", strerror(errno));
	if ((c = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)) || (r = accept(l, NULL, NULL)) < 0)
		die("connect: %s", strerror(errno));
	if (fcntl(r, F_SETOWN, getpid()) || send(c, "u", 1, MSG_OOB) != 1)
		die("urgent data: %s", strerror(errno));
	/* the kernel sends SIGURG before it marks the urgent data readable */
	urgent = (struct pollfd){ .fd = r, .events = POLLPRI };
	if (poll(&urgent, 1, -1) != 1)
		die("poll: %s", strerror(errno));
	printf("pid %d\n", (int)getpid());
}

static int signal_at_exit(void)
{
	pid_t self = getpid();
	int go[2], st;
	char held = 'n';

	if (pipe(go))
		die("pipe");
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY); /* Yama's, where it is */
	if (fork() == 0) {
		if (!ptrace(PTRACE_SEIZE, self, 0, PTRACE_O_TRACEEXIT))
			held = 'h';
		if (write(go[1], &held, 1) != 1)
			_exit(1);
		while (held == 'h' && waitpid(self, &st, __WALL) == self && WIFSTOPPED(st)) {
			if (st >> 8 == (SIGTRAP | PTRACE_EVENT_EXIT << 8)) {
				kill(self, SIGUSR1);
				ptrace(PTRACE_DETACH, self, 0, 0);
				break;
			}
			ptrace(PTRACE_CONT, self, 0, WSTOPSIG(st));
		}
		_exit(0);
	}
	if (read(go[0], &held, 1) != 1)
		die("read");
	printf("%s\n", held == 'h' ? "held at exit" : "not held");
	fflush(stdout);
	syscall(SYS_exit_group, 0);
	return 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	sigset_t set, old;

	if (!strcmp(mode, "handler")) {
		set_handler(SIGUSR1, 0);
		for (int i = 0; i < 3; i++)
			kill(getpid(), SIGUSR1);
		printf("hits %d\n", (int)hits);
		return hits == 3 ? 0 : 1;
	}
	if (!strcmp(mode, "restart"))
		return interrupted_read(true);
	if (!strcmp(mode, "eintr"))
		return interrupted_read(false);
	if (!strcmp(mode, "stop")) {
		printf("stopping\n");
		fflush(stdout);
		raise(SIGSTOP);
		printf("continued\n");
		return 0;
	}
	if (!strcmp(mode, "sigsuspend") || !strcmp(mode, "sigtimedwait")) {
		pid_t child;

		set_handler(SIGUSR2, 0);
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_BLOCK, &set, &old);
		child = signal_later(SIGUSR2, 50000);
		if (mode[3] == 's') {
			sigsuspend(&old);
			printf("sigsuspend hits %d\n", (int)hits);
		} else {
			struct timespec ts = { 5, 0 };
			int sig = sigtimedwait(&set, NULL, &ts);

			printf("sigtimedwait %d\n", sig);
		}
		waitpid(child, NULL, 0);
		return 0;
	}
	if (!strcmp(mode, "futex_exit")) {
		pthread_t t;

		for (int i = 0; i < 4; i++)
			pthread_create(&t, NULL, futex_waiter, NULL);
		pthread_create(&t, NULL, exiter, NULL);
		pause();
		return 1;
	}
	if (!strcmp(mode, "many")) {
		int n = argc > 2 ? atoi(argv[2]) : 100;

		set_handler(SIGUSR1, 0);
		for (int i = 0; i < n; i++) {
			int before = hits;

			kill(getpid(), SIGUSR1);
			if (hits != before + 1)
				die("signal %d: hits %d, expected %d", i, (int)hits, before + 1);
		}
		printf("hits %d\n", (int)hits);
		return 0;
	}
	if (!strcmp(mode, "ignored")) {
		ignored_signals();
		return 0;
	}
	if (!strcmp(mode, "at_exit"))
		return signal_at_exit();
	die("unknown mode '%s'", mode);
}
