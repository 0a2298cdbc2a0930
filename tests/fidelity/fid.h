/* SPDX-License-Identifier: MIT */
/*
 * Shared by the fidelity guests (tests/fidelity/): each makes one family's
 * syscalls with hostile arguments, raw (syscall()), so hytrace and strace see
 * exactly the calls written here. scripts/fidelity.py traces every SYS_name a
 * guest names (plus the names of a "trace:" comment) with both tools and
 * compares the lines.
 */
#ifndef HY_FID_H
#define HY_FID_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <linux/fs.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Upper 32 bits of garbage over a 32-bit value: an int argument must ignore them. */
#define G(x) (0xdefaced00000000ull | (uint32_t)(x))
/* An address no guest maps. */
#define BAD ((void *)0xbadc0ded000ull)
#define S(...) syscall(__VA_ARGS__)

/*
 * The first byte of an unmapped page that follows a mapped one: an object
 * placed right below it ends exactly at the page boundary, and one byte more
 * faults. Two pages mapped, the second unmapped again (libc mmap/munmap: the
 * mm guest's trace shows them, the others do not trace them).
 */
static inline char *edge(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		exit(98);
	munmap(p + 4096, 4096);
	memset(p, 0, 4096);
	return p + 4096;
}

/* @n bytes ending at the edge of a fresh page, a copy of @src (NULL: zeros). */
static inline void *at_edge(const void *src, size_t n)
{
	char *e = edge();

	if (src)
		memcpy(e - n, src, n);
	return e - n;
}

/* A NUL-terminated copy of @s ending at the edge. */
static inline char *str_edge(const char *s)
{
	return at_edge(s, strlen(s) + 1);
}

#endif
