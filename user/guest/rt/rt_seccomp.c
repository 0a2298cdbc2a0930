// SPDX-License-Identifier: MIT
/*
 * The guest's own seccomp filters, seen from the runtime. Under ptrace the
 * kernel runs them before hytrace's stop: an action that outranks hytrace's
 * SECCOMP_RET_TRACE (KILL, TRAP, ERRNO, USER_NOTIF, and the guest's own TRACE,
 * which ends with ENOSYS as with no tracer) wins, and no tool sees the call.
 * Here the tools run at the dispatch trap, before the kernel's filters: so the
 * runtime keeps a copy of each classic-BPF program the guest installed (after
 * the kernel accepted it) and runs them on the call's seccomp_data first; when
 * their verdict outranks TRACE the tools are skipped and the call is made as
 * it is, for the kernel to act on (rt_sigsys.c); the guest's own TRACE ends
 * the call with ENOSYS, recorded, as hytrace's stop does under ptrace. No
 * filter: one load per call.
 *
 * Filters are kept per process, newest first, never removed (the kernel's
 * never are): a fork's copy of memory inherits them, a thread sees them (as
 * after SECCOMP_FILTER_FLAG_TSYNC; one a thread installs without TSYNC is
 * taken for every thread: not exact), and an execve carries them to the new
 * image's runtime in the environment (HYTRACE_GUEST_SECCOMP, taken out again
 * by the constructor), as the kernel keeps them across exec.
 *
 * A vfork-type child's are its own, as the kernel's are per task, but it
 * runs in its parent's memory: the ones it installs go in front of the
 * process's in its parent thread's own memory (rt_thread_mem.c), which only
 * the child uses while the parent waits, and which the parent's next vfork
 * starts afresh. Before, they went into the process's list: the parent and
 * its other threads then ran them too (its held getppid went untouched by
 * the tools, t_own_seccomp_filter_wins) and its exec carried them.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "guest/rt/rt.h"

struct filter {
	const struct filter *older;
	bool vfork_child; /* a vfork-type child's */
	unsigned int len;
	struct sock_filter insn[];
};

/* the newest: published whole (one store), read by every thread's handler */
static const struct filter *newest;

/* seccomp_data's words as a cBPF load reads them (all 4-byte aligned) */
#define DATA_WORDS (sizeof(struct seccomp_data) / 4)

/* What a load (BPF_LD into A, BPF_LDX into X: the kernel let only seccomp's modes in) gives; @old for none. */
static uint32_t load(const struct sock_filter *i, const uint32_t d[DATA_WORDS],
		     const uint32_t mem[BPF_MEMWORDS], uint32_t old)
{
	uint32_t k = i->k;

	switch (BPF_MODE(i->code)) {
	case BPF_ABS:
		return k / 4 < DATA_WORDS ? d[k / 4] : 0;
	case BPF_LEN:
		return sizeof(struct seccomp_data);
	case BPF_IMM:
		return k;
	case BPF_MEM:
		return mem[k % BPF_MEMWORDS];
	default:
		return old;
	}
}

/*
 * One program on @d: the kernel checked it at install (seccomp_check_filter:
 * only these instructions, loads in range, jumps forward and in range), so
 * this only keeps within the program and the scratch memory.
 */
