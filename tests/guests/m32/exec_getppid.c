// SPDX-License-Identifier: MIT
/* i386, built static (exec_getppid) and dynamic (exec_getppid_dyn): runs
 * argv[1] in a child when given, then exits 6 if the child failed, else 7 when
 * getppid() returns 42 (an injected value), else 8 (test_guest_backend.sh: a
 * 32-bit program a guest executes is held through ptrace, and what becomes of
 * a 64-bit program it executes). */
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int st = 0;
	pid_t p = argc > 1 ? fork() : 1;

	if (p == 0) {
		execv(argv[1], argv + 1);
		_exit(9);
	}
	if (argc > 1)
		waitpid(p, &st, 0);
	return st ? 6 : getppid() == 42 ? 7 : 8;
}
