// SPDX-License-Identifier: MIT
/*
 * Constant tables, written with the C library's own macros so the values can
 * never disagree with the headers. Bit sets list combined names (O_SYNC) before
 * their parts so the longest match wins.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <asm/prctl.h>
#include <linux/close_range.h>

#include "xlat.h"

#define X(v) { (uint64_t)(v), #v }
#define END(t) static const struct hy_xlat x_##t = { t##_ent, sizeof(t##_ent) / sizeof(t##_ent[0]) }

/* Access mode (O_RDONLY...) is printed by the open decoder; these are the other bits. */
static const struct hy_xlat_ent open_flags_ent[] = {
	X(O_CREAT),	X(O_EXCL),     X(O_NOCTTY),    X(O_TRUNC),   X(O_APPEND),
	X(O_NONBLOCK),	X(O_SYNC),     X(O_DSYNC),     X(O_ASYNC),   X(O_DIRECT),
	{ 0100000, "O_LARGEFILE" },    X(O_DIRECTORY), X(O_NOFOLLOW), X(O_NOATIME),
	X(O_CLOEXEC),	X(O_PATH),     X(O_TMPFILE),
};
END(open_flags);

static const struct hy_xlat_ent at_flags_ent[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR),    X(AT_SYMLINK_FOLLOW), X(AT_NO_AUTOMOUNT),
	X(AT_EMPTY_PATH),	X(AT_STATX_FORCE_SYNC), X(AT_STATX_DONT_SYNC), X(AT_RECURSIVE),
	X(AT_EACCESS),
};
END(at_flags);

static const struct hy_xlat_ent access_modes_ent[] = {
	X(R_OK),
	X(W_OK),
	X(X_OK),
};
END(access_modes);

static const struct hy_xlat_ent mmap_prot_ent[] = {
	X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), { 0x8, "PROT_SEM" }, X(PROT_GROWSDOWN), X(PROT_GROWSUP),
};
END(mmap_prot);

static const struct hy_xlat_ent mmap_flags_ent[] = {
	X(MAP_SHARED_VALIDATE), X(MAP_SHARED),	   X(MAP_PRIVATE),    X(MAP_FIXED),
	X(MAP_ANONYMOUS),	X(MAP_32BIT),	   X(MAP_GROWSDOWN),  X(MAP_DENYWRITE),
	X(MAP_EXECUTABLE),	X(MAP_LOCKED),	   X(MAP_NORESERVE),  X(MAP_POPULATE),
	X(MAP_NONBLOCK),	X(MAP_STACK),	   X(MAP_HUGETLB),    X(MAP_SYNC),
	X(MAP_FIXED_NOREPLACE), { 0x4000000, "MAP_UNINITIALIZED" },
};
END(mmap_flags);

static const struct hy_xlat_ent mremap_flags_ent[] = {
	X(MREMAP_MAYMOVE),
	X(MREMAP_FIXED),
	{ 4, "MREMAP_DONTUNMAP" },
};
END(mremap_flags);

static const struct hy_xlat_ent madvise_ent[] = {
	X(MADV_NORMAL),	    X(MADV_RANDOM),	X(MADV_SEQUENTIAL), X(MADV_WILLNEED),
	X(MADV_DONTNEED),   X(MADV_FREE),	X(MADV_REMOVE),	    X(MADV_DONTFORK),
	X(MADV_DOFORK),	    X(MADV_MERGEABLE),	X(MADV_UNMERGEABLE), X(MADV_HUGEPAGE),
	X(MADV_NOHUGEPAGE), X(MADV_DONTDUMP),	X(MADV_DODUMP),	    X(MADV_WIPEONFORK),
	X(MADV_KEEPONFORK), X(MADV_COLD),	X(MADV_PAGEOUT),    X(MADV_HWPOISON),
	{ 22, "MADV_POPULATE_READ" }, { 23, "MADV_POPULATE_WRITE" }, { 24, "MADV_DONTNEED_LOCKED" },
	{ 25, "MADV_COLLAPSE" },
};
END(madvise);

