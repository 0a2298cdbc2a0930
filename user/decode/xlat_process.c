// SPDX-License-Identifier: MIT
/*
 * Named constants for processes: clone, wait, rlimits, prctl, capabilities,
 * ptrace, seccomp, scheduling, kcmp, personality, I/O priorities, membarrier.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <sched.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/kcmp.h>
#include <linux/membarrier.h>
#include <linux/seccomp.h>

#include "decode/xlat_def.h"

/* clang-format off */
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
};
END(clone_flags, "CLONE_???");

/* clone3's: the flags only clone3 takes too (strace 6.1 names them there only) */
static const struct hy_xlat_ent clone3_flags_ent[] = {
	X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND), X(CLONE_PIDFD), X(CLONE_PTRACE),
	X(CLONE_VFORK), X(CLONE_PARENT), X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM),
	X(CLONE_SETTLS), X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID), X(CLONE_UNTRACED),
	X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS), X(CLONE_NEWIPC),
	X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET), X(CLONE_IO), X(CLONE_NEWTIME),
	{ 0x100000000ULL, "CLONE_CLEAR_SIGHAND" }, { 0x200000000ULL, "CLONE_INTO_CGROUP" },
};
END(clone3_flags, "CLONE_???");

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

static const struct hy_xlat_ent pr_sys_dispatch_ent[] = {
	X(PR_SYS_DISPATCH_OFF), X(PR_SYS_DISPATCH_ON),
};
END(pr_sys_dispatch, "PR_SYS_DISPATCH_???");

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

/* unshare's own order, CLONE_NEWTIME first */
static const struct hy_xlat_ent unshare_flags_ent[] = {
	X(CLONE_NEWTIME), X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND),
	X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS),
	X(CLONE_NEWIPC), X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET),
};
END(unshare_flags, "CLONE_???");

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

/* The kernel's SYSLOG_ACTION_* and LOGLEVEL_* (no uapi header names them). */
static const struct hy_xlat_ent syslog_action_ent[] = {
	{ 0, "SYSLOG_ACTION_CLOSE" }, { 1, "SYSLOG_ACTION_OPEN" }, { 2, "SYSLOG_ACTION_READ" },
	{ 3, "SYSLOG_ACTION_READ_ALL" }, { 4, "SYSLOG_ACTION_READ_CLEAR" },
	{ 5, "SYSLOG_ACTION_CLEAR" }, { 6, "SYSLOG_ACTION_CONSOLE_OFF" },
	{ 7, "SYSLOG_ACTION_CONSOLE_ON" }, { 8, "SYSLOG_ACTION_CONSOLE_LEVEL" },
	{ 9, "SYSLOG_ACTION_SIZE_UNREAD" }, { 10, "SYSLOG_ACTION_SIZE_BUFFER" },
};
END(syslog_action, "SYSLOG_ACTION_???");

static const struct hy_xlat_ent loglevel_ent[] = {
	{ 0, "LOGLEVEL_EMERG" }, { 1, "LOGLEVEL_ALERT" }, { 2, "LOGLEVEL_CRIT" },
	{ 3, "LOGLEVEL_ERR" }, { 4, "LOGLEVEL_WARNING" }, { 5, "LOGLEVEL_NOTICE" },
	{ 6, "LOGLEVEL_INFO" }, { 7, "LOGLEVEL_DEBUG" },
};
END(loglevel, "LOGLEVEL_???");

const struct hy_xlat *const hy_xlat_process[HY_X_XLAT_COUNT] = {
	[HY_X_CLONE_FLAGS] = &x_clone_flags,
	[HY_X_CLONE3_FLAGS] = &x_clone3_flags,
	[HY_X_WAIT_OPTIONS] = &x_wait_options,
	[HY_X_IDTYPE] = &x_idtype,
	[HY_X_PRIO_WHICH] = &x_prio_which,
	[HY_X_RUSAGE_WHO] = &x_rusage_who,
	[HY_X_RLIMIT] = &x_rlimit,
	[HY_X_PRCTL_OPTION] = &x_prctl_option,
	[HY_X_DUMPABLE] = &x_dumpable,
	[HY_X_PR_SET_VMA] = &x_pr_set_vma,
	[HY_X_PR_MCE_KILL] = &x_pr_mce_kill,
	[HY_X_PR_SYS_DISPATCH] = &x_pr_sys_dispatch,
	[HY_X_PR_CAP_AMBIENT] = &x_pr_cap_ambient,
	[HY_X_CAP] = &x_cap,
	[HY_X_ARCH_PRCTL] = &x_arch_prctl,
	[HY_X_PTRACE_REQ] = &x_ptrace_req,
	[HY_X_SECCOMP_OP] = &x_seccomp_op,
	[HY_X_SCHED_POLICY] = &x_sched_policy,
	[HY_X_KCMP_TYPE] = &x_kcmp_type,
	[HY_X_UNSHARE_FLAGS] = &x_unshare_flags,
	[HY_X_PERSONA] = &x_persona,
	[HY_X_PERSONA_FLAGS] = &x_persona_flags,
	[HY_X_IOPRIO_WHO] = &x_ioprio_who,
	[HY_X_IOPRIO_CLASS] = &x_ioprio_class,
	[HY_X_CAP_VERSION] = &x_cap_version,
	[HY_X_MEMBARRIER_CMD] = &x_membarrier_cmd,
	[HY_X_MEMBARRIER_FLAGS] = &x_membarrier_flags,
	[HY_X_SCHED_FLAGS] = &x_sched_flags,
	[HY_X_SYSLOG_ACTION] = &x_syslog_action,
	[HY_X_LOGLEVEL] = &x_loglevel,
};
/* clang-format on */
