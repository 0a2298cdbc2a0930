// SPDX-License-Identifier: MIT
/*
 * A guest that wants to trace: PTRACE_TRACEME, and attaching to its own child.
 * Under a tracer both fail with EPERM; the guest prints what it got and exits 0.
 */
#include "guest.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

int main(void)
{
	long r = ptrace(PTRACE_TRACEME, 0, 0, 0);
	pid_t child;

	printf("traceme %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "ok");
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	r = ptrace(PTRACE_ATTACH, child, 0, 0);
	printf("attach %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "ok");
	if (r == 0) {
		waitpid(child, NULL, 0);
		ptrace(PTRACE_DETACH, child, 0, 0);
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return 0;
}
