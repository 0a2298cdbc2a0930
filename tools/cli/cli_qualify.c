// SPDX-License-Identifier: MIT
/*
 * strace's qualifying expressions, "-e NAME=VALUE" and their "--NAME=VALUE"
 * spellings: each stored for the tool that acts on it, or refused with why.
 * The values are parsed by the tools (the log tool for status= and signal=,
 * the inject tool for inject=): their errors are one line and exit 2 too.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_add_inject(struct cli *c, const char *spec, bool fault)
{
	char *rule;

	if (c->ninject >= CLI_MAX_OPTS)
		cli_usage_error("more than %d -e inject= rules", CLI_MAX_OPTS);
	/* strace: fault= is inject= whose error defaults to ENOSYS */
	if (fault && !strstr(spec, ":error=") && !strstr(spec, ":retval=")) {
		if (asprintf(&rule, "%s:error=ENOSYS", spec) < 0)
			cli_die(2, "out of memory");
	} else if (!(rule = strdup(spec))) {
		cli_die(2, "out of memory");
	}
	c->inject[c->ninject++] = rule;
}

/* strace's -e quiet= names; "exit", "attach" and "thread-execve" have lines in hytrace to hide */
static void set_quiet(struct cli *c, const char *v)
{
	static const char *const known[] = { "attach",	    "exit",	     "path-resolution",
					     "personality", "thread-execve", "superseded",
					     "all",	    "none",	     NULL };
	char *copy = strdup(v), *save = NULL;
	bool invert = *v == '!', exit_named = false, attach_named = false, all = false;
	bool execve_named = false, hide_exit, hide_execve;

	if (!copy)
		cli_die(2, "out of memory");
	for (char *t = strtok_r(copy + invert, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int i = 0;

		while (known[i] && strcmp(known[i], t))
			i++;
		if (!known[i]) {
			char name[64];

			/* the usage error does not return: the copy goes first */
			snprintf(name, sizeof(name), "%s", t);
			free(copy);
			cli_usage_error("-e quiet=%s: unknown message kind '%s' (attach, exit, "
					"path-resolution, personality, thread-execve, all, none)",
					v, name);
		}
		exit_named |= !strcmp(t, "exit");
		attach_named |= !strcmp(t, "attach");
		execve_named |= !strcmp(t, "thread-execve") || !strcmp(t, "superseded");
		all |= !strcmp(t, "all");
	}
	free(copy);
	/* the exit lines go when "exit" is in the set (all of it, or not negated) */
	hide_exit = (exit_named || all) != invert;
	hide_execve = (execve_named || all) != invert;
	c->quiet = hide_exit && hide_execve ? "exit,superseded" :
		   hide_exit		    ? "exit" :
		   hide_execve		    ? "superseded" :
					      NULL;
	c->quiet_attach = (attach_named || all) != invert;
}

/*
 * -e abbrev=SET: the calls of SET abbreviated (strace's default: all), the
 * others printed in full; the log tool is told the complement (full=).
 */
static void set_abbrev(struct cli *c, const char *v)
{
	static char buf[4096];

	if (!strcmp(v, "all"))
		c->full = NULL;
	else if (!strcmp(v, "none"))
		c->full = "all";
	else if (*v == '!')
		c->full = v + 1;
	else if (snprintf(buf, sizeof(buf), "!%s", v) < (int)sizeof(buf))
		c->full = buf;
	else
		cli_usage_error("-e abbrev=%.40s...: the set is too long", v);
}

/*
 * -e verbose=SET: the calls of SET dereferenced (strace's default: all), the
 * others' structures printed as addresses; the log tool is told the
 * complement (terse=).
 */
static void set_verbose(struct cli *c, const char *v)
{
	static char buf[4096];

	if (!strcmp(v, "all"))
		c->terse = NULL;
	else if (!strcmp(v, "none"))
		c->terse = "all";
	else if (*v == '!')
		c->terse = v + 1;
	else if (snprintf(buf, sizeof(buf), "!%s", v) < (int)sizeof(buf))
		c->terse = buf;
	else
		cli_usage_error("-e verbose=%.40s...: the set is too long", v);
}

/* -e decode-fds=SET: path, socket, dev, pidfd (strace 6.x), all, none */
static void set_decode_fds(struct cli *c, const char *v)
{
	static const char *const known[] = { "path", "socket", "dev", "pidfd", "all", "none" };

	for (const char *p = v; *p;) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strlen(known[i]) == len && !strncmp(p, known[i], len))
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			cli_usage_error(
				"-e decode-fds=%s: want path, socket, dev, pidfd, all or none", v);
		p += len + (p[len] == ',');
	}
	c->decode_fds = strcmp(v, "none") ? v : NULL;
}

void cli_qualify(struct cli *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[32];
	const char *v;

	if (!eq) {
		c->trace = arg; /* strace: -e SET means -e trace=SET */
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg < 31 ? eq - arg : 31), arg);
	v = eq + 1;
	/* strace refuses a list with no item; status= and signal= took it as "none" */
	if (!v[strspn(v, "!,")])
		cli_usage_error("-e %s: an empty list", arg);
	if (!strcmp(name, "trace") || !strcmp(name, "t")) {
		c->trace = v;
	} else if (!strcmp(name, "inject")) {
		cli_add_inject(c, v, false);
	} else if (!strcmp(name, "fault")) {
		cli_add_inject(c, v, true);
	} else if (!strcmp(name, "status")) {
		c->status = v;
	} else if (!strcmp(name, "signal") || !strcmp(name, "signals") || !strcmp(name, "s")) {
		c->signals = v;
	} else if (!strcmp(name, "quiet") || !strcmp(name, "silent") || !strcmp(name, "silence") ||
		   !strcmp(name, "q")) {
		set_quiet(c, v);
	} else if (!strcmp(name, "abbrev") || !strcmp(name, "a")) {
		set_abbrev(c, v);
	} else if (!strcmp(name, "verbose") || !strcmp(name, "v")) {
		set_verbose(c, v);
	} else if (!strcmp(name, "raw") || !strcmp(name, "x")) {
		c->raw = v;
	} else if (!strcmp(name, "read") || !strcmp(name, "reads") || !strcmp(name, "r")) {
		c->dump_read = strcmp(v, "none") ? v : NULL;
	} else if (!strcmp(name, "write") || !strcmp(name, "writes") || !strcmp(name, "w")) {
		c->dump_write = strcmp(v, "none") ? v : NULL;
	} else if (!strcmp(name, "decode-fds") || !strcmp(name, "decode-fd")) {
		set_decode_fds(c, v);
	} else if (!strcmp(name, "kvm")) {
		cli_refuse_if_unsupported("--kvm");
	} else {
		cli_usage_error("unknown -e qualifier '%s' (trace, status, signal, quiet, inject, "
				"fault, abbrev, verbose, raw, read, write, decode-fds)",
				name);
	}
}
