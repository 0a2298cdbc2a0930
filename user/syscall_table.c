// SPDX-License-Identifier: MIT
/*
 * Lookups in the generated syscall tables (syscallent_gen.c). The tables are
 * indexed by number; the name index holds only numbers, sorted by the names
 * in the table, so every name exists once and the index cannot disagree with it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "hy_event.h"
#include "syscall_table.h"

/* Defined in syscallent_gen.c, indexed by enum hy_abi; only this file reads them. */
extern const struct hy_systable hy_systables_gen[HY_ABI_COUNT];
extern const uint16_t *const hy_sysidx_gen[HY_ABI_COUNT];
extern const unsigned int hy_sysidx_count_gen[HY_ABI_COUNT];

static const char *const abi_names[HY_ABI_COUNT] = {
	[HY_ABI_X86_64] = "x86_64",
	[HY_ABI_I386] = "i386",
	[HY_ABI_X32] = "x32",
};

static bool abi_valid(enum hy_abi abi)
{
	/* The enum may come from a record or a user; do not trust its range. */
	return (unsigned int)abi < HY_ABI_COUNT;
}

const struct hy_systable *hy_systable(enum hy_abi abi)
{
	return abi_valid(abi) ? &hy_systables_gen[abi] : NULL;
}

const struct hy_sysent *hy_sysent_get(enum hy_abi abi, long nr)
{
	const struct hy_systable *t = hy_systable(abi);
	const struct hy_sysent *e;

	if (!t)
		return NULL;
	/* x32 numbers arrive with or without the bit, depending on who read them. */
	if (abi == HY_ABI_X32 && nr >= 0)
		nr &= ~(long)HY_X32_SYSCALL_BIT;
	if (nr < 0 || (unsigned long)nr >= t->size)
		return NULL;
	e = &t->ent[nr];
	return e->name ? e : NULL;
}

const char *hy_syscall_name_of(enum hy_abi abi, long nr)
{
	const struct hy_sysent *e = hy_sysent_get(abi, nr);

	return e ? e->name : NULL;
}

int hy_syscall_nargs(enum hy_abi abi, long nr)
{
	const struct hy_sysent *e = hy_sysent_get(abi, nr);

	return e ? e->nargs : -1;
}

unsigned int hy_syscall_file_args(enum hy_abi abi, long nr)
{
	static const unsigned int effects[] = {
		[HY_FD_NEW] = HY_FILE_NEW_FD,	[HY_FD_OPEN] = HY_FILE_OPENS,
		[HY_FD_DUP] = HY_FILE_DUPS,	[HY_FD_FCNTL_DUP] = HY_FILE_FCNTL_DUPS,
		[HY_FD_CLOSE] = HY_FILE_CLOSES, [HY_FD_CLOSE_RANGE] = HY_FILE_CLOSES_RANGE,
		[HY_FD_EXEC] = HY_FILE_EXECS,	[HY_FD_FORK] = HY_FILE_FORKS,
		[HY_FD_CHDIR] = HY_FILE_CHDIRS,
	};
	const struct hy_sysent *e = hy_sysent_get(abi, nr);
	unsigned int bits = 0;

	if (!e)
		return 0;
	for (int i = 0; i < e->nargs && i < 6; i++) {
		const struct hy_argspec *a = &e->args[i];

		if (a->kind == HY_A_PATH)
			bits |= HY_FILE_PATH(i);
		else if (a->kind == HY_A_FD || a->kind == HY_A_DIRFD)
			bits |= HY_FILE_FD(i);
		else if (a->kind == HY_A_STRUCT_OUT && a->aux == HY_S_FD_PAIR)
			bits |= HY_FILE_PAIR(i);
	}
	if (e->fd < sizeof(effects) / sizeof(effects[0]))
		bits |= effects[e->fd];
	return bits;
}

int hy_syscall_cloexec_arg(enum hy_abi abi, long nr)
{
	const struct hy_sysent *e = hy_sysent_get(abi, nr);
	bool pair = false;

	for (int i = 0; e && i < e->nargs && i < 6; i++)
		pair |= e->args[i].kind == HY_A_STRUCT_OUT && e->args[i].aux == HY_S_FD_PAIR;
	if (!e || !(pair || e->fd == HY_FD_OPEN || e->fd == HY_FD_DUP))
		return -1;
	/* the flag sets whose O_CLOEXEC bit (SOCK_CLOEXEC is the same) marks the new ones */
	for (int i = 0; i < e->nargs && i < 6; i++)
		if (e->args[i].kind == HY_A_FLAGS &&
		    (e->args[i].aux == HY_X_OPEN_FLAGS || e->args[i].aux == HY_X_DUP3_FLAGS ||
		     e->args[i].aux == HY_X_PIPE_FLAGS || e->args[i].aux == HY_X_SOCKET_TYPE))
			return i;
	return -1;
}

