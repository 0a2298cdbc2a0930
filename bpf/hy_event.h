/* SPDX-License-Identifier: MIT */
/*
 * Records the kernel programs write into the ring buffer, shared by the BPF side
 * (bpf/hytrace.bpf.c) and user space (user/ring_reader.c). Fixed-width types and
 * explicit padding only: both compilers must agree on every offset.
 */
#ifndef HY_EVENT_H
#define HY_EVENT_H

#ifdef __BPF__
/* vmlinux_min.h provides the __u* types */
#else
#include <linux/types.h>
#endif

enum hy_kev_type {
	HY_KEV_ENTER = 1,     /* sys_enter of a guest task */
	HY_KEV_EXIT = 2,      /* sys_exit (nr -1: the tracer skipped the call) */
	HY_KEV_FORK = 3,      /* a guest task created a task; aux = child tid */
	HY_KEV_EXEC = 4,      /* a guest task executed; aux = old tid */
	HY_KEV_TASK_EXIT = 5, /* a guest task is gone (aux: its wait status); its
			       * unfinished call never returns */
	/*
	 * Entry memory read again at sys_exit because it was not resident at
	 * sys_enter (bpf_probe_read_user cannot fault pages in; the syscall did).
	 * Same layout as HY_KEV_ENTER; comes right before the call's HY_KEV_EXIT.
	 */
	HY_KEV_REFETCH = 6,
	/*
	 * A whole call in one record (struct hy_kev_call), for calls with no entry
	 * memory: sys_enter keeps the entry in the task's guests map value and
	 * sys_exit writes one record instead of two.
	 */
	HY_KEV_CALL = 7,
	/*
	 * After a successful exec: the new program's argument strings (NUL after
	 * each), read from its fresh stack, where they are always resident; the
	 * strings execve's argv pointed to may not have been (aux: their bytes).
	 * Then, to the record's end, the file name the kernel was given (NUL
	 * ended; for execveat with a directory fd, "/dev/fd/N/NAME" or
	 * "/dev/fd/N"), which execve's path pointed to.
	 */
	HY_KEV_EXEC_ARGS = 8,
	/*
	 * hytrace -k: the user stack of the call this thread begins (struct
	 * hy_kev_stack; hdr.ts is the call's enter time), written at sys_enter
	 * before the call's own records.
	 */
	HY_KEV_STACK = 9,
	/*
	 * A signal is being delivered to a guest task (the kernel's get_signal():
	 * to its handler or its default action; struct hy_kev_signal, aux = the
	 * signal). The in-guest backend, which has no signal stops, shows these.
	 * Not written for Syscall User Dispatch's own traps (SIGSYS,
	 * SYS_USER_DISPATCH): those are that backend's mechanism.
	 */
	HY_KEV_SIGNAL = 10,
	/*
	 * hytrace -i: the user instruction pointer of the call this thread begins
	 * (struct hy_kev_ip; hdr.ts is the call's enter time), written at
	 * sys_enter before the call's own records, only when asked (want_ip).
	 */
	HY_KEV_IP = 11,
	/*
	 * strace -y/-yy: a socket descriptor of the call (struct hy_kev_sock), as
	 * the kernel holds it: read at sys_enter for its descriptor arguments
	 * (hdr.ts: the call's enter time), at sys_exit for the descriptors it
	 * returned (hdr.ts: its exit time), right before the call's own records.
	 * Only when asked (want_socks: bpf/sock_ends.bpf.h).
	 */
	HY_KEV_SOCK = 12,
};

