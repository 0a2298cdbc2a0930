// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: scheduling and accounting (sched_* parameters, attributes and
 * intervals, I/O priorities, times, sysinfo) and the id queries and no-op
 * id changes.
 */
#include "fid.h"

#include <sched.h>
#include <sys/sysinfo.h>
#include <sys/times.h>

/* The kernel's struct (linux/sched/types.h clashes with <sched.h>'s sched_param). */
struct sched_attr {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
	uint32_t sched_util_min;
	uint32_t sched_util_max;
};

int main(void)
{
	struct sched_param *sp = at_edge(NULL, sizeof(*sp));
	struct timespec *ts = at_edge(NULL, sizeof(*ts));
	struct sched_attr *attr = at_edge(NULL, sizeof(*attr));
	struct tms *tms = at_edge(NULL, sizeof(*tms));
	struct sysinfo *si = at_edge(NULL, sizeof(*si));
	unsigned int *ids = at_edge(NULL, 3 * sizeof(int));
	unsigned int *groups = at_edge(NULL, 4 * sizeof(int));

	S(SYS_sched_yield);
	sp->sched_priority = 0;
	S(SYS_sched_setparam, 0, sp);
	S(SYS_sched_setparam, G(0), BAD);
	S(SYS_sched_setparam, -1, sp);
	S(SYS_sched_get_priority_max, SCHED_FIFO);
	S(SYS_sched_get_priority_max, G(SCHED_RR));
	S(SYS_sched_get_priority_min, SCHED_OTHER);
	S(SYS_sched_get_priority_min, 99);
	S(SYS_sched_rr_get_interval, 0, ts);
	S(SYS_sched_rr_get_interval, G(0), BAD);
	S(SYS_sched_getattr, 0, attr, sizeof(*attr), 0);
	S(SYS_sched_getattr, 0, BAD, sizeof(*attr), 0);
	S(SYS_sched_getattr, G(0), attr, G(sizeof(*attr)), 1);
	S(SYS_sched_getattr, 0, attr, 8, 0);
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->sched_policy = SCHED_OTHER;
	S(SYS_sched_setattr, 0, attr, 0);
	S(SYS_sched_setattr, 0, BAD, 0);
	attr->sched_policy = 77;
	attr->sched_flags = 0x8000;
	S(SYS_sched_setattr, G(0), attr, G(0));
	S(SYS_ioprio_get, 1, 0);
	S(SYS_ioprio_get, G(2), G(0));
	S(SYS_ioprio_get, 9, 0);
	S(SYS_ioprio_set, 1, 0, 2 << 13 | 4);
	S(SYS_ioprio_set, 1, 0, 7 << 13 | 1);
	S(SYS_times, tms);
	S(SYS_times, BAD);
	S(SYS_sysinfo, si);
	S(SYS_sysinfo, BAD);
	S(SYS_getresuid, ids, ids + 1, ids + 2);
	S(SYS_getresuid, BAD, ids, ids);
	S(SYS_getresgid, ids, ids + 1, ids + 2);
	S(SYS_getgroups, 0, NULL);
	S(SYS_getgroups, G(4), groups);
	S(SYS_getgroups, -1, groups);
	S(SYS_getgroups, 1, BAD);
	S(SYS_setgroups, 2, BAD);
	S(SYS_getgroups, 0, BAD);
	S(SYS_setgroups, G(-1), groups);
	S(SYS_setfsuid, -1);
	S(SYS_setfsgid, G(-1));
	S(SYS_setreuid, -1, G(-1));
	S(SYS_setregid, G(-1), -1);
	S(SYS_setresgid, -1, -1, 4294901760u);
	S(SYS_getsid, 0);
	S(SYS_getsid, G(-1));
	S(SYS_capset, BAD, BAD);
	S(SYS_getgid);
	S(SYS_geteuid);
	S(SYS_getegid);
	S(SYS_getpid);
	S(SYS_gettid);
	return 0;
}