static uint32_t run(const struct filter *f, const uint32_t d[DATA_WORDS])
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 };

	for (unsigned int pc = 0; pc < f->len; pc++) {
		const struct sock_filter *i = &f->insn[pc];
		uint32_t k = i->k, src = BPF_SRC(i->code) == BPF_X ? x : k;

		switch (BPF_CLASS(i->code)) {
		case BPF_LD:
			a = load(i, d, mem, a);
			break;
		case BPF_LDX:
			x = load(i, d, mem, x);
			break;
		case BPF_ST:
			mem[k % BPF_MEMWORDS] = a;
			break;
		case BPF_STX:
			mem[k % BPF_MEMWORDS] = x;
			break;
		case BPF_ALU:
			switch (BPF_OP(i->code)) {
			case BPF_ADD:
				a += src;
				break;
			case BPF_SUB:
				a -= src;
				break;
			case BPF_MUL:
				a *= src;
				break;
			case BPF_DIV:
				a = src ? a / src : 0;
				break;
			case BPF_MOD:
				a = src ? a % src : 0;
				break;
			case BPF_AND:
				a &= src;
				break;
			case BPF_OR:
				a |= src;
				break;
			case BPF_XOR:
				a ^= src;
				break;
			case BPF_LSH:
				a = src < 32 ? a << src : 0;
				break;
			case BPF_RSH:
				a = src < 32 ? a >> src : 0;
				break;
			case BPF_NEG:
				a = -a;
				break;
			}
			break;
		case BPF_JMP: {
			bool t;

			if (BPF_OP(i->code) == BPF_JA) {
				pc += k;
				break;
			}
			switch (BPF_OP(i->code)) {
			case BPF_JEQ:
				t = a == src;
				break;
			case BPF_JGT:
				t = a > src;
				break;
			case BPF_JGE:
				t = a >= src;
				break;
			case BPF_JSET:
				t = a & src;
				break;
			default:
				return SECCOMP_RET_KILL_PROCESS;
			}
			pc += t ? i->jt : i->jf;
			break;
		}
		case BPF_RET:
			return BPF_RVAL(i->code) == BPF_A ? a : k;
		case BPF_MISC:
			if (BPF_MISCOP(i->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
	}
	return SECCOMP_RET_KILL_PROCESS; /* no return: the kernel never accepts it */
}

/* The calling thread's filters, newest first. */
static const struct filter *filters(void)
{
	struct hy_grt_thread_mem *m;

	if (hy_grt_vforking && (m = hy_grt_thread_mem(false)) && m->vfork_filters)
		return m->vfork_filters;
	return __atomic_load_n(&newest, __ATOMIC_ACQUIRE);
}

uint32_t hy_grt_seccomp_action(uint32_t arch, long raw_nr, const uint64_t a[6], uint64_t ip)
{
	const struct filter *f = filters();
	struct seccomp_data sd = { .nr = (int)raw_nr, .arch = arch, .instruction_pointer = ip };
	uint32_t d[DATA_WORDS], best = SECCOMP_RET_ALLOW;

	if (!f)
		return best;
	memcpy(sd.args, a, sizeof(sd.args));
	memcpy(d, &sd, sizeof(d));
	/* the kernel's precedence: the lowest action as a signed number wins */
	for (; f; f = f->older) {
		uint32_t act = run(f, d) & SECCOMP_RET_ACTION_FULL;

		if ((int32_t)act < (int32_t)best)
			best = act;
	}
	return best;
}

static void add(const struct sock_filter *insn, unsigned int len)
{
	struct hy_grt_thread_mem *m = hy_grt_vforking ? hy_grt_thread_mem(true) : NULL;
	const struct filter *old;
	struct filter *f;

	if (!len || len > BPF_MAXINSNS || !(f = hy_grt_malloc(sizeof(*f) + len * sizeof(*insn))))
		return;
	f->len = len;
	f->vfork_child = m;
	memcpy(f->insn, insn, len * sizeof(*insn));
	if (m) { /* a vfork-type child's: only it runs on this thread's memory now */
		f->older = filters();
		m->vfork_filters = f;
		return;
	}
	/* two threads may install at once (no lock is held here) */
	old = __atomic_load_n(&newest, __ATOMIC_ACQUIRE);
	do
		f->older = old;
	while (!__atomic_compare_exchange_n(&newest, &old, f, false, __ATOMIC_RELEASE,
					    __ATOMIC_ACQUIRE));
}

void hy_grt_seccomp_installed(const void *fprog)
{
	const struct sock_fprog *p = fprog;

	add(p->filter, p->len);
}

/*
 * The filters in the environment: "HYTRACE_GUEST_SECCOMP=" then, oldest
 * first, each filter's instructions in hex (16 digits each) and a ';'.
 * At most 64 KiB: a guest with more is carried without them (not met).
 * Written in the executing thread's own memory: two threads may execute at once.
 */
static char *put(char *p, const char *end, const struct filter *f)
{
	static const char hex[] = "0123456789abcdef";

	if (!p || !f)
		return p;
	if (!(p = put(p, end, f->older)) || p + f->len * 16 + 2 > end)
		return NULL;
	for (unsigned int i = 0; i < f->len; i++) {
		const unsigned char *b = (const unsigned char *)&f->insn[i];

		for (int j = 0; j < 8; j++) {
			*p++ = hex[b[j] >> 4];
			*p++ = hex[b[j] & 15];
		}
	}
	*p++ = ';';
	*p = 0;
	return p;
}

bool hy_grt_seccomp_any(void)
{
	return filters();
}

char *hy_grt_seccomp_env(char *buf)
{
	const struct filter *f = filters();
	char *p = buf + sizeof(HY_GRT_SECCOMP_ENV "=") - 1;

	if (!f)
		return NULL;
	memcpy(buf, HY_GRT_SECCOMP_ENV "=", p - buf);
	return put(p, buf + HY_GRT_SECCOMP_ENV_MAX, f) ? buf : NULL;
}

void hy_grt_seccomp_before_vfork(void)
{
	struct hy_grt_thread_mem *m = hy_grt_thread_mem(false);
	const struct filter *f, *older;

	if (!m)
		return;
	/* a former child's, which executed or exited: nobody runs them now */
	for (f = m->vfork_filters; f && f->vfork_child; f = older) {
		older = f->older;
		hy_grt_free((void *)f);
	}
	m->vfork_filters = NULL;
}

static int nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void hy_grt_seccomp_inherit(void)
{
	static struct sock_filter insn[BPF_MAXINSNS];
	const char *s = hy_grt_getenv(HY_GRT_SECCOMP_ENV);
	unsigned int n = 0;

	if (!s)
		return;
	for (; *s; s++) {
		unsigned char *b = (unsigned char *)&insn[n];
		int j;

		if (*s == ';') {
			add(insn, n);
			n = 0;
			continue;
		}
		if (n == BPF_MAXINSNS)
			break;
		for (j = 0; j < 16 && nibble(s[j]) >= 0; j++)
			if (j & 1)
				b[j / 2] |= nibble(s[j]);
			else
				b[j / 2] = nibble(s[j]) << 4;
		if (j < 16)
			break; /* not ours: the rest is not taken */
		s += 15;
		n++;
	}
	hy_grt_unsetenv(HY_GRT_SECCOMP_ENV);
}
