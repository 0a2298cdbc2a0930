// SPDX-License-Identifier: MIT
/*
 * Signals in strace's notation: names, masks, struct sigaction, stack_t and
 * siginfo (in syscall arguments and in the "--- SIGCHLD {...} ---" lines).
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_signal.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

#define HY_NSIG_BYTES 8 /* the kernel's sigset_t on x86: 64 signals */

const char *hy_signal_name_r(int sig, char *buf, size_t size)
{
	if (!hy_signal_name(sig, buf, size))
		snprintf(buf, size, "%d", sig);
	return buf;
}

/* ---- masks ---- */

void hy_pr_sigmask(struct hy_printer *p, const void *mask, unsigned int bytes)
{
	uint32_t words[HY_NSIG_BYTES / 4] = { 0 };
	unsigned int nwords, set = 0;
	char name[32];
	bool first = true;

	if (bytes > HY_NSIG_BYTES)
		bytes = HY_NSIG_BYTES;
	memcpy(words, mask, bytes);
	nwords = (bytes + 3) / 4;
	for (unsigned int i = 0; i < nwords; i++)
		set += __builtin_popcount(words[i]);
	/* mostly full masks read better as what they leave out */
	if (set >= nwords * 32 * 2 / 3) {
		hy_pr_putc(p, '~');
		for (unsigned int i = 0; i < nwords; i++)
			words[i] = ~words[i];
	}
	hy_pr_putc(p, '[');
	for (unsigned int bit = 0; bit < nwords * 32; bit++) {
		if (!(words[bit / 32] & (1u << (bit % 32))))
			continue;
		if (!first)
			hy_pr_putc(p, ' ');
		first = false;
		/* "CHLD", "RTMIN", "RT_3": the names without their SIG prefix */
		hy_pr_const(p, hy_signal_name(bit + 1, name, sizeof(name)) ? name + 3 : NULL,
			    bit + 1, HY_NUM_DEC);
	}
	hy_pr_putc(p, ']');
}

void hy_pr_sigset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, uint64_t size)
{
	uint8_t mask[HY_NSIG_BYTES];

	/* strace reads a set only of a sane size: a word up to the kernel's 64 signals */
	if (!addr || size < hy_ptr_size(r) || size > HY_NSIG_BYTES ||
	    !hy_read(r, phase, addr, mask, size)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_sigmask(p, mask, size);
}

/* ---- sigaction, stack_t ---- */

void hy_pr_sigaction_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr)
{
	/* handler, flags, restorer (longs of the ABI), then the 64-bit mask */
	unsigned int w = hy_ptr_size(r);
	uint64_t handler, flags, restorer;
	uint8_t mask[8], last;
	/*
	 * strace reads its own struct, whose sa_mask is 64 bytes long on x86-64, and
	 * prints the address when those cannot all be read: so does this
	 * (HY_S_SIGACTION); its 32-bit struct is taken to be the kernel's
	 */
	unsigned int need = w == 8 ? 3 * w + 64 : 3 * w + 8;

	if (!hy_read_word(r, phase, addr, &handler) || !hy_read_word(r, phase, addr + w, &flags) ||
	    !hy_read_word(r, phase, addr + 2 * w, &restorer) ||
	    !hy_read(r, phase, addr + 3 * w, mask, sizeof(mask)) ||
	    !hy_read(r, phase, addr + need - 1, &last, 1)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{sa_handler=");
	if (handler == 0)
		hy_pr_const(p, "SIG_DFL", handler, HY_NUM_HEX);
	else if (handler == 1)
		hy_pr_const(p, "SIG_IGN", handler, HY_NUM_HEX);
	else if (handler == (w == 8 ? UINT64_MAX : UINT32_MAX))
		hy_pr_const(p, "SIG_ERR", handler, HY_NUM_HEX);
	else
		hy_pr_ptr(p, handler);
	hy_pr_puts(p, ", sa_mask=");
	hy_pr_sigmask(p, mask, sizeof(mask));
	hy_pr_puts(p, ", sa_flags=");
	hy_pr_flags(p, HY_X_SA_FLAGS, flags, NULL);
	/* the restorer means something only when the flag says it is there */
	if (flags & 0x04000000) {
		hy_pr_puts(p, ", sa_restorer=");
		hy_pr_ptr(p, restorer);
	}
	hy_pr_putc(p, '}');
}

void hy_dec_rt_sigaction(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_signal(p, (int)r->args[0]);
	hy_pr_sep(p);
	hy_pr_sigaction_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 1));
	hy_pr_sep(p);
	if (hy_exit_ok(r))
		hy_pr_sigaction_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 2));
	else
		hy_pr_ptr(p, hy_uarg(r, 2));
	hy_pr_printf(p, ", %" PRIu64, hy_uarg(r, 3));
}

