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

struct hy_record;
struct hy_session;

/**
 * Whether @rec is a signal record; if so, the tools have been told of it, or
 * will be after the call it was sent in (one the thread sent itself there
 * and the kernel dropped as ignored: hy_kernel_signals_after()).
 */
bool hy_kernel_signal(struct hy_session *s, const void *rec, size_t len);
/** After the event @r: the signals its thread sent itself during that call, told. */
void hy_kernel_signals_after(struct hy_session *s, const struct hy_record *r);
/** The run's end: the signals still waiting dropped. */
void hy_kernel_signals_free(struct hy_session *s);

#endif
