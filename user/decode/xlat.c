// SPDX-License-Identifier: MIT
/*
 * Constant tables, written with the C library's own macros so the values can
 * never disagree with the headers; numbers appear only where glibc 2.36 has no
 * macro. Tables are in strace 6.1's order, because a bit set prints its names
 * in table order; combined names (O_SYNC, STATX_ALL) come before their parts
 * so the longest match wins.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/fanotify.h>
#include <linux/fs.h>
#include <linux/kcmp.h>
#include <linux/loop.h>
#include <linux/membarrier.h>
#include <net/if.h>
#include <linux/if_ether.h>
#include <linux/magic.h>
#include <linux/netlink.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>

#include "decode/xlat.h"

/* The tables are laid out by hand, several entries a line. */
/* clang-format off */
#define X(v) { (uint64_t)(v), #v }
#define END(t, dflt)                                                                            \
	static const struct hy_xlat x_##t = { t##_ent, sizeof(t##_ent) / sizeof(t##_ent[0]), dflt }

/* ---- files ---- */

static const struct hy_xlat_ent open_access_ent[] = {
	X(O_RDONLY), X(O_WRONLY), X(O_RDWR), X(O_ACCMODE),
};
END(open_access, NULL);

/* The bits above the access mode; glibc's O_LARGEFILE is 0 on x86-64, the kernel's is not. */
static const struct hy_xlat_ent open_flags_ent[] = {
	X(O_CREAT), X(O_EXCL), X(O_NOCTTY), X(O_TRUNC), X(O_APPEND), X(O_NONBLOCK), X(O_SYNC),
	{ 04000000, "__O_SYNC" }, /* O_SYNC without O_DSYNC; glibc has no macro */
	X(O_DSYNC), X(O_DIRECT), { 0100000, "O_LARGEFILE" }, X(O_NOFOLLOW), X(O_NOATIME),
	X(O_CLOEXEC), X(O_PATH), X(O_TMPFILE), X(O_DIRECTORY), { O_ASYNC, "FASYNC" },
};
END(open_flags, "O_???");

static const struct hy_xlat_ent at_flags_ent[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR), X(AT_SYMLINK_FOLLOW), X(AT_NO_AUTOMOUNT),
	X(AT_EMPTY_PATH), X(AT_RECURSIVE),
};
END(at_flags, "AT_???");

/* AT_EACCESS has AT_REMOVEDIR's value: faccessat2 needs its own set. */
static const struct hy_xlat_ent faccessat_flags_ent[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_EACCESS), X(AT_EMPTY_PATH),
};
END(faccessat_flags, "AT_???");

static const struct hy_xlat_ent at_statx_sync_ent[] = {
	X(AT_STATX_SYNC_AS_STAT), X(AT_STATX_FORCE_SYNC), X(AT_STATX_DONT_SYNC),
};
END(at_statx_sync, NULL);

static const struct hy_xlat_ent access_modes_ent[] = {
	X(F_OK), X(R_OK), X(W_OK), X(X_OK),
};
END(access_modes, "?_OK");

static const struct hy_xlat_ent statx_mask_ent[] = {
	X(STATX_ALL), X(STATX_BASIC_STATS), X(STATX_TYPE), X(STATX_MODE), X(STATX_NLINK),
	X(STATX_UID), X(STATX_GID), X(STATX_ATIME), X(STATX_MTIME), X(STATX_CTIME), X(STATX_INO),
	X(STATX_SIZE), X(STATX_BLOCKS), X(STATX_BTIME), X(STATX_MNT_ID),
	{ 0x2000, "STATX_DIOALIGN" },
};
END(statx_mask, "STATX_???");

static const struct hy_xlat_ent statx_attrs_ent[] = {
	X(STATX_ATTR_COMPRESSED), X(STATX_ATTR_IMMUTABLE), X(STATX_ATTR_APPEND),
	X(STATX_ATTR_NODUMP), X(STATX_ATTR_ENCRYPTED), X(STATX_ATTR_AUTOMOUNT),
	X(STATX_ATTR_MOUNT_ROOT), X(STATX_ATTR_VERITY), X(STATX_ATTR_DAX),
};
END(statx_attrs, "STATX_ATTR_???");

static const struct hy_xlat_ent resolve_flags_ent[] = {
	X(RESOLVE_NO_XDEV), X(RESOLVE_NO_MAGICLINKS), X(RESOLVE_NO_SYMLINKS), X(RESOLVE_BENEATH),
	X(RESOLVE_IN_ROOT), X(RESOLVE_CACHED),
};
END(resolve_flags, "RESOLVE_???");

/* One name per value (ext2/3/4 share theirs), as strace prints them. */
static const struct hy_xlat_ent fs_magic_ent[] = {
	X(EXT2_SUPER_MAGIC), X(TMPFS_MAGIC), X(PROC_SUPER_MAGIC), X(SYSFS_MAGIC),
	X(DEVPTS_SUPER_MAGIC), X(PIPEFS_MAGIC), X(SOCKFS_MAGIC), X(ANON_INODE_FS_MAGIC),
	X(CGROUP_SUPER_MAGIC), X(CGROUP2_SUPER_MAGIC), X(BTRFS_SUPER_MAGIC), X(XFS_SUPER_MAGIC),
	X(OVERLAYFS_SUPER_MAGIC), X(NFS_SUPER_MAGIC), X(FUSE_SUPER_MAGIC), X(SQUASHFS_MAGIC),
	X(RAMFS_MAGIC), X(HUGETLBFS_MAGIC), X(DEBUGFS_MAGIC), X(TRACEFS_MAGIC), X(SECURITYFS_MAGIC),
	X(BPF_FS_MAGIC), X(NSFS_MAGIC), X(MSDOS_SUPER_MAGIC), X(ISOFS_SUPER_MAGIC),
	X(F2FS_SUPER_MAGIC), X(EXFAT_SUPER_MAGIC), X(V9FS_MAGIC), X(EFIVARFS_MAGIC),
	X(CIFS_SUPER_MAGIC), X(SMB2_SUPER_MAGIC), X(AUTOFS_SUPER_MAGIC), X(BINFMTFS_MAGIC),
	X(MTD_INODE_FS_MAGIC), X(PSTOREFS_MAGIC), X(SELINUX_MAGIC), X(BDEVFS_MAGIC),
	X(CEPH_SUPER_MAGIC), X(EROFS_SUPER_MAGIC_V1),
};
END(fs_magic, NULL);

static const struct hy_xlat_ent statfs_flags_ent[] = {
	{ 0x0001, "ST_RDONLY" }, { 0x0002, "ST_NOSUID" }, { 0x0004, "ST_NODEV" },
	{ 0x0008, "ST_NOEXEC" }, { 0x0010, "ST_SYNCHRONOUS" }, { 0x0020, "ST_VALID" },
	{ 0x0040, "ST_MANDLOCK" }, { 0x0400, "ST_NOATIME" }, { 0x0800, "ST_NODIRATIME" },
	{ 0x1000, "ST_RELATIME" }, { 0x2000, "ST_NOSYMFOLLOW" },
};
END(statfs_flags, "ST_???");

static const struct hy_xlat_ent rwf_flags_ent[] = {
	X(RWF_HIPRI), X(RWF_DSYNC), X(RWF_SYNC), X(RWF_NOWAIT), X(RWF_APPEND),
};
END(rwf_flags, "RWF_???");

static const struct hy_xlat_ent flock_op_ent[] = {
	X(LOCK_SH), X(LOCK_EX), X(LOCK_NB), X(LOCK_UN), X(LOCK_MAND), X(LOCK_RW), X(LOCK_READ),
	X(LOCK_WRITE),
};
END(flock_op, "LOCK_???");

static const struct hy_xlat_ent falloc_flags_ent[] = {
	X(FALLOC_FL_KEEP_SIZE), X(FALLOC_FL_PUNCH_HOLE), X(FALLOC_FL_NO_HIDE_STALE),
	X(FALLOC_FL_COLLAPSE_RANGE), X(FALLOC_FL_ZERO_RANGE), X(FALLOC_FL_INSERT_RANGE),
	X(FALLOC_FL_UNSHARE_RANGE),
};
END(falloc_flags, "FALLOC_FL_???");

static const struct hy_xlat_ent fadvise_ent[] = {
	X(POSIX_FADV_NORMAL), X(POSIX_FADV_RANDOM), X(POSIX_FADV_SEQUENTIAL),
	X(POSIX_FADV_WILLNEED), X(POSIX_FADV_DONTNEED), X(POSIX_FADV_NOREUSE),
};
END(fadvise, "POSIX_FADV_???");

