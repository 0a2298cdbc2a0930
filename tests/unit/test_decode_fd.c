// SPDX-License-Identifier: MIT
/* Descriptor calls (fcntl, dup, pipe, lseek) against strace 6.1's output. */
#include "test_decode_common.h"

#include <fcntl.h>
#include <stdio.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>

#define BUF 0x7ffd00000200ull

static void test_fcntl_fd_flags(void **state)
{
	(void)state;
	t_x64("fcntl", 8, F_GETFD);
	t_expect("fcntl(8, F_GETFD) = 0");
	t_x64("fcntl", 8, F_GETFD);
	t_ret(1);
	t_expect("fcntl(8, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
	t_x64("fcntl", 8, F_SETFD, FD_CLOEXEC);
	t_expect("fcntl(8, F_SETFD, FD_CLOEXEC) = 0");
	t_x64("fcntl", 8, F_SETFD, 0);
	t_expect("fcntl(8, F_SETFD, 0) = 0");
}

static void test_fcntl_fl(void **state)
{
	(void)state;
	t_x64("fcntl", 8, F_GETFL);
	t_ret(0x18000);
	t_expect("fcntl(8, F_GETFL) = 0x18000 (flags O_RDONLY|O_LARGEFILE|O_DIRECTORY)");
	t_x64("fcntl", 3, F_GETFL);
	t_ret(0x8002);
	t_expect("fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)");
	t_x64("fcntl", 99, F_GETFL);
	t_ret(-EBADF);
	t_expect("fcntl(99, F_GETFL) = -1 EBADF (Bad file descriptor)");
	t_x64("fcntl", 8, F_SETFL, O_NONBLOCK | O_RDWR);
	t_expect("fcntl(8, F_SETFL, O_RDWR|O_NONBLOCK) = 0");
}

static void test_fcntl_misc(void **state)
{
	(void)state;
	t_x64("fcntl", 8, F_DUPFD, 10);
	t_ret(11);
	t_expect("fcntl(8, F_DUPFD, 10) = 11");
	t_x64("fcntl", 8, F_DUPFD_CLOEXEC, 0);
	t_ret(9);
	t_expect("fcntl(8, F_DUPFD_CLOEXEC, 0) = 9");
	t_x64("fcntl", 8, F_GETOWN);
	t_expect("fcntl(8, F_GETOWN) = 0");
	t_x64("fcntl", 8, F_SETOWN, 1);
	t_expect("fcntl(8, F_SETOWN, 1) = 0");
	t_x64("fcntl", 8, F_GETSIG);
	t_expect("fcntl(8, F_GETSIG) = 0");
	t_x64("fcntl", 8, F_GETSIG);
	t_ret(SIGIO);
	t_expect("fcntl(8, F_GETSIG) = 29 (SIGIO)");
	t_x64("fcntl", 8, F_SETSIG, SIGIO);
	t_expect("fcntl(8, F_SETSIG, SIGIO) = 0");
	t_x64("fcntl", 8, F_GETPIPE_SZ);
	t_ret(-EBADF);
	t_expect("fcntl(8, F_GETPIPE_SZ) = -1 EBADF (Bad file descriptor)");
	t_x64("fcntl", 8, F_GET_SEALS);
	t_ret(-EINVAL);
	t_expect("fcntl(8, F_GET_SEALS) = -1 EINVAL (Invalid argument)");
	t_x64("fcntl", 8, F_GETLEASE);
	t_ret(2);
	t_expect("fcntl(8, F_GETLEASE) = 0x2 (F_UNLCK)");
	t_x64("fcntl", 8, F_NOTIFY, DN_ACCESS);
	t_expect("fcntl(8, F_NOTIFY, DN_ACCESS) = 0");
	t_x64("fcntl", 99, 99, 99);
	t_ret(-EBADF);
	t_expect("fcntl(99, 0x63 /* F_??? */, 0x63) = -1 EBADF (Bad file descriptor)");
}

static void test_fcntl_lock(void **state)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };

	(void)state;
	t_x64("fcntl", 1, F_SETLK, BUF);
	t_in(BUF, &fl, sizeof(fl));
	t_ret(-EBADF);
	t_expect("fcntl(1, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=10}) = "
		 "-1 EBADF (Bad file descriptor)");
	t_x64("fcntl", 8, F_GETLK, 0);
	t_ret(-EFAULT);
	t_expect("fcntl(8, F_GETLK, NULL) = -1 EFAULT (Bad address)");
	/* not captured: the address */
	t_x64("fcntl", 1, F_SETLKW, BUF);
	t_expect("fcntl(1, F_SETLKW, 0x7ffd00000200) = 0");
	fl.l_type = F_UNLCK;
	fl.l_pid = 0;
	t_x64("fcntl", 3, F_GETLK, BUF);
	t_out(BUF, &fl, sizeof(fl));
	t_expect("fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=10, "
		 "l_pid=0}) = 0");
}

