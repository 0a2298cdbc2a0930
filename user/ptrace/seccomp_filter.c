// SPDX-License-Identifier: MIT
/*
 * A bitmap filter instead of libseccomp's rule list: per ABI, the syscall number
 * picks a 32-bit word of the subscription bitmap by binary search over the words
 * that have any bit set, then one shift tests the bit. Every syscall costs ~20
 * instructions however large the set ("all,!futex" included), each ABI is matched
 * on its own numbers (int 0x80 and x32 cannot slip past), and numbers newer than
 * libseccomp's tables work. strace's --seccomp-bpf uses the same idea.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "ptrace/seccomp_filter.h"
#include "syscall_table.h"

#define MAX_INSNS 1024
#define MAX_LABELS 256
#define WORDS (HY_SYSSET_NR_MAX / 32)

/*
 * Jumps are emitted against labels and resolved at the end; cBPF conditional
 * jumps reach 255 instructions, far more than one ABI's section needs.
 */
struct emitter {
	struct sock_filter insn[MAX_INSNS];
	int jt_label[MAX_INSNS], jf_label[MAX_INSNS];
	int label_pos[MAX_LABELS];
	int n, nlabels;
	int err;
};

static int new_label(struct emitter *e)
{
	if (e->nlabels >= MAX_LABELS) {
		e->err = -E2BIG;
		return 0;
	}
	e->label_pos[e->nlabels] = -1;
	return e->nlabels++;
}

static void place(struct emitter *e, int label)
{
	e->label_pos[label] = e->n;
}

static void emit(struct emitter *e, unsigned short code, unsigned int k, int jt, int jf)
{
	if (e->n >= MAX_INSNS) {
		e->err = -E2BIG;
		return;
	}
	e->insn[e->n] = (struct sock_filter)BPF_STMT(code, k);
	e->jt_label[e->n] = jt;
	e->jf_label[e->n] = jf;
	e->n++;
}

#define NOJUMP (-1)
static void stmt(struct emitter *e, unsigned short code, unsigned int k)
{
	emit(e, code, k, NOJUMP, NOJUMP);
}

static void jump(struct emitter *e, unsigned short op, unsigned int k, int jt, int jf)
{
	emit(e, BPF_JMP | op | BPF_K, k, jt, jf);
}

static int resolve(struct emitter *e)
{
	for (int i = 0; i < e->n; i++) {
		struct sock_filter *f = &e->insn[i];

		if (BPF_CLASS(f->code) != BPF_JMP)
			continue;
		if (BPF_OP(f->code) == BPF_JA) {
			f->k = e->label_pos[e->jt_label[i]] - i - 1;
			continue;
		}
		for (int t = 0; t < 2; t++) {
			int label = t ? e->jf_label[i] : e->jt_label[i];
			int off = label == NOJUMP ? 0 : e->label_pos[label] - i - 1;

			if (off < 0 || off > 255)
				return -E2BIG;
			if (t)
				f->jf = off;
			else
				f->jt = off;
		}
	}
	return 0;
}

/* Binary search over the non-zero words [lo, hi) of @idx; A holds the word index. */
static void emit_search(struct emitter *e, const uint32_t *words, const int *idx, int lo, int hi,
			int check, int allow)
{
	if (hi - lo == 1) {
		int here = new_label(e);

		jump(e, BPF_JEQ, idx[lo], here, allow);
		place(e, here);
		stmt(e, BPF_LD | BPF_IMM, words[idx[lo]]);
		emit(e, BPF_JMP | BPF_JA, 0, check, NOJUMP);
		return;
	}
	int mid = (lo + hi) / 2;
	int left = new_label(e), right = new_label(e);

	jump(e, BPF_JGE, idx[mid], right, left);
	place(e, left);
	emit_search(e, words, idx, lo, mid, check, allow);
	place(e, right);
	emit_search(e, words, idx, mid, hi, check, allow);
}

/* A holds the ABI's syscall number. */
static void emit_abi(struct emitter *e, const struct hy_sysset *set, int abi, int trace, int allow)
{
	uint32_t words[WORDS];
	int idx[WORDS], nidx = 0;
	int check = new_label(e);

	for (int w = 0; w < WORDS; w++) {
		words[w] = set->bits[abi][w / 2] >> (w % 2 * 32);
		if (words[w])
			idx[nidx++] = w;
	}
	if (!nidx) {
		emit(e, BPF_JMP | BPF_JA, 0, allow, NOJUMP);
		place(e, check);
		return;
	}
	jump(e, BPF_JGE, WORDS * 32, allow, NOJUMP);
	stmt(e, BPF_MISC | BPF_TAX, 0);
	stmt(e, BPF_ALU | BPF_RSH | BPF_K, 5);
	emit_search(e, words, idx, 0, nidx, check, allow);
	/* A = the word; test bit (nr & 31) */
	place(e, check);
	stmt(e, BPF_ST, 0);
	stmt(e, BPF_MISC | BPF_TXA, 0);
	stmt(e, BPF_ALU | BPF_AND | BPF_K, 31);
	stmt(e, BPF_MISC | BPF_TAX, 0);
	stmt(e, BPF_LD | BPF_MEM, 0);
	stmt(e, BPF_ALU | BPF_RSH | BPF_X, 0);
	jump(e, BPF_JSET, 1, trace, allow);
}

/*
 * A call made from code outside every range is allowed. cBPF loads 32-bit
 * words: the instruction pointer's high word must be the range's and its low
 * word within it, so a range that crosses a 4 GiB line is split there (a
 * 32-bit task's pointer fits the low word).
 */
