// SPDX-License-Identifier: MIT
/*
 * Processes: clone and clone3, execve, wait4's status, prctl and arch_prctl,
 * and struct rusage.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/kcmp.h>
#include <linux/membarrier.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <asm/prctl.h>

#include "decode/args.h"
#include "decode/decode_process.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* ---- argv and envp ---- */

/* Pointers of the array at @addr until NULL; -1 when its end was not captured. */
static int count_ptrs(const struct hy_record *r, uint64_t addr, int max)
{
	unsigned int ws = hy_ptr_size(r);
	uint64_t ptr;

	for (int n = 0; n < max; n++) {
		if (!hy_read_word(r, HY_PHASE_ENTER, addr + (uint64_t)n * ws, &ptr))
			return -1;
		if (!ptr)
			return n;
	}
	return -1;
}

void hy_pr_argv_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	unsigned int ws = hy_ptr_size(r);
	uint64_t ptr;

	if (!addr || !hy_read_word(r, HY_PHASE_ENTER, addr, &ptr)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	/* strace shows at most -s elements, as it shows at most -s bytes of a string */
	for (unsigned int n = 0; ptr; n++) {
		if (n)
			hy_pr_puts(p, ", ");
		if (n >= p->strsize) {
			hy_pr_puts(p, "...");
			break;
		}
		hy_pr_str_arg(p, r, ptr, p->strsize);
		if (!hy_read_word(r, HY_PHASE_ENTER, addr + (uint64_t)(n + 1) * ws, &ptr)) {
			hy_pr_puts(p, ", ...");
			break;
		}
	}
	hy_pr_putc(p, ']');
}

/* The environment is summarised: "0x7ffd... / * 37 vars * /". */
static void print_envp(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	int n = addr ? count_ptrs(r, addr, 4096) : -1;

	hy_pr_ptr(p, addr);
	if (n >= 0)
		hy_pr_printf(p, " /* %d var%s */", n, n == 1 ? "" : "s");
}

void hy_dec_execve(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_path(p, r, hy_uarg(r, 0));
	hy_pr_sep(p);
	hy_pr_argv_at(p, r, hy_uarg(r, 1));
	hy_pr_sep(p);
	print_envp(p, r, hy_uarg(r, 2));
}

void hy_dec_execveat(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_dirfd(p, (int)r->args[0]);
	hy_pr_sep(p);
	hy_pr_path(p, r, hy_uarg(r, 1));
	hy_pr_sep(p);
	hy_pr_argv_at(p, r, hy_uarg(r, 2));
	hy_pr_sep(p);
	print_envp(p, r, hy_uarg(r, 3));
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_AT_FLAGS, (uint32_t)r->args[4], NULL);
}

/* ---- clone ---- */

/*
 * The kernel writes the child's id to parent_tid before it returns the same
 * id, so a successful call's parent_tid is known even when it was not captured.
 */
static void print_parent_tid(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	int32_t tid;

	if (!hy_exit_ok(r))
		hy_pr_ptr(p, addr);
	else if (hy_read(r, HY_PHASE_EXIT, addr, &tid, sizeof(tid)))
		hy_pr_printf(p, "[%d]", tid);
	else if (r->ret > 0)
		hy_pr_printf(p, "[%d]", (int)r->ret);
	else
		hy_pr_ptr(p, addr);
}

void hy_dec_clone(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t flags = hy_uarg(r, 0) & ~(uint64_t)CSIGNAL;
	int sig = r->args[0] & CSIGNAL;
	/* i386 passes tls before child_tid */
	int tls = hy_compat32(r) ? 3 : 4, ctid = hy_compat32(r) ? 4 : 3;

	hy_pr_puts(p, "child_stack=");
	hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_puts(p, ", flags=");
	if (flags) {
		hy_pr_flags(p, HY_X_CLONE_FLAGS, flags, NULL);
		if (sig)
			hy_pr_putc(p, '|');
	}
	if (sig || !flags)
		hy_pr_signal(p, sig);
	/* the rest exists only at exit, and only for a call that returned */
	if (r->flags & HY_EV_UNFINISHED)
		return;
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		hy_pr_puts(p, ", parent_tid=");
		if (flags & CLONE_PARENT_SETTID)
			print_parent_tid(p, r, hy_uarg(r, 2));
		else if (hy_exit_ok(r))
			hy_pr_int_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 2));
		else
			hy_pr_ptr(p, hy_uarg(r, 2));
	}
	if (flags & CLONE_SETTLS) {
		hy_pr_puts(p, ", tls=");
		hy_pr_ptr(p, hy_uarg(r, tls));
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		hy_pr_puts(p, ", child_tidptr=");
		hy_pr_ptr(p, hy_uarg(r, ctid));
	}
}

