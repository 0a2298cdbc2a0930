// SPDX-License-Identifier: MIT
/* A fork; parent and child each print their Seccomp and NoNewPrivs lines of
 * /proc/self/status and what getppid returned (test_guest_backend.sh: a static
 * program held through ptrace has the ptrace backend's filter). */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
static void show(const char *who)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp", 7) || !strncmp(line, "NoNewPrivs", 10))
			printf("%s %s", who, line);
	printf("%s getppid %d\n", who, (int)getppid());
	fflush(stdout);
}
int main(void)
{
	pid_t p = fork();

	if (p == 0) {
		show("child");
		return 0;
	}
	waitpid(p, NULL, 0);
	show("parent");
	return 0;
}