static void test_dup_pipe(void **state)
{
	int32_t fds[2] = { 13, 14 };

	(void)state;
	t_x64("dup", 1);
	t_ret(12);
	t_expect("dup(1) = 12");
	t_x64("dup2", 1, 20);
	t_ret(20);
	t_expect("dup2(1, 20) = 20");
	t_x64("dup3", 1, 21, O_CLOEXEC);
	t_ret(21);
	t_expect("dup3(1, 21, O_CLOEXEC) = 21");
	t_x64("dup3", 0, 99, 1);
	t_ret(-EINVAL);
	t_expect("dup3(0, 99, 0x1 /* O_??? */) = -1 EINVAL (Invalid argument)");

	t_x64("pipe2", BUF, O_CLOEXEC | O_NONBLOCK);
	t_out(BUF, fds, sizeof(fds));
	t_expect("pipe2([13, 14], O_NONBLOCK|O_CLOEXEC) = 0");
	t_x64("pipe2", BUF, 0);
	t_out(BUF, fds, sizeof(fds));
	t_expect("pipe2([13, 14], 0) = 0");
	t_x64("pipe", BUF);
	t_out(BUF, fds, sizeof(fds));
	t_expect("pipe([13, 14]) = 0");
	t_x64("pipe2", 0, 1);
	t_ret(-EINVAL);
	t_expect("pipe2(NULL, 0x1 /* O_??? */) = -1 EINVAL (Invalid argument)");
	/* failed: the array was not written */
	t_x64("pipe2", BUF, 0);
	t_ret(-EMFILE);
	t_expect("pipe2(0x7ffd00000200, 0) = -1 EMFILE (Too many open files)");
}

static void test_lseek(void **state)
{
	(void)state;
	t_x64("lseek", 3, 0, SEEK_SET);
	t_expect("lseek(3, 0, SEEK_SET) = 0");
	t_x64("lseek", 3, 4294967293u, SEEK_END);
	t_ret(4294967296);
	t_expect("lseek(3, 4294967293, SEEK_END) = 4294967296");
	t_x64("lseek", 3, (uint64_t)-3, SEEK_CUR);
	t_ret(7);
	t_expect("lseek(3, -3, SEEK_CUR) = 7");
	t_x64("lseek", 0, 0, 7);
	t_ret(-EINVAL);
	t_expect("lseek(0, 0, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)");
	/* i386: a 32-bit off_t */
	t_i386("lseek", 3, 0xfffffffd, SEEK_END);
	t_ret(9);
	t_expect("lseek(3, -3, SEEK_END) = 9");
}