static const struct hy_xlat_ent msync_flags_ent[] = {
	X(MS_ASYNC),
	X(MS_INVALIDATE),
	X(MS_SYNC),
};
END(msync_flags);

/* The low byte of clone flags is the exit signal; the clone decoder prints it. */
static const struct hy_xlat_ent clone_flags_ent[] = {
	X(CLONE_VM),	      X(CLONE_FS),	       X(CLONE_FILES),	      X(CLONE_SIGHAND),
	X(CLONE_PIDFD),	      X(CLONE_PTRACE),	       X(CLONE_VFORK),	      X(CLONE_PARENT),
	X(CLONE_THREAD),      X(CLONE_NEWNS),	       X(CLONE_SYSVSEM),      X(CLONE_SETTLS),
	X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID), X(CLONE_DETACHED),   X(CLONE_UNTRACED),
	X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP),     X(CLONE_NEWUTS),	      X(CLONE_NEWIPC),
	X(CLONE_NEWUSER),     X(CLONE_NEWPID),	       X(CLONE_NEWNET),	      X(CLONE_IO),
	{ 0x100000000ULL, "CLONE_CLEAR_SIGHAND" }, { 0x200000000ULL, "CLONE_INTO_CGROUP" },
	{ 0x80, "CLONE_NEWTIME" },
};
END(clone_flags);

static const struct hy_xlat_ent wait_options_ent[] = {
	X(WNOHANG), X(WUNTRACED), X(WEXITED), X(WCONTINUED), X(WNOWAIT),
	X(__WNOTHREAD), X(__WALL), X(__WCLONE),
};
END(wait_options);

static const struct hy_xlat_ent seek_whence_ent[] = {
	X(SEEK_SET), X(SEEK_CUR), X(SEEK_END), X(SEEK_DATA), X(SEEK_HOLE),
};
END(seek_whence);

static const struct hy_xlat_ent fcntl_cmd_ent[] = {
	X(F_DUPFD),	X(F_GETFD),	X(F_SETFD),	X(F_GETFL),	 X(F_SETFL),
	X(F_GETLK),	X(F_SETLK),	X(F_SETLKW),	X(F_SETOWN),	 X(F_GETOWN),
	X(F_SETSIG),	X(F_GETSIG),	X(F_SETOWN_EX), X(F_GETOWN_EX),	 X(F_OFD_GETLK),
	X(F_OFD_SETLK), X(F_OFD_SETLKW), X(F_SETLEASE), X(F_GETLEASE),	 X(F_NOTIFY),
	X(F_DUPFD_CLOEXEC), X(F_SETPIPE_SZ), X(F_GETPIPE_SZ), X(F_ADD_SEALS), X(F_GET_SEALS),
	X(F_GET_RW_HINT), X(F_SET_RW_HINT), X(F_GET_FILE_RW_HINT), X(F_SET_FILE_RW_HINT),
};
END(fcntl_cmd);

static const struct hy_xlat_ent prctl_option_ent[] = {
	X(PR_SET_PDEATHSIG), X(PR_GET_PDEATHSIG), X(PR_GET_DUMPABLE), X(PR_SET_DUMPABLE),
	X(PR_GET_KEEPCAPS), X(PR_SET_KEEPCAPS), X(PR_SET_NAME), X(PR_GET_NAME),
	X(PR_GET_SECCOMP), X(PR_SET_SECCOMP), X(PR_CAPBSET_READ), X(PR_CAPBSET_DROP),
	X(PR_GET_TIMERSLACK), X(PR_SET_TIMERSLACK), X(PR_SET_MM), X(PR_SET_CHILD_SUBREAPER),
	X(PR_GET_CHILD_SUBREAPER), X(PR_SET_NO_NEW_PRIVS), X(PR_GET_NO_NEW_PRIVS),
	X(PR_GET_TID_ADDRESS), X(PR_SET_THP_DISABLE), X(PR_GET_THP_DISABLE), X(PR_CAP_AMBIENT),
	X(PR_SET_PTRACER), X(PR_SET_VMA), X(PR_GET_SPECULATION_CTRL), X(PR_SET_SPECULATION_CTRL),
};
END(prctl_option);

