/* SPDX-License-Identifier: MIT */
/*
 * The one declarative syscall table. Every list of syscalls in hytrace (the
 * subscription parser, the seccomp filter, the kernel capture plan and the
 * printers) reads it; nothing else names syscalls.
 *
 * The entries themselves are generated into syscallent_gen.c by
 * scripts/gen_syscalls.py from the kernel's tracefs formats, <asm/unistd_*.h>
 * and the hand-kept overlay scripts/syscalls.overlay.
 */
#ifndef HY_SYSCALL_TABLE_H
#define HY_SYSCALL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hytrace.h"

/* x32 syscalls carry this bit in their number (the kernel's __X32_SYSCALL_BIT). */
#define HY_X32_SYSCALL_BIT 0x40000000u

/* strace's syscall classes (%file, %desc, ...). */
enum hy_class {
	HY_C_DESC = 1u << 0,
	HY_C_FILE = 1u << 1,
	HY_C_IPC = 1u << 2,
	HY_C_NET = 1u << 3,
	HY_C_PROCESS = 1u << 4,
	HY_C_SIGNAL = 1u << 5,
	HY_C_MEMORY = 1u << 6,
	HY_C_CREDS = 1u << 7,
	HY_C_CLOCK = 1u << 8,
	HY_C_STAT = 1u << 9,
	HY_C_LSTAT = 1u << 10,
	HY_C_FSTAT = 1u << 11,
	HY_C_STATFS = 1u << 12,
	HY_C_FSTATFS = 1u << 13,
	HY_C_PURE = 1u << 14,
	/* Not a strace class: the call never returns on success (exit, execve). */
	HY_C_NORETURN = 1u << 15,
	/*
	 * Not a strace class: strace's -e read=SET / -e write=SET dump this call's
	 * data (its buffer, iovec or msghdr argument 1: hy_syscall_data()).
	 */
	HY_C_DUMP = 1u << 16,
	/*
	 * Not a strace class: programs make this call often (I/O, memory,
	 * polling, futex, stat), so a run that holds it pays the guest backend's
	 * trap on every call gladly: `auto` takes that backend (guest_choice.c).
	 */
	HY_C_HOT = 1u << 17,
};

/* What an argument means; decides how it is printed and what memory is captured. */
enum hy_arg_kind {
	HY_A_NONE = 0,
	HY_A_INT,	 /* signed decimal (int-sized unless the C type is long) */
	HY_A_LONG,	 /* signed decimal, full 64 bits */
	HY_A_UINT,	 /* unsigned decimal */
	HY_A_HEX,	 /* unsigned hexadecimal */
	HY_A_PTR,	 /* opaque pointer: NULL or 0x... */
	HY_A_FD,	 /* file descriptor */
	HY_A_DIRFD,	 /* file descriptor or AT_FDCWD */
	HY_A_PATH,	 /* NUL-terminated path, captured at entry */
	HY_A_STR,	 /* NUL-terminated string, captured at entry */
	HY_A_BUF_IN,	 /* bytes captured at entry; length is argument aux */
	HY_A_BUF_OUT,	 /* bytes captured at exit; length is the return value */
	HY_A_FLAGS,	 /* bit set printed with names from xlat aux */
	HY_A_ENUM,	 /* one value printed with a name from xlat aux */
	HY_A_MODE,	 /* file mode, octal */
	HY_A_PID,	 /* process or thread id */
	HY_A_SIG,	 /* signal number */
	HY_A_STRUCT_IN,	 /* struct aux read at entry */
	HY_A_STRUCT_OUT, /* struct aux written by the kernel, read at exit */
	HY_A_ARGV,	 /* NULL-terminated array of strings (execve argv/envp) */
	HY_A_UID,	 /* uid_t/gid_t: unsigned decimal, but (uid_t)-1 printed as -1 */
	HY_A_PATH_OUT,	 /* a path the kernel writes (getcwd): captured at exit, whole up to
			  * HY_PATH_MAX whatever -s says (strace's printpath); length is the
			  * return value, capacity in argument aux */
	HY_A_KIND_COUNT,
};

