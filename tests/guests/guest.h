/* SPDX-License-Identifier: MIT */
/*
 * Shared by the guest programs: raw syscalls, so a test knows exactly which calls
 * a guest makes (libc may add or change its own), and a loud failure exit.
 */
#ifndef HY_GUEST_H
#define HY_GUEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define die(...)                                                                                   \
	do {                                                                                       \
		fprintf(stderr, "guest %s: ", __FILE__);                                           \
		fprintf(stderr, __VA_ARGS__);                                                      \
		fprintf(stderr, "\n");                                                             \
		exit(99);                                                                          \
	} while (0)

/* Repeat getppid(2) n times without libc caching anything. */
static inline void getppid_loop(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

#endif
