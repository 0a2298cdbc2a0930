// SPDX-License-Identifier: MIT
/*
 * A task in a ptrace syscall stop: reading its call, changing its arguments and
 * result, injecting calls, reading and writing its memory. Tools reach these
 * only through struct hy_ctx and the backend operations.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "call_notes.h"
#include "ptrace/pt_task.h"
#include "ptrace/seccomp_filter.h"
#include "ptrace/syscall_stop.h"
#include "session.h"
#include "syscall_table.h"

#ifndef PTRACE_SET_SYSCALL_INFO
#define PTRACE_SET_SYSCALL_INFO 0x4212
#endif

#define REG_OFF(r) offsetof(struct user_regs_struct, r)

/* Argument registers per ABI (int 0x80 passes them in the 32-bit registers). */
static const size_t arg_reg_x86_64[6] = { REG_OFF(rdi), REG_OFF(rsi), REG_OFF(rdx),
					  REG_OFF(r10), REG_OFF(r8),  REG_OFF(r9) };
static const size_t arg_reg_i386[6] = { REG_OFF(rbx), REG_OFF(rcx), REG_OFF(rdx),
					REG_OFF(rsi), REG_OFF(rdi), REG_OFF(rbp) };

static size_t arg_reg(enum hy_abi abi, int i)
{
	return abi == HY_ABI_I386 ? arg_reg_i386[i] : arg_reg_x86_64[i];
}

int hy_pt_set_arg(pid_t tid, enum hy_abi abi, int i, uint64_t v)
{
	return ptrace(PTRACE_POKEUSER, tid, arg_reg(abi, i), v) ? -errno : 0;
}

ssize_t hy_pt_read_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf,
		       size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	pid_t tid = t->tid;
	ssize_t n;

	(void)s;
	if (!len)
		return 0;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	if (errno == EFAULT && len > 1) {
		/* a string near the end of a mapping: read up to the page end */
		size_t first = 4096 - (addr & 4095);

		if (first < len) {
			local.iov_len = remote.iov_len = first;
			n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
			if (n >= 0)
				return n;
		}
	}
	return -(errno == ESRCH ? ESRCH : EFAULT);
}

ssize_t hy_pt_write_mem(struct hy_session *s, struct hy_task *t, uint64_t addr, const void *buf,
			size_t len)
{
	struct iovec local = { (void *)buf, len }, remote = { (void *)addr, len };
	pid_t tid = t->tid;
	char path[64];
	ssize_t n;
	int fd;

	(void)s;
	n = process_vm_writev(tid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	/* read-only mappings (string literals): /proc/pid/mem writes as a debugger does */
	snprintf(path, sizeof(path), "/proc/%d/mem", tid);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -EFAULT;
	n = pwrite(fd, buf, len, (off_t)addr);
	close(fd);
	return n < 0 ? -EFAULT : n;
}

int hy_pt_load_call(struct hy_task *t)
{
	struct __ptrace_syscall_info info;
	struct hy_call *st = &t->call;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0)
		return -errno;
	if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
		st->at_exit = true;
		st->ret = info.exit.rval;
		st->ret_changed = false;
		return info.op;
	}
	if (info.op != PTRACE_SYSCALL_INFO_SECCOMP && info.op != PTRACE_SYSCALL_INFO_ENTRY)
		return -EINVAL;
	/* entry and seccomp stops share the layout of nr and args */
	memset(st, 0, sizeof(*st));
	pt_task(t)->foreign_stop = info.op == PTRACE_SYSCALL_INFO_SECCOMP &&
				   info.seccomp.ret_data != HY_SECCOMP_DATA;
	st->raw_nr = info.seccomp.nr;
	if (info.arch == AUDIT_ARCH_I386) {
		st->abi = HY_ABI_I386;
		st->nr = (uint32_t)info.seccomp.nr;
		for (int i = 0; i < 6; i++)
			st->args[i] = (uint32_t)info.seccomp.args[i];
	} else {
		st->abi = info.seccomp.nr & HY_X32_SYSCALL_BIT ? HY_ABI_X32 : HY_ABI_X86_64;
		st->nr = info.seccomp.nr & ~(uint64_t)HY_X32_SYSCALL_BIT;
		memcpy(st->args, info.seccomp.args, sizeof(st->args));
	}
	memcpy(st->orig_args, st->args, sizeof(st->args));
	st->sp = info.stack_pointer;
	st->ip = info.instruction_pointer;
	return info.op;
}

int hy_pt_set_return(struct hy_task *t, int64_t v)
{
	if (ptrace(PTRACE_POKEUSER, t->tid, REG_OFF(rax), v))
		return -errno;
	return 0;
}