static const struct hy_xlat_ent inotify_mask_ent[] = {
	X(IN_ACCESS), X(IN_MODIFY), X(IN_ATTRIB), X(IN_CLOSE_WRITE), X(IN_CLOSE_NOWRITE),
	X(IN_OPEN), X(IN_MOVED_FROM), X(IN_MOVED_TO), X(IN_CREATE), X(IN_DELETE),
	X(IN_DELETE_SELF), X(IN_MOVE_SELF), X(IN_UNMOUNT), X(IN_Q_OVERFLOW), X(IN_IGNORED),
	X(IN_ONLYDIR), X(IN_DONT_FOLLOW), X(IN_EXCL_UNLINK), X(IN_MASK_CREATE), X(IN_MASK_ADD),
	X(IN_ISDIR), X(IN_ONESHOT),
};
END(inotify_mask, "IN_???");

static const struct hy_xlat_ent in_init_flags_ent[] = {
	X(IN_NONBLOCK),
	X(IN_CLOEXEC),
};
END(in_init_flags, "IN_???");

static const struct hy_xlat_ent seek_whence_ent[] = {
	X(SEEK_SET), X(SEEK_CUR), X(SEEK_END), X(SEEK_DATA), X(SEEK_HOLE),
};
END(seek_whence, "SEEK_???");

static const struct hy_xlat_ent fcntl_cmd_ent[] = {
	X(F_DUPFD), X(F_GETFD), X(F_SETFD), X(F_GETFL), X(F_SETFL), X(F_GETLK), X(F_SETLK),
	X(F_SETLKW), X(F_SETOWN), X(F_GETOWN), X(F_SETSIG), X(F_GETSIG), { 12, "F_GETLK64" },
	{ 13, "F_SETLK64" }, { 14, "F_SETLKW64" }, X(F_SETOWN_EX), X(F_GETOWN_EX), X(F_OFD_GETLK),
	X(F_OFD_SETLK), X(F_OFD_SETLKW), X(F_SETLEASE), X(F_GETLEASE), X(F_NOTIFY),
	X(F_DUPFD_CLOEXEC), X(F_SETPIPE_SZ), X(F_GETPIPE_SZ), X(F_ADD_SEALS), X(F_GET_SEALS),
	X(F_GET_RW_HINT), X(F_SET_RW_HINT), X(F_GET_FILE_RW_HINT), X(F_SET_FILE_RW_HINT),
};
END(fcntl_cmd, "F_???");

static const struct hy_xlat_ent fd_flags_ent[] = {
	X(FD_CLOEXEC),
};
END(fd_flags, "FD_???");

static const struct hy_xlat_ent lock_type_ent[] = {
	X(F_RDLCK), X(F_WRLCK), X(F_UNLCK), X(F_EXLCK), X(F_SHLCK),
};
END(lock_type, "F_???");

static const struct hy_xlat_ent dn_flags_ent[] = {
	X(DN_ACCESS), X(DN_MODIFY), X(DN_CREATE), X(DN_DELETE), X(DN_RENAME), X(DN_ATTRIB),
	X(DN_MULTISHOT),
};
END(dn_flags, "DN_???");

static const struct hy_xlat_ent f_seals_ent[] = {
	X(F_SEAL_SEAL), X(F_SEAL_SHRINK), X(F_SEAL_GROW), X(F_SEAL_WRITE), X(F_SEAL_FUTURE_WRITE),
};
END(f_seals, "F_SEAL_???");

static const struct hy_xlat_ent f_owner_ent[] = {
	X(F_OWNER_TID), X(F_OWNER_PID), X(F_OWNER_PGRP),
};
END(f_owner, "F_OWNER_???");

static const struct hy_xlat_ent pipe_flags_ent[] = {
	X(O_NONBLOCK), X(O_CLOEXEC), X(O_DIRECT), { 0x80, "O_NOTIFICATION_PIPE" },
};
END(pipe_flags, "O_???");

static const struct hy_xlat_ent dup3_flags_ent[] = {
	X(O_CLOEXEC),
};
END(dup3_flags, "O_???");

static const struct hy_xlat_ent unlinkat_flags_ent[] = {
	X(AT_REMOVEDIR),
};
END(unlinkat_flags, "AT_???");

static const struct hy_xlat_ent rename_flags_ent[] = {
	X(RENAME_NOREPLACE), X(RENAME_EXCHANGE), X(RENAME_WHITEOUT),
};
END(rename_flags, "RENAME_??");

static const struct hy_xlat_ent memfd_flags_ent[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" },
};
END(memfd_flags, "MFD_???");

static const struct hy_xlat_ent close_range_flags_ent[] = {
	X(CLOSE_RANGE_UNSHARE), X(CLOSE_RANGE_CLOEXEC),
};
END(close_range_flags, "CLOSE_RANGE_???");

/* ---- memory ---- */

static const struct hy_xlat_ent mmap_prot_ent[] = {
	X(PROT_NONE), X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), { 0x8, "PROT_SEM" },
	X(PROT_GROWSDOWN), X(PROT_GROWSUP),
};
END(mmap_prot, "PROT_???");

/* The low four bits of mmap's flags are the mapping type. */
static const struct hy_xlat_ent map_type_ent[] = {
	X(MAP_FILE), X(MAP_SHARED), X(MAP_PRIVATE), X(MAP_SHARED_VALIDATE),
};
END(map_type, "MAP_???");

static const struct hy_xlat_ent mmap_flags_ent[] = {
	X(MAP_FIXED), X(MAP_ANONYMOUS), X(MAP_32BIT), X(MAP_NORESERVE), X(MAP_POPULATE),
	X(MAP_NONBLOCK), X(MAP_GROWSDOWN), X(MAP_DENYWRITE), X(MAP_EXECUTABLE), X(MAP_LOCKED),
	X(MAP_STACK), X(MAP_HUGETLB), X(MAP_SYNC), { 0x4000000, "MAP_UNINITIALIZED" },
	X(MAP_FIXED_NOREPLACE),
};
END(mmap_flags, "MAP_???");

static const struct hy_xlat_ent mremap_flags_ent[] = {
	X(MREMAP_MAYMOVE), X(MREMAP_FIXED), { 4, "MREMAP_DONTUNMAP" },
};
END(mremap_flags, "MREMAP_???");

static const struct hy_xlat_ent madvise_ent[] = {
	X(MADV_NORMAL), X(MADV_RANDOM), X(MADV_SEQUENTIAL), X(MADV_WILLNEED), X(MADV_DONTNEED),
	X(MADV_FREE), X(MADV_REMOVE), X(MADV_DONTFORK), X(MADV_DOFORK), X(MADV_MERGEABLE),
	X(MADV_UNMERGEABLE), X(MADV_HUGEPAGE), X(MADV_NOHUGEPAGE), X(MADV_DONTDUMP), X(MADV_DODUMP),
	X(MADV_WIPEONFORK), X(MADV_KEEPONFORK), X(MADV_COLD), X(MADV_PAGEOUT), X(MADV_HWPOISON),
	{ 22, "MADV_POPULATE_READ" }, { 23, "MADV_POPULATE_WRITE" }, { 24, "MADV_DONTNEED_LOCKED" },
};
END(madvise, "MADV_???");

static const struct hy_xlat_ent msync_flags_ent[] = {
	X(MS_SYNC), X(MS_ASYNC), X(MS_INVALIDATE),
};
END(msync_flags, "MS_???");

/* ---- processes ---- */

/*
 * clone's low byte is the exit signal, printed by the decoder; clone3 has no
 * signal there, so CLONE_NEWTIME (0x80) and the 64-bit flags follow the others.
 */
static const struct hy_xlat_ent clone_flags_ent[] = {
	X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND), X(CLONE_PIDFD), X(CLONE_PTRACE),
	X(CLONE_VFORK), X(CLONE_PARENT), X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM),
	X(CLONE_SETTLS), X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID), X(CLONE_UNTRACED),
	X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS), X(CLONE_NEWIPC),
	X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET), X(CLONE_IO), X(CLONE_NEWTIME),
	{ 0x100000000ULL, "CLONE_CLEAR_SIGHAND" }, { 0x200000000ULL, "CLONE_INTO_CGROUP" },
};
END(clone_flags, "CLONE_???");

static const struct hy_xlat_ent wait_options_ent[] = {
	X(WNOHANG), X(WEXITED), X(WSTOPPED), X(WCONTINUED), X(WNOWAIT), X(__WCLONE), X(__WALL),
	X(__WNOTHREAD),
};
END(wait_options, "W???");

