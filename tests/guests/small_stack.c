// SPDX-License-Identifier: MIT
/*
 * A thread with the smallest stack pthread allows (sysconf's
 * _SC_THREAD_STACK_MIN) that uses 2 KiB of it, then calls open(argv[1])
 * (legacy number: only this call is open, not the loader's), and prints
 * "open: RESULT".
 */
#include "guest.h"

#include <fcntl.h>
#include <pthread.h>

static void *run(void *path)
{
	volatile char pad[2048];
	long r;

	memset((char *)pad, 1, sizeof(pad));
	r = syscall(SYS_open, (const char *)path, O_RDONLY);
	printf("open: %ld\n", r < 0 ? -errno : r);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_attr_t a;
	pthread_t t;

	if (argc < 2)
		die("usage: small_stack PATH");
	pthread_attr_init(&a);
	if (pthread_attr_setstacksize(&a, sysconf(_SC_THREAD_STACK_MIN)) ||
	    pthread_create(&t, &a, run, argv[1]) || pthread_join(t, NULL))
		die("pthread: %s", strerror(errno));
	return 0;
}
