// SPDX-License-Identifier: MIT
/*
 * A signal's delivery (or, for one the kernel drops as ignored, its sending),
 * from the kernel's record: the tools' on_signal in hytrace. The signal is
 * already on its way: what on_signal returns changes nothing on these runs
 * (docs/writing-tools.md).
 */
#include <signal.h>
#include <string.h>

#include "hy_event.h"
#include "kernel_signals.h"
#include "runtime.h"
#include "session.h"

bool hy_kernel_signal(struct hy_session *s, const void *rec, size_t len)
{
	const struct hy_kev_signal *k = rec;
	struct hy_task *t;
	siginfo_t si;

	if (len < sizeof(k->hdr) || k->hdr.type != HY_KEV_SIGNAL)
		return false;
	if (len < sizeof(*k) || !(t = hy_rt_task_get(s, k->hdr.tid, k->hdr.tgid, 0)))
		return true;
	memset(&si, 0, sizeof(si));
	memcpy(&si, k->info, sizeof(k->info) < sizeof(si) ? sizeof(k->info) : sizeof(si));
	hy_rt_signal(s, t, (int)k->hdr.aux, &si, 0);
	return true;
}