/* struct clone_args (linux/sched.h), every field 64-bit. */
struct k_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

void hy_dec_clone3(struct hy_printer *p, const struct hy_record *r)
{
	struct k_clone_args a = { 0 };
	uint64_t addr = hy_uarg(r, 0), size = hy_uarg(r, 1);
	size_t fetch = size < sizeof(a) ? size : sizeof(a);

	/* strace requires the fields up to tls: the first version of the struct */
	if (fetch < offsetof(struct k_clone_args, set_tid) ||
	    !hy_read(r, HY_PHASE_ENTER, addr, &a, fetch)) {
		hy_pr_ptr(p, addr);
		hy_pr_printf(p, ", %" PRIu64, size);
		return;
	}
	hy_pr_puts(p, "{flags=");
	hy_pr_flags(p, HY_X_CLONE_FLAGS, a.flags, NULL);
	if (a.flags & CLONE_PIDFD) {
		hy_pr_puts(p, ", pidfd=");
		hy_pr_ptr(p, a.pidfd);
	}
	if (a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		hy_pr_puts(p, ", child_tid=");
		hy_pr_ptr(p, a.child_tid);
	}
	if (a.flags & CLONE_PARENT_SETTID) {
		hy_pr_puts(p, ", parent_tid=");
		hy_pr_ptr(p, a.parent_tid);
	}
	hy_pr_puts(p, ", exit_signal=");
	if (a.exit_signal < INT_MAX)
		hy_pr_signal(p, (int)a.exit_signal);
	else
		hy_pr_printf(p, "%" PRIu64, a.exit_signal);
	hy_pr_puts(p, ", stack=");
	hy_pr_ptr(p, a.stack);
	hy_pr_printf(p, ", stack_size=%#" PRIx64, a.stack_size);
	if (a.flags & CLONE_SETTLS) {
		hy_pr_puts(p, ", tls=");
		hy_pr_ptr(p, a.tls);
	}
	if (a.set_tid || a.set_tid_size) {
		hy_pr_puts(p, ", set_tid=");
		hy_pr_ptr(p, a.set_tid);
		hy_pr_printf(p, ", set_tid_size=%" PRIu64, a.set_tid_size);
	}
	if (fetch > offsetof(struct k_clone_args, cgroup) &&
	    (a.cgroup || (a.flags & CLONE_INTO_CGROUP)))
		hy_pr_printf(p, ", cgroup=%" PRIu64, a.cgroup);
	hy_pr_putc(p, '}');
	/* what the kernel wrote back: " => {pidfd=[3], parent_tid=[1234]}" */
	if (hy_exit_ok(r) && (a.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID))) {
		hy_pr_puts(p, " => {");
		if (a.flags & CLONE_PIDFD) {
			hy_pr_puts(p, "pidfd=");
			hy_pr_int_at(p, r, HY_PHASE_EXIT, a.pidfd);
		}
		if (a.flags & CLONE_PARENT_SETTID) {
			if (a.flags & CLONE_PIDFD)
				hy_pr_sep(p);
			hy_pr_puts(p, "parent_tid=");
			print_parent_tid(p, r, a.parent_tid);
		}
		hy_pr_putc(p, '}');
	}
	hy_pr_printf(p, ", %" PRIu64, size);
}

/* ---- wait ---- */