/* Structs the decoders know; the aux of HY_A_STRUCT_*. Sizes are x86-64's. */
enum hy_struct_id {
	HY_S_NONE = 0,
	HY_S_STAT,
	HY_S_STATX,
	HY_S_STATFS,
	HY_S_TIMESPEC,
	HY_S_TIMEVAL,
	HY_S_ITIMERSPEC,
	HY_S_SOCKADDR, /* length in the next argument (value or socklen_t *) */
	HY_S_IOVEC,    /* array; count in the next argument */
	HY_S_MSGHDR,
	HY_S_SIGSET,
	HY_S_SIGACTION,
	HY_S_SIGINFO,
	HY_S_RLIMIT,
	HY_S_RUSAGE,
	HY_S_UTSNAME,
	HY_S_POLLFD,	  /* array; count in the next argument */
	HY_S_EPOLL_EVENT, /* array */
	HY_S_FDSET,
	HY_S_INT,     /* int * */
	HY_S_LONG,    /* long * / loff_t * */
	HY_S_FD_PAIR, /* int[2] (pipe, socketpair) */
	HY_S_CLONE_ARGS,
	HY_S_OPEN_HOW,
	HY_S_SYSINFO,
	HY_S_TIMEZONE,
	HY_S_SCHED_PARAM,
	HY_S_STACK,
	HY_S_ROBUST_LIST,
	HY_S_RSEQ,
	HY_S_ARGS32,	/* six 32-bit arguments in memory (i386 old_mmap, socketcall) */
	HY_S_USER_DESC, /* struct user_desc (set_thread_area) */
	HY_S_VARIANT, /* typed by another argument (ioctl's request, getsockopt's name): 304 bytes,
			* the largest struct a decoder prints whole (struct loop_config) */
	HY_S_FLOCK,   /* fcntl's lock commands, read at entry */
	HY_S_ITIMERVAL,
	HY_S_TMS,
	HY_S_CPUSET,	/* sched_[gs]etaffinity's mask: its first 128 bytes */
	HY_S_DIRENTS64, /* getdents64's records (x86-64 getdents' too: same header); only counted */
	HY_S_LONG_INOUT,    /* loff_t * the kernel reads and updates (sendfile): "[0] => [35499]" */
	HY_S_INT_INOUT,	    /* the same, 32-bit (i386 sendfile's off_t *) */
	HY_S_TASK_COMM,	    /* a task name, char[16] (prctl PR_SET_NAME in, PR_GET_NAME out) */
	HY_S_TIMEVAL_INOUT, /* a timeout the kernel updates (select): what was left */
	HY_S_TIMESPEC_INOUT,  /* the same, a timespec (pselect6, ppoll) */
	HY_S_TIME_T,	      /* time_t * (time) */
	HY_S_UTIMBUF,	      /* struct utimbuf (utime) */
	HY_S_TIMEVAL2,	      /* struct timeval[2] (utimes, futimesat) */
	HY_S_TIMESPEC2,	      /* struct timespec[2] (utimensat) */
	HY_S_KCMP_EPOLL_SLOT, /* kcmp's KCMP_EPOLL_TFD slot */
	HY_S_MSGBUF,	      /* msgsnd/msgrcv's message: mtype and -s bytes of text */
	HY_S_SEMBUF,	      /* semop's array: its first 32 entries */
	HY_S_IPC_BUF,	 /* the *ctl calls' struct, typed by the command: the largest, in and out */
	HY_S_MQ_ATTR,	 /* struct mq_attr */
	HY_S_CAP_HEADER, /* capget/capset: version, pid */
	HY_S_CAP_DATA,	 /* and their sets: two 32-bit words each (versions 2 and 3) */
	HY_S_SIGEVENT,	 /* struct sigevent */
	HY_S_GIDS,	 /* a group list: its first 32 ids; count in the argument before */
	HY_S_SCHED_ATTR, /* struct sched_attr, up to the utilization clamps */
	HY_S_MINCORE_VEC,  /* mincore's vector: one byte a page, the first 64 */
	HY_S_NODEMASK,	   /* a NUMA node mask: its first 256 bytes (strace's -s 32 words) */
	HY_S_MMSGHDR,	   /* recvmmsg's struct mmsghdr array: the received entries */
	HY_S_MMSGHDR_IN,   /* sendmmsg's: the given entries, read at exit (their msg_len) */
	HY_S_MOUNT_ATTR,   /* struct mount_attr (mount_setattr), its first version */
	HY_S_AIO_CTX,	   /* io_setup's aio_context_t: an address */
	HY_S_IO_EVENTS,	   /* io_getevents' struct io_event array: the returned entries */
	HY_S_IOCB,	   /* one struct iocb (io_cancel's) */
	HY_S_SIGMASK_ARG,  /* { const sigset_t *, size_t } (io_pgetevents), the set followed */
	HY_S_URING_PARAMS, /* struct io_uring_params: flags in, the rings' layout out */
	HY_S_IOCBS,	   /* io_submit's struct iocb pointer array; count in the argument before */
	HY_S_PERF_ATTR,	   /* struct perf_event_attr, up to PERF_ATTR_SIZE_VER7 */
	HY_S_LANDLOCK_RULESET, /* struct landlock_ruleset_attr (its size in the next argument) */
	HY_S_LANDLOCK_RULE,    /* landlock_add_rule's attr: struct landlock_path_beneath_attr */
	HY_S_FILE_HANDLE,      /* struct file_handle and up to MAX_HANDLE_SZ bytes, in and out */
	HY_S_FUTEX_WAITV,      /* futex_waitv's array: its first 32 entries */
	HY_S_ADDR,	  /* a pointer the kernel writes (get_robust_list's head): "[0x4ad660]" */
	HY_S_IOVEC_ADDRS, /* iovecs of another process (process_vm_*): bases as addresses */
	HY_S_STRUCT_COUNT,
};

