// SPDX-License-Identifier: MIT
/*
 * strace's options that hytrace has no equivalent of: each is refused with one
 * line that says why (exit 2), never silently ignored. docs/strace-options.md
 * has the whole table, the options that work included.
 */
#include <string.h>

#include "cli.h"

static const struct {
	const char *names; /* the spellings, space-separated */
	const char *why;
} refused[] = {
	{ "-b --detach-on",
	  "hytrace follows every process of the tree to its end; it cannot detach at execve" },
	{ "-D -DD -DDD --daemonize",
	  "the tracer stays the command's parent (the guest is spawned under hytrace's seccomp "
	  "filter and exit status)" },
	{ "-d --debug", "hytrace has no debug log; HYTRACE_BPF_LOG=1 shows the BPF verifier's" },
	{ "-F", "strace's old spelling of -f; hytrace always follows forks (use -f or nothing)" },
	{ "-Y --decode-pids=comm", "pids are not decoded to command names" },
	{ "--tips", "hytrace has no tips" },
	{ "--kvm -e kvm", "KVM vcpu exit reasons are not decoded" },
};

void cli_refuse_if_unsupported(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		const char *p = refused[i].names;

		while ((p = strstr(p, name))) {
			if ((p == refused[i].names || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
				cli_die(2, "%s is not supported: %s", name, refused[i].why);
			p += len;
		}
	}
}
