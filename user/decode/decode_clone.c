// SPDX-License-Identifier: MIT
/*
 * clone and clone3: flags, the ids the kernel writes back, struct clone_args.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

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
	hy_pr_flags(p, HY_X_CLONE3_FLAGS, a.flags, NULL);
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
	hy_pr_struct_tail(p, r, HY_PHASE_ENTER, addr, sizeof(a), size, HY_S_CLONE_ARGS);
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