/* How a task is watched (hy_guest.state). */
enum hy_guest_state {
	HY_GUEST_ACTIVE = 1,
	/* Launched by hytrace, not yet at its execve: its handshake is not recorded. */
	HY_GUEST_PENDING_EXEC = 2,
	/* flag: an entry capture faulted; read it again at sys_exit */
	HY_GUEST_REFETCH = 0x100,
	/* flag: hytrace is its ptrace tracer, so it may be held back (inherited) */
	HY_GUEST_TRACED = 0x200,
	/* flag: held back (SIGSTOP sent) until the tracer drained the ring; for
	 * tids of the fast map its byte says it instead (HY_GUEST_BYTE_THROTTLED) */
	HY_GUEST_THROTTLED = 0x400,
	/* flag: the kernel filter kept this call for its path or descriptor
	 * (bpf/kfilter.bpf.h): its result may open, copy or close one */
	HY_GUEST_KF_HIT = 0x800,
	/* flag: the call's entry memory waits for sys_exit, where the status
	 * filter decides whether it is recorded at all (bpf/kfilter.bpf.h) */
	HY_GUEST_KF_DEFERRED = 0x1000,
	/* flag: made from the guest runtime's held entries (HY_CALL_HELD) */
	HY_GUEST_HELD = 0x2000,
	/* flag: with HY_GUEST_KF_HIT, a path argument could not be read at
	 * sys_enter (kept to be safe): compared again at sys_exit */
	HY_GUEST_KF_UNSURE = 0x4000,
	/* flag: held (SIGSTOP sent) for its tracer to read memory the kernel
	 * could not (HY_SYS_LIVE); as HY_GUEST_THROTTLED, the byte says it below
	 * TID_FAST (HY_GUEST_BYTE_HELD_READ) */
	HY_GUEST_HELD_READ = 0x8000,
	/* flag: kept for a descriptor argument the filter did not follow but
	 * found open on one of the paths' files: marked for user space
	 * (HY_CALL_ON_PATH, HY_SYS_ON_PATH), which does not know it either */
	HY_GUEST_KF_FILE = 0x10000,
};

/* A tid's byte in the recorder's "fast" map (mapped by user space too). */
#define HY_GUEST_BYTE_ON 1	  /* a guest */
#define HY_GUEST_BYTE_THROTTLED 2 /* a guest held back (SIGSTOP sent) until the ring drains */
#define HY_GUEST_BYTE_HELD_READ 3 /* a guest held (SIGSTOP sent) to read its memory (HY_SYS_LIVE) */

/* What sys_enter left for sys_exit (hy_guest.pending). */
#define HY_PEND_NONE 0	  /* nothing: a child's first return from fork, or not yet a guest */
#define HY_PEND_STORED 1  /* the entry is in the map value, not in the ring */
#define HY_PEND_EMITTED 2 /* an HY_KEV_ENTER record is in the ring */
/* its last call's exit was seen: an exit now had no sys_enter (its own seccomp filter ended it) */
#define HY_PEND_DONE 3
/*
 * Adopted by -p without a tracer, nothing seen yet: an exit now ends a call in
 * flight at the attach, written whole from its exit's registers (strace -p's
 * attach restarts such a call, and shows it whole)
 */
#define HY_PEND_ATTACHED 4

/* Value of the guests map (key: tid). Only the task itself writes its entry. */
struct hy_guest {
	__u32 state; /* enum hy_guest_state, HY_GUEST_REFETCH */
	__u8 pending;
	__u8 abi;
	__u16 _pad;
	__s32 nr;
	__u32 _pad2;
	__u64 ts;
	__u64 args[6];
};

/* ABI of a recorded syscall (same values as enum hy_abi). */
#define HY_KABI_X86_64 0
#define HY_KABI_I386 1
#define HY_KABI_X32 2

struct hy_kev_hdr {
	__u64 ts; /* CLOCK_MONOTONIC ns */
	__u32 tid;
	__u32 tgid;
	__u16 type; /* enum hy_kev_type */
	__u16 size; /* bytes of the whole record, captures included */
	__u32 aux;
};

/*
 * Memory captured for one argument; the data follows, padded to 8 bytes. flags
 * HY_KCAP_TRUNC: the object was longer than what was captured; HY_KCAP_FAULT: the
 * address could not be read (len is then 0).
 */
struct hy_kcap {
	__u64 addr; /* guest address the bytes were read from */
	__u16 len;
	__u8 arg;
	__u8 flags;
	__u32 _pad;
};
#define HY_KCAP_TRUNC 0x1
#define HY_KCAP_FAULT 0x2
#define HY_KCAP_STR 0x4	  /* a NUL-terminated string (len excludes the NUL) */
#define HY_KCAP_COUNT 0x8 /* not the memory: a __u32 count of the records there */
#define HY_KCAP_META 0x10 /* not the memory: what the kernel knew (arg: HY_META_*), no address */

/* HY_CAP_SOCK's chunk: a netlink socket's family and protocol (user/decode/decode_netlink.h) */
struct hy_sock_meta {
	__u16 family;
	__u16 protocol; /* HY_SOCK_PROTO_UNKNOWN: not bound yet */
};
#define HY_SOCK_PROTO_UNKNOWN 0xffff
#define HY_META_SOCK 2 /* its chunk's arg (user/record.h's HY_META_* numbering) */

