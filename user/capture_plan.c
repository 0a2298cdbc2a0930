// SPDX-License-Identifier: MIT
#include <string.h>

#include "capture_plan.h"
#include "decode_struct.h"

static unsigned int cap(unsigned int n)
{
	return n > HY_CAP_MAX ? HY_CAP_MAX : n;
}

void hy_capture_plan(const struct hy_sysent *ent, unsigned int strsize, struct hy_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	if (!ent)
		return;
	for (int i = 0; i < ent->nargs && i < 6; i++) {
		const struct hy_argspec *a = &ent->args[i];
		struct hy_cap_arg *c = &plan->arg[i];
		size_t size;

		switch (a->kind) {
		case HY_A_PATH:
			c->kind = HY_CAP_STR;
			c->aux = cap(HY_PATH_MAX);
			break;
		case HY_A_STR:
			/* one byte more than shown tells whether the string goes on */
			c->kind = HY_CAP_STR;
			c->aux = cap(strsize + 1);
			break;
		case HY_A_BUF_IN:
			c->kind = HY_CAP_BUF_ARG;
			c->aux = (uint16_t)(a->aux | cap(strsize) << 3);
			break;
		case HY_A_BUF_OUT:
			c->kind = HY_CAP_BUF_RET | HY_CAP_AT_EXIT;
			c->aux = cap(strsize);
			break;
		case HY_A_ARGV:
			c->kind = HY_CAP_ARGV;
			c->aux = cap(strsize + 1);
			break;
		case HY_A_STRUCT_IN:
		case HY_A_STRUCT_OUT:
			if (a->aux == HY_S_SOCKADDR) {
				/* the length is the next argument, or what it points to */
				c->kind = a->kind == HY_A_STRUCT_IN ? HY_CAP_FIXED
								    : HY_CAP_FIXED | HY_CAP_AT_EXIT;
				c->aux = 128;
				break;
			}
			size = hy_struct_size(a->aux);
			if (!size)
				break;
			c->kind = HY_CAP_FIXED | (a->kind == HY_A_STRUCT_OUT ? HY_CAP_AT_EXIT : 0);
			c->aux = cap(size);
			break;
		default:
			break;
		}
		if (c->kind & HY_CAP_AT_EXIT)
			plan->at_exit = 1;
		else if (c->kind)
			plan->at_enter = 1;
	}
}

bool hy_plan_any(const struct hy_plan *plan, enum hy_phase phase)
{
	for (int i = 0; i < 6; i++) {
		uint8_t k = plan->arg[i].kind;

		if ((k & ~HY_CAP_AT_EXIT) && !!(k & HY_CAP_AT_EXIT) == (phase == HY_PHASE_EXIT))
			return true;
	}
	return false;
}