static const struct hy_xlat_ent idtype_ent[] = {
	X(P_ALL), X(P_PID), X(P_PGID), X(P_PIDFD),
};
END(idtype, "P_???");

static const struct hy_xlat_ent prio_which_ent[] = {
	X(PRIO_PROCESS),
	X(PRIO_PGRP),
	X(PRIO_USER),
};
END(prio_which, "PRIO_???");

static const struct hy_xlat_ent rusage_who_ent[] = {
	X(RUSAGE_SELF), X(RUSAGE_CHILDREN), X(RUSAGE_THREAD),
};
END(rusage_who, "RUSAGE_???");

static const struct hy_xlat_ent rlimit_ent[] = {
	X(RLIMIT_CPU), X(RLIMIT_FSIZE), X(RLIMIT_DATA), X(RLIMIT_STACK), X(RLIMIT_CORE),
	X(RLIMIT_RSS), X(RLIMIT_NPROC), X(RLIMIT_NOFILE), X(RLIMIT_MEMLOCK), X(RLIMIT_AS),
	X(RLIMIT_LOCKS), X(RLIMIT_SIGPENDING), X(RLIMIT_MSGQUEUE), X(RLIMIT_NICE), X(RLIMIT_RTPRIO),
	X(RLIMIT_RTTIME),
};
END(rlimit, "RLIMIT_???");

static const struct hy_xlat_ent prctl_option_ent[] = {
	X(PR_SET_PDEATHSIG), X(PR_GET_PDEATHSIG), X(PR_GET_DUMPABLE), X(PR_SET_DUMPABLE),
	X(PR_GET_UNALIGN), X(PR_SET_UNALIGN), X(PR_GET_KEEPCAPS), X(PR_SET_KEEPCAPS),
	X(PR_GET_FPEMU), X(PR_SET_FPEMU), X(PR_GET_FPEXC), X(PR_SET_FPEXC), X(PR_GET_TIMING),
	X(PR_SET_TIMING), X(PR_SET_NAME), X(PR_GET_NAME), X(PR_GET_ENDIAN), X(PR_SET_ENDIAN),
	X(PR_GET_SECCOMP), X(PR_SET_SECCOMP), X(PR_CAPBSET_READ), X(PR_CAPBSET_DROP), X(PR_GET_TSC),
	X(PR_SET_TSC), X(PR_GET_SECUREBITS), X(PR_SET_SECUREBITS), X(PR_SET_TIMERSLACK),
	X(PR_GET_TIMERSLACK), X(PR_TASK_PERF_EVENTS_DISABLE), X(PR_TASK_PERF_EVENTS_ENABLE),
	X(PR_MCE_KILL), X(PR_MCE_KILL_GET), X(PR_SET_MM), X(PR_SET_CHILD_SUBREAPER),
	X(PR_GET_CHILD_SUBREAPER), X(PR_SET_NO_NEW_PRIVS), X(PR_GET_NO_NEW_PRIVS),
	X(PR_GET_TID_ADDRESS), X(PR_SET_THP_DISABLE), X(PR_GET_THP_DISABLE),
	X(PR_MPX_ENABLE_MANAGEMENT), X(PR_MPX_DISABLE_MANAGEMENT), X(PR_SET_FP_MODE),
	X(PR_GET_FP_MODE), X(PR_CAP_AMBIENT), X(PR_SVE_SET_VL), X(PR_SVE_GET_VL),
	X(PR_GET_SPECULATION_CTRL), X(PR_SET_SPECULATION_CTRL), X(PR_PAC_RESET_KEYS),
	X(PR_SET_TAGGED_ADDR_CTRL), X(PR_GET_TAGGED_ADDR_CTRL), X(PR_SET_IO_FLUSHER),
	X(PR_GET_IO_FLUSHER), X(PR_SET_SYSCALL_USER_DISPATCH), X(PR_SCHED_CORE), X(PR_SET_PTRACER),
	X(PR_SET_VMA),
};
END(prctl_option, "PR_???");

