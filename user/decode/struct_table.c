// SPDX-License-Identifier: MIT
/*
 * One row per struct kind: its printer. A printer that needs more than the
 * address (a length or count in another argument, the call's result) gets the
 * argument index; adding a kind is one enum value, one size in the syscall
 * table and one row here.
 */
#include <inttypes.h>

#include "decode/args.h"
#include "decode/decode_aio.h"
#include "decode/decode_landlock.h"
#include "decode/decode_perf.h"
#include "decode/decode_cred.h"
#include "decode/decode_file.h"
#include "decode/decode_io.h"
#include "decode/decode_ipc.h"
#include "decode/decode_mount.h"
#include "decode/decode_net.h"
#include "decode/decode_poll.h"
#include "decode/decode_resource.h"
#include "decode/decode_sched.h"
#include "decode/decode_signal.h"
#include "decode/decode_stat.h"
#include "decode/decode_time.h"
#include "decode/decode_wait.h"
#include "decode/printer.h"
#include "decode/struct_table.h"
#include "decode/values.h"

typedef void at_fn(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
typedef void at_arg_fn(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, int arg);

/* What an output array holds at exit: the call's result; at entry, unknown. */
static int64_t result_count(const struct hy_record *r, enum hy_phase phase)
{
	return phase == HY_PHASE_EXIT ? r->ret : -1;
}

/* The value of argument @i, or what it points to when the table says it is an int pointer. */
static int64_t len_arg(const struct hy_record *r, enum hy_phase phase, int i)
{
	const struct hy_argspec *a;
	int32_t v;

	if (!r->ent || i >= r->ent->nargs)
		return -1;
	a = &r->ent->args[i];
	if ((a->kind == HY_A_STRUCT_IN || a->kind == HY_A_STRUCT_OUT) && a->aux == HY_S_INT) {
		if (hy_read(r, phase, r->args[i], &v, sizeof(v)) ||
		    hy_read(r, HY_PHASE_ENTER, r->args[i], &v, sizeof(v)))
			return v;
		return -1;
	}
	return hy_sarg(r, i);
}

/* The sigsetsize argument of a call: the first plain number after the set. */
static uint64_t sigset_size(const struct hy_record *r, int arg)
{
	for (int i = arg + 1; r->ent && i < r->ent->nargs; i++)
		if (r->ent->args[i].kind == HY_A_UINT || r->ent->args[i].kind == HY_A_INT)
			return hy_uarg(r, i);
	return 8;
}

static void sockaddr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr, int arg)
{
	hy_pr_sockaddr_at(p, r, phase, addr, len_arg(r, phase, arg + 1));
}

static void iovec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int arg)
{
	hy_pr_iovec_at(p, r, phase, addr, hy_uarg(r, arg + 1), result_count(r, phase));
}

/* another process's buffers (process_vm_readv's remote ones): their addresses */
static void iovec_addrs_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr, int arg)
{
	hy_pr_iovec_at(p, r, phase, addr, hy_uarg(r, arg + 1), HY_IOV_ADDRS);
}

static void msghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int arg)
{
	(void)arg;
	hy_pr_msghdr_at(p, r, phase, addr, result_count(r, phase));
}

/* recvmmsg's received entries; sendmmsg's given ones, the sent ones with their msg_len */
static void mmsghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, int arg)
{
	uint64_t done = r->ret > 0 && !(r->flags & HY_EV_UNFINISHED) ? (uint64_t)r->ret : 0;
	uint64_t vlen = (uint32_t)hy_uarg(r, arg + 1);

	if (r->ent && r->ent->args[arg].aux == HY_S_MMSGHDR_IN)
		hy_pr_mmsghdr_at(p, r, phase, addr, vlen, done, false);
	else
		hy_pr_mmsghdr_at(p, r, phase, addr, done, done, true);
}

static void sigset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr, int arg)
{
	hy_pr_sigset_at(p, r, phase, addr, sigset_size(r, arg));
}