/* Named value sets for HY_A_FLAGS / HY_A_ENUM; each has a table in the xlat module. */
enum hy_xlat_id {
	HY_X_NONE = 0,
	HY_X_OPEN_FLAGS,
	HY_X_AT_FLAGS,
	HY_X_ACCESS_MODES,
	HY_X_MMAP_PROT,
	HY_X_MMAP_FLAGS,
	HY_X_MREMAP_FLAGS,
	HY_X_MADVISE,
	HY_X_MSYNC_FLAGS,
	HY_X_CLONE_FLAGS,
	HY_X_WAIT_OPTIONS,
	HY_X_SEEK_WHENCE,
	HY_X_FCNTL_CMD,
	HY_X_PRCTL_OPTION,
	HY_X_ARCH_PRCTL,
	HY_X_SIGPROCMASK_HOW,
	HY_X_SOCKET_FAMILY,
	HY_X_SOCKET_TYPE,
	HY_X_SOCKET_LEVEL,
	HY_X_MSG_FLAGS,
	HY_X_SHUTDOWN_HOW,
	HY_X_CLOCK_ID,
	HY_X_TIMER_FLAGS,
	HY_X_EPOLL_CTL,
	HY_X_EFD_FLAGS,
	HY_X_FUTEX_OP,
	HY_X_GRND_FLAGS,
	HY_X_RLIMIT,
	HY_X_PIPE_FLAGS,
	HY_X_DUP3_FLAGS,
	HY_X_UNLINKAT_FLAGS,
	HY_X_RENAME_FLAGS,
	HY_X_STATX_MASK,
	HY_X_IOCTL_CMD,
	HY_X_PTRACE_REQ,
	HY_X_SECCOMP_OP,
	HY_X_MEMFD_FLAGS,
	HY_X_CLOSE_RANGE_FLAGS,
	HY_X_RUSAGE_WHO,
	HY_X_IDTYPE,
	HY_X_OPEN_ACCESS, /* O_RDONLY.. O_ACCMODE: the low two bits of open flags */
	HY_X_FACCESSAT_FLAGS,
	HY_X_AT_STATX_SYNC,
	HY_X_STATX_ATTRS,
	HY_X_RESOLVE_FLAGS,
	HY_X_FD_FLAGS,
	HY_X_LOCK_TYPE,
	HY_X_DN_FLAGS,
	HY_X_F_SEALS,
	HY_X_F_OWNER,
	HY_X_MAP_TYPE,
	HY_X_SA_FLAGS,
	HY_X_SS_FLAGS,
	HY_X_SOCK_FLAGS,
	HY_X_IPPROTO,
	HY_X_NETLINK_PROTO,
	HY_X_ETH_P,
	HY_X_SO_OPT,
	HY_X_TCP_OPT,
	HY_X_IP_OPT,
	HY_X_IPV6_OPT,
	HY_X_NETLINK_OPT,
	HY_X_POLL_EVENTS,
	HY_X_EPOLL_EVENTS,
	HY_X_EPOLL_FLAGS,
	HY_X_FUTEX_WAKE_OP,
	HY_X_FUTEX_WAKE_CMP,
	HY_X_FUTEX_WAITV_FLAGS,
	HY_X_CLONE3_FLAGS,
	HY_X_CAP,
	HY_X_DUMPABLE,
	HY_X_PR_SET_VMA,
	HY_X_PR_MCE_KILL,
	HY_X_PR_SYS_DISPATCH,
	HY_X_PR_CAP_AMBIENT,
	HY_X_TERM_IFLAGS,
	HY_X_TERM_OFLAGS,
	HY_X_TERM_CFLAGS,
	HY_X_TERM_LFLAGS,
	HY_X_TERM_BAUD,
	HY_X_TERM_CSIZE,
	HY_X_TERM_NLDLY,
	HY_X_TERM_CRDLY,
	HY_X_TERM_TABDLY,
	HY_X_TERM_BSDLY,
	HY_X_TERM_VTDLY,
	HY_X_TERM_FFDLY,
	HY_X_TCXONC,
	HY_X_TCFLSH,
	HY_X_ITIMER_WHICH,
	HY_X_SIGEV_NOTIFY,
	HY_X_FS_MAGIC,
	HY_X_STATFS_FLAGS,
	HY_X_RWF_FLAGS,
	HY_X_MODEM_FLAGS,
	HY_X_TFD_FLAGS,
	HY_X_TFD_TIMER_FLAGS,
	HY_X_SFD_FLAGS,
	HY_X_IN_INIT_FLAGS,
	HY_X_INOTIFY_MASK,
	HY_X_FLOCK_OP,
	HY_X_FALLOC_FLAGS,
	HY_X_PRIO_WHICH,
	HY_X_FADVISE,
	HY_X_SCHED_POLICY,
	HY_X_KCMP_TYPE,
	HY_X_IPC_GET_FLAGS,
	HY_X_SHMGET_FLAGS,
	HY_X_IPC_MSG_FLAGS,
	HY_X_SEM_FLAGS,
	HY_X_SHMAT_FLAGS,
	HY_X_MSGCTL_CMD,
	HY_X_SEMCTL_CMD,
	HY_X_SHMCTL_CMD,
	HY_X_FS_FLAGS,
	HY_X_LOOP_FLAGS,
	HY_X_IFF_FLAGS,
	HY_X_MQ_FLAGS,
	HY_X_UNSHARE_FLAGS,
	HY_X_FAN_INIT_FLAGS,
	HY_X_FAN_CLASS,
	HY_X_SCM_TYPE,
	HY_X_PERSONA,
	HY_X_PERSONA_FLAGS,
	HY_X_MLOCKALL_FLAGS,
	HY_X_SYNC_FILE_RANGE_FLAGS,
	HY_X_IOPRIO_WHO,
	HY_X_IOPRIO_CLASS,
	HY_X_CAP_VERSION,
	HY_X_MEMBARRIER_CMD,
	HY_X_MEMBARRIER_FLAGS,
	HY_X_SCHED_FLAGS,
	HY_X_MLOCK2_FLAGS,
	HY_X_MPOL_MODE,
	HY_X_MPOL_MODE_FLAGS,
	HY_X_MPOL_FLAGS,
	HY_X_MPOL_MF,
	HY_X_PKEY_ACCESS,
	HY_X_MOVE_PAGES_FLAGS,
	HY_X_UFFD_FLAGS,
	HY_X_REBOOT_MAGIC,
	HY_X_REBOOT_CMD,
	HY_X_KEXEC_ARCH,
	HY_X_KEXEC_FLAGS,
	HY_X_KEXEC_FILE_FLAGS,
	HY_X_DELETE_MODULE_FLAGS,
	HY_X_SYSLOG_ACTION,
	HY_X_LOGLEVEL,
	HY_X_XATTR_FLAGS,
	HY_X_FAN_MARK_FLAGS,
	HY_X_FAN_EVENT_MASK,
	HY_X_SPLICE_FLAGS,
	HY_X_PIDFD_FLAGS,
	HY_X_MS_FLAGS,
	HY_X_MS_PROPAGATION,
	HY_X_UMOUNT_FLAGS,
	HY_X_FSOPEN_FLAGS,
	HY_X_FSCONFIG_CMD,
	HY_X_FSMOUNT_FLAGS,
	HY_X_MOUNT_ATTR,
	HY_X_MOVE_MOUNT_FLAGS,
	HY_X_OPEN_TREE_FLAGS,
	HY_X_FSPICK_FLAGS,
	HY_X_SWAP_FLAGS,
	HY_X_QUOTA_CMD,
	HY_X_QUOTA_TYPE,
	HY_X_KEYCTL_CMD,
	HY_X_KEY_SPEC,
	HY_X_KEY_PERM,
	HY_X_KEY_REQKEY_DEFL,
	HY_X_KEYCTL_MOVE_FLAGS,
	HY_X_KEYCTL_CAPS0,
	HY_X_KEYCTL_CAPS1,
	HY_X_IOCB_CMD,
	HY_X_URING_SETUP_FLAGS,
	HY_X_URING_FEAT,
	HY_X_URING_ENTER_FLAGS,
	HY_X_URING_REGISTER_OP,
	HY_X_PERF_TYPE,
	HY_X_PERF_ATTR_SIZE,
	HY_X_PERF_HW_ID,
	HY_X_PERF_SW_ID,
	HY_X_PERF_SAMPLE,
	HY_X_PERF_READ_FORMAT,
	HY_X_PERF_FLAGS,
	HY_X_LANDLOCK_ACCESS_FS,
	HY_X_LANDLOCK_RULE,
	HY_X_LANDLOCK_CREATE_FLAGS,
	HY_X_BPF_CMD,
	HY_X_BPF_MAP_TYPE,
	HY_X_BPF_PROG_TYPE,
	HY_X_BPF_ATTACH_TYPE,
	HY_X_BPF_MAP_FLAGS,
	HY_X_BPF_PROG_FLAGS,
	HY_X_BPF_UPDATE_FLAGS,
	HY_X_BPF_LOOKUP_FLAGS,
	HY_X_XLAT_COUNT,
};