static const struct hy_xlat_ent dumpable_ent[] = {
	{ 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" }, { 2, "SUID_DUMP_ROOT" },
};
END(dumpable, "SUID_DUMP_???");

static const struct hy_xlat_ent pr_set_vma_ent[] = {
	X(PR_SET_VMA_ANON_NAME),
};
END(pr_set_vma, "PR_SET_VMA_???");

static const struct hy_xlat_ent pr_mce_kill_ent[] = {
	X(PR_MCE_KILL_CLEAR), X(PR_MCE_KILL_SET),
};
END(pr_mce_kill, "PR_MCE_KILL_???");

static const struct hy_xlat_ent pr_cap_ambient_ent[] = {
	X(PR_CAP_AMBIENT_IS_SET), X(PR_CAP_AMBIENT_RAISE), X(PR_CAP_AMBIENT_LOWER),
	X(PR_CAP_AMBIENT_CLEAR_ALL),
};
END(pr_cap_ambient, "PR_CAP_AMBIENT_???");

static const struct hy_xlat_ent cap_ent[] = {
	X(CAP_CHOWN), X(CAP_DAC_OVERRIDE), X(CAP_DAC_READ_SEARCH), X(CAP_FOWNER), X(CAP_FSETID),
	X(CAP_KILL), X(CAP_SETGID), X(CAP_SETUID), X(CAP_SETPCAP), X(CAP_LINUX_IMMUTABLE),
	X(CAP_NET_BIND_SERVICE), X(CAP_NET_BROADCAST), X(CAP_NET_ADMIN), X(CAP_NET_RAW),
	X(CAP_IPC_LOCK), X(CAP_IPC_OWNER), X(CAP_SYS_MODULE), X(CAP_SYS_RAWIO), X(CAP_SYS_CHROOT),
	X(CAP_SYS_PTRACE), X(CAP_SYS_PACCT), X(CAP_SYS_ADMIN), X(CAP_SYS_BOOT), X(CAP_SYS_NICE),
	X(CAP_SYS_RESOURCE), X(CAP_SYS_TIME), X(CAP_SYS_TTY_CONFIG), X(CAP_MKNOD), X(CAP_LEASE),
	X(CAP_AUDIT_WRITE), X(CAP_AUDIT_CONTROL), X(CAP_SETFCAP), X(CAP_MAC_OVERRIDE),
	X(CAP_MAC_ADMIN), X(CAP_SYSLOG), X(CAP_WAKE_ALARM), X(CAP_BLOCK_SUSPEND), X(CAP_AUDIT_READ),
	X(CAP_PERFMON), X(CAP_BPF), X(CAP_CHECKPOINT_RESTORE),
};
END(cap, "CAP_???");

static const struct hy_xlat_ent arch_prctl_ent[] = {
	X(ARCH_SET_GS), X(ARCH_SET_FS), X(ARCH_GET_FS), X(ARCH_GET_GS), X(ARCH_GET_CPUID),
	X(ARCH_SET_CPUID), { 0x1021, "ARCH_GET_XCOMP_SUPP" }, { 0x1022, "ARCH_GET_XCOMP_PERM" },
	{ 0x1023, "ARCH_REQ_XCOMP_PERM" }, { 0x1024, "ARCH_GET_XCOMP_GUEST_PERM" },
	{ 0x1025, "ARCH_REQ_XCOMP_GUEST_PERM" }, { 0x2001, "ARCH_MAP_VDSO_X32" },
	{ 0x2002, "ARCH_MAP_VDSO_32" }, { 0x2003, "ARCH_MAP_VDSO_64" },
};
END(arch_prctl, "ARCH_???");

static const struct hy_xlat_ent ptrace_req_ent[] = {
	X(PTRACE_TRACEME), X(PTRACE_PEEKTEXT), X(PTRACE_PEEKDATA), X(PTRACE_PEEKUSER),
	X(PTRACE_POKETEXT), X(PTRACE_POKEDATA), X(PTRACE_POKEUSER), X(PTRACE_CONT), X(PTRACE_KILL),
	X(PTRACE_SINGLESTEP), X(PTRACE_GETREGS), X(PTRACE_SETREGS), X(PTRACE_GETFPREGS),
	X(PTRACE_SETFPREGS), X(PTRACE_ATTACH), X(PTRACE_DETACH), X(PTRACE_GETFPXREGS),
	X(PTRACE_SETFPXREGS), X(PTRACE_SYSCALL), X(PTRACE_SYSEMU), X(PTRACE_SYSEMU_SINGLESTEP),
	X(PTRACE_SETOPTIONS), X(PTRACE_GETEVENTMSG), X(PTRACE_GETSIGINFO), X(PTRACE_SETSIGINFO),
	X(PTRACE_GETREGSET), X(PTRACE_SETREGSET), X(PTRACE_SEIZE), X(PTRACE_INTERRUPT),
	X(PTRACE_LISTEN), X(PTRACE_PEEKSIGINFO), X(PTRACE_GETSIGMASK), X(PTRACE_SETSIGMASK),
	X(PTRACE_SECCOMP_GET_FILTER), X(PTRACE_SECCOMP_GET_METADATA), X(PTRACE_GET_SYSCALL_INFO),
};
END(ptrace_req, "PTRACE_???");

static const struct hy_xlat_ent seccomp_op_ent[] = {
	X(SECCOMP_SET_MODE_STRICT), X(SECCOMP_SET_MODE_FILTER), X(SECCOMP_GET_ACTION_AVAIL),
	X(SECCOMP_GET_NOTIF_SIZES),
};
END(seccomp_op, "SECCOMP_SET_MODE_???");

/* ---- signals ---- */

static const struct hy_xlat_ent sigprocmask_how_ent[] = {
	X(SIG_BLOCK), X(SIG_UNBLOCK), X(SIG_SETMASK),
};
END(sigprocmask_how, "SIG_???");

static const struct hy_xlat_ent sa_flags_ent[] = {
	{ 0x04000000, "SA_RESTORER" }, X(SA_ONSTACK), X(SA_RESTART), X(SA_INTERRUPT), X(SA_NODEFER),
	X(SA_RESETHAND), X(SA_SIGINFO), X(SA_NOCLDSTOP), X(SA_NOCLDWAIT),
};
END(sa_flags, "SA_???");

static const struct hy_xlat_ent ss_flags_ent[] = {
	X(SS_ONSTACK), X(SS_DISABLE), { 1u << 31, "SS_AUTODISARM" },
};
END(ss_flags, "SS_???");

static const struct hy_xlat_ent sigev_notify_ent[] = {
	X(SIGEV_SIGNAL), X(SIGEV_NONE), X(SIGEV_THREAD), X(SIGEV_THREAD_ID),
};
END(sigev_notify, "SIGEV_???");

/* ---- network ---- */

static const struct hy_xlat_ent socket_family_ent[] = {
	X(AF_UNSPEC), X(AF_UNIX), X(AF_INET), X(AF_AX25), X(AF_IPX), X(AF_APPLETALK), X(AF_NETROM),
	X(AF_BRIDGE), X(AF_ATMPVC), X(AF_X25), X(AF_INET6), X(AF_ROSE), X(AF_DECnet), X(AF_NETBEUI),
	X(AF_SECURITY), X(AF_KEY), X(AF_NETLINK), X(AF_PACKET), X(AF_ASH), X(AF_ECONET),
	X(AF_ATMSVC), X(AF_RDS), X(AF_SNA), X(AF_IRDA), X(AF_PPPOX), X(AF_WANPIPE), X(AF_LLC),
	X(AF_IB), X(AF_MPLS), X(AF_CAN), X(AF_TIPC), X(AF_BLUETOOTH), X(AF_IUCV), X(AF_RXRPC),
	X(AF_ISDN), X(AF_PHONET), X(AF_IEEE802154), X(AF_CAIF), X(AF_ALG), X(AF_NFC), X(AF_VSOCK),
	X(AF_KCM), X(AF_QIPCRTR), X(AF_SMC), X(AF_XDP), { 45, "AF_MCTP" },
};
END(socket_family, "AF_???");

static const struct hy_xlat_ent socket_type_ent[] = {
	X(SOCK_STREAM), X(SOCK_DGRAM), X(SOCK_RAW), X(SOCK_RDM), X(SOCK_SEQPACKET), X(SOCK_DCCP),
	X(SOCK_PACKET),
};
END(socket_type, "SOCK_???");

static const struct hy_xlat_ent sock_flags_ent[] = {
	X(SOCK_CLOEXEC), X(SOCK_NONBLOCK),
};
END(sock_flags, "SOCK_???");

static const struct hy_xlat_ent ipproto_ent[] = {
	X(IPPROTO_IP), X(IPPROTO_ICMP), X(IPPROTO_IGMP), X(IPPROTO_IPIP), X(IPPROTO_TCP),
	X(IPPROTO_EGP), X(IPPROTO_PUP), X(IPPROTO_UDP), X(IPPROTO_IDP), X(IPPROTO_TP),
	X(IPPROTO_DCCP), X(IPPROTO_IPV6), X(IPPROTO_ROUTING), X(IPPROTO_FRAGMENT), X(IPPROTO_RSVP),
	X(IPPROTO_GRE), X(IPPROTO_ESP), X(IPPROTO_AH), X(IPPROTO_ICMPV6), X(IPPROTO_NONE),
	X(IPPROTO_DSTOPTS), X(IPPROTO_MTP), X(IPPROTO_ENCAP), X(IPPROTO_PIM), X(IPPROTO_COMP),
	X(IPPROTO_SCTP), X(IPPROTO_UDPLITE), X(IPPROTO_MPLS), X(IPPROTO_ETHERNET), X(IPPROTO_RAW),
	X(IPPROTO_MPTCP),
};
END(ipproto, "IPPROTO_???");

static const struct hy_xlat_ent netlink_proto_ent[] = {
	X(NETLINK_ROUTE), X(NETLINK_UNUSED), X(NETLINK_USERSOCK), X(NETLINK_FIREWALL),
	X(NETLINK_SOCK_DIAG), X(NETLINK_NFLOG), X(NETLINK_XFRM), X(NETLINK_SELINUX),
	X(NETLINK_ISCSI), X(NETLINK_AUDIT), X(NETLINK_FIB_LOOKUP), X(NETLINK_CONNECTOR),
	X(NETLINK_NETFILTER), X(NETLINK_IP6_FW), X(NETLINK_DNRTMSG), X(NETLINK_KOBJECT_UEVENT),
	X(NETLINK_GENERIC), X(NETLINK_SCSITRANSPORT), X(NETLINK_ECRYPTFS), X(NETLINK_RDMA),
	X(NETLINK_CRYPTO), X(NETLINK_SMC),
};
END(netlink_proto, "NETLINK_???");

/* The AF_PACKET protocols one meets in practice; strace knows hundreds. */
static const struct hy_xlat_ent eth_p_ent[] = {
	X(ETH_P_LOOP), X(ETH_P_IP), X(ETH_P_ARP), X(ETH_P_8021Q), X(ETH_P_IPV6), X(ETH_P_802_3),
	X(ETH_P_ALL), X(ETH_P_802_2), X(ETH_P_PAE),
};
END(eth_p, "ETH_P_???");

static const struct hy_xlat_ent socket_level_ent[] = {
	X(SOL_IP), X(SOL_SOCKET), X(SOL_TCP), { 17, "SOL_UDP" }, X(SOL_IPV6), X(SOL_ICMPV6),
	{ 132, "SOL_SCTP" }, X(SOL_RAW), X(SOL_PACKET), X(SOL_NETLINK), X(SOL_TLS),
};
END(socket_level, "SOL_??");

static const struct hy_xlat_ent so_opt_ent[] = {
	X(SO_DEBUG), X(SO_REUSEADDR), X(SO_TYPE), X(SO_ERROR), X(SO_DONTROUTE), X(SO_BROADCAST),
	X(SO_SNDBUF), X(SO_RCVBUF), X(SO_KEEPALIVE), X(SO_OOBINLINE), X(SO_NO_CHECK),
	X(SO_PRIORITY), X(SO_LINGER), X(SO_BSDCOMPAT), X(SO_REUSEPORT), X(SO_PASSCRED),
	X(SO_PEERCRED), X(SO_RCVLOWAT), X(SO_SNDLOWAT), X(SO_RCVTIMEO_OLD), X(SO_SNDTIMEO_OLD),
	X(SO_SECURITY_AUTHENTICATION), X(SO_SECURITY_ENCRYPTION_TRANSPORT),
	X(SO_SECURITY_ENCRYPTION_NETWORK), X(SO_BINDTODEVICE), X(SO_ATTACH_FILTER),
	X(SO_DETACH_FILTER), X(SO_PEERNAME), X(SO_TIMESTAMP_OLD), X(SO_ACCEPTCONN), X(SO_PEERSEC),
	X(SO_SNDBUFFORCE), X(SO_RCVBUFFORCE), X(SO_PASSSEC), X(SO_TIMESTAMPNS_OLD), X(SO_MARK),
	X(SO_TIMESTAMPING_OLD), X(SO_PROTOCOL), X(SO_DOMAIN), X(SO_RXQ_OVFL), X(SO_WIFI_STATUS),
	X(SO_PEEK_OFF), X(SO_NOFCS), X(SO_LOCK_FILTER), X(SO_SELECT_ERR_QUEUE), X(SO_BUSY_POLL),
	X(SO_MAX_PACING_RATE), X(SO_BPF_EXTENSIONS), X(SO_INCOMING_CPU), X(SO_ATTACH_BPF),
	X(SO_ATTACH_REUSEPORT_CBPF), X(SO_ATTACH_REUSEPORT_EBPF), X(SO_CNX_ADVICE), X(SO_MEMINFO),
	X(SO_INCOMING_NAPI_ID), X(SO_COOKIE), X(SO_PEERGROUPS), X(SO_ZEROCOPY), X(SO_TXTIME),
	X(SO_BINDTOIFINDEX), X(SO_TIMESTAMP_NEW), X(SO_TIMESTAMPNS_NEW), X(SO_TIMESTAMPING_NEW),
	X(SO_RCVTIMEO_NEW), X(SO_SNDTIMEO_NEW), X(SO_DETACH_REUSEPORT_BPF), X(SO_PREFER_BUSY_POLL),
	X(SO_BUSY_POLL_BUDGET), X(SO_NETNS_COOKIE), X(SO_BUF_LOCK), X(SO_RESERVE_MEM),
	X(SO_TXREHASH), X(SO_RCVMARK),
};
END(so_opt, "SO_???");

static const struct hy_xlat_ent tcp_opt_ent[] = {
	X(TCP_NODELAY), X(TCP_MAXSEG), X(TCP_CORK), X(TCP_KEEPIDLE), X(TCP_KEEPINTVL),
	X(TCP_KEEPCNT), X(TCP_SYNCNT), X(TCP_LINGER2), X(TCP_DEFER_ACCEPT), X(TCP_WINDOW_CLAMP),
	X(TCP_INFO), X(TCP_QUICKACK), X(TCP_CONGESTION), X(TCP_MD5SIG), X(TCP_THIN_LINEAR_TIMEOUTS),
	X(TCP_THIN_DUPACK), X(TCP_USER_TIMEOUT), X(TCP_REPAIR), X(TCP_REPAIR_QUEUE),
	X(TCP_QUEUE_SEQ), X(TCP_REPAIR_OPTIONS), X(TCP_FASTOPEN), X(TCP_TIMESTAMP),
	X(TCP_NOTSENT_LOWAT), X(TCP_CC_INFO), X(TCP_SAVE_SYN), X(TCP_SAVED_SYN),
	X(TCP_REPAIR_WINDOW), X(TCP_FASTOPEN_CONNECT), X(TCP_ULP), X(TCP_MD5SIG_EXT),
	X(TCP_FASTOPEN_KEY), X(TCP_FASTOPEN_NO_COOKIE), X(TCP_ZEROCOPY_RECEIVE), X(TCP_INQ),
	X(TCP_TX_DELAY),
};
END(tcp_opt, "TCP_???");

static const struct hy_xlat_ent ip_opt_ent[] = {
	X(IP_TOS), X(IP_TTL), X(IP_HDRINCL), X(IP_OPTIONS), X(IP_RECVOPTS), X(IP_RETOPTS),
	X(IP_PKTINFO), X(IP_PKTOPTIONS), X(IP_MTU_DISCOVER), X(IP_RECVERR), X(IP_RECVTTL),
	X(IP_RECVTOS), X(IP_MTU), X(IP_FREEBIND), X(IP_IPSEC_POLICY), X(IP_XFRM_POLICY),
	X(IP_PASSSEC), X(IP_TRANSPARENT), X(IP_ORIGDSTADDR), X(IP_MINTTL), X(IP_NODEFRAG),
	X(IP_CHECKSUM), X(IP_BIND_ADDRESS_NO_PORT), X(IP_RECVFRAGSIZE), X(IP_MULTICAST_IF),
	X(IP_MULTICAST_TTL), X(IP_MULTICAST_LOOP), X(IP_ADD_MEMBERSHIP), X(IP_DROP_MEMBERSHIP),
	X(IP_UNBLOCK_SOURCE), X(IP_BLOCK_SOURCE), X(IP_ADD_SOURCE_MEMBERSHIP),
	X(IP_DROP_SOURCE_MEMBERSHIP), X(IP_MSFILTER), X(IP_MULTICAST_ALL), X(IP_UNICAST_IF),
};
END(ip_opt, "IP_???");

static const struct hy_xlat_ent ipv6_opt_ent[] = {
	X(IPV6_ADDRFORM), X(IPV6_2292PKTINFO), X(IPV6_2292HOPOPTS), X(IPV6_2292DSTOPTS),
	X(IPV6_2292RTHDR), X(IPV6_2292PKTOPTIONS), X(IPV6_CHECKSUM), X(IPV6_2292HOPLIMIT),
	X(IPV6_NEXTHOP), X(IPV6_AUTHHDR), X(IPV6_UNICAST_HOPS), X(IPV6_MULTICAST_IF),
	X(IPV6_MULTICAST_HOPS), X(IPV6_MULTICAST_LOOP), X(IPV6_JOIN_GROUP), X(IPV6_LEAVE_GROUP),
	X(IPV6_ROUTER_ALERT), X(IPV6_MTU_DISCOVER), X(IPV6_MTU), X(IPV6_RECVERR), X(IPV6_V6ONLY),
	X(IPV6_JOIN_ANYCAST), X(IPV6_LEAVE_ANYCAST), X(IPV6_IPSEC_POLICY), X(IPV6_XFRM_POLICY),
	X(IPV6_RECVPKTINFO), X(IPV6_PKTINFO), X(IPV6_RECVHOPLIMIT), X(IPV6_HOPLIMIT),
	X(IPV6_RECVHOPOPTS), X(IPV6_HOPOPTS), X(IPV6_RTHDRDSTOPTS), X(IPV6_RECVRTHDR),
	X(IPV6_RTHDR), X(IPV6_RECVDSTOPTS), X(IPV6_DSTOPTS), X(IPV6_RECVPATHMTU), X(IPV6_PATHMTU),
	X(IPV6_DONTFRAG), X(IPV6_RECVTCLASS), X(IPV6_TCLASS), X(IPV6_FREEBIND),
};
END(ipv6_opt, "IPV6_???");

static const struct hy_xlat_ent msg_flags_ent[] = {
	X(MSG_OOB), X(MSG_PEEK), X(MSG_DONTROUTE), X(MSG_CTRUNC), { 0x10, "MSG_PROBE" },
	X(MSG_TRUNC), X(MSG_DONTWAIT), X(MSG_EOR), X(MSG_WAITALL), X(MSG_FIN), X(MSG_SYN),
	X(MSG_CONFIRM), X(MSG_RST), X(MSG_ERRQUEUE), X(MSG_NOSIGNAL), X(MSG_MORE),
	X(MSG_WAITFORONE), { 0x20000, "MSG_SENDPAGE_NOTLAST" }, X(MSG_BATCH),
	{ 0x80000, "MSG_NO_SHARED_FRAGS" }, X(MSG_ZEROCOPY), X(MSG_FASTOPEN), X(MSG_CMSG_CLOEXEC),
	{ 0x80000000u, "MSG_CMSG_COMPAT" },
};
END(msg_flags, "MSG_???");

static const struct hy_xlat_ent shutdown_how_ent[] = {
	X(SHUT_RD), X(SHUT_WR), X(SHUT_RDWR),
};
END(shutdown_how, "SHUT_???");

/* ---- time ---- */

static const struct hy_xlat_ent clock_id_ent[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID),
	X(CLOCK_THREAD_CPUTIME_ID), X(CLOCK_MONOTONIC_RAW), X(CLOCK_REALTIME_COARSE),
	X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME), X(CLOCK_REALTIME_ALARM),
	X(CLOCK_BOOTTIME_ALARM), { 10, "CLOCK_SGI_CYCLE" }, X(CLOCK_TAI),
};
END(clock_id, "CLOCK_???");