static void test_fd_flags(void **state)
{
	int64_t its[4] = { 1, 0, 2, 0 };

	(void)state;
	t_x64("flock", 0, LOCK_EX | LOCK_NB);
	t_expect("flock(0, LOCK_EX|LOCK_NB) = 0");
	t_x64("flock", 99, LOCK_SH | LOCK_UN | LOCK_MAND | LOCK_RW);
	t_expect("flock(99, LOCK_SH|LOCK_UN|LOCK_MAND|LOCK_RW) = 0");
	t_x64("flock", 99, 0);
	t_ret(-EINVAL);
	t_expect("flock(99, 0) = -1 EINVAL (Invalid argument)");
	t_x64("fadvise64", 0, 0, 0, POSIX_FADV_DONTNEED);
	t_expect("fadvise64(0, 0, 0, POSIX_FADV_DONTNEED) = 0");
	t_x64("fadvise64", 0, 0, 0, 9);
	t_ret(-EINVAL);
	t_expect("fadvise64(0, 0, 0, 0x9 /* POSIX_FADV_??? */) = -1 EINVAL (Invalid argument)");
	t_x64("fallocate", 99, FALLOC_FL_KEEP_SIZE, 0, 10);
	t_ret(-EBADF);
	t_expect("fallocate(99, FALLOC_FL_KEEP_SIZE, 0, 10) = -1 EBADF (Bad file descriptor)");
	t_x64("inotify_init1", IN_CLOEXEC | IN_NONBLOCK);
	t_ret(3);
	t_expect("inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 3");
	t_x64("inotify_add_watch", 5, BUF, IN_CREATE | IN_DELETE);
	t_str(BUF, "/tmp");
	t_ret(1);
	t_expect("inotify_add_watch(5, \"/tmp\", IN_CREATE|IN_DELETE) = 1");
	t_x64("timerfd_create", CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	t_ret(3);
	t_expect("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3");
	t_x64("timerfd_settime", 99, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, BUF, 0);
	t_in(BUF, its, sizeof(its));
	t_ret(-EBADF);
	t_expect("timerfd_settime(99, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, "
		 "{it_interval={tv_sec=1, "
		 "tv_nsec=0}, it_value={tv_sec=2, tv_nsec=0}}, NULL) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("signalfd4", (uint64_t)-1, 0, 8, SFD_NONBLOCK | SFD_CLOEXEC);
	t_ret(-EFAULT);
	t_expect("signalfd4(-1, NULL, 8, SFD_CLOEXEC|SFD_NONBLOCK) = -1 EFAULT (Bad address)");
}

/* -y's "<path>" after a descriptor argument: every decoder prints it */
static const char *t_name_fd7(void *ctx, int pid, int fd, int result, char *buf, size_t size)
{
	(void)ctx, (void)pid, (void)result;
	if (fd != 7)
		return NULL;
	snprintf(buf, size, "/f");
	return buf;
}

/*
 * Every descriptor argument the table names (HY_A_FD) prints as "7</f>" under
 * -y, whichever decoder prints its call: a decoder of its own must name it as
 * the generic printer does (getdents64 printed a bare "7").
 */
static void test_fd_args_named(void **state)
{
	static const enum hy_abi abis[] = { HY_ABI_X86_64, HY_ABI_I386, HY_ABI_X32 };
	int bad = 0;

	(void)state;
	for (size_t a = 0; a < sizeof(abis) / sizeof(abis[0]); a++) {
		const struct hy_systable *t = hy_systable(abis[a]);

		for (unsigned int nr = 0; nr < t->size; nr++) {
			const struct hy_sysent *e = &t->ent[nr];

			for (int i = 0; e->name && i < e->nargs; i++) {
				struct hy_printer p;

				if (e->args[i].kind != HY_A_FD)
					continue;
				t_call_(abis[a], e->name, (uint64_t[]){ 0 }, 1);
				t_rec.args[i] = 7;
				hy_pr_init(&p, t_line, sizeof(t_line), 32);
				p.fd_name = t_name_fd7;
				hy_format_call(&p, &t_rec);
				if (!strstr(t_line, "7</f>")) {
					print_message("%s %s arg %d: %s\n", hy_abi_name(abis[a]),
						      e->name, i, t_line);
					bad++;
				}
			}
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fcntl_fd_flags, t_teardown),
		cmocka_unit_test_teardown(test_fcntl_fl, t_teardown),
		cmocka_unit_test_teardown(test_fcntl_misc, t_teardown),
		cmocka_unit_test_teardown(test_fcntl_lock, t_teardown),
		cmocka_unit_test_teardown(test_dup_pipe, t_teardown),
		cmocka_unit_test_teardown(test_lseek, t_teardown),
		cmocka_unit_test_teardown(test_fd_flags, t_teardown),
		cmocka_unit_test_teardown(test_fd_args_named, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
