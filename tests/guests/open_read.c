// SPDX-License-Identifier: MIT
/*
 * openat on three paths (argv[1], argv[2], argv[3]; the last one should not
 * exist), getppid exactly N times (argv[4], default 1000), then read twice from
 * the first file: once its content, once at end of file.
 */
#include "guest.h"

#include <fcntl.h>

int main(int argc, char **argv)
{
	char buf[64];
	long fd1, fd2, fd3, n;

	if (argc < 4)
		die("usage: open_read EXISTING1 EXISTING2 MISSING [GETPPIDS]");
	/* results as the kernel returns them: fd or -errno */
	fd1 = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);
	fd1 = fd1 < 0 ? -errno : fd1;
	fd2 = syscall(SYS_openat, AT_FDCWD, argv[2], O_RDONLY | O_CLOEXEC);
	fd2 = fd2 < 0 ? -errno : fd2;
	fd3 = syscall(SYS_openat, AT_FDCWD, argv[3], O_RDONLY);
	fd3 = fd3 < 0 ? -errno : fd3;
	if (fd1 < 0 || fd2 < 0 || fd3 >= 0)
		die("unexpected openat results %ld %ld %ld", fd1, fd2, fd3);
	getppid_loop(argc > 4 ? atol(argv[4]) : 1000);
	n = syscall(SYS_read, fd1, buf, sizeof(buf));
	if (n <= 0)
		die("first read returned %ld", n);
	n = syscall(SYS_read, fd1, buf, sizeof(buf));
	if (n != 0)
		die("second read returned %ld", n);
	return 0;
}
