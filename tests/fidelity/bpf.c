// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: bpf() commands with attributes that make each call fail
 * (no map or program is ever made), perf_event_open with a failing pid or
 * cpu, and landlock's three calls (the ruleset's version; bad descriptors).
 * runs: -s 7
 */
#include "fid.h"

#include <linux/bpf.h>
#include <linux/landlock.h>
#include <linux/perf_event.h>

int main(void)
{
	union bpf_attr *a = at_edge(NULL, sizeof(*a));
	union bpf_attr *small = at_edge(NULL, 16);
	struct perf_event_attr *pe = at_edge(NULL, sizeof(*pe));
	struct landlock_ruleset_attr *lr = at_edge(NULL, sizeof(*lr));
	struct landlock_path_beneath_attr *pb = at_edge(NULL, sizeof(*pb));
	char *lic = str_edge("GPL");

	a->map_type = BPF_MAP_TYPE_ARRAY;
	a->key_size = 4;
	a->value_size = 0;
	a->max_entries = 1;
	S(SYS_bpf, BPF_MAP_CREATE, a, sizeof(*a));
	S(SYS_bpf, BPF_MAP_CREATE, a, 20);
	S(SYS_bpf, G(BPF_MAP_CREATE), BAD, G(48));
	S(SYS_bpf, BPF_MAP_CREATE, small, 48);
	memset(a, 0, sizeof(*a));
	a->map_fd = -1;
	a->key = (uintptr_t)BAD;
	a->value = 0x1000;
	a->flags = BPF_NOEXIST;
	S(SYS_bpf, BPF_MAP_LOOKUP_ELEM, a, 32);
	S(SYS_bpf, BPF_MAP_UPDATE_ELEM, a, 32);
	S(SYS_bpf, BPF_MAP_DELETE_ELEM, a, 32);
	S(SYS_bpf, BPF_MAP_GET_NEXT_KEY, a, 32);
	memset(a, 0, sizeof(*a));
	a->prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a->insn_cnt = 0;
	a->insns = (uintptr_t)BAD;
	a->license = (uintptr_t)lic;
	a->log_level = 1;
	a->log_size = 64;
	a->log_buf = 0;
	S(SYS_bpf, BPF_PROG_LOAD, a, sizeof(*a));
	S(SYS_bpf, BPF_PROG_LOAD, a, 48);
	memset(a, 0, sizeof(*a));
	a->pathname = (uintptr_t) "/sys/fs/bpf/fid-none";
	a->bpf_fd = -1;
	S(SYS_bpf, BPF_OBJ_PIN, a, 16);
	S(SYS_bpf, BPF_OBJ_GET, a, 16);
	memset(a, 0, sizeof(*a));
	a->info.bpf_fd = -1;
	a->info.info_len = 80;
	a->info.info = (uintptr_t)BAD;
	S(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, a, 16);
	memset(a, 0, sizeof(*a));
	a->prog_id = 0xfffffff0;
	S(SYS_bpf, BPF_PROG_GET_FD_BY_ID, a, 12);
	a->map_id = 0xfffffff0;
	S(SYS_bpf, BPF_MAP_GET_FD_BY_ID, a, 12);
	S(SYS_bpf, 0x999, a, 8);
	S(SYS_bpf, BPF_PROG_TEST_RUN, NULL, 0);

	pe->type = PERF_TYPE_SOFTWARE;
	pe->size = sizeof(*pe);
	pe->config = PERF_COUNT_SW_CPU_CLOCK;
	pe->sample_period = 1000;
	pe->sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID;
	pe->disabled = 1;
	pe->exclude_kernel = 1;
	S(SYS_perf_event_open, pe, -1, -1, -1, PERF_FLAG_FD_CLOEXEC);
	S(SYS_perf_event_open, pe, G(-1), G(-1), G(-1), G(0x80));
	pe->size = 1;
	S(SYS_perf_event_open, pe, 0, -1, -1, 0);
	S(SYS_perf_event_open, BAD, 0, -1, -1, 0);
	pe->size = 0;
	pe->type = 0x77;
	S(SYS_perf_event_open, pe, 999999, 0, -1, 0);

	S(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	lr->handled_access_fs = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE |
				(1ull << 40);
	S(SYS_landlock_create_ruleset, lr, sizeof(*lr), 0);
	S(SYS_landlock_create_ruleset, lr, 4, G(0));
	S(SYS_landlock_create_ruleset, BAD, 8, 0x10);
	pb->allowed_access = LANDLOCK_ACCESS_FS_READ_DIR;
	pb->parent_fd = -1;
	S(SYS_landlock_add_rule, -1, LANDLOCK_RULE_PATH_BENEATH, pb, 0);
	S(SYS_landlock_add_rule, G(-1), 7, BAD, G(1));
	S(SYS_landlock_restrict_self, -1, 0);
	S(SYS_landlock_restrict_self, G(-1), G(1));
	return 0;
}
