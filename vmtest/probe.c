// SPDX-License-Identifier: MIT
// vmtest's kernel probe: prints one `key=value` line per kernel feature hytrace
// relies on, so each VM's report says what that kernel offers, whatever the
// test suite then does with it. Built on the host, run inside each VM.
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PTRACE_SET_SYSCALL_INFO
#define PTRACE_SET_SYSCALL_INFO 0x4212 /* Linux 6.16 */
#endif

static const char *yesno(int ok)
{
	return ok ? "yes" : "no";
}

static void file_feature(const char *key, const char *path)
{
	printf("%s=%s\n", key, yesno(access(path, F_OK) == 0));
}

static void syscall_feature(const char *key, long ret)
{
	// Probed with arguments that are invalid but harmless: ENOSYS alone says
	// the syscall is missing.
	printf("%s=%s\n", key, yesno(!(ret < 0 && errno == ENOSYS)));
}

// Child: stop for the tracer, make one getppid (syscall stops), then install a
// seccomp filter returning SECCOMP_RET_TRACE for getpid and call it.
static void child(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
		_exit(10);
	raise(SIGSTOP);
	syscall(SYS_getppid);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		_exit(11);
	syscall(SYS_getpid);
	_exit(0);
}

static void ptrace_features(void)
{
	int get_info = 0, set_info = 0, seccomp_trace = 0, status;
	const char *set_err = "";
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		return;
	}
	if (pid == 0)
		child();
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		goto out;
	ptrace(PTRACE_SETOPTIONS, pid, 0,
	       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL);
	// Syscall stops until getppid's entry; the stops before it (raise's
	// sigprocmask) are skipped whatever they are.
	for (int i = 0; i < 20; i++) {
		struct user_regs_struct regs;

		if (ptrace(PTRACE_SYSCALL, pid, 0, 0) < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFSTOPPED(status))
			goto out;
		if (WSTOPSIG(status) != (SIGTRAP | 0x80))
			continue;
		ptrace(PTRACE_GETREGS, pid, 0, &regs);
		if (regs.orig_rax != SYS_getppid || regs.rax != (unsigned long long)-ENOSYS)
			continue; // not getppid's entry
		struct __ptrace_syscall_info info;
		long n = ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info);
		get_info = n > 0 && info.op == PTRACE_SYSCALL_INFO_ENTRY &&
			   info.entry.nr == SYS_getppid;
		if (get_info) {
			// Writing back what was read is a no-op where the request exists;
			// older kernels answer EIO (unknown request).
			if (ptrace(PTRACE_SET_SYSCALL_INFO, pid, sizeof(info), &info) == 0)
				set_info = 1;
			else
				set_err = strerror(errno);
		}
		break;
	}
	// Run to the seccomp stop of getpid (no more syscall stops).
	for (int i = 0; i < 5; i++) {
		if (ptrace(PTRACE_CONT, pid, 0, 0) < 0 || waitpid(pid, &status, 0) != pid)
			goto out;
		if (!WIFSTOPPED(status))
			break;
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
			seccomp_trace = 1;
			break;
		}
	}
out:
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	printf("ptrace_get_syscall_info=%s\n", yesno(get_info));
	printf("ptrace_set_syscall_info=%s%s%s%s\n", yesno(set_info), *set_err ? " (" : "", set_err,
	       *set_err ? ")" : "");
	printf("seccomp_ret_trace=%s\n", yesno(seccomp_trace));
}

int main(void)
{
	struct utsname u;
	char buf[64] = "";
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	uname(&u);
	printf("release=%s\n", u.release);
	file_feature("btf", "/sys/kernel/btf/vmlinux");
	file_feature("tracefs", "/sys/kernel/tracing/events/raw_syscalls");
	file_feature("bpffs", "/sys/fs/bpf");
	if ((f = fopen("/proc/sys/kernel/unprivileged_bpf_disabled", "r"))) {
		if (fgets(buf, sizeof(buf), f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
	printf("unprivileged_bpf_disabled=%s\n", *buf ? buf : "?");
	syscall_feature("clone3", syscall(SYS_clone3, NULL, 0));
	syscall_feature("pidfd_open", syscall(SYS_pidfd_open, -1, 0));
	syscall_feature("pidfd_getfd", syscall(SYS_pidfd_getfd, -1, -1, 0));
	syscall_feature("close_range", syscall(SYS_close_range, ~0U, 0U, 0));
	ptrace_features();
	return 0;
}
