// SPDX-License-Identifier: MIT
/* Process calls (clone, execve, wait, prctl...) against strace 6.1's output. */
#include "test_decode_common.h"

#include <linux/capability.h>
#include <linux/kcmp.h>
#include <linux/kexec.h>
#include <sys/mman.h>

#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <asm/prctl.h>

#define PTR 0x7fffd65f9430ull
#define ST 0x7fffffeb5ef8ull
#define ARGS 0x7fffffeb5000ull

static void test_clone(void **state)
{
	int32_t tid = 14274;

	(void)state;
	t_x64("clone", SIGCHLD, 0, 0, 0, 0);
	t_ret(13923);
	t_expect("clone(child_stack=NULL, flags=SIGCHLD) = 13923");
	t_x64("clone", CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0x7f247ca67a10,
	      0);
	t_ret(14000);
	t_expect("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
		 "child_tidptr=0x7f247ca67a10) = 14000");
	t_x64("clone", CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, 0, PTR + 4, PTR, 0);
	t_out(PTR + 4, &tid, 4);
	t_ret(14274);
	t_expect("clone(child_stack=NULL, flags=CLONE_PARENT_SETTID|CLONE_CHILD_SETTID|SIGCHLD, "
		 "parent_tid=[14274], child_tidptr=0x7fffd65f9430) = 14274");
	/* not captured: the kernel wrote the id it returned */
	t_x64("clone", CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, 0, PTR + 4, PTR, 0);
	t_ret(14274);
	t_expect("clone(child_stack=NULL, flags=CLONE_PARENT_SETTID|CLONE_CHILD_SETTID|SIGCHLD, "
		 "parent_tid=[14274], child_tidptr=0x7fffd65f9430) = 14274");
	t_x64("clone",
	      CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
		      CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
	      0x1000, 0x2000, 0x3000, 0x4000);
	t_ret(14004);
	t_out(0x2000, &(int32_t){ 14004 }, 4);
	t_expect("clone(child_stack=0x1000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
		 "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID,"
		 " "
		 "parent_tid=[14004], tls=0x4000, child_tidptr=0x3000) = 14004");
	t_x64("clone", CLONE_NEWUSER | CLONE_NEWPID | SIGUSR1 | CLONE_VFORK | CLONE_IO, 0, 0x2000,
	      0x3000, 0x4000);
	t_ret(14348);
	t_expect("clone(child_stack=NULL, flags=CLONE_VFORK|CLONE_NEWUSER|CLONE_NEWPID|CLONE_IO|"
		 "SIGUSR1) = 14348");
	t_x64("clone", CLONE_UNTRACED | CLONE_SETTLS | 0x80 | SIGCHLD, 0, 0x2000, 0x3000, 0x4000);
	t_ret(14349);
	t_expect("clone(child_stack=NULL, flags=CLONE_SETTLS|CLONE_UNTRACED|145, tls=0x4000) = "
		 "14349");
	t_x64("clone", 0, 0, 0x2000, 0x3000, 0x4000);
	t_ret(14350);
	t_expect("clone(child_stack=NULL, flags=0) = 14350");
	t_x64("clone", 0xff, 0, 0x2000, 0x3000, 0x4000);
	t_ret(14351);
	t_expect("clone(child_stack=NULL, flags=255) = 14351");
	t_x64("fork");
	t_ret(13924);
	t_expect("fork() = 13924");
	t_x64("vfork");
	t_ret(13929);
	t_expect("vfork() = 13929");
}

