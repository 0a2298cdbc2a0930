// SPDX-License-Identifier: MIT
/* Which memory each argument needs, from the syscall table and the struct kinds. */
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/sockios.h>
#include <string.h>

#include "capture_plan.h"
#include "sock_meta.h"

/* the bytes of union bpf_attr decode_bpf.c reads (strace 6.1's, with room) */
#define HY_BPF_ATTR_CAP 256

/* the largest struct keyctl reads through an argument: struct keyctl_pkey_params */
#define KEYCTL_ARG_MIN 40

static unsigned int cap(unsigned int n)
{
	return n > HY_CAP_MAX ? HY_CAP_MAX : n;
}

/*
 * A string of -s bytes: two more than shown, so that one that fills them may
 * be told from one that goes on. Clamped before the addition, which would wrap
 * for a -s near UINT_MAX (hy_run_opts.strsize takes any value).
 */
static unsigned int cap_str(unsigned int strsize)
{
	return cap(strsize) + 2 > HY_CAP_MAX ? HY_CAP_MAX : cap(strsize) + 2;
}

static void add(struct hy_cap_slot *list, int i, enum hy_cap_kind kind, unsigned int aux)
{
	for (int k = 0; k < HY_PLAN_SLOTS; k++) {
		if (!list[k].kind) {
			list[k].kind = kind;
			list[k].arg = i;
			list[k].aux = aux;
			return;
		}
	}
	/* more than HY_PLAN_SLOTS arguments with memory: the rest print as addresses */
}

/* @t's entry for @ent, if it is one (the plan is asked per entry, not per ABI). */
static bool in_table(const struct hy_sysent *ent, enum hy_abi abi, unsigned int from)
{
	const struct hy_systable *t = hy_systable(abi);
	uintptr_t e = (uintptr_t)ent;

	return t && e >= (uintptr_t)(t->ent + from) && e < (uintptr_t)(t->ent + t->size);
}

/*
 * Structs of pointers have the 32-bit layout: i386, and x32's own calls from
 * 512 (the kernel's compat ones), as hy_ptr_size() says for the printers.
 */
static bool compat_ptrs(const struct hy_sysent *ent)
{
	return in_table(ent, HY_ABI_I386, 0) || in_table(ent, HY_ABI_X32, 512);
}

/*
 * A length the caller offers and the kernel overwrites: the socklen_t * right
 * after a sockaddr or an option value the kernel writes (accept, getsockname,
 * recvfrom, getsockopt). strace prints both, "[110 => 24]", so it is read at
 * entry too.
 */
static bool value_result(const struct hy_sysent *ent, int i)
{
	const struct hy_argspec *a = &ent->args[i];
	const struct hy_argspec *prev = i ? &ent->args[i - 1] : NULL;

	return a->kind == HY_A_STRUCT_OUT && a->aux == HY_S_INT && prev &&
	       prev->kind == HY_A_STRUCT_OUT &&
	       (prev->aux == HY_S_SOCKADDR || prev->aux == HY_S_VARIANT);
}

/*
 * Memory behind a pointer inside a struct argument, for the calls whose
 * selector argument names a layout (HY_CAP_FOLLOW). Group numbers start at 1;
 * a call's rules share one.
 */
