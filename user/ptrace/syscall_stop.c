// SPDX-License-Identifier: MIT
/*
 * The ptrace backend of a stopped syscall: reading it, changing its arguments
 * and result, injecting calls, reading and writing guest memory. Tools reach
 * these only through struct hy_ctx.
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

#include "capture_plan.h"
#include "error.h"
#include "merge.h"
#include "session.h"

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

ssize_t hy_guest_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n;

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

ssize_t hy_guest_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	struct iovec local = { (void *)buf, len }, remote = { (void *)addr, len };
	char path[64];
	ssize_t n;
	int fd;

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

int hy_stop_load(struct hy_session *s, struct hy_task *t)
{
	struct __ptrace_syscall_info info;
	struct hy_stop *st = &t->stop;

	(void)s;
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
	st->entry_op = info.op;
	return info.op;
}

int hy_stop_set_arg(struct hy_task *t, int i, uint64_t v)
{
	t->stop.args[i] = v;
	t->stop.modified = true;
	return 0;
}

int hy_stop_set_return(struct hy_task *t, int64_t v)
{
	if (ptrace(PTRACE_POKEUSER, t->tid, REG_OFF(rax), v))
		return -errno;
	return 0;
}

/* Write changed arguments back, with PTRACE_SET_SYSCALL_INFO where the kernel has it. */
static int write_args(struct hy_session *s, struct hy_task *t)
{
	struct hy_stop *st = &t->stop;

	if (s->set_syscall_info) {
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
			s->set_syscall_info = false; /* older kernel: registers from now on */
	}
	for (int i = 0; i < 6; i++) {
		if (st->args[i] == st->orig_args[i])
			continue;
		if (ptrace(PTRACE_POKEUSER, t->tid, arg_reg(st->abi, i), st->args[i]))
			return -errno;
	}
	return 0;
}

int hy_stop_apply(struct hy_session *s, struct hy_task *t, enum hy_cont cont, int64_t skip_ret)
{
	int err = 0;

	if (t->stop.modified && memcmp(t->stop.args, t->stop.orig_args, sizeof(t->stop.args)))
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
 * When the handler is done, hy_stop_inject_finish() rewinds once more with the
 * original registers: the original call enters again and stops again, and the
 * tracer replays the handler's decision there without calling it twice.
 */
static int wait_exit_stop(struct hy_task *t)
{
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
			t->dead = true;
			t->dead_status = status;
			return -ESRCH;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80) &&
		    ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0 &&
		    info.op == PTRACE_SYSCALL_INFO_EXIT)
			return 0;
		/* a signal on the way back to user space is delivered after the original call */
		if ((status >> 16) == 0 && WSTOPSIG(status) != (SIGTRAP | 0x80) && !t->inj_sig)
			t->inj_sig = WSTOPSIG(status);
		if (ptrace(PTRACE_SYSCALL, t->tid, 0, 0))
			return -errno;
	}
}

/* Without the kernel recorder the tracer records the injected calls that are shown. */
static struct hy_record *begin_injected(struct hy_session *s, struct hy_task *t, long nr,
					const uint64_t args[6])
{
	struct hy_record *r;

	if (!hy_sysset_has(&s->shown, t->stop.abi, nr) || !(r = calloc(1, sizeof(*r))))
		return NULL;
	r->tid = t->tid;
	r->pid = t->proc->tgid;
	r->abi = t->stop.abi;
	r->nr = nr;
	r->ent = hy_sysent_get(r->abi, nr);
	memcpy(r->args, args, sizeof(r->args));
	r->t_enter = hy_now_ns();
	r->flags = HY_EV_FROM_TRACER | HY_EV_INJECTED;
	hy_capture_live(s, t, r, HY_PHASE_ENTER);
	return r;
}

static void end_injected(struct hy_session *s, struct hy_task *t, struct hy_record *r, int64_t ret)
{
	r->ret = ret;
	r->t_exit = hy_now_ns();
	hy_capture_live(s, t, r, HY_PHASE_EXIT);
	hy_merge_tracer_record(s->merge, r);
	hy_rec_release(r);
	free(r);
}

