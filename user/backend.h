/* SPDX-License-Identifier: MIT */
/*
 * What a backend does for the handlers of a held call. The runtime and the
 * public API reach guest memory and injection only through these operations,
 * so a tool never depends on how its calls are held (ptrace stops today).
 */
#ifndef HY_BACKEND_H
#define HY_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct hy_record;
struct hy_session;
struct hy_stack_regs;
struct hy_task;

struct hy_backend_ops {
	const char *name;
	/* Guest memory of @t: bytes read or written, or -EFAULT / -ESRCH. */
	ssize_t (*read_mem)(struct hy_session *s, struct hy_task *t, uint64_t addr, void *buf,
			    size_t len);
	ssize_t (*write_mem)(struct hy_session *s, struct hy_task *t, uint64_t addr,
			     const void *buf, size_t len);
	/* Run syscall @nr in @t before its held call goes on; its result to *@result. */
	int (*inject)(struct hy_session *s, struct hy_task *t, long nr, const uint64_t args[6],
		      int64_t *result);
	/*
	 * A deferred call's handlers have all run (t->call.cont at entry): go on
	 * with it as if they had decided at once. NULL: the backend cannot defer.
	 */
	void (*continue_held)(struct hy_session *s, struct hy_task *t);
	/* The registers @t's user stack unwinds from (-k, hy_backtrace()); 0 or -errno. */
	int (*stack_regs)(struct hy_session *s, struct hy_task *t, struct hy_stack_regs *out);
	/*
	 * The memory of @t's held call at @phase (enum hy_phase) that the backend
	 * already has, added to @r: true. NULL or false: it is read from the
	 * guest by the capture plan (live_capture.c). The guest backend has a
	 * skipped call's: the runtime read it at the call and noted it.
	 */
	bool (*captured)(struct hy_session *s, struct hy_task *t, struct hy_record *r, int phase);
	/*
	 * Calls of @abi/@nr @t made before the tools could see its calls
	 * (hy_calls_before()). NULL: none (ptrace holds a thread from its start).
	 */
	unsigned int (*calls_before)(struct hy_session *s, struct hy_task *t, int abi, long nr);
	/* Hand @t to the debugger (hy_debug_stop()); NULL: the backend has none. */
	int (*debug_stop)(struct hy_session *s, struct hy_task *t, const char *why);
	/*
	 * The tools' output stream, made at hy_output()'s first call when the
	 * session has none (s->out NULL); NULL: the backend makes none. The guest
	 * backend's: its making takes the guest's malloc, whose first use must
	 * be the guest's own where no tool writes.
	 */
	FILE *(*output)(struct hy_session *s);
};

#endif