/*
 * The C width of an integer argument narrower than a register (from the
 * kernel's tracefs formats): the kernel ignores the upper bits, and strace
 * prints the value as its type does.
 */
enum hy_arg_width {
	HY_T_LONG = 0, /* as wide as a register (long, size_t, pointers) */
	HY_T_S32,      /* int, pid_t, uid_t, clockid_t, ... */
	HY_T_U32,      /* unsigned int, u32 */
	HY_T_U16,      /* umode_t */
};

struct hy_argspec {
	uint8_t kind;  /* enum hy_arg_kind */
	uint8_t aux;   /* argument index, enum hy_xlat_id or enum hy_struct_id */
	uint8_t width; /* enum hy_arg_width */
};

struct hy_record;
struct hy_printer;

/*
 * A custom decoder prints the whole argument list of one syscall (strace's
 * SEN()); phase HY_PHASE_ENTER prints what is known at entry, HY_PHASE_EXIT
 * the rest. NULL means: print each argument by its hy_argspec.
 */
typedef void (*hy_decode_fn)(struct hy_printer *p, const struct hy_record *r);

/* What a call returns, when it is not a plain number (hy_sysent.ret). */
enum hy_ret_kind {
	HY_R_DEFAULT = 0,
	HY_R_PID,	   /* a process id (translated with --pidns-translation) */
	HY_R_HEX,	   /* an address */
	HY_R_OCT,	   /* a file mode (umask) */
	HY_R_SIG,	   /* a signal number */
	HY_R_TIME,	   /* seconds since the epoch: "N (date)" */
	HY_R_SCHED_POLICY, /* a scheduling policy: "0 (SCHED_OTHER)" */
	HY_R_PERSONA,	   /* a personality: "0x8 (PER_LINUX32)" */
	HY_R_IOPRIO,	   /* an I/O priority: "16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))" */
	HY_R_MEMBARRIER,   /* MEMBARRIER_CMD_QUERY: "0x3ff (MEMBARRIER_CMD_GLOBAL|...)" */
	HY_R_INT32, /* an int returned through a long (modify_ldt): "4294967258 ENOSYS (...)" */
};

