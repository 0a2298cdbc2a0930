// SPDX-License-Identifier: MIT
/* openat + close of argv[2] (default /dev/null), argv[1] times (default 20000). */
#include "guest.h"

#include <fcntl.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;
	const char *path = argc > 2 ? argv[2] : "/dev/null";

	for (long i = 0; i < n; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);

		if (fd < 0)
			die("openat %s: %s", path, strerror(errno));
		syscall(SYS_close, fd);
	}
	return 0;
}