int hy_stop_inject(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		   int64_t *result)
{
	struct hy_stop *st = &t->stop;
	struct user_regs_struct regs;
	struct __ptrace_syscall_info info;
	long raw = st->abi == HY_ABI_X32 ? (nr | HY_X32_SYSCALL_BIT) : nr;
	struct hy_record *record = NULL;
	int err;

	if (st->abi == HY_ABI_I386)
		return -ENOSYS; /* sysenter returns through the vDSO: no instruction to rewind to */
	if (t->dead)
		return -ESRCH;
	if (!t->injecting) {
		if (ptrace(PTRACE_GETREGS, t->tid, 0, &t->inj_regs))
			return -errno;
		regs = t->inj_regs;
		regs.orig_rax = raw; /* the stopped call becomes the injected one */
	} else {
		if (ptrace(PTRACE_GETREGS, t->tid, 0, &regs))
			return -errno;
		regs.rip = t->inj_regs.rip - 2; /* `syscall` is two bytes */
		regs.rax = raw;
		regs.orig_rax = raw;
	}
	regs.rdi = args[0];
	regs.rsi = args[1];
	regs.rdx = args[2];
	regs.r10 = args[3];
	regs.r8 = args[4];
	regs.r9 = args[5];
	if (s->krec)
		hy_merge_note_run(s->merge, t->tid, hy_now_ns(), HY_EV_INJECTED, false);
	else
		record = begin_injected(s, t, nr, args);
	if (ptrace(PTRACE_SETREGS, t->tid, 0, &regs) || ptrace(PTRACE_SYSCALL, t->tid, 0, 0))
		return -errno;
	t->injecting = true;
	err = wait_exit_stop(t);
	if (err)
		return err;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0)
		return -errno;
	*result = info.exit.rval;
	st->injected = true;
	if (record)
		end_injected(s, t, record, *result);
	return 0;
}

int hy_stop_inject_finish(struct hy_task *t)
{
	struct user_regs_struct regs = t->inj_regs;

	t->injecting = false;
	if (t->dead)
		return -ESRCH;
	/* back to the syscall instruction with the original number and arguments */
	regs.rip -= 2;
	regs.rax = regs.orig_rax;
	if (ptrace(PTRACE_SETREGS, t->tid, 0, &regs))
		return -errno;
	t->replay = true;
	return 0;
}

/* An iovec array and its buffers; at exit only as much as the call returned. */
static void capture_iov_live(struct hy_task *t, struct hy_record *r, enum hy_phase ph, int arg,
			     uint64_t addr, uint64_t count, size_t maxbuf)
{
	uint64_t iov[2 * HY_IOV_MAX];
	uint64_t left = ph == HY_PHASE_EXIT ? (r->ret > 0 ? (uint64_t)r->ret : 0) : ~0ull;
	uint8_t buf[HY_CAP_MAX];
	ssize_t n;

	if (!addr)
		return;
	if (count > HY_IOV_MAX)
		count = HY_IOV_MAX;
	n = hy_guest_read(t->tid, addr, iov, count * 16);
	if (n < (ssize_t)(count * 16)) {
		hy_rec_add_chunk(r, ph, arg, addr, NULL, 0, HY_MEM_FAULT);
		return;
	}
	hy_rec_add_chunk(r, ph, arg, addr, iov, n, 0);
	if (maxbuf > sizeof(buf))
		maxbuf = sizeof(buf);
	for (uint64_t k = 0; k < count && left; k++) {
		uint64_t len = iov[2 * k + 1] < left ? iov[2 * k + 1] : left;
		size_t show = len < maxbuf ? len : maxbuf;
		ssize_t got;

		left -= len;
		if (!iov[2 * k] || !show)
			continue;
		got = hy_guest_read(t->tid, iov[2 * k], buf, show);
		hy_rec_add_chunk(r, ph, arg, iov[2 * k], got > 0 ? buf : NULL, got > 0 ? got : 0,
				 got < 0 ? HY_MEM_FAULT : (len > (uint64_t)got ? HY_MEM_TRUNC : 0));
	}
}