unsigned int hy_syscall_data(enum hy_abi abi, long nr)
{
	const struct hy_sysent *e = hy_sysent_get(abi, nr);
	const struct hy_argspec *a;

	if (!e || !(e->classes & HY_C_DUMP) || e->nargs < 2)
		return 0;
	a = &e->args[1];
	switch (a->kind) {
	case HY_A_BUF_IN:
		return HY_DATA_BUF | HY_DATA_GIVEN;
	case HY_A_BUF_OUT:
		return HY_DATA_BUF;
	case HY_A_STRUCT_IN:
	case HY_A_STRUCT_OUT:
		/* strace dumps both of the returned entries, up to each one's msg_len */
		if (a->aux == HY_S_MMSGHDR || a->aux == HY_S_MMSGHDR_IN)
			return HY_DATA_MMSGHDR | (a->aux == HY_S_MMSGHDR_IN ? HY_DATA_GIVEN : 0);
		if (a->aux != HY_S_IOVEC && a->aux != HY_S_MSGHDR)
			return 0;
		return (a->aux == HY_S_IOVEC ? HY_DATA_IOVEC : HY_DATA_MSGHDR) |
		       (a->kind == HY_A_STRUCT_IN ? HY_DATA_GIVEN : 0);
	default:
		return 0;
	}
}

struct name_key {
	const char *name;
	const struct hy_sysent *ent;
};

static int cmp_name(const void *key, const void *elem)
{
	const struct name_key *k = key;

	return strcmp(k->name, k->ent[*(const uint16_t *)elem].name);
}

long hy_syscall_number(enum hy_abi abi, const char *name)
{
	struct name_key key;
	const uint16_t *hit;

	if (!abi_valid(abi) || !name)
		return -1;
	key.name = name;
	key.ent = hy_systables_gen[abi].ent;
	hit = bsearch(&key, hy_sysidx_gen[abi], hy_sysidx_count_gen[abi], sizeof(uint16_t),
		      cmp_name);
	return hit ? (long)*hit : -1;
}

const char *hy_abi_name(enum hy_abi abi)
{
	return abi_valid(abi) ? abi_names[abi] : NULL;
}

/*
 * Each struct kind: its size, and how it is captured when that is not just its
 * bytes (HY_CAP_FIXED): arrays with buffers, records only counted, in/out
 * structs read at both ends.
 */
