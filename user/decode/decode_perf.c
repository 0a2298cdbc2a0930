// SPDX-License-Identifier: MIT
/*
 * perf_event_open's struct perf_event_attr, in strace 6.1's abbreviated form
 * (what its default, not -v, prints): the event, the sampling, the bit flags
 * that are set, precise_ip with its meaning, then "...".
 */
#include <inttypes.h>
#include <linux/perf_event.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_perf.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "syscall_table.h"

/* The one-bit flags of the word at offset 40, in order; precise_ip (2 bits) is bit 15 */
static const char *const attr_bits[] = {
	"disabled",
	"inherit",
	"pinned",
	"exclusive",
	"exclude_user",
	"exclude_kernel",
	"exclude_hv",
	"exclude_idle",
	"mmap",
	"comm",
	"freq",
	"inherit_stat",
	"enable_on_exec",
	"task",
	"watermark",
	NULL,
	NULL,
	"mmap_data",
	"sample_id_all",
	"exclude_host",
	"exclude_guest",
	"exclude_callchain_kernel",
	"exclude_callchain_user",
	"mmap2",
	"comm_exec",
	"use_clockid",
	"context_switch",
	"write_backward",
	"namespaces",
	"ksymbol",
	"bpf_event",
	"aux_output",
	"cgroup",
	"text_poke",
	"build_id",
};

static const char *const precise_ip_desc[] = {
	"arbitrary skid",
	"constant skid",
	"requested to have 0 skid",
	"must have 0 skid",
};

#define FLAGS_OFF 40

void hy_pr_perf_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr)
{
	struct perf_event_attr a;
	uint32_t size;
	uint64_t bits;

	(void)phase;
	memset(&a, 0, sizeof(a));
	/* strace reads the size the struct says (0: the first version's), and no less */
	if (!hy_read(r, HY_PHASE_ENTER, addr + 4, &size, sizeof(size))) {
		hy_pr_ptr(p, addr);
		return;
	}
	if (!size)
		size = PERF_ATTR_SIZE_VER0;
	if (size < PERF_ATTR_SIZE_VER0 ||
	    !hy_read(r, HY_PHASE_ENTER, addr, &a, size < sizeof(a) ? size : sizeof(a))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{type=");
	hy_pr_enum(p, HY_X_PERF_TYPE, a.type);
	hy_pr_puts(p, ", size=");
	hy_pr_enum(p, HY_X_PERF_ATTR_SIZE, a.size);
	hy_pr_puts(p, ", config=");
	if (a.type == PERF_TYPE_HARDWARE)
		hy_pr_enum(p, HY_X_PERF_HW_ID, a.config);
	else if (a.type == PERF_TYPE_SOFTWARE)
		hy_pr_enum(p, HY_X_PERF_SW_ID, a.config);
	else if (a.type == PERF_TYPE_TRACEPOINT)
		hy_pr_printf(p, "%" PRIu64, (uint64_t)a.config);
	else
		hy_pr_printf(p, "%#" PRIx64, (uint64_t)a.config);
	hy_pr_printf(p, ", %s=%" PRIu64 ", sample_type=", a.freq ? "sample_freq" : "sample_period",
		     (uint64_t)a.sample_period);
	hy_pr_flags(p, HY_X_PERF_SAMPLE, a.sample_type, NULL);
	hy_pr_puts(p, ", read_format=");
	hy_pr_flags(p, HY_X_PERF_READ_FORMAT, a.read_format, NULL);
	memcpy(&bits, (const char *)&a + FLAGS_OFF, sizeof(bits));
	for (unsigned int i = 0; i < sizeof(attr_bits) / sizeof(attr_bits[0]); i++) {
		if (i == 15)
			hy_pr_printf(p, ", precise_ip=%u /* %s */", a.precise_ip,
				     precise_ip_desc[a.precise_ip]);
		else if (attr_bits[i] && (bits >> i & 1))
			hy_pr_printf(p, ", %s=1", attr_bits[i]);
	}
	hy_pr_puts(p, ", ...}");
}