static const struct follow_rule {
	unsigned int group;
	const char *call;	     /* an x86_64-layout entry of this name */
	uint8_t sel_arg, struct_arg; /* sel_arg NO_SEL: every call (the value 0 matches) */
	uint32_t value;
	bool at_entry; /* an input read at entry, else an output read at exit */
	struct hy_follow f;
} follow_rules[] = {
	/* struct ifconf { int ifc_len; char *ifc_buf; }: the ifreq records written */
	{ 1, "ioctl", 1, 2, SIOCGIFCONF, false, { .ptr_off = 8, .len_off = 0, .max = HY_CAP_MAX } },
	/* bpf()'s attr: a program's license, a pinned object's path (strings) */
	{ 3,
	  "bpf",
	  0,
	  1,
	  BPF_PROG_LOAD,
	  true,
	  { .ptr_off = 16, .flags = HY_FOLLOW_STR, .max = HY_CAP_MAX } },
	{ 3,
	  "bpf",
	  0,
	  1,
	  BPF_OBJ_PIN,
	  true,
	  { .ptr_off = 0, .flags = HY_FOLLOW_STR, .max = HY_CAP_MAX } },
	{ 3,
	  "bpf",
	  0,
	  1,
	  BPF_OBJ_GET,
	  true,
	  { .ptr_off = 0, .flags = HY_FOLLOW_STR, .max = HY_CAP_MAX } },
	/* io_pgetevents' { const sigset_t *sigmask; size_t sigsetsize; }: the set */
	{ 2,
	  "io_pgetevents",
	  HY_FOLLOW_NO_SEL,
	  5,
	  0,
	  true,
	  { .ptr_off = 0, .len_off = 8, .max = 128 } },
	/* keyctl(KEYCTL_INSTANTIATE_IOV, key, iov, count, ring): the vector */
	{ 5,
	  "keyctl",
	  0,
	  2,
	  KEYCTL_INSTANTIATE_IOV,
	  true,
	  { .len_off = 3, .flags = HY_FOLLOW_IOV, .max = HY_CAP_MAX } },
	/* clone3's clone_args.pidfd: the int the kernel wrote there (CLONE_PIDFD) */
	{ 4,
	  "clone3",
	  HY_FOLLOW_NO_SEL,
	  0,
	  0,
	  false,
	  { .ptr_off = 8, .flags = HY_FOLLOW_FIXED, .max = sizeof(int) } },
};

#define N_FOLLOW_RULES (sizeof(follow_rules) / sizeof(follow_rules[0]))

const struct hy_follow *hy_follow_find(unsigned int group, uint32_t value)
{
	for (size_t k = 0; k < N_FOLLOW_RULES; k++)
		if (follow_rules[k].group == group && follow_rules[k].value == value)
			return &follow_rules[k].f;
	return NULL;
}

bool hy_follow_rule(size_t i, struct hy_follow_key *key, struct hy_follow *f)
{
	if (i >= N_FOLLOW_RULES)
		return false;
	key->group = follow_rules[i].group;
	key->value = follow_rules[i].value;
	*f = follow_rules[i].f;
	return true;
}

/* One HY_CAP_FOLLOW slot per group of rules @ent's name has, at exit. */
static void add_follows(const struct hy_sysent *ent, struct hy_plan *plan)
{
	unsigned int last = 0;

	if (compat_ptrs(ent))
		return;
	for (size_t k = 0; k < N_FOLLOW_RULES; k++) {
		const struct follow_rule *f = &follow_rules[k];

		if (f->group == last || strcmp(f->call, ent->name))
			continue;
		add(f->at_entry ? plan->enter : plan->exit, f->struct_arg, HY_CAP_FOLLOW,
		    f->sel_arg | f->group << 3);
		last = f->group;
	}
}