static void test_clone3(void **state)
{
	struct clone_args a = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	struct clone_args b = { .flags = CLONE_PARENT_SETTID | CLONE_PIDFD,
				.pidfd = PTR,
				.parent_tid = PTR,
				.exit_signal = SIGCHLD };
	struct clone_args c = { .flags = CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS |
					 CLONE_NEWTIME | CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND,
				.child_tid = 0x100,
				.tls = 0x200,
				.stack = 0x300,
				.stack_size = 0x400,
				.set_tid = 0x500,
				.set_tid_size = 2,
				.cgroup = 5 };
	struct clone_args th = { .flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
					  CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
					  CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
				 .child_tid = 0x7f3c1c9ff910,
				 .parent_tid = 0x7f3c1c9ff910,
				 .stack = 0x7f3c1c1ff000,
				 .stack_size = 0x7ff980,
				 .tls = 0x7f3c1c9ff640 };

	(void)state;
	t_x64("clone3", ARGS, 88);
	t_in(ARGS, &a, sizeof(a));
	t_ret(14002);
	t_expect("clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=NULL, "
		 "stack_size=0}, "
		 "88) = 14002");
	t_x64("clone3", ARGS, 88);
	t_in(ARGS, &b, sizeof(b));
	t_ret(-EINVAL);
	t_expect("clone3({flags=CLONE_PIDFD|CLONE_PARENT_SETTID, pidfd=0x7fffd65f9430, "
		 "parent_tid=0x7fffd65f9430, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = "
		 "-1 EINVAL (Invalid argument)");
	t_x64("clone3", ARGS, 88);
	t_in(ARGS, &c, sizeof(c));
	t_ret(-EFAULT);
	t_expect("clone3({flags=CLONE_SETTLS|CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|CLONE_NEWTIME|"
		 "CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, child_tid=0x100, exit_signal=0, "
		 "stack=0x300, "
		 "stack_size=0x400, tls=0x200, set_tid=0x500, set_tid_size=2, cgroup=5}, 88) = "
		 "-1 EFAULT (Bad address)");
	t_x64("clone3", ARGS, 64);
	t_in(ARGS, &c, sizeof(c));
	t_ret(-EINVAL);
	t_expect("clone3({flags=CLONE_SETTLS|CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|CLONE_NEWTIME|"
		 "CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, child_tid=0x100, exit_signal=0, "
		 "stack=0x300, "
		 "stack_size=0x400, tls=0x200}, 64) = -1 EINVAL (Invalid argument)");
	t_x64("clone3", 0, 88);
	t_ret(-EFAULT);
	t_expect("clone3(NULL, 88) = -1 EFAULT (Bad address)");
	t_x64("clone3", 8, 88);
	t_ret(-EFAULT);
	t_expect("clone3(0x8, 88) = -1 EFAULT (Bad address)");
	t_x64("clone3", 0, 0);
	t_ret(-EINVAL);
	t_expect("clone3(NULL, 0) = -1 EINVAL (Invalid argument)");
	/* pthread_create: what the kernel wrote back follows the struct */
	t_x64("clone3", ARGS, 88);
	t_in(ARGS, &th, sizeof(th));
	t_ret(28734);
	t_expect("clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
		 "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, "
		 "child_tid=0x7f3c1c9ff910, parent_tid=0x7f3c1c9ff910, exit_signal=0, "
		 "stack=0x7f3c1c1ff000, stack_size=0x7ff980, tls=0x7f3c1c9ff640} => "
		 "{parent_tid=[28734]}, 88) = 28734");
	/* a size past the last version: the rest's bytes when one is not zero, "???" unread */
	{
		struct {
			struct clone_args a;
			uint64_t more;
		} big = { .a = { .exit_signal = SIGCHLD }, .more = 1 };

		t_x64("clone3", ARGS, sizeof(big));
		t_in(ARGS, &big, sizeof(big));
		t_ret(-E2BIG);
		t_expect("clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, "
			 "/* bytes 88..95 */ \"\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}, 96) = "
			 "-1 E2BIG (Argument list too long)");
		big.more = 0;
		t_x64("clone3", ARGS, sizeof(big));
		t_in(ARGS, &big, sizeof(big));
		t_ret(-EINVAL);
		t_expect("clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 96) = "
			 "-1 EINVAL (Invalid argument)");
		t_x64("clone3", ARGS, sizeof(big) + 8);
		t_in(ARGS, &big, sizeof(big));
		t_ret(-EFAULT);
		t_expect("clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, ???}, "
			 "104) = -1 EFAULT (Bad address)");
	}
}

/* argv/envp arrays of pointers to strings, at ARGS. */
static void put_strings(uint64_t at, const char *const *s, int n)
{
	uint64_t ptr[16] = { 0 };

	for (int i = 0; i < n; i++) {
		ptr[i] = at + 0x1000 + 0x100 * i;
		t_str(ptr[i], s[i]);
	}
	t_in(at, ptr, (n + 1) * 8);
}