/* What a call does to the process's descriptors (hy_sysent.fd; the overlay's fd=). */
enum hy_fd_effect {
	HY_FD_NONE = 0,
	HY_FD_NEW,	   /* its result is a new descriptor (socket, eventfd, pidfd_open...) */
	HY_FD_OPEN,	   /* the same, for its path argument (open, openat, openat2, creat) */
	HY_FD_DUP,	   /* its result is a copy of argument 0 (dup, dup2, dup3) */
	HY_FD_FCNTL_DUP,   /* the same for F_DUPFD and F_DUPFD_CLOEXEC only (fcntl) */
	HY_FD_CLOSE,	   /* closes argument 0 */
	HY_FD_CLOSE_RANGE, /* closes arguments 0..1, or marks them close-on-exec */
	HY_FD_EXEC,	   /* on success, the close-on-exec descriptors are gone */
	HY_FD_FORK,	   /* a new process may start with a copy of the table */
	HY_FD_CHDIR,	   /* changes the working directory (what AT_FDCWD names) */
};

struct hy_sysent {
	const char *name;
	uint32_t classes; /* enum hy_class bits */
	uint8_t nargs;
	uint8_t ret; /* enum hy_ret_kind */
	uint8_t fd;  /* enum hy_fd_effect */
	struct hy_argspec args[6];
	hy_decode_fn decode;
};