static void print_wait_status(struct hy_printer *p, int status)
{
	char sig[32];

	hy_pr_putc(p, '[');
	if (WIFSTOPPED(status)) {
		int s = WSTOPSIG(status);

		hy_pr_printf(p, "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
			     hy_signal_name_r(s & 0x7f, sig, sizeof(sig)),
			     s & 0x80 ? " | 0x80" : "");
		status &= ~((s << 8) | 0x7f);
	} else if (WIFSIGNALED(status)) {
		hy_pr_printf(p, "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}",
			     hy_signal_name_r(WTERMSIG(status), sig, sizeof(sig)),
			     WCOREDUMP(status) ? " && WCOREDUMP(s)" : "");
		status &= ~(WTERMSIG(status) | 0x80);
	} else if (WIFEXITED(status)) {
		hy_pr_printf(p, "{WIFEXITED(s) && WEXITSTATUS(s) == %d}", WEXITSTATUS(status));
		status &= ~(WEXITSTATUS(status) << 8);
	} else if (WIFCONTINUED(status)) {
		hy_pr_puts(p, "{WIFCONTINUED(s)}");
		status &= ~0xffff;
	} else {
		hy_pr_printf(p, "%#x]", status);
		return;
	}
	/* ptrace event stops carry the event above the stop signal */
	if ((unsigned int)status >> 16)
		hy_pr_printf(p, " | %#x << 16", (unsigned int)status >> 16);
	if (status & 0xffff)
		hy_pr_printf(p, " | %#x", status & 0xffff);
	hy_pr_putc(p, ']');
}

/* wait4(pid, status, options, rusage) and i386's waitpid(pid, status, options). */
void hy_dec_wait4(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t st = hy_uarg(r, 1);
	int32_t status;

	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	/* with WNOHANG and nothing to report the status is untouched */
	if (hy_exit_ok(r) && r->ret > 0 && hy_read(r, HY_PHASE_EXIT, st, &status, 4))
		print_wait_status(p, status);
	else
		hy_pr_ptr(p, st);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_WAIT_OPTIONS, (uint32_t)r->args[2], NULL);
	if (r->ent && r->ent->nargs < 4)
		return;
	hy_pr_sep(p);
	/* the kernel writes the rusage only when it reports a child */
	if (hy_exit_ok(r) && r->ret > 0)
		hy_pr_rusage_at(p, r, HY_PHASE_EXIT, hy_uarg(r, 3));
	else
		hy_pr_ptr(p, hy_uarg(r, 3));
}