static void test_execve(void **state)
{
	static const char *const argv[] = { "true", "a\nb" };
	static const char *const envp[] = { "A=1", "B=2" };
	static const char *const echo[] = { "/bin/echo", "a", "bbbbbb", "c", "d" };

	(void)state;
	t_x64("execve", ARGS + 0x5000, ARGS, ARGS + 0x3000);
	t_str(ARGS + 0x5000, "/bin/true");
	put_strings(ARGS, argv, 2);
	put_strings(ARGS + 0x3000, envp, 2);
	t_expect("execve(\"/bin/true\", [\"true\", \"a\\nb\"], 0x7fffffeb8000 /* 2 vars */) = 0");

	/* at most -s strings */
	t_x64("execve", ARGS + 0x5000, ARGS, ARGS + 0x3000);
	t_str(ARGS + 0x5000, "/bin/echo");
	put_strings(ARGS, echo, 5);
	put_strings(ARGS + 0x3000, envp, 1);
	t_expect_s(3, "execve(\"/bin/echo\", [\"/bi\"..., \"a\", \"bbb\"..., ...], 0x7fffffeb8000 "
		      "/* 1 var */) = 0");

	t_x64("execve", ARGS + 0x5000, ARGS, 0);
	t_str(ARGS + 0x5000, "/nonexist");
	put_strings(ARGS, argv + 1, 0);
	t_ret(-ENOENT);
	t_expect("execve(\"/nonexist\", [], NULL) = -1 ENOENT (No such file or directory)");
	t_x64("execve", ARGS + 0x5000, 0, 8);
	t_str(ARGS + 0x5000, "/nonexist");
	t_ret(-ENOENT);
	t_expect("execve(\"/nonexist\", NULL, 0x8) = -1 ENOENT (No such file or directory)");

	t_x64("execveat", (uint64_t)(int64_t)AT_FDCWD, ARGS + 0x5000, ARGS, ARGS + 0x3000,
	      AT_SYMLINK_NOFOLLOW);
	t_str(ARGS + 0x5000, "/nonexist");
	put_strings(ARGS, echo + 1, 1);
	put_strings(ARGS + 0x3000, envp, 1);
	t_ret(-ENOENT);
	t_expect("execveat(AT_FDCWD, \"/nonexist\", [\"a\"], 0x7fffffeb8000 /* 1 var */, "
		 "AT_SYMLINK_NOFOLLOW) = -1 ENOENT (No such file or directory)");
	/* envp whose end was not captured: just the address */
	t_x64("execve", ARGS + 0x5000, ARGS, ARGS + 0x3000);
	t_str(ARGS + 0x5000, "/bin/true");
	put_strings(ARGS, argv, 1);
	t_in(ARGS + 0x3000, &(uint64_t){ ARGS + 0x4000 }, 8);
	t_expect("execve(\"/bin/true\", [\"true\"], 0x7fffffeb8000) = 0");
}

static void test_wait4(void **state)
{
	int32_t st;
	int64_t ru[4] = { 0, 90, 0, 0 };

	(void)state;
	st = 0;
	t_x64("wait4", (uint64_t)-1, ST, 0, 0);
	t_out(ST, &st, 4);
	t_ret(13923);
	t_expect("wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 13923");
	st = 3 << 8;
	t_x64("wait4", 13924, ST, 0, 0x7fffffeb5f00);
	t_out(ST, &st, 4);
	t_out(0x7fffffeb5f00, ru, sizeof(ru));
	t_ret(13924);
	t_expect("wait4(13924, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, {ru_utime={tv_sec=0, "
		 "tv_usec=90}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 13924");
	t_x64("wait4", 13924, ST, WNOHANG, 0);
	t_expect("wait4(13924, 0x7fffffeb5ef8, WNOHANG, NULL) = 0");
	/* nothing reported: the rusage was not written, whatever its memory holds */
	t_x64("wait4", 13924, ST, WNOHANG, 0x7fffffeb5f00);
	t_out(0x7fffffeb5f00, ru, sizeof(ru));
	t_expect("wait4(13924, 0x7fffffeb5ef8, WNOHANG, 0x7fffffeb5f00) = 0");
	st = SIGKILL;
	t_x64("wait4", 13925, ST, __WALL, 0);
	t_out(ST, &st, 4);
	t_ret(13925);
	t_expect("wait4(13925, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], __WALL, NULL) = "
		 "13925");
	st = SIGSEGV | 0x80;
	t_x64("wait4", 13926, ST, 0, 0);
	t_out(ST, &st, 4);
	t_ret(13926);
	t_expect("wait4(13926, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, "
		 "NULL) = 13926");
	st = SIGSTOP << 8 | 0x7f;
	t_x64("wait4", 13926, ST, WUNTRACED, 0);
	t_out(ST, &st, 4);
	t_ret(13926);
	t_expect("wait4(13926, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = "
		 "13926");
	st = 0xffff;
	t_x64("wait4", 13926, ST, WCONTINUED, 0);
	t_out(ST, &st, 4);
	t_ret(13926);
	t_expect("wait4(13926, [{WIFCONTINUED(s)}], WCONTINUED, NULL) = 13926");
	st = (SIGTRAP | 0x80) << 8 | 0x7f;
	t_x64("wait4", 16967, ST, WSTOPPED | __WALL, 0);
	t_out(ST, &st, 4);
	t_ret(16967);
	t_expect("wait4(16967, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80}], "
		 "WSTOPPED|__WALL, "
		 "NULL) = 16967");
	t_x64("wait4", (uint64_t)-1, ST, 0, 0);
	t_ret(-ECHILD);
	t_expect("wait4(-1, 0x7fffffeb5ef8, 0, NULL) = -1 ECHILD (No child processes)");
	t_x64("wait4", (uint64_t)-1, 0, 0, 0);
	t_ret(-ECHILD);
	t_expect("wait4(-1, NULL, 0, NULL) = -1 ECHILD (No child processes)");
	t_x64("wait4", 0, 0, 0xffffffff, 0);
	t_ret(-EINVAL);
	t_expect("wait4(0, NULL, WNOHANG|WEXITED|WSTOPPED|WCONTINUED|WNOWAIT|__WCLONE|__WALL|"
		 "__WNOTHREAD|0x1efffff0, NULL) = -1 EINVAL (Invalid argument)");
	/* still waiting when the tracee died */
	t_x64("wait4", (uint64_t)-1, ST, 0, 0);
	t_unfinished();
	t_expect("wait4(-1, 0x7fffffeb5ef8, 0, NULL) = ?");
	/* i386 waitpid has no rusage */
	st = 0;
	t_i386("waitpid", 0xffffffff, 0xffd00000, 0);
	t_out(0xffd00000, &st, 4);
	t_ret(200);
	t_expect("waitpid(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0) = 200");
}

