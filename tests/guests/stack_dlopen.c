// SPDX-License-Identifier: MIT
/*
 * -k after dlopen: loads LIB (tests/guests/lib/stack_dl.c), calls its
 * dl_chain(PATH), which opens PATH, unloads it, then opens PATH itself: the
 * library's call must still resolve after it is gone.
 * Usage: stack_dlopen LIB PATH
 */
#include "guest.h"

#include <dlfcn.h>
#include <fcntl.h>

int main(int argc, char **argv)
{
	int (*dl_chain)(const char *);
	void *h;

	if (argc != 3)
		die("usage: stack_dlopen LIB PATH");
	h = dlopen(argv[1], RTLD_NOW);
	if (!h)
		die("dlopen: %s", dlerror());
	*(void **)&dl_chain = dlsym(h, "dl_chain");
	if (!dl_chain || dl_chain(argv[2]) < 0)
		die("dl_chain");
	if (dlclose(h))
		die("dlclose: %s", dlerror());
	if (openat(AT_FDCWD, argv[2], O_RDONLY) < 0)
		die("openat %s", argv[2]);
	return 0;
}
