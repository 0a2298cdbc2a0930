/* SPDX-License-Identifier: MIT */
/*
 * The few kernel types the BPF programs touch, hand-kept instead of a 100k-line
 * vmlinux.h dumped from the build machine's BTF: the build then needs no BTF and is
 * the same everywhere, and CO-RE (preserve_access_index) relocates every field
 * access against the running kernel's BTF at load time. Only members we read are
 * declared; their order and offsets here do not matter.
 *
 * One declaration per kernel struct, the union of what every header reads (a
 * member a kernel lacks fails only the loads of the programs that read it):
 * libbpf 1.1 walks all of the kernel's ~126k types once per local struct that
 * has relocations, and a flavour (task_struct___x) is one more walk, ~0.9 ms
 * of every start here (HACKING.md, "Start-up and end"). Structs only reached
 * inside another one (sigpending, qstr, path...) cost nothing: CO-RE matches
 * the outer struct by name and the members by theirs.
 */
#ifndef HY_VMLINUX_MIN_H
#define HY_VMLINUX_MIN_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef int pid_t;
typedef _Bool bool;
#define true 1
#define false 0

enum bpf_map_type {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_RINGBUF = 27,
};

enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
	BPF_EXIST = 2,
};

enum {
	BPF_F_NO_PREALLOC = 1,
	BPF_F_MMAPABLE = 1024,
};

enum {
	BPF_RB_NO_WAKEUP = 1,
	BPF_RB_FORCE_WAKEUP = 2,
};

enum {
	BPF_RB_AVAIL_DATA = 0,
	BPF_RB_RING_SIZE = 1,
	BPF_RB_CONS_POS = 2,
	BPF_RB_PROD_POS = 3,
};

struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long orig_ax;
	unsigned long ip;
	unsigned long sp;
} __attribute__((preserve_access_index));

struct thread_info {
	u32 status;
	unsigned long syscall_work; /* 5.11+ (generic entry) */
} __attribute__((preserve_access_index));

/* Syscall User Dispatch (5.11+): the in-guest backend's runtime arms it. */
struct syscall_user_dispatch {
	char *selector;
	unsigned long offset;
	unsigned long len;
} __attribute__((preserve_access_index));

enum syscall_work_bit {
	SYSCALL_WORK_BIT_SYSCALL_USER_DISPATCH = 5,
};

struct mm_struct {
	unsigned long arg_start;
	unsigned long arg_end;
	unsigned long env_start;
	unsigned long env_end;	   /* the file name execve got is copied right above it */
	unsigned long start_stack; /* where the main thread's stack began: argc, after exec */
} __attribute__((preserve_access_index));

/* A thread's TLS base: glibc puts its thread descriptor there. */
struct thread_struct {
	unsigned long fsbase;
} __attribute__((preserve_access_index));

typedef struct {
	unsigned long sig[1];
} sigset_t;

struct sigpending {
	sigset_t signal;
} __attribute__((preserve_access_index));

struct task_struct;

struct signal_struct {
	unsigned int flags;
	int nr_threads;
	int group_exit_code;
	struct sigpending shared_pending;
	struct task_struct *curr_target;
} __attribute__((preserve_access_index));

/* The open files (fd_file.bpf.h). */
struct super_block {
	__u32 s_dev; /* dev_t */
	unsigned long s_magic;
} __attribute__((preserve_access_index));

struct qstr {
	const unsigned char *name;
} __attribute__((preserve_access_index));

struct dentry {
	struct qstr d_name;
} __attribute__((preserve_access_index));

struct path {
	struct dentry *dentry;
} __attribute__((preserve_access_index));

struct inode {
	unsigned short i_mode;
	unsigned long i_ino;
	struct super_block *i_sb;
	void *i_private;
} __attribute__((preserve_access_index));

struct file {
	struct inode *f_inode;
	void *private_data;
	struct path f_path;
} __attribute__((preserve_access_index));

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
	unsigned long *close_on_exec;
} __attribute__((preserve_access_index));

struct files_struct {
	struct fdtable *fdt;
} __attribute__((preserve_access_index));

struct task_struct {
	struct thread_info thread_info;
	unsigned int flags;
	unsigned int ptrace;
	struct mm_struct *mm;
	int exit_code;
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct thread_struct thread;
	struct files_struct *files;
	struct signal_struct *signal;
	sigset_t blocked;
	struct sigpending pending;
	struct syscall_user_dispatch syscall_dispatch;
} __attribute__((preserve_access_index));

/*
 * Sockets (sock.bpf.h, sock_ends.bpf.h). The kernel has the addresses and
 * ports in anonymous unions: CO-RE finds them there.
 */
struct in6_addr {
	__u8 b[16]; /* CO-RE only asks that a composite field be a composite */
} __attribute__((preserve_access_index));

struct sock_common {
	__u32 skc_daddr;
	__u32 skc_rcv_saddr;
	__u16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	unsigned char skc_state;
	struct in6_addr skc_v6_daddr;
	struct in6_addr skc_v6_rcv_saddr;
} __attribute__((preserve_access_index));

struct proto {
	char name[32];
} __attribute__((preserve_access_index));

struct socket;

struct sock {
	struct sock_common __sk_common;
	__u16 sk_protocol; /* a bit field before 5.6: CO-RE refuses the read there */
	struct proto *sk_prot_creator;
	struct socket *sk_socket;
} __attribute__((preserve_access_index));

struct socket {
	struct sock *sk;
	struct file *file;
} __attribute__((preserve_access_index));

/* struct sock is its first member */
struct netlink_sock {
	__u32 portid;
	bool bound;
} __attribute__((preserve_access_index));

struct sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
} __attribute__((preserve_access_index));

struct unix_address {
	int len;
	struct sockaddr_un name[1]; /* a flexible array in the kernel */
} __attribute__((preserve_access_index));

/* struct sock is its first member */
struct unix_sock {
	struct unix_address *addr;
	struct sock *peer;
} __attribute__((preserve_access_index));

struct upid {
	int nr;
} __attribute__((preserve_access_index));

struct pid {
	struct upid numbers[1]; /* a flexible array: [0] is the initial namespace's */
} __attribute__((preserve_access_index));

struct linux_binprm {
	int envc;
} __attribute__((preserve_access_index));
struct kernel_siginfo;
struct k_sigaction;

/*
 * The records classic tracepoint programs get as their context (the event's
 * tracefs format; hytrace.bpf.c, where the kernel runs raw tracepoint
 * programs preemptibly). The first 8 bytes are the kernel's, the rest CO-RE
 * relocates by name.
 */
struct trace_entry {
	unsigned short type;
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_enter {
	struct trace_entry ent;
	long id;
	unsigned long args[6];
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_exit {
	struct trace_entry ent;
	long id;
	long ret;
} __attribute__((preserve_access_index));

struct trace_event_raw_task_newtask {
	struct trace_entry ent;
	pid_t pid;
	unsigned long clone_flags;
} __attribute__((preserve_access_index));

struct trace_event_raw_signal_deliver {
	struct trace_entry ent;
	int sig;
	int errno;
	int code;
	unsigned long sa_handler;
	unsigned long sa_flags;
} __attribute__((preserve_access_index));

struct trace_event_raw_signal_generate {
	struct trace_entry ent;
	int sig;
	int errno;
	int code;
	pid_t pid;
	int group;
	int result;
} __attribute__((preserve_access_index));

struct trace_event_raw_sched_process_exec {
	struct trace_entry ent;
	pid_t pid;
	pid_t old_pid;
} __attribute__((preserve_access_index));

#endif
