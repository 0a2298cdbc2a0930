/* SPDX-License-Identifier: MIT */
/*
 * libhytrace: trace and intercept the system calls of a process tree.
 *
 * A *tool* is a struct hy_tool: the syscalls it wants to stop at (its
 * subscription), the sizes of its global, per-process and per-thread state, and
 * callbacks. Subscribed syscalls stop in on_syscall_enter, where the tool may read
 * and change arguments and guest memory, inject syscalls, and choose how the call
 * continues. Every syscall of the tree, subscribed or not, is also recorded (in the
 * kernel when it can be) and handed to on_event, in time order, once.
 *
 * Nothing here exposes ptrace, registers or libbpf: the same tool can run on
 * another backend. Functions return 0 or a value on success and a negative errno
 * on failure, from this set: -EINVAL (bad argument), -ENOENT (no such syscall,
 * task or option), -ENOMEM, -EFAULT (guest memory not accessible), -ESRCH (the task
 * is gone), -EPERM (not allowed in this callback or without privilege), -ENOSYS
 * (this backend or kernel cannot do it), -ERANGE (value or buffer too large),
 * -EIO (anything else, e.g. an unexpected kernel error). The library never prints
 * and never exits on its own.
 */
#ifndef HYTRACE_H
#define HYTRACE_H

/* The public API, by area; each part includes the ones it builds on. */
#include "hytrace/tool.h"
#include "hytrace/event.h"
#include "hytrace/writer.h"
#include "hytrace/run.h"

#endif
