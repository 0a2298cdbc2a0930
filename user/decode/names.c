// SPDX-License-Identifier: MIT
/*
 * Names of errnos and signals as strace prints them (the kernel's ERESTART*
 * codes included), and the reverse, for options tools take.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "decode/names.h"
#include "decode/printer.h"
#include "hytrace.h"

const char *hy_signal_name(int sig, char *buf, size_t size)
{
	/* strace's names (glibc's sigabbrev_np says POLL for IO) */
	static const char *const names[32] = {
		NULL,	    "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",  "SIGTRAP",   "SIGABRT",
		"SIGBUS",   "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV", "SIGUSR2",   "SIGPIPE",
		"SIGALRM",  "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",   "SIGTSTP",
		"SIGTTIN",  "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
		"SIGWINCH", "SIGIO",   "SIGPWR",    "SIGSYS",
	};

	/*
	 * strace names the real-time signals from the kernel's SIGRTMIN (32), not
	 * glibc's (34, after the two the C library keeps for itself).
	 */
	if (sig == 32) {
		snprintf(buf, size, "SIGRTMIN");
		return buf;
	}
	if (sig > 32 && sig <= 64) {
		snprintf(buf, size, "SIGRT_%d", sig - 32);
		return buf;
	}
	if (sig <= 0 || sig > 31)
		return NULL;
	snprintf(buf, size, "%s", names[sig]);
	return buf;
}

void hy_pr_signal(struct hy_printer *p, int sig)
{
	char tmp[32];
	hy_pr_const(p, hy_signal_name(sig, tmp, sizeof(tmp)), (uint64_t)(int64_t)sig, HY_NUM_DEC);
}

/* The kernel's internal restart codes never reach user space but do reach tracers. */
static const struct {
	int err;
	const char *name, *text;
} restart_codes[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", "No ioctl command" },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", "Driver requests probe retry" },
	{ 518, "EOPENSTALE", "Open found a stale dentry" },
	{ 519, "ENOPARAM", "Parameter not supported" },
	{ 521, "EBADHANDLE", "Illegal NFS file handle" },
	{ 522, "ENOTSYNC", "Update synchronization mismatch" },
	{ 523, "EBADCOOKIE", "Cookie is stale" },
	{ 524, "ENOTSUPP", "Operation is not supported" },
	{ 525, "ETOOSMALL", "Buffer or request is too small" },
	{ 526, "ESERVERFAULT", "An untranslatable error occurred" },
	{ 527, "EBADTYPE", "Type not supported by server" },
	{ 528, "EJUKEBOX", "Request initiated, but will not complete before timeout" },
	{ 529, "EIOCBQUEUED", "iocb queued, will get completion event" },
	{ 530, "ERECALLCONFLICT", "Conflict with recalled state" },
};

const char *hy_errno_name(int err)
{
	for (size_t i = 0; i < sizeof(restart_codes) / sizeof(restart_codes[0]); i++)
		if (restart_codes[i].err == err)
			return restart_codes[i].name;
	return strerrorname_np(err);
}

const char *hy_errno_text(int err)
{
	for (size_t i = 0; i < sizeof(restart_codes) / sizeof(restart_codes[0]); i++)
		if (restart_codes[i].err == err)
			return restart_codes[i].text;
	return strerror(err);
}

int hy_errno_number(const char *s)
{
	char *end;
	long n;

	if (!s || !*s)
		return -1;
	n = strtol(s, &end, 10);
	if (!*end)
		return n > 0 && n < 4096 ? n : -1;
	for (int e = 1; e < 4096; e++) {
		const char *name = hy_errno_name(e);

		if (name && !strcmp(name, s))
			return e;
	}
	return -1;
}

int hy_signal_number(const char *s)
{
	char *end, buf[32];
	long n;

	if (!s || !*s)
		return -1;
	n = strtol(s, &end, 10);
	if (!*end)
		return n > 0 && n < NSIG ? n : -1;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *name = hy_signal_name(sig, buf, sizeof(buf));

		if (name && (!strcmp(name, s) || !strcmp(name + 3, s)))
			return sig;
	}
	return -1;
}
