// SPDX-License-Identifier: MIT
/* Fidelity guest: processes (fork, wait4, kill, rlimits, affinity, ids, prctl). */
#include "fid.h"

#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

static char *unterminated_path(void)
{
	return at_edge("/bin", 4);
}

int main(void)
{
	struct rusage *ru = at_edge(NULL, sizeof(*ru));
	int *status = at_edge(NULL, sizeof(int));
	struct rlimit *rl = at_edge(NULL, sizeof(*rl));
	unsigned long *mask = at_edge(NULL, 8);
	char *name = at_edge("fidelity-name-16", 16);
	char *name_buf = at_edge(NULL, 16);
	struct sched_param *sp = at_edge(NULL, sizeof(*sp));
	pid_t child;

	child = S(SYS_fork);
	if (child == 0) {
		for (;;)
			pause();
	}
	S(SYS_wait4, child, status, WNOHANG, ru);
	S(SYS_wait4, G(child), status, G(WNOHANG | 0x10000000), NULL);
	S(SYS_kill, child, SIGKILL);
	S(SYS_wait4, child, status, 0, NULL);
	S(SYS_wait4, -1, status, WNOHANG, ru);
	S(SYS_wait4, -1, BAD, 0, BAD);
	S(SYS_kill, G(0x7ffffff0), 0);
	S(SYS_getrlimit, RLIMIT_NOFILE, BAD);
	S(SYS_getrlimit, G(RLIMIT_CORE), rl);
	S(SYS_getrlimit, 99, rl);
	S(SYS_setrlimit, RLIMIT_CORE, BAD);
	S(SYS_prlimit64, 0, RLIMIT_STACK, NULL, rl);
	S(SYS_prlimit64, G(0), G(RLIMIT_NOFILE), BAD, NULL);
	S(SYS_getrusage, G(RUSAGE_SELF), BAD);
	S(SYS_getrusage, 5, ru);
	S(SYS_sched_getaffinity, 0, 8, mask);
	S(SYS_sched_getaffinity, 0, 4, mask);
	S(SYS_sched_setaffinity, 0, 8, BAD);
	S(SYS_sched_getscheduler, G(0));
	S(SYS_sched_getparam, 0, sp);
	S(SYS_sched_setscheduler, 0, 99, sp);
	S(SYS_getpriority, G(PRIO_PROCESS), 0);
	S(SYS_setpriority, PRIO_USER, G(0), 0);
	S(SYS_setpriority, 7, 0, 0);
	S(SYS_prctl, PR_SET_NAME, name, 0, 0, 0);
	S(SYS_prctl, PR_SET_NAME, BAD, 0, 0, 0);
	S(SYS_prctl, PR_GET_NAME, name_buf, 0, 0, 0);
	S(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
	S(SYS_prctl, G(PR_SET_PDEATHSIG), G(SIGTERM), 0, 0, 0);
	S(SYS_prctl, 0x7fff0000, 1, 2, 3, 4);
	/* a guest's own Syscall User Dispatch calls are its own (the guest backend's arming is not) */
	S(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0);
	S(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, 7, 5, 6, BAD);
	S(SYS_setuid, G(0));
	S(SYS_setgid, -1);
	S(SYS_setresuid, -1, G(-1), 4294901760u);
	S(SYS_setpgid, 0, G(0));
	S(SYS_getpgid, G(0));
	S(SYS_umask, G(0177777));
	S(SYS_umask, 022);
	{
		/* argv ending exactly at an unmapped page */
		char *argv[] = { "fid-a", "fid-b", NULL };

		S(SYS_execve, "/nonexistent/fidelity", at_edge(argv, sizeof(argv)), NULL);
		S(SYS_execve, unterminated_path(), NULL, NULL);
	}
	S(SYS_personality, 0xffffffff);
	S(SYS_personality, G(0xffffffff));
	return 0;
}