void hy_pr_stack_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr)
{
	/* ss_sp, int ss_flags (padded to a long), ss_size */
	unsigned int w = hy_ptr_size(r);
	uint64_t sp, size;
	int32_t flags;

	if (!hy_read_word(r, phase, addr, &sp) || !hy_read(r, phase, addr + w, &flags, 4) ||
	    !hy_read_word(r, phase, addr + 2 * w, &size)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{ss_sp=");
	hy_pr_ptr(p, sp);
	hy_pr_puts(p, ", ss_flags=");
	hy_pr_flags(p, HY_X_SS_FLAGS, (uint32_t)flags, NULL);
	hy_pr_printf(p, ", ss_size=%" PRIu64 "}", size);
}

/* ---- siginfo ---- */

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
		static const char *const chld[] = { NULL,	    "CLD_EXITED",  "CLD_KILLED",
						    "CLD_DUMPED",   "CLD_TRAPPED", "CLD_STOPPED",
						    "CLD_CONTINUED" };

		return code > 0 && code <= 6 ? chld[code] : NULL;
	}
	if (sig == SIGSEGV) {
		static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR",
						    "SEGV_BNDERR", "SEGV_PKUERR" };

		return code > 0 && code <= 4 ? segv[code] : NULL;
	}
	if (sig == SIGBUS && code >= 1 && code <= 3) {
		static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };

		return bus[code];
	}
	if (sig == SIGIO && code >= 1 && code <= 6) {
		static const char *const poll[] = { NULL,	"POLL_IN",  "POLL_OUT", "POLL_MSG",
						    "POLL_ERR", "POLL_PRI", "POLL_HUP" };

		return poll[code];
	}
	if (sig == SIGTRAP && code >= 1 && code <= 2)
		return code == 1 ? "TRAP_BRKPT" : "TRAP_TRACE";
	if (sig == SIGSYS && code == 1)
		return "SYS_SECCOMP";
	return NULL;
}

/* the union's two views side by side, as strace 6 prints them */
static void pr_sigval(struct hy_printer *p, const siginfo_t *si)
{
	hy_pr_printf(p, ", si_int=%d, si_ptr=", si->si_value.sival_int);
	hy_pr_ptr(p, (uint64_t)(uintptr_t)si->si_value.sival_ptr);
}

/* A seccomp RET_TRAP's SIGSYS: where the call was, which one, in which ABI (as strace). */
static void pr_sigsys(struct hy_printer *p, const siginfo_t *si)
{
	enum hy_abi abi = si->si_arch == AUDIT_ARCH_I386      ? HY_ABI_I386 :
			  si->si_syscall & HY_X32_SYSCALL_BIT ? HY_ABI_X32 :
								HY_ABI_X86_64;
	const char *name = si->si_arch == AUDIT_ARCH_I386 || si->si_arch == AUDIT_ARCH_X86_64 ?
				   hy_syscall_name_of(abi, si->si_syscall) :
				   NULL;
	char nr[64];

	hy_pr_puts(p, ", si_call_addr=");
	hy_pr_ptr(p, (uint64_t)(uintptr_t)si->si_call_addr);
	hy_pr_puts(p, ", si_syscall=");
	if (name)
		snprintf(nr, sizeof(nr), "__NR_%s", name);
	hy_pr_const(p, name ? nr : NULL, (uint32_t)si->si_syscall, HY_NUM_DEC);
	hy_pr_puts(p, ", si_arch=");
	hy_pr_const(p,
		    si->si_arch == AUDIT_ARCH_X86_64 ? "AUDIT_ARCH_X86_64" :
		    si->si_arch == AUDIT_ARCH_I386   ? "AUDIT_ARCH_I386" :
						       NULL,
		    si->si_arch, HY_NUM_HEX);
}

