/* SPDX-License-Identifier: MIT */
/*
 * What became of a held call, for the record. With the kernel recorder, the
 * kernel records the call and the merge only needs notes (the handler let it run,
 * changed it, skipped it with a value, replaced its result); without it, the
 * held call is recorded whole here, memory included. Backends call these at
 * the matching moments; which of the two happens is decided here.
 */
#ifndef HY_CALL_NOTES_H
#define HY_CALL_NOTES_H

#include <stdbool.h>
#include <stdint.h>

#include "hytrace.h"

struct hy_record;
struct hy_session;
struct hy_task;

/**
 * The handlers decided how @t's held call goes on (@cont; @skip_ret when it is
 * skipped) and the backend applied it. Returns true when the call must also be
 * held at its exit for the record (no kernel recorder, and the call is shown).
 */
bool hy_note_entry(struct hy_session *s, struct hy_task *t, enum hy_cont cont, int64_t skip_ret);
/**
 * @t's call stopped though no tool asked (the guest's own seccomp filter) and
 * was ended with @ret before it ran, as it would be with no tracer: recorded as
 * the guest saw it, without the marks of a handler's doing.
 */
void hy_note_refused(struct hy_session *s, struct hy_task *t, int64_t ret);
/** @t's held call returned (its exit handlers ran). */
void hy_note_exit(struct hy_session *s, struct hy_task *t);
/** @t is gone while its held call was being recorded: the call never returned. */
void hy_note_gone(struct hy_session *s, struct hy_task *t);

/** A handler injects call @nr into @t: returns the record to finish, or NULL. */
struct hy_record *hy_note_inject(struct hy_session *s, struct hy_task *t, long nr,
				 const uint64_t args[6]);
/**
 * The backend makes a call in @t for hytrace itself (no tool asked): the
 * kernel's record of it is dropped, and without the kernel recorder none is
 * made.
 */
void hy_note_own(struct hy_session *s, struct hy_task *t);
/** The injected call returned @ret; @r (may be NULL) is finished and freed. */
void hy_note_injected(struct hy_session *s, struct hy_task *t, struct hy_record *r, int64_t ret);

#endif