static const struct hy_xlat_ent timer_flags_ent[] = {
	X(TIMER_ABSTIME),
};
END(timer_flags, "TIMER_???");

static const struct hy_xlat_ent itimer_which_ent[] = {
	X(ITIMER_REAL), X(ITIMER_VIRTUAL), X(ITIMER_PROF),
};
END(itimer_which, "ITIMER_???");

/* ---- polling, events ---- */

static const struct hy_xlat_ent poll_events_ent[] = {
	X(POLLIN), X(POLLPRI), X(POLLOUT), X(POLLERR), X(POLLHUP), X(POLLNVAL), X(POLLRDNORM),
	X(POLLRDBAND), X(POLLWRNORM), X(POLLWRBAND), X(POLLMSG), X(POLLREMOVE), X(POLLRDHUP),
	{ 0x8000, "POLL_BUSY_LOOP" },
};
END(poll_events, "POLL???");

static const struct hy_xlat_ent epoll_events_ent[] = {
	X(EPOLLIN), X(EPOLLPRI), X(EPOLLOUT), X(EPOLLERR), X(EPOLLHUP), { 0x20, "EPOLLNVAL" },
	X(EPOLLRDNORM), X(EPOLLRDBAND), X(EPOLLWRNORM), X(EPOLLWRBAND), X(EPOLLMSG), X(EPOLLRDHUP),
	X(EPOLLEXCLUSIVE), X(EPOLLWAKEUP), X(EPOLLONESHOT), X(EPOLLET),
};
END(epoll_events, "EPOLL???");