static const struct hy_xlat_ent arch_prctl_ent[] = {
	X(ARCH_SET_GS), X(ARCH_SET_FS), X(ARCH_GET_FS), X(ARCH_GET_GS), X(ARCH_GET_CPUID),
	X(ARCH_SET_CPUID), { 0x1021, "ARCH_GET_XCOMP_SUPP" }, { 0x1022, "ARCH_GET_XCOMP_PERM" },
	{ 0x1023, "ARCH_REQ_XCOMP_PERM" }, { 0x5001, "ARCH_SHSTK_ENABLE" },
	{ 0x5002, "ARCH_SHSTK_DISABLE" }, { 0x5005, "ARCH_SHSTK_STATUS" },
};
END(arch_prctl);

static const struct hy_xlat_ent sigprocmask_how_ent[] = {
	X(SIG_BLOCK),
	X(SIG_UNBLOCK),
	X(SIG_SETMASK),
};
END(sigprocmask_how);

static const struct hy_xlat_ent socket_family_ent[] = {
	X(AF_UNSPEC), X(AF_UNIX), X(AF_INET), X(AF_INET6), X(AF_NETLINK), X(AF_PACKET),
	X(AF_BLUETOOTH), X(AF_VSOCK), X(AF_ALG), X(AF_XDP),
};
END(socket_family);

/* SOCK_NONBLOCK/SOCK_CLOEXEC are printed by the socket decoder. */
static const struct hy_xlat_ent socket_type_ent[] = {
	X(SOCK_STREAM), X(SOCK_DGRAM), X(SOCK_RAW), X(SOCK_RDM), X(SOCK_SEQPACKET), X(SOCK_DCCP),
	X(SOCK_PACKET),
};
END(socket_type);

static const struct hy_xlat_ent socket_level_ent[] = {
	X(SOL_SOCKET), { 0, "SOL_IP" }, { 6, "SOL_TCP" }, { 17, "SOL_UDP" }, { 41, "SOL_IPV6" },
};
END(socket_level);

static const struct hy_xlat_ent msg_flags_ent[] = {
	X(MSG_OOB), X(MSG_PEEK), X(MSG_DONTROUTE), X(MSG_CTRUNC), X(MSG_PROXY), X(MSG_TRUNC),
	X(MSG_DONTWAIT), X(MSG_EOR), X(MSG_WAITALL), X(MSG_FIN), X(MSG_SYN), X(MSG_CONFIRM),
	X(MSG_RST), X(MSG_ERRQUEUE), X(MSG_NOSIGNAL), X(MSG_MORE), X(MSG_WAITFORONE),
	X(MSG_FASTOPEN), X(MSG_CMSG_CLOEXEC),
};
END(msg_flags);

static const struct hy_xlat_ent shutdown_how_ent[] = {
	X(SHUT_RD),
	X(SHUT_WR),
	X(SHUT_RDWR),
};
END(shutdown_how);

static const struct hy_xlat_ent clock_id_ent[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID),
	X(CLOCK_THREAD_CPUTIME_ID), X(CLOCK_MONOTONIC_RAW), X(CLOCK_REALTIME_COARSE),
	X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME), X(CLOCK_REALTIME_ALARM),
	X(CLOCK_BOOTTIME_ALARM), X(CLOCK_TAI),
};
END(clock_id);

static const struct hy_xlat_ent timer_flags_ent[] = {
	X(TIMER_ABSTIME),
};
END(timer_flags);