void hy_pr_rusage_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr)
{
	int64_t t[4];

	/* two struct timevals of the ABI's longs, then fourteen longs strace abbreviates */
	if (hy_ptr_size(r) == 4) {
		int32_t t32[4];

		if (!hy_read(r, phase, addr, t32, sizeof(t32))) {
			hy_pr_ptr(p, addr);
			return;
		}
		for (int i = 0; i < 4; i++)
			t[i] = t32[i];
	} else if (!hy_read(r, phase, addr, t, sizeof(t))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{ru_utime={tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", t[0], t[1]);
	hy_pr_printf(p, ", ru_stime={tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}, ...}", t[2], t[3]);
}

/* ---- prctl ---- */

static void print_hex_args(struct hy_printer *p, const struct hy_record *r, int from)
{
	for (int i = from; i < 5; i++)
		hy_pr_printf(p, ", %#" PRIx64, hy_uarg(r, i));
}

/* A string of at most @max bytes (prctl's task names: 15 and a NUL). */
static void print_short_str(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr, size_t max)
{
	char buf[32];
	ssize_t n = max + 1 <= sizeof(buf) ? hy_rec_read(r, phase, addr, buf, max + 1) : -1;
	char *nul = n > 0 ? memchr(buf, 0, n) : NULL;

	/* the max + 1 bytes the kernel reads (TASK_COMM_LEN): strace shows max of them */
	if (nul)
		hy_pr_quoted(p, buf, nul - buf, false);
	else if (phase == HY_PHASE_ENTER && n == (ssize_t)max + 1)
		hy_pr_quoted(p, buf, max, true);
	else
		hy_pr_ptr(p, addr);
}

void hy_dec_prctl(struct hy_printer *p, const struct hy_record *r)
{
	unsigned int option = r->args[0];
	uint64_t arg2 = hy_uarg(r, 1);

	hy_pr_enum(p, HY_X_PRCTL_OPTION, option);
	switch (option) {
	case PR_GET_KEEPCAPS:
	case PR_GET_SECCOMP:
	case PR_GET_TIMERSLACK:
	case PR_GET_TIMING:
	case PR_GET_DUMPABLE:
	case PR_GET_SECUREBITS:
	case PR_GET_FP_MODE:
	case PR_TASK_PERF_EVENTS_DISABLE:
	case PR_TASK_PERF_EVENTS_ENABLE:
		return;
	case PR_GET_CHILD_SUBREAPER:
	case PR_GET_ENDIAN:
	case PR_GET_FPEMU:
	case PR_GET_FPEXC:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_int_at(p, r, HY_PHASE_EXIT, arg2);
		else
			hy_pr_ptr(p, arg2);
		return;
	case PR_GET_NAME:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			print_short_str(p, r, HY_PHASE_EXIT, arg2, 15);
		else
			hy_pr_ptr(p, arg2);
		return;
	case PR_GET_PDEATHSIG: {
		int32_t sig;

		hy_pr_sep(p);
		if (hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, arg2, &sig, 4)) {
			hy_pr_putc(p, '[');
			hy_pr_signal(p, sig);
			hy_pr_putc(p, ']');
		} else {
			hy_pr_ptr(p, arg2);
		}
		return;
	}
	case PR_GET_TID_ADDRESS:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_addr_at(p, r, HY_PHASE_EXIT, arg2);
		else
			hy_pr_ptr(p, arg2);
		return;
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_ENDIAN:
	case PR_SET_FPEMU:
	case PR_SET_FPEXC:
	case PR_SET_KEEPCAPS:
	case PR_SET_TIMING:
		hy_pr_printf(p, ", %" PRIu64, arg2);
		return;
	case PR_SET_DUMPABLE:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_DUMPABLE, arg2);
		return;
	case PR_CAPBSET_DROP:
	case PR_CAPBSET_READ:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_CAP, arg2);
		return;
	case PR_CAP_AMBIENT:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_CAP_AMBIENT, arg2);
		if (arg2 == PR_CAP_AMBIENT_RAISE || arg2 == PR_CAP_AMBIENT_LOWER ||
		    arg2 == PR_CAP_AMBIENT_IS_SET) {
			hy_pr_sep(p);
			hy_pr_enum(p, HY_X_CAP, hy_uarg(r, 2));
			print_hex_args(p, r, 3);
		} else {
			print_hex_args(p, r, 2);
		}
		return;
	case PR_MCE_KILL:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_MCE_KILL, arg2);
		print_hex_args(p, r, 2);
		return;
	case PR_SET_NAME:
		hy_pr_sep(p);
		print_short_str(p, r, HY_PHASE_ENTER, arg2, 15);
		return;
	case PR_SET_VMA:
		hy_pr_sep(p);
		hy_pr_enum(p, HY_X_PR_SET_VMA, arg2);
		if (arg2 == PR_SET_VMA_ANON_NAME) {
			hy_pr_sep(p);
			hy_pr_ptr(p, hy_uarg(r, 2));
			hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 3));
			hy_pr_str_arg(p, r, hy_uarg(r, 4), p->strsize);
		} else {
			print_hex_args(p, r, 2);
		}
		return;
	case PR_SET_PDEATHSIG:
		hy_pr_sep(p);
		if (arg2 > 128)
			hy_pr_printf(p, "%" PRIu64, arg2);
		else
			hy_pr_signal(p, (int)arg2);
		return;
	case PR_SET_PTRACER:
		if ((int)arg2 == -1)
			hy_pr_puts(p, ", PR_SET_PTRACER_ANY");
		else
			hy_pr_printf(p, ", %d", (int)arg2);
		return;
	case PR_SET_TIMERSLACK:
		hy_pr_printf(p, ", %" PRId64, hy_sarg(r, 1));
		return;
	case PR_SET_NO_NEW_PRIVS:
	case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		hy_pr_printf(p, ", %" PRIu64, arg2);
		print_hex_args(p, r, 2);
		return;
	default:
		print_hex_args(p, r, 1);
		return;
	}
}

bool hy_pr_prctl_result(struct hy_printer *p, const struct hy_record *r)
{
	const char *name;

	if ((unsigned int)r->args[0] != PR_GET_DUMPABLE)
		return false;
	name = hy_xlat_name(HY_X_DUMPABLE, r->ret);
	if (name)
		hy_pr_printf(p, " (%s)", name);
	return name != NULL;
}