struct hy_kev_sys {
	struct hy_kev_hdr hdr;
	__s32 nr; /* x32: without the 0x40000000 bit */
	__u8 abi;
	__u8 ncap;   /* struct hy_kcap entries following */
	__u16 flags; /* HY_SYS_HELD (an enter), HY_SYS_LIVE (an exit) */
	union {
		__u64 args[6]; /* HY_KEV_ENTER */
		__s64 ret;     /* HY_KEV_EXIT */
	};
};

#define HY_CALL_UNFINISHED 0x1 /* the task died in the call (exit_group): no ret */
/*
 * The guest backend's runtime made the call from its gate's held entries:
 * its tools held it and let it run as it was (user/guest/rt/gate.S).
 */
#define HY_CALL_HELD 0x2
#define HY_SYS_HELD 0x1 /* the same, on an HY_KEV_ENTER record */
/*
 * On an HY_KEV_EXIT: the call's entry memory was still not resident at
 * sys_exit, and the task is held (SIGSTOP, as backpressure's) before it runs
 * again: its tracer reads that memory from it (bpf/hytrace.bpf.c hold_to_read).
 */
#define HY_SYS_LIVE 0x2
/* the kernel filter kept it for a descriptor open on a -P file (HY_GUEST_KF_FILE) */
#define HY_CALL_ON_PATH 0x4
#define HY_SYS_ON_PATH 0x4 /* the same, on an HY_KEV_ENTER record */

struct hy_kev_call {
	struct hy_kev_hdr hdr; /* ts: the exit (or the death) */
	__s32 nr;
	__u8 abi;
	__u8 ncap; /* captures (exit memory) following */
	__u16 flags;
	__s64 ret;
	__u64 enter_ts;
	__u64 args[6];
};

/*
 * The registers DWARF unwinding starts from (the callee-saved ones and the
 * frame's pc and sp: the caller-saved ones are never needed to find a caller)
 * and a copy of the stack from sp, hdr.aux bytes, up to the top of the stack's
 * mapping or HY_STACK_MAX.
 */
struct hy_kev_stack {
	struct hy_kev_hdr hdr;
	__u64 ip, sp, bp, bx, r12, r13, r14, r15;
};
#define HY_STACK_MAX 16384 /* a power of two */

/* Bytes of a record without captures. */
#define HY_KEV_ENTER_SIZE (sizeof(struct hy_kev_sys))
#define HY_KEV_EXIT_SIZE (sizeof(struct hy_kev_hdr) + 8 + 8)

/*
 * Capture plan of one syscall argument, derived from the syscall table (the
 * plan map is indexed by abi * HY_PLAN_NR_MAX + nr).
 */
enum hy_cap_kind {
	HY_CAP_NONE = 0,
	HY_CAP_STR = 1,	      /* NUL-terminated string */
	HY_CAP_BUF_ARG = 2,   /* length is argument (aux & 7), at most aux >> 3 bytes */
	HY_CAP_BUF_RET = 3,   /* length is the return value (exit only) */
	HY_CAP_FIXED = 4,     /* aux bytes (at exit: of a call that succeeded, or
			       * any with HY_CAP_ON_ERROR in aux) */
	HY_CAP_BUF_PTR = 5,   /* length is a socklen_t/int that argument aux points to */
	HY_CAP_ARGV = 6,      /* NULL-terminated array of strings: the pointers (up to
			     * HY_ARGV_MAX), then each string up to aux bytes */
	HY_CAP_PTRS = 8,      /* a pointer array only, up to aux bytes (envp: to count it) */
	HY_CAP_DIRENTS = 9,   /* directory records of the returned length: only counted; with
			       * aux (-v), their bytes, in aux windows of HY_CAP_MAX */
	HY_CAP_MSGHDR = 10,   /* struct msghdr, its name, its iovec array and buffers (at
			     * most aux >> 3 bytes each; at exit of the returned total) */
	HY_CAP_IOVEC = 7,     /* struct iovec array, count in argument (aux & 7); then each
			     * buffer, at most aux >> 3 bytes (at exit: of the returned total) */
	HY_CAP_IOVEC32 = 11,  /* the same, 8-byte entries of 32-bit pointers and lengths (i386,
			      * x32's compat calls) */
	HY_CAP_ARGV32 = 12,   /* HY_CAP_ARGV of 32-bit pointers (i386, x32's compat execve) */
	HY_CAP_MSGHDR32 = 13, /* HY_CAP_MSGHDR of the 32-bit layout (28 bytes, 8-byte iovecs) */
	HY_CAP_SOCK = 14,     /* not memory: what socket descriptor arg is (struct hy_sock_meta,
			       * a HY_KCAP_META chunk), at entry */
	HY_CAP_FOLLOW = 15,   /* the buffer a pointer inside argument arg's struct points to,
			       * when argument (aux & 7) has a value a rule of group aux >> 3
			       * names (struct hy_follow); at exit only if the call succeeded */
	HY_CAP_MMSG_IN = 16,  /* sendmmsg's struct mmsghdr array, count in argument (aux & 7), at
			       * most HY_MMSG_MAX entries, each as HY_CAP_MSGHDR plus its msg_len,
			       * read at exit (msg_len is written by the call), data whole */
	HY_CAP_MMSG_OUT = 17, /* recvmmsg's: the returned count of entries, each entry's data of
			       * its msg_len */
	HY_CAP_IOCBS = 18,    /* io_submit's struct iocb pointer array, count in argument (aux & 7),
			       * at most HY_IOCB_MAX entries: the pointers, each iocb, and what
			       * its command reads (a PWRITE's data, a PREADV/PWRITEV's iovec
			       * array, a PWRITEV's buffers), at most aux >> 3 bytes of each */
};
/* A HY_CAP_FIXED slot's aux bit: read at exit even when the call failed. */
#define HY_CAP_ON_ERROR 0x8000

