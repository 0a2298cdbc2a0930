// SPDX-License-Identifier: MIT
/*
 * argv[1] reads (default 1000000) of argv[2] bytes (default 64) from /dev/zero,
 * reopening it every argv[3] reads (default 1000).
 */
#include "guest.h"

#include <fcntl.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	long size = argc > 2 ? atol(argv[2]) : 64;
	long every = argc > 3 ? atol(argv[3]) : 1000;
	char buf[65536];
	long fd = -1;

	if (size > (long)sizeof(buf))
		die("at most %zu bytes", sizeof(buf));
	for (long i = 0; i < n; i++) {
		if (i % every == 0) {
			if (fd >= 0)
				syscall(SYS_close, fd);
			fd = syscall(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY);
			if (fd < 0)
				die("open /dev/zero");
		}
		if (syscall(SYS_read, fd, buf, size) != size)
			die("short read");
	}
	return 0;
}
