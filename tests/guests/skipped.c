// SPDX-License-Identifier: MIT
/*
 * Calls a test skips with --inject, each pointing at memory the record shows:
 * open of argv[1] (a path) and of an unreadable address, write of a 20-byte
 * buffer to stdout, stat of argv[1] (a path in, a struct out) and nanosleep
 * (a struct in). Legacy numbers (open, stat): the dynamic loader makes none
 * of these, so an --inject of them hits only this program's own.
 */
#include "guest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 1000 };
	struct stat st;

	if (argc < 2)
		die("usage: skipped PATH");
	syscall(SYS_open, argv[1], O_RDONLY);
	syscall(SYS_open, (const char *)1, O_RDONLY);
	syscall(SYS_write, 1, "0123456789abcdefghij", 20);
	syscall(SYS_stat, argv[1], &st);
	syscall(SYS_nanosleep, &ts, NULL);
	return 0;
}