static const struct hy_xlat_ent epoll_ctl_ent[] = {
	X(EPOLL_CTL_ADD),
	X(EPOLL_CTL_DEL),
	X(EPOLL_CTL_MOD),
};
END(epoll_ctl);

static const struct hy_xlat_ent efd_flags_ent[] = {
	X(EFD_SEMAPHORE),
	X(EFD_CLOEXEC),
	X(EFD_NONBLOCK),
};
END(efd_flags);

/* The futex command; FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME are added by the decoder. */
static const struct hy_xlat_ent futex_op_ent[] = {
	X(FUTEX_WAIT), X(FUTEX_WAKE), X(FUTEX_FD), X(FUTEX_REQUEUE), X(FUTEX_CMP_REQUEUE),
	X(FUTEX_WAKE_OP), X(FUTEX_LOCK_PI), X(FUTEX_UNLOCK_PI), X(FUTEX_TRYLOCK_PI),
	X(FUTEX_WAIT_BITSET), X(FUTEX_WAKE_BITSET), X(FUTEX_WAIT_REQUEUE_PI),
	X(FUTEX_CMP_REQUEUE_PI), { 13, "FUTEX_LOCK_PI2" },
};
END(futex_op);

static const struct hy_xlat_ent grnd_flags_ent[] = {
	X(GRND_NONBLOCK),
	X(GRND_RANDOM),
	X(GRND_INSECURE),
};
END(grnd_flags);

static const struct hy_xlat_ent rlimit_ent[] = {
	X(RLIMIT_CPU),	   X(RLIMIT_FSIZE), X(RLIMIT_DATA),   X(RLIMIT_STACK),	X(RLIMIT_CORE),
	X(RLIMIT_RSS),	   X(RLIMIT_NPROC), X(RLIMIT_NOFILE), X(RLIMIT_MEMLOCK), X(RLIMIT_AS),
	X(RLIMIT_LOCKS),   X(RLIMIT_SIGPENDING), X(RLIMIT_MSGQUEUE), X(RLIMIT_NICE),
	X(RLIMIT_RTPRIO),  X(RLIMIT_RTTIME),
};
END(rlimit);

static const struct hy_xlat_ent pipe_flags_ent[] = {
	X(O_CLOEXEC),
	X(O_NONBLOCK),
	X(O_DIRECT),
	{ 0x80, "O_NOTIFICATION_PIPE" },
};
END(pipe_flags);

static const struct hy_xlat_ent dup3_flags_ent[] = {
	X(O_CLOEXEC),
};
END(dup3_flags);

static const struct hy_xlat_ent unlinkat_flags_ent[] = {
	X(AT_REMOVEDIR),
};
END(unlinkat_flags);

static const struct hy_xlat_ent rename_flags_ent[] = {
	X(RENAME_NOREPLACE),
	X(RENAME_EXCHANGE),
	X(RENAME_WHITEOUT),
};
END(rename_flags);

static const struct hy_xlat_ent statx_mask_ent[] = {
	X(STATX_ALL),	 X(STATX_BASIC_STATS), X(STATX_TYPE),  X(STATX_MODE),  X(STATX_NLINK),
	X(STATX_UID),	 X(STATX_GID),	       X(STATX_ATIME), X(STATX_MTIME), X(STATX_CTIME),
	X(STATX_INO),	 X(STATX_SIZE),	       X(STATX_BLOCKS), X(STATX_BTIME), X(STATX_MNT_ID),
	{ 0x2000, "STATX_DIOALIGN" },
};
END(statx_mask);

static const struct hy_xlat_ent memfd_flags_ent[] = {
	{ 1, "MFD_CLOEXEC" },
	{ 2, "MFD_ALLOW_SEALING" },
	{ 4, "MFD_HUGETLB" },
	{ 8, "MFD_NOEXEC_SEAL" },
	{ 16, "MFD_EXEC" },
};
END(memfd_flags);

