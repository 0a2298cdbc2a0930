// SPDX-License-Identifier: MIT
/* writev of two buffers to stdout, then readv of argv[1] into a 2- and an 8-byte buffer. */
#include "guest.h"

#include <fcntl.h>
#include <sys/uio.h>

int main(int argc, char **argv)
{
	struct iovec out[2] = { { "hello ", 6 }, { "world\n", 6 } };
	char a[2], b[8];
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int fd;

	if (argc < 2)
		die("usage: iov FILE");
	if (writev(1, out, 2) != 12)
		die("writev");
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || readv(fd, in, 2) < 0)
		die("readv %s", argv[1]);
	return 0;
}
