/* SPDX-License-Identifier: MIT */
/*
 * The debugged process stopped and resumed as a whole for gdb (all-stop), on
 * the tracer's thread: what the loop asks before it lets a task go on, and what
 * gdb's commands do to the process (internal to user/ptrace/).
 */
#ifndef HY_GDB_STOP_H
#define HY_GDB_STOP_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

struct hy_gdb;
struct hy_pt_task;
struct hy_session;
struct hy_task;

/* ---- from the tracer loop (s->pt->gdb set) ---- */

/**
 * The loop is about to let @pt go on with @sig: true when the debugger holds
 * it instead (it goes on when gdb continues).
 */
bool hy_gdb_park(struct hy_session *s, struct hy_pt_task *pt, int sig);
/** @pt entered a group-stop (it would wait with PTRACE_LISTEN): true when held. */
bool hy_gdb_park_listen(struct hy_session *s, struct hy_pt_task *pt);
/**
 * A signal-delivery stop of @pt (not hytrace's own): true when it is the
 * debugged process's; gdb is told, and decides the signal when it continues.
 */
bool hy_gdb_signal(struct hy_session *s, struct hy_pt_task *pt, int sig, const siginfo_t *si);
/** @pt's process executed a program (the first guest's first: stop before it runs). */
void hy_gdb_exec(struct hy_session *s, struct hy_pt_task *pt);
/** Task @tid of process @tgid (0: unknown) ended with @status. */
void hy_gdb_exit(struct hy_session *s, pid_t tid, pid_t tgid, int status);
/** hy_debug_stop() (struct hy_backend_ops): 0, -ENOSYS or -ESRCH. */
int hy_gdb_debug_stop(struct hy_session *s, struct hy_task *t, const char *why);

/* ---- from gdb's commands ---- */

/* How gdb wants a thread to go on: 'c' or 's', with a host signal (0: none). */
struct hy_gdb_action {
	char kind;
	int sig;
	pid_t tid; /* -1: every thread without an action of its own */
};

/** Whether @t belongs to the debugged process. */
bool hy_gdb_debugged(const struct hy_gdb *g, const struct hy_task *t);
/** Resume the process as @acts say (a thread no action names stays stopped). */
void hy_gdb_resume(struct hy_gdb *g, const struct hy_gdb_action *acts, int n);
/** gdb's Ctrl-C: stop the running process. */
void hy_gdb_interrupt(struct hy_gdb *g);
/** A gdb connected: a running process is stopped for it. */
void hy_gdb_connect(struct hy_gdb *g);
/** gdb detached or went away: breakpoints out, the process runs on untouched. */
void hy_gdb_disconnect(struct hy_gdb *g);
/** Kill the debugged process (gdb's 'k'). */
void hy_gdb_kill(struct hy_gdb *g);
/** The stop reply for the last stop ("T05thread:...;", "W00") into @buf. */
void hy_gdb_format_stop(const struct hy_gdb *g, char *buf, size_t size);
/** Hand the last stop to the protocol thread (gdb waits for it). */
void hy_gdb_send_stop(struct hy_gdb *g);

#endif
