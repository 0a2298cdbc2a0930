// SPDX-License-Identifier: MIT
/*
 * Signals under a tracer; argv[1] picks the case, each prints what it saw:
 *   handler       SIGUSR1 to self, 3 times: the handler counts 3
 *   restart       a read on a pipe interrupted by SIGALRM with SA_RESTART: it
 *                 restarts and gets the data written after the signal
 *   eintr         the same without SA_RESTART: read fails with EINTR
 *   stop          stops itself with SIGSTOP; the test sends SIGCONT
 *   sigsuspend    SIGUSR2 from a child while in sigsuspend
 *   sigtimedwait  SIGUSR2 from a child, taken with sigtimedwait
 *   futex_exit    4 threads block in futex waits; another thread calls exit_group(6)
 *   many N        N SIGUSR1 sent one at a time, each acknowledged: none lost or doubled
 */
#include "guest.h"

#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
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

static int interrupted_read(bool restart)
{
	int p[2];
	char c = 0;
	long n;
	pid_t child;

	set_handler(SIGALRM, restart ? SA_RESTART : 0);
	if (pipe(p))
		die("pipe");
	child = fork();
	if (child == 0) {
		usleep(100000);
		kill(getppid(), SIGALRM);
		usleep(100000);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
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
	die("unknown mode '%s'", mode);
}
