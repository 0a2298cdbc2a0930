// SPDX-License-Identifier: MIT
/* landlock's attribute structs: a ruleset's handled accesses, a rule's path. */
#include <inttypes.h>
#include <linux/landlock.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_landlock.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "syscall_table.h"

/* strace 6.1 knows the first field only: a size below it prints the address */
void hy_pr_landlock_ruleset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			       uint64_t addr, uint64_t size)
{
	uint64_t fs;

	if (size < sizeof(fs) || !hy_read(r, phase, addr, &fs, sizeof(fs))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{handled_access_fs=");
	hy_pr_flags(p, HY_X_LANDLOCK_ACCESS_FS, fs, NULL);
	if (size > sizeof(fs))
		hy_pr_puts(p, ", ...");
	hy_pr_putc(p, '}');
}

void hy_pr_landlock_rule_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			    uint64_t addr, uint32_t type)
{
	struct landlock_path_beneath_attr pb;

	if (type != LANDLOCK_RULE_PATH_BENEATH || !hy_read(r, phase, addr, &pb, sizeof(pb))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{allowed_access=");
	hy_pr_flags(p, HY_X_LANDLOCK_ACCESS_FS, pb.allowed_access, NULL);
	hy_pr_printf(p, ", parent_fd=%d}", pb.parent_fd);
}
