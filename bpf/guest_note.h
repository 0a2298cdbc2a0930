/* SPDX-License-Identifier: MIT */
/*
 * The in-guest runtime's notes as the recorder must know them (the runtime and
 * hytrace's side: user/guest/guest_shm.h, which says what each kind carries):
 * a call of this number, which no syscall has, and the kind of the note that
 * starts a skipped call. One header for both sides, as hy_event.h, but apart
 * from it: the guest's side has its own struct hy_guest.
 */
#ifndef HY_GUEST_NOTE_H
#define HY_GUEST_NOTE_H

#define HY_GUEST_NOTE_NR 18521
#define HY_GUEST_NOTE_SKIP1 2

#endif
