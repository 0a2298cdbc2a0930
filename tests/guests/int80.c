// SPDX-License-Identifier: MIT
/*
 * A 64-bit program making i386 syscalls with int $0x80: getpid (i386 20, which is
 * x86-64's lseek) and write (i386 4, x86-64's stat) of "int80\n" to stdout, then
 * writev (i386 146) of "iov" and "80\n" to stdout: i386 iovecs are 8 bytes each;
 * a sendmsg (i386 370) of them to stdout (not a socket) in a 28-byte msghdr; last
 * an execve (i386 11) of a missing file with an argv of 32-bit pointers.
 */
#include "guest.h"

#include <sys/mman.h>

static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

int main(void)
{
	long pid = int80(20, 0, 0, 0);
	/* int 0x80 passes 32-bit pointers: the message must live below 4 GiB */
	char *msg = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (pid != getpid())
		die("int80 getpid returned %ld", pid);
	if (msg == MAP_FAILED)
		die("mmap");
	memcpy(msg, "int80\n", 6);
	if (int80(4, 1, (long)msg, 6) != 6)
		die("int80 write failed");
	{
		/* struct compat_iovec { u32 base, len; }[2], after the text */
		uint32_t *iov = (uint32_t *)(msg + 64);

		memcpy(msg + 16, "iov80\n", 6);
		iov[0] = (uint32_t)(uintptr_t)(msg + 16);
		iov[1] = 3;
		iov[2] = (uint32_t)(uintptr_t)(msg + 19);
		iov[3] = 3;
		if (int80(146, 1, (long)iov, 2) != 6)
			die("int80 writev failed");
		{
			/* struct compat_msghdr: name, namelen, iov, iovlen, control, controllen, flags */
			uint32_t *mh = (uint32_t *)(msg + 160);

			memset(mh, 0, 28);
			mh[2] = (uint32_t)(uintptr_t)iov;
			mh[3] = 2;
			if (int80(370, 1, (long)mh, 0) != -ENOTSOCK)
				die("int80 sendmsg did not fail with ENOTSOCK");
		}
	}
	{
		uint32_t *argv = (uint32_t *)(msg + 128);

		memcpy(msg + 96, "/nonexistent/int80\0int80-a\0b", 29);
		argv[0] = (uint32_t)(uintptr_t)(msg + 115);
		argv[1] = (uint32_t)(uintptr_t)(msg + 123);
		argv[2] = 0;
		if (int80(11, (long)(msg + 96), (long)argv, 0) != -ENOENT)
			die("int80 execve did not fail with ENOENT");
	}
	return 0;
}