/* One table per ABI, indexed by syscall number (x32: without HY_X32_SYSCALL_BIT). */
struct hy_systable {
	const struct hy_sysent *ent;
	unsigned int size;
};

/** The table of one ABI. */
const struct hy_systable *hy_systable(enum hy_abi abi);

/** The entry of syscall @nr in @abi, or NULL when the number has no syscall. */
const struct hy_sysent *hy_sysent_get(enum hy_abi abi, long nr);

/* By name and number: hy_syscall_name_of() and hy_syscall_number() of hytrace.h. */

/* How a struct kind is captured; its printer is in decode/struct_table.c. */
struct hy_struct_info {
	uint16_t size;	 /* bytes on x86-64; 0 for variable-size or unknown ones */
	uint8_t capture; /* enum hy_cap_kind; 0 means HY_CAP_FIXED (its bytes) */
	bool in_out;	 /* an input read again at exit (pollfd's revents) */
	bool on_error;	 /* read at exit even when the call failed (name_to_handle_at's
			  * EOVERFLOW writes the size it needs) */
};

const struct hy_struct_info *hy_struct_info(enum hy_struct_id id);
/** Bytes of struct @id on x86-64, 0 for variable-size or unknown ones. */
size_t hy_struct_size(enum hy_struct_id id);

/** Short ABI name: "x86_64", "i386", "x32". */
const char *hy_abi_name(enum hy_abi abi);

#endif