/* arch_prctl(option, addr): the ARCH_GET_* options write through addr. */
void hy_dec_arch_prctl(struct hy_printer *p, const struct hy_record *r)
{
	unsigned int option = r->args[0];
	uint64_t addr = hy_uarg(r, 1);

	hy_pr_enum(p, HY_X_ARCH_PRCTL, option);
	switch (option) {
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		hy_pr_sep(p);
		if (hy_exit_ok(r))
			hy_pr_addr_at(p, r, HY_PHASE_EXIT, addr);
		else
			hy_pr_ptr(p, addr);
		return;
	case ARCH_GET_CPUID:
		return;
	default:
		hy_pr_printf(p, ", %#" PRIx64, addr);
		return;
	}
}

/* ---- thread-local storage (i386) ---- */

/* struct user_desc: entry_number, base_addr, limit, then seven bit fields. */
static void print_user_desc(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr)
{
	uint32_t d[4];

	if (!hy_read(r, phase, addr, d, sizeof(d))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_printf(p, "{entry_number=%d, base_addr=%#x, limit=%#08x", (int32_t)d[0], d[1], d[2]);
	hy_pr_printf(p, ", seg_32bit=%u, contents=%u, read_exec_only=%u, limit_in_pages=%u",
		     d[3] & 1, (d[3] >> 1) & 3, (d[3] >> 3) & 1, (d[3] >> 4) & 1);
	hy_pr_printf(p, ", seg_not_present=%u, useable=%u}", (d[3] >> 5) & 1, (d[3] >> 6) & 1);
}

/* set_thread_area reads the struct; get_thread_area fills it in. */
void hy_dec_thread_area(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t addr = hy_uarg(r, 0);

	if (r->ent && !strcmp(r->ent->name, "set_thread_area"))
		print_user_desc(p, r, HY_PHASE_ENTER, addr);
	else if (hy_exit_ok(r))
		print_user_desc(p, r, HY_PHASE_EXIT, addr);
	else
		hy_pr_ptr(p, addr);
}

bool hy_pr_thread_area_result(struct hy_printer *p, const struct hy_record *r)
{
	int32_t in, out;
	uint64_t addr = hy_uarg(r, 0);

	/* entry_number -1 asks the kernel to choose one; strace shows which */
	if (!r->ent || strcmp(r->ent->name, "set_thread_area") ||
	    !hy_read(r, HY_PHASE_ENTER, addr, &in, 4) || in != -1 ||
	    !hy_read(r, HY_PHASE_EXIT, addr, &out, 4))
		return false;
	hy_pr_printf(p, " (entry_number=%d)", out);
	return true;
}

/* ---- CPU affinity ---- */

/* sched_setaffinity(pid, len, mask) and sched_getaffinity(pid, len, mask): "[0 1 3]" */
void hy_dec_sched_affinity(struct hy_printer *p, const struct hy_record *r)
{
	bool get = r->ent && !strcmp(r->ent->name, "sched_getaffinity");
	uint64_t len = hy_uarg(r, 1), addr = hy_uarg(r, 2);
	/* the kernel fills in only as many bytes as it returns */
	uint64_t n = get ? (uint64_t)r->ret : len;
	enum hy_phase ph = get ? HY_PHASE_EXIT : HY_PHASE_ENTER;
	uint8_t mask[128];
	bool first = true;

	hy_pr_printf(p, "%d, %" PRIu64 ", ", (int)r->args[0], len);
	if ((get && !hy_exit_ok(r)) || n > sizeof(mask) || !hy_read(r, ph, addr, mask, n)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t cpu = 0; cpu < n * 8; cpu++) {
		if (!(mask[cpu / 8] & (1u << (cpu % 8))))
			continue;
		hy_pr_printf(p, first ? "%" PRIu64 : " %" PRIu64, cpu);
		first = false;
	}
	hy_pr_putc(p, ']');
}

/*
 * kcmp(pid1, pid2, type, idx1, idx2): fds for KCMP_FILE, an fd and a struct
 * kcmp_epoll_slot for KCMP_EPOLL_TFD, nothing for the other known types, and
 * both in hex for an unknown one.
 */
void hy_dec_kcmp(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t type = r->args[2];
	uint64_t idx2 = hy_uarg(r, 4);
	uint32_t slot[3];

	for (int i = 0; i < 2; i++) {
		hy_pr_i64(p, (int)r->args[i]);
		hy_pr_pid_note(p, r, (int)r->args[i]);
		hy_pr_sep(p);
	}
	hy_pr_enum(p, HY_X_KCMP_TYPE, type);
	switch (type) {
	case KCMP_FILE:
		hy_pr_printf(p, ", %d, %d", (int)r->args[3], (int)idx2);
		break;
	case KCMP_EPOLL_TFD:
		hy_pr_printf(p, ", %d, ", (int)r->args[3]);
		if (idx2 && hy_read(r, HY_PHASE_ENTER, idx2, slot, sizeof(slot)))
			hy_pr_printf(p, "{efd=%d, tfd=%d, toff=%u}", (int)slot[0], (int)slot[1],
				     slot[2]);
		else
			hy_pr_ptr(p, idx2);
		break;
	case KCMP_VM:
	case KCMP_FILES:
	case KCMP_FS:
	case KCMP_SIGHAND:
	case KCMP_IO:
	case KCMP_SYSVSEM:
		break;
	default:
		hy_pr_printf(p, ", %#" PRIx64 ", %#" PRIx64, hy_uarg(r, 3), idx2);
		break;
	}
}

void hy_pr_personality(struct hy_printer *p, uint32_t v)
{
	bool any = true;

	hy_pr_enum(p, HY_X_PERSONA, v & PER_MASK);
	v = hy_pr_bits(p, HY_X_PERSONA_FLAGS, v & ~(uint32_t)PER_MASK, &any);
	if (v)
		hy_pr_printf(p, "|%#x", v);
}

/* personality(persona): 0xffffffff asks for the current one and prints as a number */
void hy_dec_personality(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t v = r->args[0];

	if (v == 0xffffffff)
		hy_pr_hex(p, v);
	else
		hy_pr_personality(p, v);
}

/* "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)": the class in the bits above 13 */
void hy_pr_ioprio(struct hy_printer *p, uint32_t v)
{
	hy_pr_puts(p, "IOPRIO_PRIO_VALUE(");
	hy_pr_enum(p, HY_X_IOPRIO_CLASS, v >> 13);
	hy_pr_printf(p, ", %u)", v & 0x1fff);
}

/* ioprio_get(which, who) and ioprio_set(which, who, ioprio) */
void hy_dec_ioprio(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_enum(p, HY_X_IOPRIO_WHO, (uint32_t)r->args[0]);
	hy_pr_printf(p, ", %d", (int)r->args[1]);
	if (r->ent && r->ent->nargs > 2) {
		hy_pr_sep(p);
		hy_pr_ioprio(p, (uint32_t)r->args[2]);
	}
}

/* One capability set: "1<<CAP_CHOWN|...", the high word's unknown bits as "0x80000000 / * CAP_??? * /" */
static void print_cap_set(struct hy_printer *p, uint32_t lo, uint32_t hi)
{
	const char *sep = "";

	if (!lo && !hi) {
		hy_pr_putc(p, '0');
		return;
	}
	/* each word as its own flag set: the comment only for a word without a name */
	for (int w = 0; w < 2; w++) {
		uint32_t v = w ? hi : lo;
		bool named = false;

		for (int b = 0; b < 32; b++) {
			const char *name;

			if (!(v & (1u << b)) || !(name = hy_xlat_name(HY_X_CAP, w * 32 + b)))
				continue;
			hy_pr_printf(p, "%s1<<%s", sep, name);
			sep = "|";
			named = true;
			v &= ~(1u << b);
		}
		if (v) {
			hy_pr_printf(p, named ? "%s%#x" : "%s%#x /* CAP_??? */", sep, v);
			sep = "|";
		}
	}
}

/* capget(header, data) and capset(header, data): data has one or two words per set, by version */
void hy_dec_capget(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t ha = hy_uarg(r, 0), da = hy_uarg(r, 1);
	bool set = r->ent && !strcmp(r->ent->name, "capset");
	uint32_t h[2], d[6] = { 0 };
	int words = 0;

	if (ha && hy_read(r, HY_PHASE_ENTER, ha, h, sizeof(h))) {
		hy_pr_puts(p, "{version=");
		hy_pr_enum(p, HY_X_CAP_VERSION, h[0]);
		hy_pr_printf(p, ", pid=%d}", (int)h[1]);
		words = h[0] == _LINUX_CAPABILITY_VERSION_1 ? 1 :
			h[0] == _LINUX_CAPABILITY_VERSION_2 ? 2 :
			h[0] == _LINUX_CAPABILITY_VERSION_3 ? 2 :
							      0;
	} else {
		hy_pr_ptr(p, ha);
	}
	hy_pr_sep(p);
	if (!da || !words || (!set && !hy_exit_ok(r)) ||
	    !hy_read(r, set ? HY_PHASE_ENTER : HY_PHASE_EXIT, da, d, words * 12)) {
		hy_pr_ptr(p, da);
		return;
	}
	/* the words of a set are d[0] and d[3]: struct { effective, permitted, inheritable }[2] */
	hy_pr_puts(p, "{effective=");
	print_cap_set(p, d[0], d[3]);
	hy_pr_puts(p, ", permitted=");
	print_cap_set(p, d[1], d[4]);
	hy_pr_puts(p, ", inheritable=");
	print_cap_set(p, d[2], d[5]);
	hy_pr_putc(p, '}');
}

/*
 * getgroups/setgroups' list: "[0, 5, 100]", at most -s entries; i386's calls
 * without "32" take 16-bit ids. The count is the result (getgroups) or the size.
 */
void hy_pr_gids_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr, int64_t count)
{
	unsigned int w = hy_compat32(r) && r->ent && !strstr(r->ent->name, "32") ? 2 : 4;
	uint8_t buf[HY_GIDS_MAX * 4];
	int64_t show = count < p->strsize ? count : p->strsize;

	if (show > HY_GIDS_MAX)
		show = HY_GIDS_MAX;
	if (count < 0 || !hy_read(r, phase, addr, buf, (size_t)show * w)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (int64_t i = 0; i < show; i++) {
		uint32_t g = 0;

		memcpy(&g, buf + i * w, w);
		hy_pr_printf(p, "%s%u", i ? ", " : "", g);
	}
	hy_pr_puts(p, count > show ? ", ...]" : "]");
}

/* membarrier(cmd, flags, cpu_id): the cpu only with MEMBARRIER_CMD_FLAG_CPU */
void hy_dec_membarrier(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[1];

	hy_pr_enum(p, HY_X_MEMBARRIER_CMD, (uint32_t)r->args[0]);
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_MEMBARRIER_FLAGS, flags, NULL);
	if (flags & MEMBARRIER_CMD_FLAG_CPU)
		hy_pr_printf(p, ", %d", (int)r->args[2]);
}