static void test_waitid(void **state)
{
	siginfo_t si = { 0 };

	(void)state;
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 13927;
	si.si_status = 7;
	t_x64("waitid", P_PID, 13927, ST, WEXITED, 0);
	t_out(ST, &si, sizeof(si));
	t_expect("waitid(P_PID, 13927, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=13927, "
		 "si_uid=0, si_status=7, si_utime=0, si_stime=0}, WEXITED, NULL) = 0");
	t_x64("waitid", P_ALL, 0, ST, WEXITED | WNOHANG, 0);
	t_ret(-ECHILD);
	t_expect("waitid(P_ALL, 0, 0x7fffffeb5ef8, WNOHANG|WEXITED, NULL) = -1 ECHILD (No child "
		 "processes)");
	memset(&si, 0, sizeof(si));
	t_x64("waitid", P_ALL, 0, ST, WEXITED | WNOHANG, 0);
	t_out(ST, &si, sizeof(si));
	t_expect("waitid(P_ALL, 0, {}, WNOHANG|WEXITED, NULL) = 0");
}

static void test_kill_exit(void **state)
{
	(void)state;
	t_x64("kill", 0, 0);
	t_expect("kill(0, 0) = 0");
	t_x64("kill", 13800, SIGCONT);
	t_expect("kill(13800, SIGCONT) = 0");
	t_x64("kill", 999999, 32);
	t_ret(-ESRCH);
	t_expect("kill(999999, SIGRTMIN) = -1 ESRCH (No such process)");
	t_x64("kill", 999999, 64);
	t_ret(-ESRCH);
	t_expect("kill(999999, SIGRT_32) = -1 ESRCH (No such process)");
	t_x64("kill", 999999, 65);
	t_ret(-EINVAL);
	t_expect("kill(999999, 65) = -1 EINVAL (Invalid argument)");
	t_x64("tgkill", 13800, 13800, SIGWINCH);
	t_expect("tgkill(13800, 13800, SIGWINCH) = 0");
	t_x64("tkill", 13800, 0);
	t_expect("tkill(13800, 0) = 0");
	t_x64("exit_group", 3);
	t_unfinished();
	t_expect("exit_group(3) = ?");
	t_x64("exit", 0);
	t_unfinished();
	t_expect("exit(0) = ?");
	t_x64("getpid");
	t_ret(13800);
	t_expect("getpid() = 13800");
	t_x64("getppid");
	t_ret(13796);
	t_expect("getppid() = 13796");
	t_x64("gettid");
	t_ret(13800);
	t_expect("gettid() = 13800");
}