/* A struct argument, as its kind says it is captured (syscall_table.c). */
static void add_struct(const struct hy_sysent *ent, int i, unsigned int strsize,
		       unsigned int verbose, struct hy_plan *plan)
{
	const struct hy_argspec *a = &ent->args[i];
	const struct hy_struct_info *info = hy_struct_info(a->aux);
	struct hy_cap_slot *list = a->kind == HY_A_STRUCT_IN ? plan->enter : plan->exit;

	switch (info->capture) {
	case HY_CAP_IOVEC:
		/*
		 * the array and its buffers, count in the next argument: input at entry,
		 * output at exit; the BPF side captures an iovec only as a call's first slot
		 */
		if (i + 1 < ent->nargs)
			add(list, i, compat_ptrs(ent) ? HY_CAP_IOVEC32 : HY_CAP_IOVEC,
			    (i + 1) | cap(strsize) << 3);
		break;
	case HY_CAP_MSGHDR:
		add(list, i, compat_ptrs(ent) ? HY_CAP_MSGHDR32 : HY_CAP_MSGHDR, cap(strsize) << 3);
		/* recvmsg's header at entry too: a failed call shows its msg_namelen, as strace */
		if (a->kind == HY_A_STRUCT_OUT)
			add(plan->enter, i, HY_CAP_FIXED, compat_ptrs(ent) ? 28 : info->size);
		break;
	case HY_CAP_MMSG_IN:
	case HY_CAP_MMSG_OUT:
		/*
		 * sendmmsg's and recvmmsg's arrays at exit, count in the next argument
		 * (msg_len is written by both); not of the 32-bit layout: the address
		 */
		if (compat_ptrs(ent) || i + 1 >= ent->nargs)
			break;
		add(plan->exit, i, info->capture, (i + 1) | cap(strsize) << 3);
		/* recvmmsg's entries at entry too: msg_namelen is value-result ("110 => 0") */
		if (info->capture == HY_CAP_MMSG_OUT)
			add(plan->enter, i, HY_CAP_FIXED, HY_MMSG_MAX * info->size);
		break;
	case HY_CAP_IOCBS:
		/*
		 * the count is the argument before the array (io_submit's nr); not
		 * of the 32-bit layout (its pointers are 4 bytes): the address
		 */
		if (i > 0 && !compat_ptrs(ent))
			add(plan->enter, i, HY_CAP_IOCBS, (i - 1) | cap(strsize) << 3);
		break;
	case HY_CAP_DIRENTS:
		/*
		 * -v prints the records: their bytes, in HY_DENTS_WINDOWS windows
		 * of HY_CAP_MAX (a glibc buffer is 32 KiB: the rest prints as
		 * "..."); else only counted, in the kernel, as strace shows them
		 */
		add(plan->exit, i, HY_CAP_DIRENTS,
		    verbose & HY_PLAN_DIRENTS ? HY_DENTS_WINDOWS : 0);
		break;
	default:
		if (!info->size)
			break;
		/* a message: its mtype and as much text as -s shows */
		if (a->aux == HY_S_MSGBUF) {
			add(list, i, HY_CAP_FIXED, cap(info->size + cap(strsize)));
			break;
		}
		add(list, i, HY_CAP_FIXED, cap(info->size));
		if ((info->in_out || value_result(ent, i)) && a->kind == HY_A_STRUCT_IN)
			add(plan->exit, i, HY_CAP_FIXED,
			    cap(info->size) | (info->on_error ? HY_CAP_ON_ERROR : 0));
		if (value_result(ent, i) && a->kind == HY_A_STRUCT_OUT)
			add(plan->enter, i, HY_CAP_FIXED, cap(info->size));
		break;
	}
}

void hy_capture_plan(const struct hy_sysent *ent, unsigned int strsize, unsigned int verbose,
		     struct hy_plan *plan)
{
	int argvs = 0;