static void emit_ranges(struct emitter *e, const uint64_t *lo, const uint64_t *hi, int n, int allow)
{
	const unsigned int ip = offsetof(struct seccomp_data, instruction_pointer);
	int body = new_label(e);

	for (int i = 0; i < n; i++) {
		for (uint64_t a = lo[i]; a < hi[i];) {
			uint64_t line = (a | 0xffffffffull) + 1, b = hi[i] < line ? hi[i] : line;
			int next = new_label(e);

			stmt(e, BPF_LD | BPF_W | BPF_ABS, ip + 4);
			jump(e, BPF_JEQ, a >> 32, NOJUMP, next);
			stmt(e, BPF_LD | BPF_W | BPF_ABS, ip);
			jump(e, BPF_JGE, (uint32_t)a, NOJUMP, next);
			jump(e, BPF_JGT, (uint32_t)(b - 1), next, body);
			place(e, next);
			a = b;
		}
	}
	emit(e, BPF_JMP | BPF_JA, 0, allow, NOJUMP);
	place(e, body);
}

static int build(const struct hy_sysset *set, const uint64_t *lo, const uint64_t *hi, int n,
		 struct sock_fprog *prog)
{
	struct emitter *e = calloc(1, sizeof(*e));
	int trace, allow, x64, i386, x32;
	int err;

	if (!e)
		return -ENOMEM;
	trace = new_label(e);
	allow = new_label(e);
	x64 = new_label(e);
	i386 = new_label(e);
	x32 = new_label(e);

	if (n)
		emit_ranges(e, lo, hi, n, allow);
	stmt(e, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	jump(e, BPF_JEQ, AUDIT_ARCH_X86_64, x64, NOJUMP);
	jump(e, BPF_JEQ, AUDIT_ARCH_I386, i386, allow);

	place(e, x64);
	stmt(e, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	jump(e, BPF_JGE, HY_X32_SYSCALL_BIT, x32, NOJUMP);
	emit_abi(e, set, HY_ABI_X86_64, trace, allow);

	place(e, x32);
	stmt(e, BPF_ALU | BPF_SUB | BPF_K, HY_X32_SYSCALL_BIT);
	emit_abi(e, set, HY_ABI_X32, trace, allow);

	place(e, i386);
	stmt(e, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	emit_abi(e, set, HY_ABI_I386, trace, allow);

	place(e, trace);
	stmt(e, BPF_RET | BPF_K, SECCOMP_RET_TRACE | HY_SECCOMP_DATA);
	place(e, allow);
	stmt(e, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

	err = e->err ? e->err : resolve(e);
	if (!err) {
		prog->len = e->n;
		prog->filter = malloc(e->n * sizeof(struct sock_filter));
		if (!prog->filter)
			err = -ENOMEM;
		else
			memcpy(prog->filter, e->insn, e->n * sizeof(struct sock_filter));
	}
	free(e);
	return err;
}

int hy_seccomp_build(const struct hy_sysset *set, struct sock_fprog *prog)
{
	return build(set, NULL, NULL, 0, prog);
}

int hy_seccomp_build_ranged(const struct hy_sysset *set, const uint64_t *lo, const uint64_t *hi,
			    int n, struct sock_fprog *prog)
{
	return n > 0 ? build(set, lo, hi, n, prog) : -EINVAL;
}

void hy_seccomp_free(struct sock_fprog *prog)
{
	free(prog->filter);
	prog->filter = NULL;
	prog->len = 0;
}

static int has_cap_sys_admin(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return 0;
	return data[CAP_SYS_ADMIN / 32].effective >> (CAP_SYS_ADMIN % 32) & 1;
}

int hy_seccomp_install(const struct sock_fprog *prog)
{
	if (!has_cap_sys_admin() && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog))
		return -errno;
	return 0;
}

unsigned int hy_seccomp_eval(const struct sock_fprog *prog, unsigned int arch, int nr,
			     unsigned int *steps)
{
	return hy_seccomp_eval_at(prog, arch, nr, 0, steps);
}

unsigned int hy_seccomp_eval_at(const struct sock_fprog *prog, unsigned int arch, int nr,
				uint64_t ip, unsigned int *steps)
{
	uint32_t A = 0, X = 0, M[16] = { 0 };
	struct seccomp_data d = { .nr = nr, .arch = arch, .instruction_pointer = ip };
	unsigned int pc = 0, n = 0;

	while (pc < prog->len) {
		const struct sock_filter *f = &prog->filter[pc++];

		n++;
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			memcpy(&A, (char *)&d + f->k, 4);
			break;
		case BPF_LD | BPF_IMM:
			A = f->k;
			break;
		case BPF_LD | BPF_MEM:
			A = M[f->k & 15];
			break;
		case BPF_ST:
			M[f->k & 15] = A;
			break;
		case BPF_MISC | BPF_TAX:
			X = A;
			break;
		case BPF_MISC | BPF_TXA:
			A = X;
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
			A >>= f->k;
			break;
		case BPF_ALU | BPF_RSH | BPF_X:
			A = X < 32 ? A >> X : 0;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			A &= f->k;
			break;
		case BPF_ALU | BPF_SUB | BPF_K:
			A -= f->k;
			break;
		case BPF_JMP | BPF_JA:
			pc += f->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += A == f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += A >= f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += A > f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += A & f->k ? f->jt : f->jf;
			break;
		case BPF_RET | BPF_K:
			if (steps)
				*steps = n;
			return f->k & SECCOMP_RET_ACTION_FULL;
		default:
			return 0xdead;
		}
	}
	return 0xdead;
}
