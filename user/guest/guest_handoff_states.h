/* SPDX-License-Identifier: MIT */
/*
 * The tools' process and thread state of a task crossing a hand-off (the
 * loader held by ptrace in hytrace, the image's calls then held in the guest):
 * copied into the region's hand-off areas by the side that lets go, and out of
 * them by the side that takes over. Inline: hytrace and the guest runtime are
 * built from different sources and both need it.
 */
#ifndef HY_GUEST_HANDOFF_STATES_H
#define HY_GUEST_HANDOFF_STATES_H

#include <stdbool.h>
#include <string.h>

#include "guest/guest_shm.h"
#include "session.h"
#include "tasks.h"

/**
 * @t's tool states into the hand-off areas of @h's slot @slot (@to_region),
 * or out of them into @t. Only a tool that holds calls: one that holds none keeps hytrace's state
 * (the guest runs none of it), which an area another hand-off left must not
 * overwrite.
 */
static inline void hy_guest_handoff_states(struct hy_guest_hdr *h, int slot,
					   const struct hy_session *s, struct hy_task *t,
					   bool to_region)
{
	for (int i = 0; i < s->ntools; i++) {
		const struct hy_tool *tool = s->tools[i].tool;
		char *proc = (char *)h + h->tool[i].handoff_proc_off + slot * h->handoff_stride;
		char *thread = (char *)h + h->tool[i].handoff_thread_off + slot * h->handoff_stride;

		if (!tool->on_syscall_enter && !tool->on_syscall_exit)
			continue;

		if (tool->process_size)
			memcpy(to_region ? proc : t->proc->state[i],
			       to_region ? t->proc->state[i] : proc, tool->process_size);
		if (tool->thread_size)
			memcpy(to_region ? thread : t->state[i], to_region ? t->state[i] : thread,
			       tool->thread_size);
	}
}

#endif
