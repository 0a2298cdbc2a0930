// SPDX-License-Identifier: MIT
/* Signals and their siginfo, in strace's notation. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "printer.h"

const char *hy_signal_name_r(int sig, char *buf, size_t size)
{
	if (!hy_signal_name(sig, buf, size))
		snprintf(buf, size, "%d", sig);
	return buf;
}

static const char *code_name(int sig, int code)
{
	switch (code) {
	case SI_USER:
		return "SI_USER";
	case SI_KERNEL:
		return "SI_KERNEL";
	case SI_QUEUE:
		return "SI_QUEUE";
	case SI_TIMER:
		return "SI_TIMER";
	case SI_MESGQ:
		return "SI_MESGQ";
	case SI_ASYNCIO:
		return "SI_ASYNCIO";
	case SI_SIGIO:
		return "SI_SIGIO";
	case SI_TKILL:
		return "SI_TKILL";
	}
	if (sig == SIGCHLD) {
		static const char *const chld[] = { NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
						    "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };

		return code > 0 && code <= 6 ? chld[code] : NULL;
	}
	if (sig == SIGSEGV) {
		static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR",
						    "SEGV_PKUERR" };

		return code > 0 && code <= 4 ? segv[code] : NULL;
	}
	if (sig == SIGBUS && code >= 1 && code <= 3) {
		static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };

		return bus[code];
	}
	if (sig == SIGTRAP && code >= 1 && code <= 2)
		return code == 1 ? "TRAP_BRKPT" : "TRAP_TRACE";
	if (sig == SIGSYS && code == 1)
		return "SYS_SECCOMP";
	return NULL;
}

int hy_format_siginfo(const siginfo_t *si, int sig, char *buf, size_t size)
{
	struct hy_printer p;
	const char *code;
	char name[32];

	hy_pr_init(&p, buf, size, 0);
	hy_pr_puts(&p, hy_signal_name_r(sig, name, sizeof(name)));
	if (!si || !si->si_signo)
		return p.len;
	hy_pr_printf(&p, " {si_signo=%s, si_code=", hy_signal_name_r(si->si_signo, name, sizeof(name)));
	code = code_name(si->si_signo, si->si_code);
	if (code)
		hy_pr_puts(&p, code);
	else
		hy_pr_printf(&p, "%d", si->si_code);
	if (si->si_code == SI_USER || si->si_code == SI_TKILL || si->si_code == SI_QUEUE) {
		hy_pr_printf(&p, ", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
		if (si->si_code == SI_QUEUE)
			hy_pr_printf(&p, ", si_value={int=%d, ptr=%p}", si->si_value.sival_int,
				     si->si_value.sival_ptr);
	} else if (si->si_code == SI_TIMER) {
		hy_pr_printf(&p, ", si_timerid=%#x, si_overrun=%d, si_int=%d, si_ptr=%p",
			     si->si_timerid, si->si_overrun, si->si_value.sival_int,
			     si->si_value.sival_ptr);
	} else if (si->si_code > 0 && si->si_signo == SIGCHLD) {
		hy_pr_printf(&p, ", si_pid=%d, si_uid=%u, si_status=", si->si_pid, si->si_uid);
		if (si->si_code == CLD_EXITED)
			hy_pr_printf(&p, "%d", si->si_status);
		else
			hy_pr_puts(&p, hy_signal_name_r(si->si_status, name, sizeof(name)));
		hy_pr_printf(&p, ", si_utime=%ld, si_stime=%ld", (long)si->si_utime, (long)si->si_stime);
	} else if (si->si_code > 0 && (si->si_signo == SIGSEGV || si->si_signo == SIGBUS ||
				       si->si_signo == SIGILL || si->si_signo == SIGFPE)) {
		hy_pr_puts(&p, ", si_addr=");
		hy_pr_ptr(&p, (uint64_t)(uintptr_t)si->si_addr);
	}
	hy_pr_putc(&p, '}');
	return p.len;
}