static const struct hy_xlat_ent epoll_flags_ent[] = {
	X(EPOLL_CLOEXEC),
};
END(epoll_flags, "EPOLL_???");

static const struct hy_xlat_ent epoll_ctl_ent[] = {
	X(EPOLL_CTL_ADD), X(EPOLL_CTL_DEL), X(EPOLL_CTL_MOD),
};
END(epoll_ctl, "EPOLL_CTL_???");

/* strace's timerfd_create set has the timer flags too, first */
static const struct hy_xlat_ent tfd_flags_ent[] = {
	X(TFD_TIMER_ABSTIME),
	X(TFD_TIMER_CANCEL_ON_SET),
	X(TFD_CLOEXEC),
	X(TFD_NONBLOCK),
};
END(tfd_flags, "TFD_???");

static const struct hy_xlat_ent tfd_timer_flags_ent[] = {
	X(TFD_TIMER_ABSTIME),
	X(TFD_TIMER_CANCEL_ON_SET),
};
END(tfd_timer_flags, "TFD_TIMER_???");

static const struct hy_xlat_ent sfd_flags_ent[] = {
	X(SFD_CLOEXEC),
	X(SFD_NONBLOCK),
};
END(sfd_flags, "SFD_???");

static const struct hy_xlat_ent efd_flags_ent[] = {
	X(EFD_SEMAPHORE), X(EFD_CLOEXEC), X(EFD_NONBLOCK),
};
END(efd_flags, "EFD_???");

/* The futex command; FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME are added by the decoder. */
static const struct hy_xlat_ent futex_op_ent[] = {
	X(FUTEX_WAIT), X(FUTEX_WAKE), X(FUTEX_FD), X(FUTEX_REQUEUE), X(FUTEX_CMP_REQUEUE),
	X(FUTEX_WAKE_OP), X(FUTEX_LOCK_PI), X(FUTEX_UNLOCK_PI), X(FUTEX_TRYLOCK_PI),
	X(FUTEX_WAIT_BITSET), X(FUTEX_WAKE_BITSET), X(FUTEX_WAIT_REQUEUE_PI),
	X(FUTEX_CMP_REQUEUE_PI), { 13, "FUTEX_LOCK_PI2" },
};
END(futex_op, "FUTEX_???");

static const struct hy_xlat_ent futex_wake_op_ent[] = {
	X(FUTEX_OP_SET), X(FUTEX_OP_ADD), X(FUTEX_OP_OR), X(FUTEX_OP_ANDN), X(FUTEX_OP_XOR),
};
END(futex_wake_op, "FUTEX_OP_???");

static const struct hy_xlat_ent futex_wake_cmp_ent[] = {
	X(FUTEX_OP_CMP_EQ), X(FUTEX_OP_CMP_NE), X(FUTEX_OP_CMP_LT), X(FUTEX_OP_CMP_LE),
	X(FUTEX_OP_CMP_GT), X(FUTEX_OP_CMP_GE),
};
END(futex_wake_cmp, "FUTEX_OP_CMP_???");

static const struct hy_xlat_ent grnd_flags_ent[] = {
	X(GRND_NONBLOCK), X(GRND_RANDOM), X(GRND_INSECURE),
};
END(grnd_flags, "GRND_???");

/* ---- terminals ---- */

static const struct hy_xlat_ent term_iflags_ent[] = {
	X(IGNBRK), X(BRKINT), X(IGNPAR), X(PARMRK), X(INPCK), X(ISTRIP), X(INLCR), X(IGNCR),
	X(ICRNL), X(IUCLC), X(IXON), X(IXANY), X(IXOFF), X(IMAXBEL), X(IUTF8),
};
END(term_iflags, NULL);

static const struct hy_xlat_ent term_oflags_ent[] = {
	X(OPOST), X(OLCUC), X(ONLCR), X(OCRNL), X(ONOCR), X(ONLRET), X(OFILL), X(OFDEL),
};
END(term_oflags, NULL);

static const struct hy_xlat_ent term_cflags_ent[] = {
	X(CSTOPB), X(CREAD), X(PARENB), X(PARODD), X(HUPCL), X(CLOCAL), X(CMSPAR), X(CRTSCTS),
};
END(term_cflags, NULL);

static const struct hy_xlat_ent term_lflags_ent[] = {
	X(ISIG), X(ICANON), X(XCASE), X(ECHO), X(ECHOE), X(ECHOK), X(ECHONL), X(NOFLSH), X(IEXTEN),
	X(ECHOCTL), X(ECHOPRT), X(ECHOKE), X(FLUSHO), X(PENDIN), X(TOSTOP), X(EXTPROC),
};
END(term_lflags, NULL);

static const struct hy_xlat_ent term_baud_ent[] = {
	X(B0), X(B50), X(B75), X(B110), X(B134), X(B150), X(B200), X(B300), X(B600), X(B1200),
	X(B1800), X(B2400), X(B4800), X(B9600), X(B19200), X(B38400), { 0010000, "BOTHER" },
	X(B57600), X(B115200), X(B230400), X(B460800), X(B500000), X(B576000), X(B921600),
	X(B1000000), X(B1152000), X(B1500000), X(B2000000), X(B2500000), X(B3000000), X(B3500000),
	X(B4000000),
};
END(term_baud, "B???");

static const struct hy_xlat_ent term_csize_ent[] = {
	X(CS5), X(CS6), X(CS7), X(CS8),
};
END(term_csize, "CS?");

static const struct hy_xlat_ent term_nldly_ent[] = {
	X(NL0), X(NL1),
};
END(term_nldly, "NL?");
static const struct hy_xlat_ent term_crdly_ent[] = {
	X(CR0), X(CR1), X(CR2), X(CR3),
};
END(term_crdly, "CR?");
/* TAB3 is XTABS on x86, and strace 6.1 calls it that */
static const struct hy_xlat_ent term_tabdly_ent[] = {
	X(TAB0), X(TAB1), X(TAB2), { TAB3, "XTABS" },
};
END(term_tabdly, "TAB?");
static const struct hy_xlat_ent term_bsdly_ent[] = {
	X(BS0), X(BS1),
};
END(term_bsdly, "BS?");
static const struct hy_xlat_ent term_vtdly_ent[] = {
	X(VT0), X(VT1),
};
END(term_vtdly, "VT?");
static const struct hy_xlat_ent term_ffdly_ent[] = {
	X(FF0), X(FF1),
};
END(term_ffdly, "FF?");

static const struct hy_xlat_ent modem_flags_ent[] = {
	X(TIOCM_LE), X(TIOCM_DTR), X(TIOCM_RTS), X(TIOCM_ST), X(TIOCM_SR), X(TIOCM_CTS),
	X(TIOCM_CAR), X(TIOCM_RNG), X(TIOCM_DSR), { 0x2000, "TIOCM_OUT1" },
	{ 0x4000, "TIOCM_OUT2" }, { 0x8000, "TIOCM_LOOP" },
};
END(modem_flags, "TIOCM_???");

static const struct hy_xlat_ent tcxonc_ent[] = {
	X(TCOOFF), X(TCOON), X(TCIOFF), X(TCION),
};
END(tcxonc, "TC???");

static const struct hy_xlat_ent tcflsh_ent[] = {
	X(TCIFLUSH), X(TCOFLUSH), X(TCIOFLUSH),
};
END(tcflsh, "TC???");

static const struct hy_xlat empty = { 0 };

/* ---- scheduling, kcmp ---- */

