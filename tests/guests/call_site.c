// SPDX-License-Identifier: MIT
/*
 * call_site N: N getppid calls through libc's syscall(3), then two getpid
 * calls through it, in this process, a thread and a fork child; then says
 * whether the call site in syscall(3) ("mov 8(%rsp),%r9; syscall") is as libc
 * has it or was rewritten (a jmp in place of the mov: --guest-rewrite).
 */
#include "guest.h"

#include <pthread.h>
#include <sys/wait.h>

static const unsigned char mov_r9[5] = { 0x4c, 0x8b, 0x4c, 0x24, 0x08 };

static void calls(const char *who, long n)
{
	getppid_loop(n);
	printf("%s getpid=%ld getpid=%ld\n", who, syscall(SYS_getpid), syscall(SYS_getpid));
	fflush(stdout);
}

static void *thread(void *arg)
{
	calls("thread", (long)arg);
	return NULL;
}

static const char *site(void)
{
	const unsigned char *p = (const unsigned char *)(uintptr_t)syscall;

	for (int i = 5; i < 64; i++)
		if (p[i] == 0x0f && p[i + 1] == 0x05) {
			if (!memcmp(p + i - 5, mov_r9, 5))
				return "libc's";
			return p[i - 5] == 0xe9 ? "rewritten" : "other";
		}
	return "not found";
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10;
	pthread_t th;
	int st;
	pid_t pid;

	calls("main", n);
	if (pthread_create(&th, NULL, thread, (void *)n) || pthread_join(th, NULL))
		die("pthread_create");
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		calls("child", n);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || st)
		die("child: %d", st);
	printf("site %s\n", site());
	return 0;
}
