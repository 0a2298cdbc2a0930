// SPDX-License-Identifier: MIT
/*
 * The calls the guest backend's runtime makes by hand: argv[1] (default 3)
 * rounds of sigprocmask and pthread_sigmask (block SIGUSR1, read back,
 * unblock), a SIGSYS handler set and read back, a SIGUSR1 handler that
 * blocks every signal (SIGSYS too) set and read back, a getppid a tool can
 * hold; it prints what it saw, so a test compares it with ptrace's. With
 * argv[2] "spawn": then a posix_spawn of /bin/true, whose child (sharing the
 * memory) puts SIGSYS back to SIG_DFL, SIGSYS's handler read back again and
 * a SIGSYS raised, which the handler counts.
 */
#include "guest.h"

#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

static volatile sig_atomic_t sigsys_seen;

static void on_sigsys(int sig)
{
	(void)sig;
	sigsys_seen++;
}

static void spawn_then_sigsys(void)
{
	char *args[] = { "true", NULL };
	struct sigaction old;
	pid_t pid;
	int st;

	if (posix_spawn(&pid, "/bin/true", NULL, NULL, args, NULL) || waitpid(pid, &st, 0) != pid)
		die("posix_spawn: %s", strerror(errno));
	if (sigaction(SIGSYS, NULL, &old))
		die("sigaction: %s", strerror(errno));
	printf("sigsys handler after spawn %s\n", old.sa_handler == on_sigsys ? "ours" : "other");
	raise(SIGSYS);
	printf("sigsys handled %d\n", (int)sigsys_seen);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3;
	struct sigaction sa = { .sa_handler = on_sigsys }, old;
	sigset_t usr1, seen;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	for (int i = 0; i < n; i++) {
		if (sigprocmask(SIG_BLOCK, &usr1, NULL))
			die("sigprocmask: %s", strerror(errno));
		if (pthread_sigmask(SIG_SETMASK, NULL, &seen))
			die("pthread_sigmask");
		printf("usr1 blocked %d\n", sigismember(&seen, SIGUSR1));
		if (sigprocmask(SIG_UNBLOCK, &usr1, &seen))
			die("sigprocmask: %s", strerror(errno));
	}
	if (sigaction(SIGSYS, &sa, NULL) || sigaction(SIGSYS, NULL, &old))
		die("sigaction: %s", strerror(errno));
	printf("sigsys handler %s\n", old.sa_handler == on_sigsys ? "ours" : "other");
	sigfillset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) || sigaction(SIGUSR1, NULL, &old))
		die("sigaction: %s", strerror(errno));
	printf("usr1 handler blocks sigsys %d\n", sigismember(&old.sa_mask, SIGSYS));
	syscall(SYS_getppid);
	if (argc > 2 && !strcmp(argv[2], "spawn"))
		spawn_then_sigsys();
	return 0;
}