static const struct hy_xlat_ent sched_policy_ent[] = {
	X(SCHED_OTHER), X(SCHED_FIFO), X(SCHED_RR), X(SCHED_BATCH), { 4, "SCHED_ISO" },
	X(SCHED_IDLE), { 6, "SCHED_DEADLINE" },
};
END(sched_policy, "SCHED_???");

static const struct hy_xlat_ent kcmp_type_ent[] = {
	X(KCMP_FILE), X(KCMP_VM), X(KCMP_FILES), X(KCMP_FS), X(KCMP_SIGHAND), X(KCMP_IO),
	X(KCMP_SYSVSEM), X(KCMP_EPOLL_TFD),
};
END(kcmp_type, "KCMP_???");

/* ---- System V IPC ---- */

static const struct hy_xlat_ent ipc_get_flags_ent[] = { X(IPC_CREAT), X(IPC_EXCL) };
END(ipc_get_flags, NULL);

static const struct hy_xlat_ent shmget_flags_ent[] = {
	X(IPC_CREAT), X(IPC_EXCL), X(SHM_HUGETLB), X(SHM_NORESERVE),
};
END(shmget_flags, NULL);

static const struct hy_xlat_ent ipc_msg_flags_ent[] = {
	X(MSG_NOERROR), X(MSG_EXCEPT), X(MSG_COPY), X(IPC_NOWAIT),
};
END(ipc_msg_flags, "MSG_???");

static const struct hy_xlat_ent sem_flags_ent[] = { X(SEM_UNDO), X(IPC_NOWAIT) };
END(sem_flags, "SEM_???");

static const struct hy_xlat_ent shmat_flags_ent[] = {
	X(SHM_RDONLY), X(SHM_RND), X(SHM_REMAP), X(SHM_EXEC),
};
END(shmat_flags, "SHM_???");

static const struct hy_xlat_ent msgctl_cmd_ent[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(MSG_STAT), X(MSG_INFO),
	X(MSG_STAT_ANY),
};
END(msgctl_cmd, "MSG_???");

static const struct hy_xlat_ent semctl_cmd_ent[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(GETPID), X(GETVAL), X(GETALL),
	X(GETNCNT), X(GETZCNT), X(SETVAL), X(SETALL), X(SEM_STAT), X(SEM_INFO), X(SEM_STAT_ANY),
};
END(semctl_cmd, "SEM_???");

static const struct hy_xlat_ent shmctl_cmd_ent[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(SHM_LOCK), X(SHM_UNLOCK),
	X(SHM_STAT), X(SHM_INFO), X(SHM_STAT_ANY),
};
END(shmctl_cmd, "SHM_???");

/* ---- ioctl arguments ---- */

static const struct hy_xlat_ent fs_flags_ent[] = {
	X(FS_SECRM_FL), X(FS_UNRM_FL), X(FS_COMPR_FL), X(FS_SYNC_FL), X(FS_IMMUTABLE_FL),
	X(FS_APPEND_FL), X(FS_NODUMP_FL), X(FS_NOATIME_FL), X(FS_DIRTY_FL), X(FS_COMPRBLK_FL),
	X(FS_NOCOMP_FL), X(FS_ENCRYPT_FL), X(FS_BTREE_FL), X(FS_IMAGIC_FL),
	X(FS_JOURNAL_DATA_FL), X(FS_NOTAIL_FL), X(FS_DIRSYNC_FL), X(FS_TOPDIR_FL),
	X(FS_HUGE_FILE_FL), X(FS_EXTENT_FL), X(FS_VERITY_FL), X(FS_EA_INODE_FL),
	X(FS_EOFBLOCKS_FL), X(FS_NOCOW_FL), X(FS_DAX_FL), X(FS_INLINE_DATA_FL),
	X(FS_PROJINHERIT_FL), X(FS_CASEFOLD_FL), X(FS_RESERVED_FL),
};
END(fs_flags, "FS_???");

static const struct hy_xlat_ent loop_flags_ent[] = {
	X(LO_FLAGS_READ_ONLY), X(LO_FLAGS_AUTOCLEAR), X(LO_FLAGS_PARTSCAN), X(LO_FLAGS_DIRECT_IO),
};
END(loop_flags, "LO_FLAGS_???");

static const struct hy_xlat_ent iff_flags_ent[] = {
	X(IFF_UP), X(IFF_BROADCAST), X(IFF_DEBUG), X(IFF_LOOPBACK), X(IFF_POINTOPOINT),
	X(IFF_NOTRAILERS), X(IFF_RUNNING), X(IFF_NOARP), X(IFF_PROMISC), X(IFF_ALLMULTI),
	X(IFF_MASTER), X(IFF_SLAVE), X(IFF_MULTICAST), X(IFF_PORTSEL), X(IFF_AUTOMEDIA),
	X(IFF_DYNAMIC),
};
END(iff_flags, "IFF_???");

static const struct hy_xlat_ent mq_flags_ent[] = { X(O_NONBLOCK) };
END(mq_flags, "O_???");

/* unshare's own order, CLONE_NEWTIME first */
static const struct hy_xlat_ent unshare_flags_ent[] = {
	X(CLONE_NEWTIME), X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND),
	X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS),
	X(CLONE_NEWIPC), X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET),
};
END(unshare_flags, "CLONE_???");

static const struct hy_xlat_ent fan_class_ent[] = {
	X(FAN_CLASS_NOTIF), X(FAN_CLASS_CONTENT), X(FAN_CLASS_PRE_CONTENT),
};
END(fan_class, "FAN_CLASS_???");

static const struct hy_xlat_ent fan_init_flags_ent[] = {
	X(FAN_CLOEXEC), X(FAN_NONBLOCK), X(FAN_UNLIMITED_QUEUE), X(FAN_UNLIMITED_MARKS),
	X(FAN_ENABLE_AUDIT), X(FAN_REPORT_PIDFD), X(FAN_REPORT_TID), X(FAN_REPORT_FID),
	X(FAN_REPORT_DIR_FID), X(FAN_REPORT_NAME), X(FAN_REPORT_TARGET_FID),
};
END(fan_init_flags, "FAN_???");

/* cmsg_type at SOL_SOCKET */
static const struct hy_xlat_ent scm_type_ent[] = {
	X(SCM_RIGHTS), X(SCM_CREDENTIALS), { 3, "SCM_SECURITY" },
};
END(scm_type, "SCM_???");

/* personality(2): the persona in the low byte, then flags */
static const struct hy_xlat_ent persona_ent[] = {
	X(PER_LINUX), X(PER_SVR4), X(PER_SVR3), X(PER_SCOSVR3), X(PER_WYSEV386), X(PER_ISCR4),
	X(PER_BSD), X(PER_XENIX), X(PER_LINUX32), X(PER_IRIX32), X(PER_IRIXN32), X(PER_IRIX64),
	X(PER_RISCOS), X(PER_SOLARIS), X(PER_UW7), X(PER_OSF4), X(PER_HPUX),
};
END(persona, "PER_???");

static const struct hy_xlat_ent persona_flags_ent[] = {
	X(UNAME26), X(ADDR_NO_RANDOMIZE), X(FDPIC_FUNCPTRS), X(MMAP_PAGE_ZERO),
	X(ADDR_COMPAT_LAYOUT), X(READ_IMPLIES_EXEC), X(ADDR_LIMIT_32BIT), X(SHORT_INODE),
	X(WHOLE_SECONDS), X(STICKY_TIMEOUTS), X(ADDR_LIMIT_3GB),
};
END(persona_flags, NULL);

static const struct hy_xlat_ent mlockall_flags_ent[] = {
	X(MCL_CURRENT), X(MCL_FUTURE), X(MCL_ONFAULT),
};
END(mlockall_flags, "MCL_???");

static const struct hy_xlat_ent sync_file_range_flags_ent[] = {
	X(SYNC_FILE_RANGE_WAIT_BEFORE), X(SYNC_FILE_RANGE_WRITE), X(SYNC_FILE_RANGE_WAIT_AFTER),
};
END(sync_file_range_flags, "SYNC_FILE_RANGE_???");

static const struct hy_xlat_ent ioprio_who_ent[] = {
	{ 1, "IOPRIO_WHO_PROCESS" }, { 2, "IOPRIO_WHO_PGRP" }, { 3, "IOPRIO_WHO_USER" },
};
END(ioprio_who, "IOPRIO_WHO_???");

static const struct hy_xlat_ent ioprio_class_ent[] = {
	{ 0, "IOPRIO_CLASS_NONE" }, { 1, "IOPRIO_CLASS_RT" }, { 2, "IOPRIO_CLASS_BE" },
	{ 3, "IOPRIO_CLASS_IDLE" },
};
END(ioprio_class, "IOPRIO_CLASS_???");

