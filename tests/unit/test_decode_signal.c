// SPDX-License-Identifier: MIT
/* Signal calls and siginfo against strace 6.1's output. */
#include "test_decode_common.h"

#include <time.h>

#include <signal.h>

#define ACT 0x7ffd00001000ull
#define OLD 0x7ffd00002000ull
#define SET 0x7ffd00003000ull
#define OSET 0x7ffd00004000ull
#define SA_RESTORER_ 0x04000000

struct k_sigaction {
	uint64_t handler, flags, restorer, mask;
};

/* The kernel's 32 bytes, and the 56 more of strace's struct (a 64-byte mask) readable. */
static void t_in_act(uint64_t addr, const struct k_sigaction *a)
{
	uint8_t buf[88] = { 0 };

	memcpy(buf, a, sizeof(*a));
	t_in(addr, buf, sizeof(buf));
}

static void t_out_act(uint64_t addr, const struct k_sigaction *a)
{
	uint8_t buf[88] = { 0 };

	memcpy(buf, a, sizeof(*a));
	t_out(addr, buf, sizeof(buf));
}

#define BIT(sig) (1ull << ((sig)-1))

static void test_sigaction(void **state)
{
	struct k_sigaction act = { 0x55a580baf159, SA_RESTORER_ | SA_RESTART | SA_SIGINFO, 0x1234,
				   BIT(SIGCHLD) | BIT(SIGINT) };
	struct k_sigaction old = { 0 };
	struct k_sigaction ign = { 1, SA_RESTORER_, 0x1234, 0 };
	struct k_sigaction dfl = { 0, 0, 0, ~0ull };
	struct k_sigaction all = { 0, 0xffffffff, 0, 0 };

	(void)state;
	t_x64("rt_sigaction", SIGUSR1, ACT, OLD, 8);
	t_in_act(ACT, &act);
	t_out_act(OLD, &old);
	t_expect("rt_sigaction(SIGUSR1, {sa_handler=0x55a580baf159, sa_mask=[INT CHLD], "
		 "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x1234}, "
		 "{sa_handler=SIG_DFL, "
		 "sa_mask=[], sa_flags=0}, 8) = 0");
	/* only the kernel's 32 bytes readable: strace prints the address */
	t_x64("rt_sigaction", SIGPIPE, ACT, 0, 8);
	t_in(ACT, &ign, sizeof(ign));
	t_expect("rt_sigaction(SIGPIPE, 0x7ffd00001000, NULL, 8) = 0");
	t_x64("rt_sigaction", SIGPIPE, ACT, 0, 8);
	t_in_act(ACT, &ign);
	t_expect("rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, "
		 "sa_restorer=0x1234}, NULL, 8) = 0");
	t_x64("rt_sigaction", 36, ACT, 0, 8);
	t_in_act(ACT, &dfl);
	t_expect("rt_sigaction(SIGRT_4, {sa_handler=SIG_DFL, sa_mask=~[], sa_flags=0}, NULL, 8) = "
		 "0");
	t_x64("rt_sigaction", SIGKILL, ACT, OLD, 8);
	t_in_act(ACT, &dfl);
	t_ret(-EINVAL);
	t_expect("rt_sigaction(SIGKILL, {sa_handler=SIG_DFL, sa_mask=~[], sa_flags=0}, "
		 "0x7ffd00002000, "
		 "8) = -1 EINVAL (Invalid argument)");
	t_x64("rt_sigaction", 999, ACT, 0, 8);
	t_in_act(ACT, &all);
	t_ret(-EINVAL);
	t_expect("rt_sigaction(999, {sa_handler=SIG_DFL, sa_mask=[], "
		 "sa_flags=SA_RESTORER|SA_ONSTACK|"
		 "SA_RESTART|SA_INTERRUPT|SA_NODEFER|SA_RESETHAND|SA_SIGINFO|SA_NOCLDSTOP|SA_"
		 "NOCLDWAIT|"
		 "0x3fffff8, sa_restorer=NULL}, NULL, 8) = -1 EINVAL (Invalid argument)");
	t_x64("rt_sigaction", 32, 0, 0, 8);
	t_expect("rt_sigaction(SIGRTMIN, NULL, NULL, 8) = 0");
	/* i386: 32-bit handler, flags and restorer */
	{
		uint32_t a32[5] = { 0x56556189, SA_RESTORER_ | SA_RESTART, 0xf7d5a5a0, 0, 0 };

		a32[3] = BIT(SIGTERM);
		t_i386("rt_sigaction", SIGINT, 0xffd00000, 0, 8);
		t_in(0xffd00000, a32, 20);
		t_expect("rt_sigaction(SIGINT, {sa_handler=0x56556189, sa_mask=[TERM], "
			 "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0xf7d5a5a0}, NULL, 8) = 0");
	}
}