/* Write changed arguments back, with PTRACE_SET_SYSCALL_INFO where the kernel has it. */
static int write_args(struct hy_session *s, struct hy_task *t)
{
	struct hy_call *st = &t->call;

	if (s->pt->set_syscall_info) {
		struct __ptrace_syscall_info info;

		memset(&info, 0, sizeof(info));
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0) {
			/* entry.nr/args and seccomp.nr/args are at the same place */
			info.seccomp.nr = st->raw_nr;
			memcpy(info.seccomp.args, st->args, sizeof(st->args));
			if (ptrace(PTRACE_SET_SYSCALL_INFO, t->tid, sizeof(info), &info) == 0)
				return 0;
		}
		if (errno == EIO || errno == EINVAL)
			s->pt->set_syscall_info = false; /* older kernel: registers from now on */
	}
	for (int i = 0; i < 6; i++) {
		if (st->args[i] == st->orig_args[i])
			continue;
		if (ptrace(PTRACE_POKEUSER, t->tid, arg_reg(st->abi, i), st->args[i]))
			return -errno;
	}
	return 0;
}

int hy_pt_apply(struct hy_session *s, struct hy_task *t, enum hy_cont cont, int64_t skip_ret)
{
	int err = 0;

	if (t->call.modified && memcmp(t->call.args, t->call.orig_args, sizeof(t->call.args)))
		err = write_args(s, t);
	if (!err && cont == HY_CONT_SKIP) {
		if (ptrace(PTRACE_POKEUSER, t->tid, REG_OFF(orig_rax), -1L) ||
		    ptrace(PTRACE_POKEUSER, t->tid, REG_OFF(rax), skip_ret))
			err = -errno;
	}
	return err;
}

/*
 * Injection. At the stop of a call (seccomp or syscall-entry), the call is turned
 * into the injected one and run to its exit stop. Further injections start from
 * that exit stop: the instruction pointer goes back to the syscall instruction
 * with the next number, so the task enters the kernel again (an entry stop, and
 * a seccomp stop if that call is subscribed, both passed) to the next exit stop.
 * When the handler is done, hy_pt_inject_finish() rewinds once more with the
 * original registers: the original call enters again and stops again, and the
 * tracer replays the handler's decision there without calling it twice.
 */
static int wait_exit_stop(struct hy_pt_task *pt)
{
	struct hy_task *t = &pt->t;
	struct __ptrace_syscall_info info;
	int status;

	for (;;) {
		pid_t w = waitpid(t->tid, &status, __WALL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -ESRCH;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			/* killed meanwhile: the main loop must still see its end */
			pt->inj.dead = true;
			pt->inj.dead_status = status;
			return -ESRCH;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80) &&
		    ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0 &&
		    info.op == PTRACE_SYSCALL_INFO_EXIT)
			return 0;
		/* a signal on the way back to user space is delivered after the original call */
		if ((status >> 16) == 0 && WSTOPSIG(status) != (SIGTRAP | 0x80) && !pt->inj.sig)
			pt->inj.sig = WSTOPSIG(status);
		if (ptrace(PTRACE_SYSCALL, t->tid, 0, 0))
			return -errno;
	}
}

int hy_pt_inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		 int64_t *result)
{
	struct hy_pt_task *pt = pt_task(t);
	struct hy_call *st = &t->call;
	struct user_regs_struct regs;
	struct __ptrace_syscall_info info;
	long raw = st->abi == HY_ABI_X32 ? (nr | HY_X32_SYSCALL_BIT) : nr;
	struct hy_record *record;
	int err = 0;

	if (st->abi == HY_ABI_I386)
		return -ENOSYS; /* sysenter returns through the vDSO: no instruction to rewind to */
	if (pt->inj.dead)
		return -ESRCH;
	if (!pt->inj.active) {
		if (ptrace(PTRACE_GETREGS, t->tid, 0, &pt->inj.regs))
			return -errno;
		regs = pt->inj.regs;
		regs.orig_rax = raw; /* the stopped call becomes the injected one */
	} else {
		if (ptrace(PTRACE_GETREGS, t->tid, 0, &regs))
			return -errno;
		regs.rip = pt->inj.regs.rip - 2; /* `syscall` is two bytes */
		regs.rax = raw;
		regs.orig_rax = raw;
	}
	regs.rdi = args[0];
	regs.rsi = args[1];
	regs.rdx = args[2];
	regs.r10 = args[3];
	regs.r8 = args[4];
	regs.r9 = args[5];
	record = hy_note_inject(s, t, nr, args);
	if (ptrace(PTRACE_SETREGS, t->tid, 0, &regs) || ptrace(PTRACE_SYSCALL, t->tid, 0, 0))
		err = -errno;
	else
		pt->inj.active = true;
	if (!err)
		err = wait_exit_stop(pt);
	if (!err && ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0)
		err = -errno;
	if (err) {
		hy_note_injected(s, t, record, err); /* not leaked: recorded as failed */
		return err;
	}
	*result = info.exit.rval;
	st->injected = true;
	hy_note_injected(s, t, record, *result);
	return 0;
}

int hy_pt_inject_finish(struct hy_task *t)
{
	struct hy_pt_task *pt = pt_task(t);
	struct user_regs_struct regs = pt->inj.regs;

	pt->inj.active = false;
	if (pt->inj.dead)
		return -ESRCH;
	/* back to the syscall instruction with the original number and arguments */
	regs.rip -= 2;
	regs.rax = regs.orig_rax;
	if (ptrace(PTRACE_SETREGS, t->tid, 0, &regs))
		return -errno;
	pt->replay = true;
	return 0;
}
