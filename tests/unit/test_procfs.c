// SPDX-License-Identifier: MIT
/*
 * What /proc says of this process's own descriptors (hy_proc_fd_name,
 * hy_proc_fdinfo): descriptors made here, so the answers are known.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cmocka.h>

#include "hytrace.h"

static void test_fd_name(void **state)
{
	char buf[PATH_MAX], cwd[PATH_MAX], want[64];
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_true(hy_proc_fd_name(getpid(), p[0], buf, sizeof(buf)) > 0);
	assert_int_equal(strncmp(buf, "pipe:[", 6), 0);
	/* cut to the buffer, still a string */
	assert_int_equal(hy_proc_fd_name(getpid(), p[0], want, 5), 4);
	assert_string_equal(want, "pipe");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(hy_proc_fd_name(getpid(), AT_FDCWD, buf, sizeof(buf)), (int)strlen(cwd));
	assert_string_equal(buf, cwd);
	close(p[0]);
	close(p[1]);
	assert_int_equal(hy_proc_fd_name(getpid(), p[0], buf, sizeof(buf)), -ENOENT);
	assert_int_equal(hy_proc_fd_name(getpid(), -1, buf, sizeof(buf)), -EBADF);
}

static void test_fdinfo(void **state)
{
	long v = 0;
	int p[2], pidfd;

	(void)state;
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	/* flags: in octal, O_CLOEXEC among them */
	assert_int_equal(hy_proc_fdinfo(getpid(), p[0], "flags:", 8, &v), 0);
	assert_true(v & O_CLOEXEC);
	assert_int_equal(hy_proc_fdinfo(getpid(), p[1], "flags:", 8, &v), 0);
	assert_int_equal(v & O_ACCMODE, O_WRONLY);
	assert_int_equal(hy_proc_fdinfo(getpid(), p[0], "nosuch:", 10, &v), -ENOENT);
	close(p[0]);
	close(p[1]);
	assert_int_equal(hy_proc_fdinfo(getpid(), p[0], "flags:", 8, &v), -ENOENT);
	/* a pidfd's process, in decimal */
	pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (pidfd < 0)
		return; /* a kernel before 5.3 */
	assert_int_equal(hy_proc_fdinfo(getpid(), pidfd, "Pid:", 10, &v), 0);
	assert_int_equal(v, getpid());
	close(pidfd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fd_name),
		cmocka_unit_test(test_fdinfo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