static void test_sigprocmask(void **state)
{
	uint64_t set = BIT(SIGCHLD), empty = 0, full = ~0ull;
	uint64_t kill_stop = ~(BIT(SIGKILL) | BIT(SIGSTOP)), half = 0xffffffffull;
	uint64_t rt = 3ull << 32 | 1, rtmax = 1ull << 63 | 1ull << 31;

	(void)state;
	t_x64("rt_sigprocmask", SIG_BLOCK, SET, OSET, 8);
	t_in(SET, &set, 8);
	t_out(OSET, &empty, 8);
	t_expect("rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0");
	t_x64("rt_sigprocmask", SIG_SETMASK, SET, 0, 8);
	t_in(SET, &empty, 8);
	t_expect("rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0");
	t_x64("rt_sigprocmask", SIG_BLOCK, SET, OSET, 8);
	t_in(SET, &full, 8);
	t_out(OSET, &empty, 8);
	t_expect("rt_sigprocmask(SIG_BLOCK, ~[], [], 8) = 0");
	t_x64("rt_sigprocmask", SIG_UNBLOCK, SET, OSET, 8);
	t_in(SET, &kill_stop, 8);
	t_out(OSET, &kill_stop, 8);
	t_expect("rt_sigprocmask(SIG_UNBLOCK, ~[KILL STOP], ~[KILL STOP], 8) = 0");
	t_x64("rt_sigprocmask", SIG_UNBLOCK, SET, 0, 8);
	t_in(SET, &half, 8);
	t_expect("rt_sigprocmask(SIG_UNBLOCK, [HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV "
		 "USR2 "
		 "PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF "
		 "WINCH "
		 "IO PWR SYS RTMIN], NULL, 8) = 0");
	t_x64("rt_sigprocmask", SIG_UNBLOCK, SET, 0, 8);
	t_in(SET, &rt, 8);
	t_expect("rt_sigprocmask(SIG_UNBLOCK, [HUP RT_1 RT_2], NULL, 8) = 0");
	t_x64("rt_sigprocmask", SIG_UNBLOCK, 8, 0, 8);
	t_ret(-EFAULT);
	t_expect("rt_sigprocmask(SIG_UNBLOCK, 0x8, NULL, 8) = -1 EFAULT (Bad address)");
	/* strace reads a set only of a sane size */
	t_x64("rt_sigprocmask", SIG_BLOCK, SET, 0, 4);
	t_in(SET, &rtmax, 8);
	t_ret(-EINVAL);
	t_expect("rt_sigprocmask(SIG_BLOCK, 0x7ffd00003000, NULL, 4) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("rt_sigprocmask", 5, SET, 0, 8);
	t_in(SET, &rtmax, 8);
	t_ret(-EINVAL);
	t_expect("rt_sigprocmask(0x5 /* SIG_??? */, [RTMIN RT_32], NULL, 8) = -1 EINVAL (Invalid "
		 "argument)");
	/* the old set is not written when the call fails */
	t_x64("rt_sigprocmask", 5, SET, OSET, 8);
	t_in(SET, &set, 8);
	t_ret(-EINVAL);
	t_expect("rt_sigprocmask(0x5 /* SIG_??? */, [CHLD], 0x7ffd00004000, 8) = -1 EINVAL "
		 "(Invalid argument)");
	/* i386: a 4-byte set is a word */
	t_i386("rt_sigprocmask", SIG_BLOCK, 0xffd00000, 0, 4);
	t_in(0xffd00000, &set, 4);
	t_expect("rt_sigprocmask(SIG_BLOCK, [CHLD], NULL, 4) = 0");
	t_x64("rt_sigpending", SET, 8);
	t_out(SET, &empty, 8);
	t_expect("rt_sigpending([], 8) = 0");
	t_x64("rt_sigsuspend", 0, 8);
	t_ret(-EFAULT);
	t_expect("rt_sigsuspend(NULL, 8) = -1 EFAULT (Bad address)");
	t_x64("rt_sigreturn");
	t_ret(0);
	t_expect("rt_sigreturn() = 0");
}

static void test_sigaltstack(void **state)
{
	uint64_t off[3] = { 0, 2, 0 }, ss[3] = { 0x1000, 0, 8192 }, dis[3] = { 0x1000, 2, 8192 };
	uint64_t bad[3] = { 0, 0xff, 0 };

	(void)state;
	t_x64("sigaltstack", 0, OLD);
	t_out(OLD, off, sizeof(off));
	t_expect("sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0");
	t_x64("sigaltstack", ACT, OLD);
	t_in(ACT, ss, sizeof(ss));
	t_out(OLD, off, sizeof(off));
	t_expect("sigaltstack({ss_sp=0x1000, ss_flags=0, ss_size=8192}, {ss_sp=NULL, "
		 "ss_flags=SS_DISABLE, ss_size=0}) = 0");
	t_x64("sigaltstack", ACT, 0);
	t_in(ACT, dis, sizeof(dis));
	t_expect("sigaltstack({ss_sp=0x1000, ss_flags=SS_DISABLE, ss_size=8192}, NULL) = 0");
	t_x64("sigaltstack", ACT, 0);
	t_in(ACT, bad, sizeof(bad));
	t_ret(-EINVAL);
	t_expect("sigaltstack({ss_sp=NULL, ss_flags=SS_ONSTACK|SS_DISABLE|0xfc, ss_size=0}, NULL) "
		 "= "
		 "-1 EINVAL (Invalid argument)");
	t_x64("sigaltstack", 0, 0);
	t_expect("sigaltstack(NULL, NULL) = 0");
}

static void test_siginfo(void **state)
{
	siginfo_t si = { 0 };
	char buf[256];

	(void)state;
	si.si_signo = SIGCHLD;
	si.si_code = CLD_KILLED;
	si.si_pid = 13925;
	si.si_status = SIGKILL;
	hy_format_siginfo(&si, SIGCHLD, buf, sizeof(buf));
	assert_string_equal(buf, "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=13925, "
				 "si_uid=0, si_status=SIGKILL, si_utime=0, si_stime=0}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGWINCH;
	si.si_code = SI_TKILL;
	si.si_pid = 13800;
	hy_format_siginfo(&si, SIGWINCH, buf, sizeof(buf));
	assert_string_equal(buf, "SIGWINCH {si_signo=SIGWINCH, si_code=SI_TKILL, si_pid=13800, "
				 "si_uid=0}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_MAPERR;
	si.si_addr = (void *)0x1000;
	hy_format_siginfo(&si, SIGSEGV, buf, sizeof(buf));
	assert_string_equal(buf, "SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x1000}");
	/* a clone child's exit signal other than SIGCHLD */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = CLD_EXITED;
	si.si_pid = 14348;
	hy_format_siginfo(&si, SIGUSR1, buf, sizeof(buf));
	assert_string_equal(buf, "SIGUSR1 {si_signo=SIGUSR1, si_code=0x1, si_pid=14348, si_uid=0}");
	/* clock ticks come with the seconds they make */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 42;
	si.si_stime = 1;
	si.si_utime = 150;
	hy_format_siginfo(&si, SIGCHLD, buf, sizeof(buf));
	assert_string_equal(buf, "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, "
				 "si_uid=0, "
				 "si_status=0, si_utime=150 /* 1.50 s */, si_stime=1 /* 0.01 s "
				 "*/}");
	hy_format_siginfo(NULL, SIGIO, buf, sizeof(buf));
	assert_string_equal(buf, "SIGIO");
	/* a queued value as both views of the union; si_errno by name */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_errno = ENOENT;
	si.si_pid = 42;
	si.si_uid = 7;
	si.si_value.sival_int = 0x1234;
	hy_format_siginfo(&si, SIGUSR2, buf, sizeof(buf));
	assert_string_equal(buf, "SIGUSR2 {si_signo=SIGUSR2, si_code=SI_QUEUE, si_errno=ENOENT, "
				 "si_pid=42, si_uid=7, si_int=4660, si_ptr=0x1234}");
}

/* strace -X raw and -X verbose (strace 6.1's lines): the leading name stays */
static void test_siginfo_styles(void **state)
{
	siginfo_t si = { 0 };
	char buf[256];

	(void)state;
	si.si_signo = SIGUSR1;
	si.si_code = SI_USER;
	si.si_pid = 11196;
	hy_format_siginfo_flags(&si, SIGUSR1, HY_WRITER_CONSTS_RAW, buf, sizeof(buf));
	assert_string_equal(buf, "SIGUSR1 {si_signo=10, si_code=0, si_pid=11196, si_uid=0}");
	hy_format_siginfo_flags(&si, SIGUSR1, HY_WRITER_CONSTS_VERBOSE, buf, sizeof(buf));
	assert_string_equal(buf, "SIGUSR1 {si_signo=10 /* SIGUSR1 */, si_code=0 /* SI_USER */, "
				 "si_pid=11196, si_uid=0}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 11399;
	si.si_status = 3;
	hy_format_siginfo_flags(&si, SIGCHLD, HY_WRITER_CONSTS_RAW, buf, sizeof(buf));
	assert_string_equal(buf, "SIGCHLD {si_signo=17, si_code=0x1, si_pid=11399, si_uid=0, "
				 "si_status=3, si_utime=0, si_stime=0}");
	hy_format_siginfo_flags(&si, SIGCHLD, HY_WRITER_CONSTS_VERBOSE, buf, sizeof(buf));
	assert_string_equal(buf,
			    "SIGCHLD {si_signo=17 /* SIGCHLD */, si_code=0x1 /* CLD_EXITED */, "
			    "si_pid=11399, si_uid=0, si_status=3, si_utime=0, si_stime=0}");
}

/* a seccomp RET_TRAP's SIGSYS in the three styles (strace 6.1's lines, /tmp/strap) */
static void test_siginfo_sigsys(void **state)
{
	siginfo_t si = { 0 };
	char buf[512];

	(void)state;
	si.si_signo = SIGSYS;
	si.si_code = 1; /* SYS_SECCOMP */
	si.si_errno = 5;
	si.si_call_addr = (void *)0x7fd765add829;
	si.si_syscall = 110;
	si.si_arch = 0xc000003e;
	hy_format_siginfo(&si, SIGSYS, buf, sizeof(buf));
	assert_string_equal(buf, "SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_errno=EIO, "
				 "si_call_addr=0x7fd765add829, si_syscall=__NR_getppid, "
				 "si_arch=AUDIT_ARCH_X86_64}");
	hy_format_siginfo_flags(&si, SIGSYS, HY_WRITER_CONSTS_RAW, buf, sizeof(buf));
	assert_string_equal(buf,
			    "SIGSYS {si_signo=31, si_code=0x1, si_errno=5, "
			    "si_call_addr=0x7fd765add829, si_syscall=110, si_arch=0xc000003e}");
	hy_format_siginfo_flags(&si, SIGSYS, HY_WRITER_CONSTS_VERBOSE, buf, sizeof(buf));
	assert_string_equal(buf, "SIGSYS {si_signo=31 /* SIGSYS */, si_code=0x1 /* SYS_SECCOMP */, "
				 "si_errno=5 /* EIO */, si_call_addr=0x7fd765add829, "
				 "si_syscall=110 /* __NR_getppid */, "
				 "si_arch=0xc000003e /* AUDIT_ARCH_X86_64 */}");
}

/* timer_create's sigevent (strace 6.1) */
static void test_sigevent(void **state)
{
	struct {
		uint64_t value;
		int32_t signo, notify;
		uint64_t fn, attr;
	} se = { 0x1234, 34, SIGEV_THREAD_ID, 17086, 0 };
	int32_t id = 1;

	(void)state;
	t_x64("timer_create", CLOCK_REALTIME, 0x7ffdeb4f3800ull, 0x7ffdeb4f38c8ull);
	t_in(0x7ffdeb4f3800ull, &se, sizeof(se));
	t_out(0x7ffdeb4f38c8ull, &id, sizeof(id));
	t_expect(
		"timer_create(CLOCK_REALTIME, {sigev_value={sival_int=4660, sival_ptr=0x1234}, "
		"sigev_signo=SIGRT_2, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=17086}, "
		"[1]) = 0");
	se.notify = SIGEV_THREAD;
	se.fn = 0x10;
	se.attr = 0x20;
	t_x64("timer_create", CLOCK_REALTIME, 0x7ffdeb4f3800ull, 0x7ffdeb4f38c8ull);
	t_in(0x7ffdeb4f3800ull, &se, sizeof(se));
	t_out(0x7ffdeb4f38c8ull, &id, sizeof(id));
	t_expect("timer_create(CLOCK_REALTIME, {sigev_value={sival_int=4660, sival_ptr=0x1234}, "
		 "sigev_signo=SIGRT_2, sigev_notify=SIGEV_THREAD, sigev_notify_function=0x10, "
		 "sigev_notify_attributes=0x20}, [1]) = 0");
	se.notify = 99;
	t_x64("timer_create", CLOCK_REALTIME, 0x7ffdeb4f3800ull, 0x7ffdeb4f38c8ull);
	t_in(0x7ffdeb4f3800ull, &se, sizeof(se));
	t_ret(-EINVAL);
	t_expect("timer_create(CLOCK_REALTIME, {sigev_value={sival_int=4660, sival_ptr=0x1234}, "
		 "sigev_signo=34, sigev_notify=0x63 /* SIGEV_??? */}, 0x7ffdeb4f38c8) = -1 EINVAL "
		 "(Invalid argument)");
	t_x64("timer_create", CLOCK_REALTIME, 0, 0x7ffdeb4f38c8ull);
	t_out(0x7ffdeb4f38c8ull, &id, sizeof(id));
	t_expect("timer_create(CLOCK_REALTIME, NULL, [1]) = 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_sigevent, t_teardown),
		cmocka_unit_test_teardown(test_sigaction, t_teardown),
		cmocka_unit_test_teardown(test_sigprocmask, t_teardown),
		cmocka_unit_test_teardown(test_sigaltstack, t_teardown),
		cmocka_unit_test_teardown(test_siginfo, t_teardown),
		cmocka_unit_test_teardown(test_siginfo_styles, t_teardown),
		cmocka_unit_test_teardown(test_siginfo_sigsys, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
