// SPDX-License-Identifier: MIT
#include <string.h>

#include "capture_plan.h"

static unsigned int cap(unsigned int n)
{
	return n > HY_CAP_MAX ? HY_CAP_MAX : n;
}

static void add(struct hy_cap_slot *list, int i, enum hy_cap_kind kind, unsigned int aux)
{
	for (int k = 0; k < HY_PLAN_SLOTS; k++) {
		if (!list[k].kind) {
			list[k].kind = kind;
			list[k].arg = i;
			list[k].aux = aux;
			return;
		}
	}
	/* more than HY_PLAN_SLOTS arguments with memory: the rest print as addresses */
}

void hy_capture_plan(const struct hy_sysent *ent, unsigned int strsize, struct hy_plan *plan)
{
	int argvs = 0;

	memset(plan, 0, sizeof(*plan));
	if (!ent)
		return;
	for (int i = 0; i < ent->nargs && i < 6; i++) {
		const struct hy_argspec *a = &ent->args[i];
		size_t size;

		switch (a->kind) {
		case HY_A_PATH:
			add(plan->enter, i, HY_CAP_STR, cap(HY_PATH_MAX));
			break;
		case HY_A_STR:
			/*
			 * Two bytes more than shown: a string that fills the buffer may
			 * have ended there or gone on; one that does not, did not.
			 */
			add(plan->enter, i, HY_CAP_STR, cap(strsize + 2));
			break;
		case HY_A_ARGV:
			/* execve's argv is printed; its envp only counted */
			if (argvs++ == 0)
				add(plan->enter, i, HY_CAP_ARGV, cap(strsize + 2));
			else
				add(plan->enter, i, HY_CAP_PTRS, HY_CAP_MAX);
			break;
		case HY_A_BUF_IN:
			add(plan->enter, i, HY_CAP_BUF_ARG, a->aux | cap(strsize) << 3);
			break;
		case HY_A_BUF_OUT:
			add(plan->exit, i, HY_CAP_BUF_RET, cap(strsize));
			break;
		case HY_A_STRUCT_IN:
		case HY_A_STRUCT_OUT:
			if (a->aux == HY_S_IOVEC && i + 1 < ent->nargs) {
				/*
				 * the array and its buffers: input at entry, output at exit;
				 * the BPF side captures an iovec only as a call's first slot
				 */
				add(a->kind == HY_A_STRUCT_IN ? plan->enter : plan->exit, i,
				    HY_CAP_IOVEC, (i + 1) | cap(strsize) << 3);
				break;
			}
			if (a->aux == HY_S_DIRENTS64) {
				add(plan->exit, i, HY_CAP_DIRENTS, 0);
				break;
			}
			if (a->aux == HY_S_MSGHDR) {
				add(a->kind == HY_A_STRUCT_IN ? plan->enter : plan->exit, i,
				    HY_CAP_MSGHDR, cap(strsize) << 3);
				break;
			}
			if (a->aux == HY_S_POLLFD && a->kind == HY_A_STRUCT_IN) {
				/* fd and events go in, revents come back: both ends */
				add(plan->enter, i, HY_CAP_FIXED, cap(hy_struct_size(a->aux)));
				add(plan->exit, i, HY_CAP_FIXED, cap(hy_struct_size(a->aux)));
				break;
			}
			/* a sockaddr's length is in the next argument: take the largest */
			size = a->aux == HY_S_SOCKADDR ? 128 : hy_struct_size(a->aux);
			if (size)
				add(a->kind == HY_A_STRUCT_IN ? plan->enter : plan->exit, i,
				    HY_CAP_FIXED, cap(size));
			break;
		default:
			break;
		}
	}
}

bool hy_plan_any(const struct hy_plan *plan, enum hy_phase phase)
{
	return (phase == HY_PHASE_EXIT ? plan->exit : plan->enter)[0].kind != HY_CAP_NONE;
}