	memset(plan, 0, sizeof(*plan));
	if (!ent)
		return;
	for (int i = 0; i < ent->nargs && i < 6; i++) {
		const struct hy_argspec *a = &ent->args[i];

		switch (a->kind) {
		case HY_A_PATH:
			add(plan->enter, i, HY_CAP_STR, cap(HY_PATH_MAX));
			break;
		case HY_A_STR:
			add(plan->enter, i, HY_CAP_STR, cap_str(strsize));
			break;
		case HY_A_ARGV:
			/* execve's argv is printed; its envp only counted, unless -v */
			if (argvs++ == 0 || (verbose & HY_PLAN_ENV))
				add(plan->enter, i, compat_ptrs(ent) ? HY_CAP_ARGV32 : HY_CAP_ARGV,
				    cap_str(strsize));
			else
				add(plan->enter, i, HY_CAP_PTRS, HY_CAP_MAX);
			break;
		case HY_A_BUF_IN:
			add(plan->enter, i, HY_CAP_BUF_ARG, a->aux | cap(strsize) << 3);
			break;
		case HY_A_BUF_OUT:
			add(plan->exit, i, HY_CAP_BUF_RET, cap(strsize));
			break;
		case HY_A_PATH_OUT:
			/* printed whole, as an input path: -s does not cut it */
			add(plan->exit, i, HY_CAP_BUF_RET, cap(HY_PATH_MAX));
			break;
		case HY_A_STRUCT_IN:
		case HY_A_STRUCT_OUT:
			add_struct(ent, i, strsize, verbose, plan);
			break;
		default:
			break;
		}
	}
	add_follows(ent, plan);
	/*
	 * fsconfig's value is a string, or for FSCONFIG_SET_BINARY as many bytes
	 * as aux says (strace prints them whatever they hold): both are read, the
	 * string first (a string is looked up by its address's first capture)
	 */
	if (!strcmp(ent->name, "fsconfig") && ent->nargs == 5)
		add(plan->enter, 3, HY_CAP_BUF_ARG, 4 | cap(strsize) << 3);
	/* bpf()'s attr: as much of it as its size says, up to HY_BPF_ATTR_CAP */
	if (!strcmp(ent->name, "bpf") && ent->nargs == 3)
		add(plan->enter, 1, HY_CAP_BUF_ARG, 2 | HY_BPF_ATTR_CAP << 3);
	/*
	 * keyctl's arguments 1..3 are strings, buffers or structs by command: each
	 * read as bytes (as many as -s shows, or a struct keyctl_pkey_params),
	 * page-bounded, the decoder tells which; what the call wrote, at exit
	 */
	if (!strcmp(ent->name, "keyctl") && ent->nargs == 5) {
		unsigned int n = cap_str(strsize) < KEYCTL_ARG_MIN ? KEYCTL_ARG_MIN :
								     cap_str(strsize);

		for (int i = 1; i <= 3; i++)
			add(plan->enter, i, HY_CAP_FIXED, n);
		add(plan->exit, 1, HY_CAP_BUF_RET, cap(strsize));
		add(plan->exit, 2, HY_CAP_BUF_RET, cap(strsize));
	}
	/*
	 * what the descriptor is, where its data is read (strace looks it up then):
	 * received data at exit; its aux, how much data a netlink socket's call
	 * captures (both paths look the socket up before the data). Last in the
	 * list: the BPF side captures an iovec only as a call's first slot.
	 */
	if (hy_sock_data_call(ent))
		add(hy_plan_any(plan, HY_PHASE_EXIT) ? plan->exit : plan->enter, 0, HY_CAP_SOCK,
		    HY_SOCK_DATA_CAP);
}

void hy_plan_widen_data(struct hy_cap_slot *list, unsigned int size)
{
	size = cap(size);
	for (int k = 0; k < HY_PLAN_SLOTS && list[k].kind; k++) {
		struct hy_cap_slot *c = &list[k];

		switch (c->kind) {
		case HY_CAP_BUF_RET:
			if (c->aux < size)
				c->aux = size;
			break;
		case HY_CAP_BUF_ARG:
		case HY_CAP_IOVEC:
		case HY_CAP_IOVEC32:
		case HY_CAP_MSGHDR:
		case HY_CAP_MSGHDR32:
		case HY_CAP_MMSG_IN:
		case HY_CAP_MMSG_OUT:
			/* the size above the argument's three bits */
			if (c->aux >> 3 < size)
				c->aux = (c->aux & 7) | size << 3;
			break;
		default:
			break;
		}
	}
}

bool hy_plan_any(const struct hy_plan *plan, enum hy_phase phase)
{
	return (phase == HY_PHASE_EXIT ? plan->exit : plan->enter)[0].kind != HY_CAP_NONE;
}