/* "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, ...}"; an empty siginfo is "{}". */
static void pr_siginfo(struct hy_printer *p, const siginfo_t *si)
{
	const char *code;

	if (!si->si_signo) {
		hy_pr_puts(p, "{}");
		return;
	}
	hy_pr_puts(p, "{si_signo=");
	hy_pr_signal(p, si->si_signo);
	hy_pr_puts(p, ", si_code=");
	code = code_name(si->si_signo, si->si_code);
	/* unnamed: its bits in hex, as strace prints an int's unknown value */
	hy_pr_const(p, code, (uint32_t)si->si_code, HY_NUM_HEX);
	if (si->si_errno) {
		hy_pr_puts(p, ", si_errno=");
		hy_pr_const(p, hy_errno_name(si->si_errno), (uint32_t)si->si_errno, HY_NUM_DEC);
	}
	if (si->si_code == SI_USER || si->si_code == SI_TKILL || si->si_code == SI_QUEUE) {
		hy_pr_printf(p, ", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
		if (si->si_code == SI_QUEUE)
			pr_sigval(p, si);
	} else if (si->si_code == SI_TIMER) {
		hy_pr_printf(p, ", si_timerid=%#x, si_overrun=%d", si->si_timerid, si->si_overrun);
		pr_sigval(p, si);
	} else if (si->si_code > 0 && si->si_signo == SIGCHLD) {
		hy_pr_printf(p, ", si_pid=%d, si_uid=%u, si_status=", si->si_pid, si->si_uid);
		if (si->si_code == CLD_EXITED)
			hy_pr_printf(p, "%d", si->si_status);
		else
			hy_pr_signal(p, si->si_status);
		hy_pr_puts(p, ", si_utime=");
		hy_pr_clock_t(p, si->si_utime);
		hy_pr_puts(p, ", si_stime=");
		hy_pr_clock_t(p, si->si_stime);
	} else if (si->si_code > 0 && (si->si_signo == SIGSEGV || si->si_signo == SIGBUS ||
				       si->si_signo == SIGILL || si->si_signo == SIGFPE)) {
		hy_pr_puts(p, ", si_addr=");
		hy_pr_ptr(p, (uint64_t)(uintptr_t)si->si_addr);
	} else if (si->si_signo == SIGSYS && si->si_code == 1 /* SYS_SECCOMP */) {
		pr_sigsys(p, si);
	} else if (si->si_code > 0 && si->si_signo == SIGIO) {
		hy_pr_printf(p, ", si_band=%ld", si->si_band);
	} else if (si->si_code > 0 && (si->si_pid || si->si_uid)) {
		/* e.g. a clone child's exit signal other than SIGCHLD */
		hy_pr_printf(p, ", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
	}
	hy_pr_putc(p, '}');
}

int hy_format_siginfo_flags(const siginfo_t *si, int sig, unsigned int flags, char *buf,
			    size_t size)
{
	struct hy_printer p;
	char name[32];

	hy_pr_init(&p, buf, size, 0);
	hy_pr_puts(&p, hy_signal_name_r(sig, name, sizeof(name)));
	if (!si || !si->si_signo)
		return p.len;
	p.xstyle = flags & HY_WRITER_CONSTS_RAW	    ? HY_XSTYLE_RAW :
		   flags & HY_WRITER_CONSTS_VERBOSE ? HY_XSTYLE_VERBOSE :
						      HY_XSTYLE_ABBREV;
	hy_pr_putc(&p, ' ');
	pr_siginfo(&p, si);
	return p.len;
}

int hy_format_siginfo(const siginfo_t *si, int sig, char *buf, size_t size)
{
	return hy_format_siginfo_flags(si, sig, 0, buf, size);
}

/*
 * i386's siginfo has its union at offset 12 (x86-64's at 16) and 32-bit
 * clock_t and pointers in it: rebuild a native one from the fields we show.
 */
static bool read_siginfo32(const struct hy_record *r, enum hy_phase phase, uint64_t addr,
			   siginfo_t *si)
{
	int32_t v[8];

	if (!hy_read(r, phase, addr, v, sizeof(v)))
		return false;
	memset(si, 0, sizeof(*si));
	si->si_signo = v[0];
	si->si_errno = v[1];
	si->si_code = v[2];
	if (si->si_code == SI_TIMER) {
		si->si_timerid = v[3];
		si->si_overrun = v[4];
		si->si_value.sival_ptr = (void *)(uintptr_t)(uint32_t)v[5];
	} else if (si->si_signo == SIGSEGV || si->si_signo == SIGBUS || si->si_signo == SIGILL ||
		   si->si_signo == SIGFPE) {
		si->si_addr = (void *)(uintptr_t)(uint32_t)v[3];
	} else if (si->si_signo == SIGIO) {
		si->si_band = v[3];
	} else if (si->si_signo == SIGSYS && si->si_code == 1 /* SYS_SECCOMP */) {
		si->si_call_addr = (void *)(uintptr_t)(uint32_t)v[3];
		si->si_syscall = v[4];
		si->si_arch = (uint32_t)v[5];
	} else {
		si->si_pid = v[3];
		si->si_uid = v[4];
		if (si->si_signo == SIGCHLD && si->si_code > 0) {
			si->si_status = v[5];
			si->si_utime = v[6];
			si->si_stime = v[7];
		} else {
			si->si_value.sival_ptr = (void *)(uintptr_t)(uint32_t)v[5];
		}
	}
	return true;
}

void hy_pr_siginfo_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	siginfo_t si;

	if (hy_ptr_size(r) == 4 ? !read_siginfo32(r, phase, addr, &si) :
				  !hy_read(r, phase, addr, &si, sizeof(si))) {
		hy_pr_ptr(p, addr);
		return;
	}
	pr_siginfo(p, &si);
}

/*
 * struct sigevent: "{sigev_value={sival_int=5, sival_ptr=0x5}, sigev_signo=SIGUSR1,
 * sigev_notify=SIGEV_SIGNAL}" ("{sigev_signo=14, sigev_notify=SIGEV_NONE}" for a
 * notification without a signal), and the thread id or function it names.
 */
void hy_pr_sigevent_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr)
{
	unsigned int w = hy_ptr_size(r);
	uint8_t buf[64];
	uint64_t value = 0, fn = 0, attr = 0;
	int32_t signo, notify, tid;

	if (!hy_read(r, phase, addr, buf, w + 8 + 2 * w)) {
		hy_pr_ptr(p, addr);
		return;
	}
	memcpy(&value, buf, w);
	memcpy(&signo, buf + w, 4);
	memcpy(&notify, buf + w + 4, 4);
	memcpy(&tid, buf + w + 8, 4);
	memcpy(&fn, buf + w + 8, w);
	memcpy(&attr, buf + 2 * w + 8, w);
	/* a signal name only where the notification sends one; the value only when not 0 (strace) */
	bool sends = notify == SIGEV_SIGNAL || notify == SIGEV_THREAD || notify == SIGEV_THREAD_ID;

	hy_pr_putc(p, '{');
	if (value) {
		hy_pr_printf(p, "sigev_value={sival_int=%d, sival_ptr=", (int32_t)value);
		hy_pr_hex(p, value);
		hy_pr_puts(p, "}, ");
	}
	hy_pr_puts(p, "sigev_signo=");
	if (sends)
		hy_pr_signal(p, signo);
	else
		hy_pr_printf(p, "%d", signo);
	hy_pr_puts(p, ", sigev_notify=");
	hy_pr_enum(p, HY_X_SIGEV_NOTIFY, (uint32_t)notify);
	if (notify == SIGEV_THREAD_ID) {
		hy_pr_printf(p, ", sigev_notify_thread_id=%d", tid);
	} else if (notify == SIGEV_THREAD) {
		hy_pr_puts(p, ", sigev_notify_function=");
		hy_pr_ptr(p, fn);
		hy_pr_puts(p, ", sigev_notify_attributes=");
		hy_pr_ptr(p, attr);
	}
	hy_pr_putc(p, '}');
}

/*
 * restart_syscall(): strace names the call it resumes as the thread's previous
 * call (what the session delivered before it, hy_rt_event()), "system call"
 * when it saw none.
 */
void hy_dec_restart_syscall(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "<... resuming interrupted %s ...>",
		     r->prev_call ? r->prev_call : "system call");
}