static const struct hy_struct_info struct_info[HY_S_STRUCT_COUNT] = {
	[HY_S_STAT] = { 144 },
	[HY_S_STATX] = { 256 },
	[HY_S_STATFS] = { 120 },
	[HY_S_TIMESPEC] = { 16 },
	[HY_S_TIMEVAL] = { 16 },
	[HY_S_ITIMERSPEC] = { 32 },
	[HY_S_SIGSET] = { 8 },
	/*
	 * the kernel's 32 bytes and strace's 56 more (its sa_mask is 64 bytes long):
	 * a struct that ends at an unmapped page prints as its address, as strace's
	 */
	[HY_S_SIGACTION] = { 88 },
	[HY_S_SIGINFO] = { 128 },
	[HY_S_RLIMIT] = { 16 },
	[HY_S_RUSAGE] = { 144 },
	[HY_S_UTSNAME] = { sizeof(struct utsname) },
	[HY_S_INT] = { 4 },
	[HY_S_LONG] = { 8 },
	[HY_S_FD_PAIR] = { 8 },
	/*
	 * the last version (88 bytes) and what a longer size says follows, up to
	 * the kernel's limit (a page): strace prints it when it is not all zeros
	 */
	[HY_S_CLONE_ARGS] = { 4096 },
	/* the first version (24 bytes) and what a longer size says follows: strace prints it */
	[HY_S_OPEN_HOW] = { 256 },
	[HY_S_SYSINFO] = { 112 },
	[HY_S_TIMEZONE] = { 8 },
	[HY_S_SCHED_PARAM] = { 4 },
	[HY_S_STACK] = { 24 },
	[HY_S_ROBUST_LIST] = { 24 },
	[HY_S_RSEQ] = { 32 },
	[HY_S_SOCKADDR] = { 128 }, /* its length is in the next argument: the largest */
	/* select's sets come back with the ready descriptors */
	[HY_S_FDSET] = { 128, HY_CAP_FIXED, true },
	[HY_S_MSGHDR] = { 56, HY_CAP_MSGHDR },
	[HY_S_MMSGHDR] = { 64, HY_CAP_MMSG_OUT },
	[HY_S_MMSGHDR_IN] = { 64, HY_CAP_MMSG_IN },
	[HY_S_IOVEC] = { 0, HY_CAP_IOVEC },
	[HY_S_DIRENTS64] = { 0, HY_CAP_DIRENTS },
	[HY_S_EPOLL_EVENT] = { 12 },
	/* eight pollfds (longer arrays print as their address); revents come back */
	[HY_S_POLLFD] = { 64, HY_CAP_FIXED, true },
	[HY_S_ARGS32] = { 24 },
	[HY_S_USER_DESC] = { 16 },
	/*
	 * enough for the common ones (termios, ifreq, loop_info64 up to its file
	 * name); read at both ends, as ioctls read and write through the same pointer
	 */
	[HY_S_VARIANT] = { 304, HY_CAP_FIXED, true },
	[HY_S_TIME_T] = { 8 },
	[HY_S_UTIMBUF] = { 16 },
	[HY_S_TIMEVAL2] = { 32 },
	[HY_S_TIMESPEC2] = { 32 },
	[HY_S_KCMP_EPOLL_SLOT] = { 12 },
	[HY_S_MSGBUF] = { 8 }, /* and -s bytes of text: capture_plan.c */
	[HY_S_SEMBUF] = { 32 * 6 },
	[HY_S_IPC_BUF] = { 120, HY_CAP_FIXED, true }, /* struct msqid64_ds, the largest */
	[HY_S_MQ_ATTR] = { 32 },
	[HY_S_CAP_HEADER] = { 8 },
	[HY_S_CAP_DATA] = { 24 },
	[HY_S_SIGEVENT] = { 64 },
	[HY_S_GIDS] = { 32 * 4 },
	[HY_S_SCHED_ATTR] = { 56 },
	/* the first version (32 bytes) and what a longer size says follows: strace prints it */
	[HY_S_MOUNT_ATTR] = { 256 },
	[HY_S_AIO_CTX] = { 8 },
	/* sixteen events: more print as "..." and the address of the next */
	[HY_S_IO_EVENTS] = { 16 * 32 },
	[HY_S_IOCB] = { 64 },
	[HY_S_SIGMASK_ARG] = { 16 },
	/* the caller's flags at entry, the rings' layout at exit */
	[HY_S_URING_PARAMS] = { 120, HY_CAP_FIXED, true },
	[HY_S_IOCBS] = { 0, HY_CAP_IOCBS },
	[HY_S_PERF_ATTR] = { 128 },
	[HY_S_LANDLOCK_RULESET] = { 8 },
	[HY_S_LANDLOCK_RULE] = { 12 }, /* packed: a u64 and an s32 */
	/* read at exit too: F_GETLK and F_GETOWN_EX write it */
	[HY_S_FLOCK] = { 32, HY_CAP_FIXED, true },
	[HY_S_ITIMERVAL] = { 32 },
	[HY_S_TMS] = { 32 },
	[HY_S_CPUSET] = { 128 },
	[HY_S_MINCORE_VEC] = { 64 },
	[HY_S_NODEMASK] = { 256 },
	[HY_S_LONG_INOUT] = { 8, HY_CAP_FIXED, true },
	[HY_S_INT_INOUT] = { 4, HY_CAP_FIXED, true },
	/* exactly the 16 bytes the kernel reads or writes: a name may end at an unmapped page */
	[HY_S_TASK_COMM] = { 16, HY_CAP_FIXED, true },
	[HY_S_TIMEVAL_INOUT] = { 16, HY_CAP_FIXED, true },
	[HY_S_TIMESPEC_INOUT] = { 16, HY_CAP_FIXED, true },
	/* handle_bytes goes in, name_to_handle_at writes it and the handle back */
	[HY_S_FILE_HANDLE] = { 8 + 128, HY_CAP_FIXED, true, true },
	[HY_S_FUTEX_WAITV] = { 32 * 24 },
	[HY_S_ADDR] = { 8 },
	/* -s entries of 16 bytes at most are printed; their buffers are not read */
	[HY_S_IOVEC_ADDRS] = { 32 * 16 },
};

const struct hy_struct_info *hy_struct_info(enum hy_struct_id id)
{
	static const struct hy_struct_info none;

	return (unsigned int)id < HY_S_STRUCT_COUNT ? &struct_info[id] : &none;
}

size_t hy_struct_size(enum hy_struct_id id)
{
	return hy_struct_info(id)->size;
}