static const struct hy_xlat_ent close_range_flags_ent[] = {
	X(CLOSE_RANGE_UNSHARE),
	X(CLOSE_RANGE_CLOEXEC),
};
END(close_range_flags);

static const struct hy_xlat_ent rusage_who_ent[] = {
	X(RUSAGE_SELF),
	X(RUSAGE_CHILDREN),
	X(RUSAGE_THREAD),
};
END(rusage_who);

static const struct hy_xlat_ent idtype_ent[] = {
	X(P_ALL),
	X(P_PID),
	X(P_PGID),
	X(P_PIDFD),
};
END(idtype);

static const struct hy_xlat empty = { 0 };

static const struct hy_xlat *const tables[HY_X_XLAT_COUNT] = {
	[HY_X_OPEN_FLAGS] = &x_open_flags,
	[HY_X_AT_FLAGS] = &x_at_flags,
	[HY_X_ACCESS_MODES] = &x_access_modes,
	[HY_X_MMAP_PROT] = &x_mmap_prot,
	[HY_X_MMAP_FLAGS] = &x_mmap_flags,
	[HY_X_MREMAP_FLAGS] = &x_mremap_flags,
	[HY_X_MADVISE] = &x_madvise,
	[HY_X_MSYNC_FLAGS] = &x_msync_flags,
	[HY_X_CLONE_FLAGS] = &x_clone_flags,
	[HY_X_WAIT_OPTIONS] = &x_wait_options,
	[HY_X_SEEK_WHENCE] = &x_seek_whence,
	[HY_X_FCNTL_CMD] = &x_fcntl_cmd,
	[HY_X_PRCTL_OPTION] = &x_prctl_option,
	[HY_X_ARCH_PRCTL] = &x_arch_prctl,
	[HY_X_SIGPROCMASK_HOW] = &x_sigprocmask_how,
	[HY_X_SOCKET_FAMILY] = &x_socket_family,
	[HY_X_SOCKET_TYPE] = &x_socket_type,
	[HY_X_SOCKET_LEVEL] = &x_socket_level,
	[HY_X_MSG_FLAGS] = &x_msg_flags,
	[HY_X_SHUTDOWN_HOW] = &x_shutdown_how,
	[HY_X_CLOCK_ID] = &x_clock_id,
	[HY_X_TIMER_FLAGS] = &x_timer_flags,
	[HY_X_EPOLL_CTL] = &x_epoll_ctl,
	[HY_X_EFD_FLAGS] = &x_efd_flags,
	[HY_X_FUTEX_OP] = &x_futex_op,
	[HY_X_GRND_FLAGS] = &x_grnd_flags,
	[HY_X_RLIMIT] = &x_rlimit,
	[HY_X_PIPE_FLAGS] = &x_pipe_flags,
	[HY_X_DUP3_FLAGS] = &x_dup3_flags,
	[HY_X_UNLINKAT_FLAGS] = &x_unlinkat_flags,
	[HY_X_RENAME_FLAGS] = &x_rename_flags,
	[HY_X_STATX_MASK] = &x_statx_mask,
	[HY_X_MEMFD_FLAGS] = &x_memfd_flags,
	[HY_X_CLOSE_RANGE_FLAGS] = &x_close_range_flags,
	[HY_X_RUSAGE_WHO] = &x_rusage_who,
	[HY_X_IDTYPE] = &x_idtype,
};

const struct hy_xlat *hy_xlat_get(enum hy_xlat_id id)
{
	if ((unsigned int)id < HY_X_XLAT_COUNT && tables[id])
		return tables[id];
	return &empty;
}

const char *hy_xlat_name(enum hy_xlat_id id, uint64_t val)
{
	const struct hy_xlat *x = hy_xlat_get(id);

	for (unsigned int i = 0; i < x->n; i++)
		if (x->ent[i].val == val)
			return x->ent[i].name;
	return NULL;
}