/* One argument's capture: kind (enum hy_cap_kind), which argument, and a size. */
struct hy_cap_slot {
	__u8 kind;
	__u8 arg;
	__u16 aux;
};

/*
 * The captures of one syscall, at most HY_PLAN_SLOTS per phase, listed first to
 * last (kind 0 ends a list). A short list keeps the BPF verifier's work small.
 */
#define HY_PLAN_SLOTS 4
struct hy_plan {
	struct hy_cap_slot enter[HY_PLAN_SLOTS];
	struct hy_cap_slot exit[HY_PLAN_SLOTS];
};

#define HY_PLAN_NR_MAX 1024
#define HY_PLAN_ENTRIES (3 * HY_PLAN_NR_MAX)

/*
 * The kernel filter (bpf/kfilter.bpf.h): per syscall (abi * HY_PLAN_NR_MAX +
 * nr), whether its calls are all recorded, none, or those the filter keeps.
 */
enum hy_kf_mode {
	HY_KF_KEEP = 0, /* every call: some consumer wants them all */
	HY_KF_DROP = 1, /* none: no consumer wants them */
	HY_KF_FILTER = 2,
	/*
	 * every call, but the path filter follows the descriptors it opens and
	 * closes: a call the filter would drop that a tool learns state from
	 * (-y's descriptor table: hy_kernel_filter_keep())
	 */
	HY_KF_TRACK = 3,
};

/* What a kept call's result does to the descriptors the path filter follows. */
enum hy_kf_effect {
	HY_KF_FX_NONE = 0,
	HY_KF_FX_OPEN = 1,  /* returns a descriptor for its path (open, openat, creat) */
	HY_KF_FX_DUP = 2,   /* returns a copy of its descriptor (dup, dup2, dup3) */
	HY_KF_FX_FCNTL = 3, /* fcntl: a copy for F_DUPFD and F_DUPFD_CLOEXEC */
	HY_KF_FX_CLOSE = 4, /* its first argument is closed */
};

struct hy_kf_nr {
	__u8 mode;	/* enum hy_kf_mode */
	__u8 path_args; /* bit i: argument i is a path (or string) the path filter compares */
	__u8 fd_args;	/* bit i: argument i is a descriptor the path filter looks up */
	__u8 effect;	/* enum hy_kf_effect */
};

/* Status bits of the kernel's status filter (strace's -e status=). */
#define HY_KF_SUCCESSFUL 1
#define HY_KF_FAILED 2
#define HY_KF_UNFINISHED 4

/*
 * Bytes of a path the kernel compares (with its NUL). A longer path is
 * compared by its first 255 bytes, so the kernel keeps any call whose path
 * begins so, and user space decides.
 */
#define HY_KF_PATH_MAX 256
/* Paths (and their files) the kernel compares: more keep every call, for user space. */
#define HY_KF_PATHS_MAX 128

/*
 * Key of the files of the paths (those that existed at start): what a
 * descriptor the filter never saw open is compared by (its inode's i_ino and
 * i_sb->s_dev, the kernel's dev_t encoding: MAJOR << 20 | MINOR).
 */