static void test_prctl(void **state)
{
	(void)state;
	/* the 16 bytes the kernel reads (TASK_COMM_LEN) are captured, a NUL or not */
	t_x64("prctl", PR_SET_NAME, PTR, 0, 0, 0);
	t_in(PTR, "myname\0\0\0\0\0\0\0\0\0", 16);
	t_expect("prctl(PR_SET_NAME, \"myname\") = 0");
	t_x64("prctl", PR_SET_NAME, PTR, 0, 0, 0);
	t_in(PTR, "a-much-longer-th", 16);
	t_expect("prctl(PR_SET_NAME, \"a-much-longer-t\"...) = 0");
	/* fewer readable (an unmapped page within the 16 bytes): the address */
	t_x64("prctl", PR_SET_NAME, PTR, 0, 0, 0);
	t_in(PTR, "short", 5);
	t_ret(-EFAULT);
	t_expect("prctl(PR_SET_NAME, 0x7fffd65f9430) = -1 EFAULT (Bad address)");
	t_x64("prctl", PR_GET_NAME, PTR, 0, 0, 0);
	t_out(PTR, "myname\0\0\0\0\0\0\0\0\0", 16);
	t_expect("prctl(PR_GET_NAME, \"myname\") = 0");
	t_x64("prctl", PR_GET_DUMPABLE, 0, 0, 0, 0);
	t_ret(1);
	t_expect("prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
	t_x64("prctl", PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	t_expect("prctl(PR_SET_PDEATHSIG, SIGTERM) = 0");
	t_x64("prctl", PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	t_expect("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
	t_x64("prctl", PR_CAPBSET_READ, 0, 0, 0, 0);
	t_ret(1);
	t_expect("prctl(PR_CAPBSET_READ, CAP_CHOWN) = 1");
	t_x64("prctl", PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x7fa0af1e3000, 4096, PTR);
	t_str(PTR, "x");
	t_ret(-EINVAL);
	t_expect("prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x7fa0af1e3000, 4096, \"x\") = "
		 "-1 EINVAL (Invalid argument)");
	t_x64("prctl", 0x59616d61, 1, 0, 0, 0);
	t_ret(-EINVAL);
	t_expect("prctl(PR_SET_PTRACER, 1) = -1 EINVAL (Invalid argument)");
	t_x64("prctl", 12345, 1, 2, 3, 4);
	t_ret(-EINVAL);
	t_expect("prctl(0x3039 /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)");

	t_x64("arch_prctl", ARCH_GET_FS, PTR);
	t_out(PTR, &(uint64_t){ 0x7fa0aeff4740 }, 8);
	t_expect("arch_prctl(ARCH_GET_FS, [0x7fa0aeff4740]) = 0");
	t_x64("arch_prctl", ARCH_SET_FS, 0x7f247ca67740);
	t_expect("arch_prctl(ARCH_SET_FS, 0x7f247ca67740) = 0");
	t_x64("arch_prctl", 0x3001, 0);
	t_ret(-EINVAL);
	t_expect("arch_prctl(0x3001 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)");
}

static void test_misc(void **state)
{
	uint64_t rl[2] = { 20000, 20000 }, inf[2] = { 8192 * 1024, UINT64_MAX };
	uint32_t rl32[2] = { 8192 * 1024, UINT32_MAX };

	(void)state;
	t_x64("set_tid_address", 0x7f247ca67a10);
	t_ret(12733);
	t_expect("set_tid_address(0x7f247ca67a10) = 12733");
	t_x64("set_robust_list", 0x7f247ca67a20, 24);
	t_expect("set_robust_list(0x7f247ca67a20, 24) = 0");
	t_x64("rseq", 0x7f247ca68060, 0x20, 0, 0x53053053);
	t_expect("rseq(0x7f247ca68060, 0x20, 0, 0x53053053) = 0");
	t_x64("prlimit64", 0, RLIMIT_NOFILE, 0, PTR);
	t_out(PTR, rl, sizeof(rl));
	t_expect("prlimit64(0, RLIMIT_NOFILE, NULL, {rlim_cur=20000, rlim_max=20000}) = 0");
	t_x64("prlimit64", 0, RLIMIT_STACK, 0, PTR);
	t_out(PTR, inf, sizeof(inf));
	t_expect("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) "
		 "= 0");
	rl[0] = 1024;
	t_x64("prlimit64", 0, RLIMIT_NOFILE, PTR, 0);
	t_in(PTR, rl, sizeof(rl));
	t_expect("prlimit64(0, RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=20000}, NULL) = 0");
	t_x64("prlimit64", 0, 99, 0, 0);
	t_ret(-EINVAL);
	t_expect("prlimit64(0, 0x63 /* RLIMIT_??? */, NULL, NULL) = -1 EINVAL (Invalid argument)");
	t_i386("ugetrlimit", RLIMIT_STACK, 0xffd00000);
	t_out(0xffd00000, rl32, sizeof(rl32));
	t_expect("ugetrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM_INFINITY}) = 0");
	t_i386("prlimit64", 0, RLIMIT_STACK, 0, 0xffd00000);
	t_out(0xffd00000, inf, sizeof(inf));
	t_expect("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) "
		 "= 0");
}

static void test_i386_tls_uname(void **state)
{
	uint32_t in[4] = { 0xffffffff, 0xf7ed4540, 0xfffff, 0x51 },
		 out[4] = { 12, 0xf7ed4540, 0xfffff, 0x51 };
	char uts[6 * 65] = { 0 };

	(void)state;
	t_i386("set_thread_area", 0xffd00000);
	t_in(0xffd00000, in, sizeof(in));
	t_out(0xffd00000, out, sizeof(out));
	t_expect("set_thread_area({entry_number=-1, base_addr=0xf7ed4540, limit=0x0fffff, "
		 "seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, "
		 "useable=1}) = 0 (entry_number=12)");
	t_i386("set_thread_area", 0xffd00000);
	t_ret(-EFAULT);
	t_expect("set_thread_area(0xffd00000) = -1 EFAULT (Bad address)");

	strcpy(uts, "Linux");
	strcpy(uts + 65, "vm");
	t_x64("uname", PTR);
	t_out(PTR, uts, sizeof(uts));
	t_expect("uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");
	t_x64("uname", 0);
	t_ret(-EFAULT);
	t_expect("uname(NULL) = -1 EFAULT (Bad address)");
}

static void test_affinity_times(void **state)
{
	uint8_t mask[128] = { 0x3 };
	int64_t tms[4] = { 150, 0, 0, 0 }, itv[4] = { 0, 0, 9, 998360 };

	(void)state;
	t_x64("sched_getaffinity", 0, 128, PTR);
	t_out(PTR, mask, 32);
	t_ret(32);
	t_expect("sched_getaffinity(0, 128, [0 1]) = 32");
	mask[0] = 2;
	t_x64("sched_setaffinity", 0, 128, PTR);
	t_in(PTR, mask, 128);
	t_expect("sched_setaffinity(0, 128, [1]) = 0");
	t_x64("sched_getaffinity", 0, 1, PTR);
	t_ret(-EINVAL);
	t_expect("sched_getaffinity(0, 1, 0x7fffd65f9430) = -1 EINVAL (Invalid argument)");
	t_x64("times", PTR);
	t_out(PTR, tms, sizeof(tms));
	t_ret(1718320998);
	t_expect("times({tms_utime=150 /* 1.50 s */, tms_stime=0, tms_cutime=0, tms_cstime=0}) = "
		 "1718320998");
	t_x64("getitimer", ITIMER_REAL, PTR);
	t_out(PTR, itv, sizeof(itv));
	t_expect("getitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=9, "
		 "tv_usec=998360}}) = 0");
	t_x64("getpriority", PRIO_PROCESS, 0);
	t_ret(20);
	t_expect("getpriority(PRIO_PROCESS, 0) = 20");
}

/*
 * kexec_load's architecture above its flags; modify_ldt's int error returned
 * through a long: the number, and the errno it means; restart_syscall's
 * previous call (strace 6.1)
 */
static void test_kexec_modify_ldt(void **state)
{
	(void)state;
	t_x64("kexec_load", 0, 0, 0, 0xdead0000);
	t_ret(-ENOSYS);
	t_expect("kexec_load(NULL, 0, NULL, 0xdead0000 /* KEXEC_ARCH_??? */) = -1 ENOSYS "
		 "(Function not implemented)");
	t_x64("kexec_load", 0x1000, 2, 0x7fffffeb5000, KEXEC_ARCH_X86_64 | KEXEC_ON_CRASH | 0x10);
	t_ret(-EPERM);
	t_expect("kexec_load(0x1000, 2, 0x7fffffeb5000, KEXEC_ARCH_X86_64|KEXEC_ON_CRASH|0x10) = "
		 "-1 EPERM (Operation not permitted)");
	t_x64("kexec_load", 0, 0, 0, 0);
	t_ret(-EPERM);
	t_expect("kexec_load(NULL, 0, NULL, KEXEC_ARCH_DEFAULT) = -1 EPERM (Operation not "
		 "permitted)");
	t_x64("modify_ldt", 9, 0xbadc0ded000, 0);
	t_ret(4294967258ll);
	t_expect("modify_ldt(9, 0xbadc0ded000, 0) = 4294967258 ENOSYS (Function not implemented)");
	t_x64("modify_ldt", 0, 0x7fffffeb5000, 16);
	t_ret(16);
	t_expect("modify_ldt(0, 0x7fffffeb5000, 16) = 16");
	/* restart_syscall names the thread's previous call, as the session saw it */
	t_x64("restart_syscall", 0);
	t_rec.prev_call = "rt_sigsuspend";
	t_ret(-EINTR);
	t_expect("restart_syscall(<... resuming interrupted rt_sigsuspend ...>) = -1 EINTR "
		 "(Interrupted system call)");
	t_x64("restart_syscall", 0);
	t_expect("restart_syscall(<... resuming interrupted system call ...>) = 0");
}

/* kcmp by type, scheduling policies, unshare's flag order (strace 6.1) */
static void test_kcmp_sched_unshare(void **state)
{
	(void)state;
	t_x64("kcmp", 30429, 30429, KCMP_FILE, 0x100000001ull, 1);
	t_expect("kcmp(30429, 30429, KCMP_FILE, 1, 1) = 0");
	t_x64("kcmp", 30429, 30429, KCMP_VM, 0x100000001ull, 1);
	t_expect("kcmp(30429, 30429, KCMP_VM) = 0");
	t_x64("kcmp", 30429, 30429, KCMP_EPOLL_TFD, 0x100000001ull, 1);
	t_ret(-EFAULT);
	t_expect("kcmp(30429, 30429, KCMP_EPOLL_TFD, 1, 0x1) = -1 EFAULT (Bad address)");
	t_x64("kcmp", 30429, 30429, 8, 0x100000001ull, 1);
	t_ret(-EINVAL);
	t_expect("kcmp(30429, 30429, 0x8 /* KCMP_??? */, 0x100000001, 0x1) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("sched_getscheduler", 0);
	t_expect("sched_getscheduler(0) = 0 (SCHED_OTHER)");
	t_x64("sched_getscheduler", 99999999);
	t_ret(-ESRCH);
	t_expect("sched_getscheduler(99999999) = -1 ESRCH (No such process)");
	t_x64("sched_setscheduler", 0, 99, 0);
	t_ret(-EINVAL);
	t_expect(
		"sched_setscheduler(0, 0x63 /* SCHED_??? */, NULL) = -1 EINVAL (Invalid argument)");
	t_x64("sched_setscheduler", 0, 4, 0);
	t_ret(-EINVAL);
	t_expect("sched_setscheduler(0, SCHED_ISO, NULL) = -1 EINVAL (Invalid argument)");
	t_x64("unshare", 0x400 | 0x20000 | 0x80);
	t_expect("unshare(CLONE_NEWTIME|CLONE_FILES|CLONE_NEWNS) = 0");
	t_x64("personality", 0);
	t_expect("personality(PER_LINUX) = 0 (PER_LINUX)");
	t_x64("personality", 0x441234);
	t_ret(8);
	t_expect("personality(0x34 /* PER_??? */|ADDR_NO_RANDOMIZE|READ_IMPLIES_EXEC|0x1200) = 0x8 "
		 "(PER_LINUX32)");
	t_x64("ioprio_get", 2, 0);
	t_ret(16388);
	t_expect("ioprio_get(IOPRIO_WHO_PGRP, 0) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))");
	t_x64("ioprio_set", 9, 0, (9 << 13) | 7);
	t_ret(-EPERM);
	t_expect(
		"ioprio_set(0x9 /* IOPRIO_WHO_??? */, 0, IOPRIO_PRIO_VALUE(0x9 /* IOPRIO_CLASS_??? */, "
		"7)) = -1 EPERM (Operation not permitted)");
	t_x64("personality", 0xffffffff);
	t_ret(0x40000);
	t_expect("personality(0xffffffff) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)");
}

/* capget/capset: the sets as strace prints them (strace 6.1) */
static void test_caps(void **state)
{
	uint32_t h3[2] = { _LINUX_CAPABILITY_VERSION_3, 0 }, hbad[2] = { 0x1234, 0 };
	uint32_t d[6] = { 1, 3, 0, 0, 0x80000001u, 0x80000000u };

	(void)state;
	t_x64("capset", PTR, ARGS);
	t_in(PTR, h3, sizeof(h3));
	t_in(ARGS, d, sizeof(d));
	t_expect("capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_CHOWN, "
		 "permitted=1<<CAP_CHOWN|1<<CAP_DAC_OVERRIDE|1<<CAP_MAC_OVERRIDE|0x80000000, "
		 "inheritable=0x80000000 /* CAP_??? */}) = 0");
	/* strace 6.1 -X raw and verbose: each word with bits as its own number */
	t_x64("capset", PTR, ARGS);
	t_in(PTR, h3, sizeof(h3));
	t_in(ARGS, ((uint32_t[]){ 5, 0x80000005u, 0, 0, 0x1ff, 0 }), sizeof(d));
	t_expect_raw("capset({version=0x20080522, pid=0}, {effective=0x5, "
		     "permitted=0x80000005|0x1ff, inheritable=0}) = 0");
	t_expect_verbose(
		"capset({version=0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, pid=0}, "
		"{effective=0x5 /* 1<<CAP_CHOWN|1<<CAP_DAC_READ_SEARCH */, "
		"permitted=0x80000005 /* 1<<CAP_CHOWN|1<<CAP_DAC_READ_SEARCH|1<<CAP_SETFCAP "
		"*/|0x1ff /* 1<<CAP_MAC_OVERRIDE|1<<CAP_MAC_ADMIN|1<<CAP_SYSLOG|"
		"1<<CAP_WAKE_ALARM|1<<CAP_BLOCK_SUSPEND|1<<CAP_AUDIT_READ|1<<CAP_PERFMON|"
		"1<<CAP_BPF|1<<CAP_CHECKPOINT_RESTORE */, inheritable=0}) = 0");
	t_x64("capget", PTR, 0);
	t_in(PTR, h3, sizeof(h3));
	t_expect("capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, NULL) = 0");
	t_x64("capget", PTR, ARGS);
	t_in(PTR, hbad, sizeof(hbad));
	t_ret(-EINVAL);
	t_expect("capget({version=0x1234 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, "
		 "0x7fffffeb5000) = -1 EINVAL (Invalid argument)");
	t_x64("capget", 0, 0);
	t_ret(-EFAULT);
	t_expect("capget(NULL, NULL) = -1 EFAULT (Bad address)");
	t_x64("setgroups", 3, ARGS);
	t_in(ARGS, (uint32_t[]){ 0, 5, 100 }, 12);
	t_expect("setgroups(3, [0, 5, 100]) = 0");
	t_x64("getgroups", 0, 0);
	t_ret(3);
	t_expect("getgroups(0, NULL) = 3");
	t_x64("getgroups", 3, ARGS);
	t_out(ARGS, (uint32_t[]){ 0, 5, 100 }, 12);
	t_ret(3);
	t_expect("getgroups(3, [0, 5, 100]) = 3");
	t_x64("getgroups", 1, ARGS);
	t_ret(-EINVAL);
	t_expect("getgroups(1, 0x7fffffeb5000) = -1 EINVAL (Invalid argument)");
	t_x64("membarrier", 0, 0, 0);
	t_ret(0x3ff);
	t_expect(
		"membarrier(MEMBARRIER_CMD_QUERY, 0) = 0x3ff (MEMBARRIER_CMD_GLOBAL|"
		"MEMBARRIER_CMD_GLOBAL_EXPEDITED|MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED|"
		"MEMBARRIER_CMD_PRIVATE_EXPEDITED|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED|"
		"MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE|"
		"MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE|"
		"MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ|"
		"0x200)");
	t_x64("membarrier", 99, 5, 0);
	t_ret(-EINVAL);
	t_expect("membarrier(0x63 /* MEMBARRIER_CMD_??? */, MEMBARRIER_CMD_FLAG_CPU|0x4, 0) = -1 "
		 "EINVAL (Invalid argument)");
	t_x64("sched_getattr", 0, ARGS, 56, 0);
	t_out(ARGS, (uint32_t[]){ 56, 0, 0, 0, 0, 0, 2800000, 0, 0, 0, 0, 0, 0, 1024 }, 56);
	t_expect(
		"sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, "
		"sched_priority=0, sched_runtime=2800000, sched_deadline=0, sched_period=0, "
		"sched_util_min=0, sched_util_max=1024}, 56, 0) = 0");
	t_x64("sched_setattr", 0, ARGS, 0);
	t_in(ARGS, (uint32_t[]){ 48, 3, 1, 0, 19, 0, 0, 0, 0, 0, 0, 0 }, 48);
	t_ret(-EINVAL);
	t_expect("sched_setattr(0, {size=48, sched_policy=SCHED_BATCH, "
		 "sched_flags=SCHED_FLAG_RESET_ON_FORK, sched_nice=19, sched_priority=0, "
		 "sched_runtime=0, sched_deadline=0, sched_period=0}, 0) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("mlockall", MCL_CURRENT | MCL_FUTURE);
	t_expect("mlockall(MCL_CURRENT|MCL_FUTURE) = 0");
	t_x64("sync_file_range", -1, 0, 0, 7);
	t_ret(-EBADF);
	t_expect("sync_file_range(-1, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|"
		 "SYNC_FILE_RANGE_WAIT_AFTER) = -1 EBADF (Bad file descriptor)");
	t_x64("msync", 0, 0, 7);
	t_ret(-EINVAL);
	t_expect("msync(NULL, 0, MS_SYNC|MS_ASYNC|MS_INVALIDATE) = -1 EINVAL (Invalid argument)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_caps, t_teardown),
		cmocka_unit_test_teardown(test_kcmp_sched_unshare, t_teardown),
		cmocka_unit_test_teardown(test_clone, t_teardown),
		cmocka_unit_test_teardown(test_clone3, t_teardown),
		cmocka_unit_test_teardown(test_execve, t_teardown),
		cmocka_unit_test_teardown(test_wait4, t_teardown),
		cmocka_unit_test_teardown(test_waitid, t_teardown),
		cmocka_unit_test_teardown(test_kill_exit, t_teardown),
		cmocka_unit_test_teardown(test_prctl, t_teardown),
		cmocka_unit_test_teardown(test_misc, t_teardown),
		cmocka_unit_test_teardown(test_kexec_modify_ldt, t_teardown),
		cmocka_unit_test_teardown(test_i386_tls_uname, t_teardown),
		cmocka_unit_test_teardown(test_affinity_times, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
