/* SPDX-License-Identifier: MIT */
/*
 * Signals seen by the kernel recorder (HY_KEV_SIGNAL), for the runs whose
 * tasks no tracer seizes (the guest backend, -p without ptrace): the tools'
 * on_signal runs at the record, so the log's "--- SIGxxx {...} ---" lines are
 * the ones a tracer's signal-delivery stops give.
 */
#ifndef HY_KERNEL_SIGNALS_H
#define HY_KERNEL_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

struct hy_session;

/** Whether @rec is a signal record; if so, the tools have been told of it. */
bool hy_kernel_signal(struct hy_session *s, const void *rec, size_t len);

#endif
