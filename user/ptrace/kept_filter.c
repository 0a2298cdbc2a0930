// SPDX-License-Identifier: MIT
/*
 * A static (or 32-bit, or set-ID) program a guest of the guest backend
 * executes is held through ptrace for good (handoff.c's keep). Stopping it
 * at every call (PTRACE_SYSCALL: an entry and an exit stop each) made it ~4x
 * slower than the same program on the ptrace backend, whose filter stops only
 * the held calls, once. The launched ptrace guest gets that filter before its
 * exec (spawn.c); this program is running, so the filter goes in from inside:
 * at execve's exit stop, before its first instruction and while the process
 * has one thread, the filter is written on the new stack below the stack
 * pointer (unused yet, zeroed again after) and seccomp() is injected, after
 * prctl(PR_SET_NO_NEW_PRIVS) when the task could not install it otherwise
 * (no CAP_SYS_ADMIN), as spawn.c does. The same filter as the ptrace
 * backend's (the one subscription; data HY_SECCOMP_DATA, so a guest's own
 * RET_TRACE still ends in ENOSYS). The calls are hytrace's: not recorded.
 * A static program's filter holds only the calls made from its own code
 * (code_ranges.c), and its execve always: filters cannot be removed and are
 * inherited, and a dynamic program it executes later goes to the guest
 * backend (exec_runtime.c), where that filter must let its calls through.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "ptrace/code_ranges.h"
#include "ptrace/exit_inject.h"
#include "ptrace/kept_filter.h"
#include "ptrace/seccomp_filter.h"
#include "ptrace/syscall_stop.h"
#include "session.h"

#define NR_PRCTL_I386 172
#define NR_EXECVE_I386 11
#define NR_EXECVEAT_I386 358
#define NR_SECCOMP_I386 354
#define BELOW_SP 4096 /* a margin below the stack pointer, as a signal frame's */

/* Whether the task has CAP_SYS_ADMIN (in its namespace) and no_new_privs already. */
static int read_status(pid_t tid, bool *admin, bool *nnp)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	*admin = *nnp = false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long caps;
		int v;

		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			*admin = caps >> CAP_SYS_ADMIN & 1;
		else if (sscanf(line, "NoNewPrivs: %d", &v) == 1)
			*nnp = v;
	}
	fclose(f);
	return 0;
}

/*
 * The struct sock_fprog the task's seccomp() reads, then the instructions,
 * laid out for its ABI (a 32-bit task's is {u16 len; u32 filter}).
 */
static void *image(const struct sock_fprog *prog, bool i386, uint64_t at, size_t *len)
{
	size_t head = i386 ? 8 : 16, insns = prog->len * sizeof(*prog->filter);
	uint64_t filter = at + head;
	char *buf = calloc(1, head + insns);

	if (!buf)
		return NULL;
	memcpy(buf, &prog->len, sizeof(prog->len));
	memcpy(buf + (i386 ? 4 : 8), &filter, i386 ? 4 : 8);
	memcpy(buf + head, prog->filter, insns);
	*len = head + insns;
	return buf;
}

static int inject(struct hy_session *s, struct hy_pt_task *pt, struct hy_pt_exit_inject *x, long nr,
		  long nr_i386, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct hy_pt_exit_call call = { nr, nr_i386, { a0, a1, a2 }, true };
	int64_t ret = 0;
	int err = hy_pt_exit_inject(s, pt, x, &call, &ret);

	return err ? err : ret < 0 ? (int)ret : 0;
}

/*
 * A static program's own code (its executable mappings at the exec, the vDSO
 * too: a static-pie's address is known only now), or NULL when the filter
 * must hold every call: a dynamic program's libraries are not mapped yet, and
 * a process whose filters' ranges would not fit holds everything.
 */
static const struct hy_code_ranges *own_code(struct hy_pt_task *pt, struct hy_code_ranges *code)
{
	struct hy_code_ranges all = pt->t.proc->filter_code;
	struct hy_pt_elf elf;
	char exe[64];
	int fd, err;

	snprintf(exe, sizeof(exe), "/proc/%d/exe", pt->t.tid);
	fd = open(exe, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	err = hy_pt_elf_read(fd, &elf);
	close(fd);
	if (err || !elf.elf || elf.interp || hy_pt_code_ranges(pt->t.tid, code) || !code->n ||
	    !hy_pt_code_add(&all, code))
		return NULL;
	return code;
}

int hy_pt_kept_filter(struct hy_session *s, struct hy_pt_task *pt)
{
	struct sock_fprog prog = { 0 };
	struct hy_pt_exit_inject x;
	struct hy_code_ranges code;
	const struct hy_code_ranges *ranged;
	struct hy_sysset held = s->escalate;
	bool admin = false, nnp = false;
	size_t len = 0;
	uint64_t at;
	void *buf;
	int err;

	if (hy_sysset_empty(&s->escalate))
		return 0; /* nothing to hold: no call needs to stop */
	ranged = own_code(pt, &code);
	/*
	 * its execve stops too, held or not: a dynamic program it executes gets
	 * the runtime's variables there (exec_runtime.c)
	 */
	hy_sysset_add(&held, HY_ABI_X86_64, SYS_execve);
	hy_sysset_add(&held, HY_ABI_X86_64, SYS_execveat);
	hy_sysset_add(&held, HY_ABI_I386, NR_EXECVE_I386);
	hy_sysset_add(&held, HY_ABI_I386, NR_EXECVEAT_I386);
	if ((err = read_status(pt->t.tid, &admin, &nnp)) ||
	    (err = ranged ? hy_seccomp_build_ranged(&held, code.lo, code.hi, code.n, &prog) :
			    hy_seccomp_build(&s->escalate, &prog)))
		return err;
	err = hy_pt_exit_inject_begin(pt, &x);
	at = (x.regs.rsp - BELOW_SP - 16 - prog.len * sizeof(*prog.filter)) & ~15ull;
	buf = err ? NULL : image(&prog, x.i386, at, &len);
	if (!err && !buf)
		err = -ENOMEM;
	if (!err && hy_pt_write_mem(s, &pt->t, at, buf, len) != (ssize_t)len)
		err = -EFAULT;
	if (!err && !admin && !nnp)
		err = inject(s, pt, &x, SYS_prctl, NR_PRCTL_I386, PR_SET_NO_NEW_PRIVS, 1, 0);
	if (!err)
		err = inject(s, pt, &x, SYS_seccomp, NR_SECCOMP_I386, SECCOMP_SET_MODE_FILTER, 0,
			     at);
	if (buf) {
		memset(buf, 0, len);
		hy_pt_write_mem(s, &pt->t, at, buf, len);
	}
	hy_pt_exit_inject_end(pt, &x);
	free(buf);
	hy_seccomp_free(&prog);
	if (!err && ranged)
		hy_pt_code_add(&pt->t.proc->filter_code, ranged);
	else if (!err)
		pt->t.proc->filter_code.n = -1; /* it holds every call, wherever made */
	return err;
}
