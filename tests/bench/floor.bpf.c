// SPDX-License-Identifier: GPL-2.0
/*
 * The floor hytrace's kernel recorder is measured against: a sys_enter/sys_exit
 * pair that only filters the guest's tgid and reserves and submits a fixed-size
 * record, waking the reader only when a large batch waits.
 */
#include "../../bpf/vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* the guest tree is a cgroup (v2) of its own: one compare, no map lookup */
const volatile __u64 target_cgroup = 0;
const volatile __u64 wakeup_bytes = 1 << 20;
__u64 lost = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 << 20);
} events SEC(".maps");

struct rec {
	__u64 ts;
	__u64 id;
	__u64 args[6];
};

static __always_inline int record(long id)
{
	struct rec *r;

	if (bpf_get_current_cgroup_id() != target_cgroup)
		return 0;
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		__sync_fetch_and_add(&lost, 1);
		return 0;
	}
	r->ts = bpf_ktime_get_ns();
	r->id = id;
	bpf_ringbuf_submit(r, bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wakeup_bytes ?
				      BPF_RB_FORCE_WAKEUP :
				      BPF_RB_NO_WAKEUP);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_enter, struct pt_regs *regs, long id)
{
	return record(id);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_exit, struct pt_regs *regs, long ret)
{
	return record(ret);
}
