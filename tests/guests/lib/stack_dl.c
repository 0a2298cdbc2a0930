// SPDX-License-Identifier: MIT
/* The library stack_dlopen loads and unloads: dl_chain -> dl_open -> openat. */
#include <fcntl.h>

__attribute__((noinline)) int dl_open(const char *path)
{
	int fd = openat(AT_FDCWD, path, O_RDONLY);

	__asm__ volatile("" ::: "memory");
	return fd;
}

int dl_chain(const char *path)
{
	int fd = dl_open(path);

	__asm__ volatile("" ::: "memory");
	return fd;
}