/*
 * struct sched_attr, as far as its size field says (48 bytes without the
 * utilization clamps): "{size=56, sched_policy=SCHED_OTHER, sched_flags=0, ...}"
 */
void hy_pr_sched_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr)
{
	struct {
		uint32_t size, policy;
		uint64_t flags;
		int32_t nice;
		uint32_t priority;
		uint64_t runtime, deadline, period;
		uint32_t util_min, util_max;
	} a;

	if (!hy_read(r, phase, addr, &a, 48)) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (a.size < 56 || !hy_read(r, phase, addr, &a, sizeof(a)))
		a.size = a.size < 48 ? a.size : 48;
	hy_pr_printf(p, "{size=%u, sched_policy=", a.size);
	hy_pr_enum(p, HY_X_SCHED_POLICY, a.policy);
	hy_pr_puts(p, ", sched_flags=");
	hy_pr_flags(p, HY_X_SCHED_FLAGS, a.flags, NULL);
	hy_pr_printf(p,
		     ", sched_nice=%d, sched_priority=%u, sched_runtime=%" PRIu64
		     ", sched_deadline=%" PRIu64 ", sched_period=%" PRIu64,
		     a.nice, a.priority, a.runtime, a.deadline, a.period);
	if (a.size >= 56)
		hy_pr_printf(p, ", sched_util_min=%u, sched_util_max=%u", a.util_min, a.util_max);
	hy_pr_putc(p, '}');
}