struct hy_kf_file {
	__u64 ino;
	__u32 dev;
	__u32 _pad;
};

/* Key of the descriptors the path filter follows. */
struct hy_kf_fd {
	__u32 tgid;
	__s32 fd;
};

/* iovec entries captured (readv/writev), with their buffers. */
#define HY_IOV_MAX 8
/*
 * Entries of a struct mmsghdr array captured (HY_CAP_MMSG_*): strace's default
 * -s, past which it prints "..." (the rest print so). An array stops earlier
 * once its entries took HY_MMSG_CHUNKS chunks (a record holds at most 255, and
 * user space 160): an entry is up to 12 (header, name, control, vector, 8
 * buffers).
 */
#define HY_MMSG_MAX 32
#define HY_MMSG_CHUNKS 120

/* Bytes of a msghdr's control messages captured (sendmsg, recvmsg). */
#define HY_CMSG_CAP 256

/*
 * Strings of an argv (or -v's environment) the kernel recorder captures:
 * strace prints -s of them (32 by default) then "...", or all with -v.
 */
#define HY_ARGV_MAX 64

/* Most bytes one argument may capture (the -s limit is clamped to it). */
#define HY_CAP_MAX 4096
#define HY_EXEC_FILE_MAX 4096 /* PATH_MAX: HY_KEV_EXEC_ARGS's file name */
/*
 * HY_KEV_EXEC_ARGS: hdr.aux is the bytes of the argument strings, which
 * follow, then the file name.
 */
struct hy_kev_exec_args {
	struct hy_kev_hdr hdr;
	/*
	 * The new program's environment entries (execve's envp count, which its
	 * captured pointers cannot give past HY_CAP_MAX / 8), or this:
	 */
	__u32 envc;
	__u32 pad;
};
#define HY_EXEC_ENVC_UNKNOWN 0xffffffffu
/*
 * -v's directory records: windows of HY_CAP_MAX bytes, as many as a record
 * always holds (the scratch buffer's captures start below 16 KiB).
 */
#define HY_DENTS_WINDOWS 4

/*
 * A HY_CAP_FOLLOW rule: for the calls of group @group whose selector argument
 * (an ioctl's request) is @value, the buffer at the pointer @ptr_off bytes into
 * the struct, of the int length @len_off bytes into it (SIOCGIFCONF's struct
 * ifconf: ifc_len at 0, ifc_buf at 8), at most @max bytes. A pointer inside an
 * argument array (i386 socketcall's) is the same shape.
 */
struct hy_follow_key {
	__u32 group;
	__u32 value;
};
#define HY_FOLLOW_PTR32 1 /* the pointer has 32 bits (i386 layouts) */
#define HY_FOLLOW_STR 2	  /* a NUL-terminated string of at most max bytes: no length field */
#define HY_FOLLOW_FIXED 4 /* max bytes, no length field (clone3's pidfd, an int) */
/*
 * The argument itself is an iovec array, its count in argument len_off: the
 * array and its buffers, at most max bytes each (keyctl's INSTANTIATE_IOV)
 */
#define HY_FOLLOW_IOV 8
struct hy_follow {
	__u8 ptr_off;
	__u8 len_off;
	__u8 flags; /* HY_FOLLOW_* */
	__u8 _pad;
	__u32 max;
};
/* iocbs of an io_submit captured (HY_CAP_IOCBS): after them, "..." and the address */
#define HY_IOCB_MAX 8
#define HY_FOLLOW_RULES 16
/*
 * A rule's selector argument that no call has: the selector value is 0 (the
 * BPF side's arg_at() and the tracer's read give 0 past the sixth argument),
 * for a struct followed whatever the call's other arguments are.
 */
#define HY_FOLLOW_NO_SEL 7

/* HY_KEV_IP: where the call was made (the instruction after it, as strace -i prints). */
struct hy_kev_ip {
	struct hy_kev_hdr hdr;
	__u64 ip;
};

/*
 * HY_KEV_SOCK's socket: what strace -yy asks sock_diag, read from the
 * socket itself (user/sock_ends.c turns it into the public struct hy_socket).
 */
