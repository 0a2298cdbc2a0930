// SPDX-License-Identifier: MIT
/* epoll_pwait and epoll_pwait2 (the others print by argument kind). */
#include <stdbool.h>

#include "decode/decoders_gen.h"
#include "decode/format.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "hy_event.h"
#include "syscall_table.h"

/*
 * strace prints what the call read (epoll_pwait2's timeout, the sigmask) only
 * when it succeeded, as addresses when it failed.
 */
void hy_dec_epoll_pwait(struct hy_printer *p, const struct hy_record *r)
{
	bool failed = !(r->flags & HY_EV_UNFINISHED) && r->ret < 0;

	for (int i = 0; i < r->ent->nargs; i++) {
		if (i)
			hy_pr_sep(p);
		if (failed && r->ent->args[i].kind == HY_A_STRUCT_IN)
			hy_pr_ptr(p, r->args[i]);
		else
			hy_pr_arg(p, r, i);
	}
}
