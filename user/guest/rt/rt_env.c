// SPDX-License-Identifier: MIT
/*
 * The guest's environment as the runtime reads and edits it: in environ
 * itself, never through getenv(), setenv() or unsetenv(). A program may define
 * those (bash exports all three, which work on its shell variables, and those
 * do not exist before its main), and a preloaded library's calls bind to the
 * program's: the constructor's unsetenv() removed nothing in bash, whose
 * scripts saw $HYTRACE_GUEST_SHM and $LD_PRELOAD and passed them on in every
 * execve. Edited in place, as glibc's unsetenv() does (main's envp is the
 * same array), and without the guest's malloc, which setenv() would call.
 */
#include <string.h>

#include "guest/rt/rt.h"

extern char **environ;

static char **find(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return e;
	return NULL;
}

const char *hy_grt_getenv(const char *name)
{
	char **e = find(name);

	return e ? *e + strlen(name) + 1 : NULL;
}

void hy_grt_unsetenv(const char *name)
{
	char **e;

	while ((e = find(name)))
		do
			e[0] = e[1];
		while (*e++);
}

void hy_grt_replace_env(const char *name, char *entry)
{
	char **e = find(name);

	if (e)
		*e = entry;
}
