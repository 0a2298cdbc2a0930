// SPDX-License-Identifier: MIT
/*
 * A guest with a seccomp filter of its own that returns SECCOMP_RET_TRACE for
 * getppid: without a tracer that handles it (natively, under strace) the call
 * fails with ENOSYS. Prints "getppid: -1 ENOSYS" (or what it got) and exits 0.
 * "own_seccomp errno": the filter returns SECCOMP_RET_ERRNO | EACCES instead,
 * called twice (from one call site), and the program executes itself
 * ("own_seccomp check"), which calls getppid again under the filter the exec
 * kept: "getppid: -1 EACCES" three times.
 * "own_seccomp vfork": a vfork child installs the ERRNO filter, checks its
 * getppid fails with EACCES and _exits; the parent, which has no filter,
 * calls getppid and executes itself ("own_seccomp check"), which calls it
 * again: "getppid: N" (or what a tracer made of it) twice.
 */
#include "guest.h"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static void call(void)
{
	long r = syscall(SYS_getppid);

	if (r < 0)
		printf("getppid: -1 %s\n", strerrorname_np(errno));
	else
		printf("getppid: %ld\n", r);
	fflush(stdout);
}

/* A vfork child's filter @prog is its own: raw calls only, on the parent's stack. */
static void vfork_child_filter(const struct sock_fprog *prog)
{
	int status;
	pid_t pid = vfork();

	if (!pid) {
		if (syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog))
			_exit(2);
		_exit(syscall(SYS_getppid) == -1 && errno == EACCES ? 0 : 3);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		die("vfork: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("the vfork child's getppid did not fail with EACCES: status %#x", status);
}

int main(int argc, char **argv)
{
	bool errno_mode = argc > 1 && (!strcmp(argv[1], "errno") || !strcmp(argv[1], "vfork"));
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K,
			 errno_mode ? SECCOMP_RET_ERRNO | EACCES : SECCOMP_RET_TRACE | 7),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (argc > 1 && !strcmp(argv[1], "check")) {
		call();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "vfork")) {
		vfork_child_filter(&prog);
		call();
		execl("/proc/self/exe", argv[0], "check", (char *)NULL);
		die("execl: %s", strerror(errno));
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		die("seccomp: %s", strerror(errno));
	call();
	if (errno_mode) {
		call();
		execl("/proc/self/exe", argv[0], "check", (char *)NULL);
		die("execl: %s", strerror(errno));
	}
	return 0;
}