static void pollfds_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, int arg)
{
	(void)phase;
	hy_pr_pollfds_at(p, r, addr, hy_uarg(r, arg + 1));
}

static void epoll_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr, int arg)
{
	(void)arg;
	hy_pr_epoll_events_at(p, r, phase, addr, result_count(r, phase));
}

static void fdset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int arg)
{
	(void)arg;
	hy_pr_fdset_at(p, r, phase, addr, (int)r->args[0]);
}

/* getgroups' list holds the result's count; setgroups' the size argument */
static void gids_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, int arg)
{
	hy_pr_gids_at(p, r, phase, addr, phase == HY_PHASE_EXIT ? r->ret : hy_sarg(r, arg - 1));
}

/* struct mount_attr: its size in the next argument */
static void mount_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr, int arg)
{
	hy_pr_mount_attr_at(p, r, phase, addr, hy_uarg(r, arg + 1));
}

static void open_how_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr, int arg)
{
	(void)phase;
	hy_pr_open_how_at(p, r, addr, hy_uarg(r, arg + 1));
}

/*
 * A value the kernel reads and updates: "[in]" at entry, "[in] => [out]" once
 * the call wrote it (strace's sendfile offset).
 */
static void inout_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int arg)
{
	bool wide = r->ent && r->ent->args[arg].aux == HY_S_LONG_INOUT;
	void (*at)(struct hy_printer *, const struct hy_record *, enum hy_phase, uint64_t) =
		wide ? hy_pr_s64_at : hy_pr_int_at;

	(void)phase;
	at(p, r, HY_PHASE_ENTER, addr);
	if (hy_exit_ok(r) &&
	    hy_rec_read(r, HY_PHASE_EXIT, addr, &(uint64_t){ 0 }, wide ? 8 : 4) == (wide ? 8 : 4)) {
		hy_pr_puts(p, " => ");
		at(p, r, HY_PHASE_EXIT, addr);
	}
}

/* io_getevents' events: as many as it returned; io_cancel's one */
static void io_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, int arg)
{
	(void)arg;
	hy_pr_io_events_at(p, r, phase, addr, result_count(r, phase));
}

/* io_submit's iocbs: as many as the argument before says */
static void iocbs_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int arg)
{
	(void)phase;
	hy_pr_iocbs_at(p, r, addr, arg > 0 ? hy_sarg(r, arg - 1) : -1);
}

static void landlock_ruleset_at(struct hy_printer *p, const struct hy_record *r,
				enum hy_phase phase, uint64_t addr, int arg)
{
	hy_pr_landlock_ruleset_at(p, r, phase, addr, hy_uarg(r, arg + 1));
}

/* its layout is the rule type's, the argument before */
static void landlock_rule_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			     uint64_t addr, int arg)
{
	hy_pr_landlock_rule_at(p, r, phase, addr, arg > 0 ? (uint32_t)r->args[arg - 1] : 0);
}