static void capture_arg(struct hy_task *t, struct hy_record *r, enum hy_phase ph,
			const struct hy_cap_slot *c)
{
	uint8_t buf[HY_CAP_MAX];
	int i = c->arg;
	uint64_t addr = r->args[i];
	uint8_t kind = c->kind;
	size_t want = 0;
	ssize_t n;

	if (!addr)
		return;
	switch (kind) {
	case HY_CAP_STR: {
		char *nul;

		n = hy_guest_read(t->tid, addr, buf, c->aux);
		if (n < 0) {
			hy_rec_add_chunk(r, ph, i, addr, NULL, 0, HY_MEM_FAULT);
			return;
		}
		nul = memchr(buf, 0, n);
		hy_rec_add_chunk(r, ph, i, addr, buf, nul ? (uint32_t)(nul - (char *)buf) : (uint32_t)n,
				 HY_MEM_STR | (nul ? 0 : HY_MEM_TRUNC));
		return;
	}
	case HY_CAP_ARGV: {
		unsigned int ws = r->abi == HY_ABI_X86_64 ? 8 : 4;
		uint8_t ptrs[8 * 64];
		size_t np;

		n = hy_guest_read(t->tid, addr, ptrs, sizeof(ptrs));
		if (n < 0)
			return;
		np = n / ws;
		for (size_t k = 0; k < np; k++) {
			uint64_t p = 0;

			memcpy(&p, ptrs + k * ws, ws);
			if (!p) {
				np = k + 1;
				break;
			}
		}
		hy_rec_add_chunk(r, ph, i, addr, ptrs, np * ws, 0);
		for (size_t k = 0; k < np && r->nchunks < HY_REC_MAX_CHUNKS - 1; k++) {
			uint64_t p = 0;
			struct hy_cap_slot sc = { .kind = HY_CAP_STR, .arg = i, .aux = c->aux };
			uint64_t save = r->args[i];

			memcpy(&p, ptrs + k * ws, ws);
			if (!p)
				break;
			r->args[i] = p;
			capture_arg(t, r, ph, &sc);
			r->args[i] = save;
		}
		return;
	}
	case HY_CAP_PTRS:
		want = c->aux; /* hy_guest_read stops at the end of the mapping */
		break;
	case HY_CAP_DIRENTS: {
		/* count the records like the kernel recorder does */
		size_t size = r->ret > 0 && r->ret < (1 << 20) ? (size_t)r->ret : 0;
		uint8_t *dents = size ? malloc(size) : NULL;
		uint32_t count = 0;
		uint64_t pos = 0;

		if (!dents)
			return;
		n = hy_guest_read(t->tid, addr, dents, size);
		if (n < (ssize_t)size) {
			free(dents);
			return;
		}
		while (pos + 18 <= (uint64_t)n) {
			uint16_t reclen;

			memcpy(&reclen, dents + pos + 16, sizeof(reclen));
			if (!reclen)
				break;
			pos += reclen;
			count++;
		}
		if (pos == (uint64_t)n)
			hy_rec_add_chunk(r, ph, i, addr, &count, sizeof(count), HY_MEM_COUNT);
		free(dents);
		return;
	}
	case HY_CAP_IOVEC:
		capture_iov_live(t, r, ph, i, addr, r->args[c->aux & 7], c->aux >> 3);
		return;
	case HY_CAP_MSGHDR: {
		struct {
			uint64_t name;
			uint32_t namelen, pad;
			uint64_t iov, iovlen, control, controllen;
			uint32_t flags, pad2;
		} m;

		if (hy_guest_read(t->tid, addr, &m, sizeof(m)) != sizeof(m)) {
			hy_rec_add_chunk(r, ph, i, addr, NULL, 0, HY_MEM_FAULT);
			return;
		}
		hy_rec_add_chunk(r, ph, i, addr, &m, sizeof(m), 0);
		if (m.name && m.namelen && !(ph == HY_PHASE_EXIT && r->ret < 0)) {
			n = hy_guest_read(t->tid, m.name, buf, m.namelen < 128 ? m.namelen : 128);
			if (n > 0)
				hy_rec_add_chunk(r, ph, i, m.name, buf, n, 0);
		}
		capture_iov_live(t, r, ph, i, m.iov, m.iovlen, c->aux >> 3);
		return;
	}
	case HY_CAP_BUF_ARG:
		want = r->args[c->aux & 7];
		if (want > (size_t)(c->aux >> 3))
			want = c->aux >> 3;
		break;
	case HY_CAP_BUF_RET:
		if (r->ret <= 0)
			return;
		want = (size_t)r->ret < c->aux ? (size_t)r->ret : c->aux;
		break;
	case HY_CAP_FIXED:
		if (ph == HY_PHASE_EXIT && r->ret < 0)
			return;
		want = c->aux;
		break;
	default:
		return;
	}
	if (want > sizeof(buf))
		want = sizeof(buf);
	n = hy_guest_read(t->tid, addr, buf, want);
	if (n < 0)
		hy_rec_add_chunk(r, ph, i, addr, NULL, 0, HY_MEM_FAULT);
	else
		hy_rec_add_chunk(r, ph, i, addr, buf, n, 0);
}

void hy_capture_live(struct hy_session *s, struct hy_task *t, struct hy_record *r,
		     enum hy_phase phase)
{
	const struct hy_cap_slot *list;
	struct hy_plan plan;

	hy_capture_plan(r->ent, s->strsize, &plan);
	list = phase == HY_PHASE_EXIT ? plan.exit : plan.enter;
	for (int k = 0; k < HY_PLAN_SLOTS && list[k].kind; k++)
		capture_arg(t, r, phase, &list[k]);
}