struct hy_sock_ends {
	__u64 ino;	/* the socket's inode */
	__u64 peer_ino; /* AF_UNIX: its peer's inode (0: none) */
	__s32 fd;
	__u32 portid; /* AF_NETLINK */
	__u16 family;
	__u16 protocol; /* sk_protocol (AF_NETLINK: NETLINK_*) */
	__u16 sport;	/* host order */
	__u16 dport;	/* host order */
	__u8 state;	/* sk_state (TCP_*) */
	__u8 bound;	/* AF_NETLINK: bound (has a portid) */
	__u16 path_len; /* AF_UNIX: bytes of its bound name (0: unbound) */
	__u8 diag;	/* user space: HY_SOCK_DIAG_* (0: the kernel's fields say it) */
	__u8 _pad[3];
	__u8 src[16], dst[16]; /* network order; AF_INET: the first 4 bytes */
	char proto[32];	       /* its protocol's name ("TCP", "UNIX-STREAM"): sockprotoname */
	char path[108];	       /* AF_UNIX: its bound name (sun_path; abstract: a NUL first) */
	__s32 pid; /* a pidfd's process (-yy's pid:N), in the initial pid namespace; 0: unknown */
	/*
	 * family 0: not a socket but a new descriptor without a path of its own
	 * (a pipe, an anon inode, a memfd: bpf/sock_ends.bpf.h's file_put), named
	 * from its filesystem's magic, its dentry's name and ino; magic 0: name is
	 * the whole of what /proc/PID/fd/N said (read by the tracer)
	 */
	__u32 magic;
	__u8 cloexec; /* read at exit: the new descriptor closes at exec (a socket's too) */
	__u8 _pad3[3];
	char name[64];
};
#define HY_SOCK_DIAG_FOUND 1   /* sock_diag listed it (the tracer asked: user/sock_diag.c) */
#define HY_SOCK_DIAG_MISSING 2 /* sock_diag did not */
/* The filesystems whose files a family-0 hy_sock_ends names (statfs(2)'s f_type) */
#define HY_PIPEFS_MAGIC 0x50495045u
#define HY_ANON_INODE_FS_MAGIC 0x09041934u
#define HY_PIDFS_MAGIC 0x50494446u
#define HY_TMPFS_MAGIC 0x01021994u     /* memfd_create's, without MFD_HUGETLB */
#define HY_HUGETLBFS_MAGIC 0x958458f6u /* and with it */
#define HY_SOCK_AT_EXIT 0x100 /* hdr.aux: read at sys_exit (a descriptor the call returned) */

struct hy_kev_sock {
	struct hy_kev_hdr hdr; /* aux: HY_SOCK_AT_EXIT | the argument (6: the result; 7: an array) */
	struct hy_sock_ends s;
};

/*
 * The sock_fd_args map's value, per syscall (abi * HY_PLAN_NR_MAX + nr), from
 * the syscall table: which of its descriptors HY_KEV_SOCK reads.
 */
struct hy_sock_fd_args {
	__u8 fd_args;  /* bit i: argument i is a descriptor (FD, DIRFD) */
	__u8 ret_fd;   /* the result may be a new descriptor */
	__u8 pair_arg; /* 1 + the argument of an int[2] of new descriptors; 0: none */
	/*
	 * 1 + the argument of a received msghdr (recvmsg), | HY_SOCK_MSG_VEC for
	 * an mmsghdr array (recvmmsg): its SCM_RIGHTS descriptors; 0: none
	 */
	__u8 msg_arg;
};
#define HY_SOCK_MSG_VEC 0x80
#define HY_SOCK_MSG_FDS 8  /* SCM_RIGHTS descriptors read per message (its first cmsg) */
#define HY_SOCK_MSG_VLEN 4 /* recvmmsg: messages whose descriptors are read */

/*
 * HY_KEV_SIGNAL: the first bytes of its siginfo (the kernel's, as the user's
 * begins); hdr.aux the signal, | HY_KSIG_IN_CALL for one the target thread
 * sent itself inside a call (kill(getpid(), ...), SIGPIPE at a write) that
 * the kernel drops as ignored: a tracer sees it after that call returns.
 */
#define HY_KSIG_IN_CALL 0x100
/*
 * | HY_KSIG_STOPS: a stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) delivered
 * to its default action: the process stops (strace's "--- stopped by SIG ---"),
 * except the last three in an orphaned process group, which the kernel drops.
 */
#define HY_KSIG_STOPS 0x200
#define HY_KEV_SIGINFO_BYTES 48
struct hy_kev_signal {
	struct hy_kev_hdr hdr;
	__u8 info[HY_KEV_SIGINFO_BYTES];
};

#endif