/* Kinds without a row (robust_list, rseq, ...) print as addresses, as strace shows them. */
static const struct {
	at_fn *at;
	at_arg_fn *at_arg;
} printers[HY_S_STRUCT_COUNT] = {
	[HY_S_STAT] = { .at = hy_pr_stat_at },
	[HY_S_STATX] = { .at = hy_pr_statx_at },
	[HY_S_STATFS] = { .at = hy_pr_statfs_at },
	[HY_S_TIMESPEC] = { .at = hy_pr_timespec_at },
	[HY_S_TIMEVAL] = { .at = hy_pr_timeval_at },
	[HY_S_TIMESPEC_INOUT] = { .at = hy_pr_timespec_at },
	[HY_S_TIMEVAL_INOUT] = { .at = hy_pr_timeval_at },
	[HY_S_ITIMERSPEC] = { .at = hy_pr_itimerspec_at },
	[HY_S_ITIMERVAL] = { .at = hy_pr_itimerval_at },
	[HY_S_TIMEZONE] = { .at = hy_pr_timezone_at },
	[HY_S_TMS] = { .at = hy_pr_tms_at },
	[HY_S_SOCKADDR] = { .at_arg = sockaddr_at },
	[HY_S_IOVEC] = { .at_arg = iovec_at },
	[HY_S_MSGHDR] = { .at_arg = msghdr_at },
	[HY_S_MMSGHDR] = { .at_arg = mmsghdr_at },
	[HY_S_MMSGHDR_IN] = { .at_arg = mmsghdr_at },
	[HY_S_SIGSET] = { .at_arg = sigset_at },
	[HY_S_SIGACTION] = { .at = hy_pr_sigaction_at },
	[HY_S_SIGINFO] = { .at = hy_pr_siginfo_at },
	[HY_S_STACK] = { .at = hy_pr_stack_at },
	[HY_S_RLIMIT] = { .at = hy_pr_rlimit_at },
	[HY_S_RUSAGE] = { .at = hy_pr_rusage_at },
	[HY_S_UTSNAME] = { .at = hy_pr_utsname_at },
	[HY_S_SYSINFO] = { .at = hy_pr_sysinfo_at },
	[HY_S_SCHED_PARAM] = { .at = hy_pr_sched_param_at },
	[HY_S_POLLFD] = { .at_arg = pollfds_at },
	[HY_S_EPOLL_EVENT] = { .at_arg = epoll_events_at },
	[HY_S_FDSET] = { .at_arg = fdset_at },
	[HY_S_INT] = { .at = hy_pr_int_at },
	[HY_S_LONG] = { .at = hy_pr_s64_at },
	[HY_S_FD_PAIR] = { .at = hy_pr_fd_pair_at },
	[HY_S_OPEN_HOW] = { .at_arg = open_how_at },
	[HY_S_LONG_INOUT] = { .at_arg = inout_at },
	[HY_S_INT_INOUT] = { .at_arg = inout_at },
	[HY_S_TIME_T] = { .at = hy_pr_time_t_at },
	[HY_S_UTIMBUF] = { .at = hy_pr_utimbuf_at },
	[HY_S_TIMEVAL2] = { .at = hy_pr_timeval_pair_at },
	[HY_S_TIMESPEC2] = { .at = hy_pr_timespec_pair_at },
	[HY_S_MQ_ATTR] = { .at = hy_pr_mq_attr_at },
	[HY_S_SIGEVENT] = { .at = hy_pr_sigevent_at },
	[HY_S_GIDS] = { .at_arg = gids_at },
	[HY_S_SCHED_ATTR] = { .at = hy_pr_sched_attr_at },
	[HY_S_MOUNT_ATTR] = { .at_arg = mount_attr_at },
	[HY_S_AIO_CTX] = { .at = hy_pr_aio_ctx_at },
	[HY_S_IO_EVENTS] = { .at_arg = io_events_at },
	[HY_S_IOCB] = { .at = hy_pr_iocb_at },
	[HY_S_SIGMASK_ARG] = { .at = hy_pr_sigmask_arg_at },
	[HY_S_URING_PARAMS] = { .at = hy_pr_uring_params_at },
	[HY_S_IOCBS] = { .at_arg = iocbs_at },
	[HY_S_PERF_ATTR] = { .at = hy_pr_perf_attr_at },
	[HY_S_LANDLOCK_RULESET] = { .at_arg = landlock_ruleset_at },
	[HY_S_LANDLOCK_RULE] = { .at_arg = landlock_rule_at },
	[HY_S_ADDR] = { .at = hy_pr_addr_at },
	[HY_S_IOVEC_ADDRS] = { .at_arg = iovec_addrs_at },
};

void hy_pr_struct(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  enum hy_struct_id id, uint64_t addr, int arg)
{
	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if ((unsigned int)id >= HY_S_STRUCT_COUNT || (!printers[id].at && !printers[id].at_arg))
		hy_pr_ptr(p, addr);
	else if (printers[id].at)
		printers[id].at(p, r, phase, addr);
	else
		printers[id].at_arg(p, r, phase, addr, arg);
}