static const struct hy_xlat_ent cap_version_ent[] = {
	X(_LINUX_CAPABILITY_VERSION_1), X(_LINUX_CAPABILITY_VERSION_2),
	X(_LINUX_CAPABILITY_VERSION_3),
};
END(cap_version, "_LINUX_CAPABILITY_VERSION_???");

/* membarrier's commands; the query's result is a set of them */
static const struct hy_xlat_ent membarrier_cmd_ent[] = {
	X(MEMBARRIER_CMD_QUERY), X(MEMBARRIER_CMD_GLOBAL), X(MEMBARRIER_CMD_GLOBAL_EXPEDITED),
	X(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED), X(MEMBARRIER_CMD_PRIVATE_EXPEDITED),
	X(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED),
	X(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE),
	X(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE),
	X(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ), X(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ),
};
END(membarrier_cmd, "MEMBARRIER_CMD_???");

static const struct hy_xlat_ent membarrier_flags_ent[] = { X(MEMBARRIER_CMD_FLAG_CPU) };
END(membarrier_flags, "MEMBARRIER_CMD_FLAG_???");

static const struct hy_xlat_ent sched_flags_ent[] = {
	X(SCHED_FLAG_RESET_ON_FORK), X(SCHED_FLAG_RECLAIM), X(SCHED_FLAG_DL_OVERRUN),
	X(SCHED_FLAG_KEEP_POLICY), X(SCHED_FLAG_KEEP_PARAMS), X(SCHED_FLAG_UTIL_CLAMP_MIN),
	X(SCHED_FLAG_UTIL_CLAMP_MAX),
};
END(sched_flags, "SCHED_FLAG_???");

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
	[HY_X_PTRACE_REQ] = &x_ptrace_req,
	[HY_X_SECCOMP_OP] = &x_seccomp_op,
	[HY_X_MEMFD_FLAGS] = &x_memfd_flags,
	[HY_X_CLOSE_RANGE_FLAGS] = &x_close_range_flags,
	[HY_X_RUSAGE_WHO] = &x_rusage_who,
	[HY_X_IDTYPE] = &x_idtype,
	[HY_X_OPEN_ACCESS] = &x_open_access,
	[HY_X_FACCESSAT_FLAGS] = &x_faccessat_flags,
	[HY_X_AT_STATX_SYNC] = &x_at_statx_sync,
	[HY_X_STATX_ATTRS] = &x_statx_attrs,
	[HY_X_RESOLVE_FLAGS] = &x_resolve_flags,
	[HY_X_FD_FLAGS] = &x_fd_flags,
	[HY_X_LOCK_TYPE] = &x_lock_type,
	[HY_X_DN_FLAGS] = &x_dn_flags,
	[HY_X_F_SEALS] = &x_f_seals,
	[HY_X_F_OWNER] = &x_f_owner,
	[HY_X_MAP_TYPE] = &x_map_type,
	[HY_X_SA_FLAGS] = &x_sa_flags,
	[HY_X_SS_FLAGS] = &x_ss_flags,
	[HY_X_SOCK_FLAGS] = &x_sock_flags,
	[HY_X_IPPROTO] = &x_ipproto,
	[HY_X_NETLINK_PROTO] = &x_netlink_proto,
	[HY_X_ETH_P] = &x_eth_p,
	[HY_X_SO_OPT] = &x_so_opt,
	[HY_X_TCP_OPT] = &x_tcp_opt,
	[HY_X_IP_OPT] = &x_ip_opt,
	[HY_X_IPV6_OPT] = &x_ipv6_opt,
	[HY_X_POLL_EVENTS] = &x_poll_events,
	[HY_X_EPOLL_EVENTS] = &x_epoll_events,
	[HY_X_EPOLL_FLAGS] = &x_epoll_flags,
	[HY_X_FUTEX_WAKE_OP] = &x_futex_wake_op,
	[HY_X_FUTEX_WAKE_CMP] = &x_futex_wake_cmp,
	[HY_X_CAP] = &x_cap,
	[HY_X_DUMPABLE] = &x_dumpable,
	[HY_X_PR_SET_VMA] = &x_pr_set_vma,
	[HY_X_PR_MCE_KILL] = &x_pr_mce_kill,
	[HY_X_PR_CAP_AMBIENT] = &x_pr_cap_ambient,
	[HY_X_TERM_IFLAGS] = &x_term_iflags,
	[HY_X_TERM_OFLAGS] = &x_term_oflags,
	[HY_X_TERM_CFLAGS] = &x_term_cflags,
	[HY_X_TERM_LFLAGS] = &x_term_lflags,
	[HY_X_TERM_BAUD] = &x_term_baud,
	[HY_X_TERM_CSIZE] = &x_term_csize,
	[HY_X_TERM_NLDLY] = &x_term_nldly,
	[HY_X_TERM_CRDLY] = &x_term_crdly,
	[HY_X_TERM_TABDLY] = &x_term_tabdly,
	[HY_X_TERM_BSDLY] = &x_term_bsdly,
	[HY_X_TERM_VTDLY] = &x_term_vtdly,
	[HY_X_TERM_FFDLY] = &x_term_ffdly,
	[HY_X_TCXONC] = &x_tcxonc,
	[HY_X_TCFLSH] = &x_tcflsh,
	[HY_X_ITIMER_WHICH] = &x_itimer_which,
	[HY_X_SIGEV_NOTIFY] = &x_sigev_notify,
	[HY_X_FS_MAGIC] = &x_fs_magic,
	[HY_X_STATFS_FLAGS] = &x_statfs_flags,
	[HY_X_RWF_FLAGS] = &x_rwf_flags,
	[HY_X_MODEM_FLAGS] = &x_modem_flags,
	[HY_X_TFD_FLAGS] = &x_tfd_flags,
	[HY_X_TFD_TIMER_FLAGS] = &x_tfd_timer_flags,
	[HY_X_SFD_FLAGS] = &x_sfd_flags,
	[HY_X_IN_INIT_FLAGS] = &x_in_init_flags,
	[HY_X_INOTIFY_MASK] = &x_inotify_mask,
	[HY_X_FLOCK_OP] = &x_flock_op,
	[HY_X_FALLOC_FLAGS] = &x_falloc_flags,
	[HY_X_PRIO_WHICH] = &x_prio_which,
	[HY_X_FADVISE] = &x_fadvise,
	[HY_X_SCHED_POLICY] = &x_sched_policy,
	[HY_X_KCMP_TYPE] = &x_kcmp_type,
	[HY_X_IPC_GET_FLAGS] = &x_ipc_get_flags,
	[HY_X_SHMGET_FLAGS] = &x_shmget_flags,
	[HY_X_IPC_MSG_FLAGS] = &x_ipc_msg_flags,
	[HY_X_SEM_FLAGS] = &x_sem_flags,
	[HY_X_SHMAT_FLAGS] = &x_shmat_flags,
	[HY_X_MSGCTL_CMD] = &x_msgctl_cmd,
	[HY_X_SEMCTL_CMD] = &x_semctl_cmd,
	[HY_X_SHMCTL_CMD] = &x_shmctl_cmd,
	[HY_X_FS_FLAGS] = &x_fs_flags,
	[HY_X_LOOP_FLAGS] = &x_loop_flags,
	[HY_X_IFF_FLAGS] = &x_iff_flags,
	[HY_X_MQ_FLAGS] = &x_mq_flags,
	[HY_X_UNSHARE_FLAGS] = &x_unshare_flags,
	[HY_X_FAN_INIT_FLAGS] = &x_fan_init_flags,
	[HY_X_FAN_CLASS] = &x_fan_class,
	[HY_X_SCM_TYPE] = &x_scm_type,
	[HY_X_PERSONA] = &x_persona,
	[HY_X_PERSONA_FLAGS] = &x_persona_flags,
	[HY_X_MLOCKALL_FLAGS] = &x_mlockall_flags,
	[HY_X_SYNC_FILE_RANGE_FLAGS] = &x_sync_file_range_flags,
	[HY_X_IOPRIO_WHO] = &x_ioprio_who,
	[HY_X_IOPRIO_CLASS] = &x_ioprio_class,
	[HY_X_CAP_VERSION] = &x_cap_version,
	[HY_X_MEMBARRIER_CMD] = &x_membarrier_cmd,
	[HY_X_MEMBARRIER_FLAGS] = &x_membarrier_flags,
	[HY_X_SCHED_FLAGS] = &x_sched_flags,
};
/* clang-format on */

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
