/* SPDX-License-Identifier: MIT */
/*
 * The debugger's state (--gdbserver), shared by its two sides: the protocol
 * thread, which talks to gdb, and the tracer's thread, the only one that may
 * make ptrace requests. They meet in one request slot (a packet in, a reply
 * out) and a pipe that says a stop reply is ready (internal to user/ptrace/).
 */
#ifndef HY_GDB_STATE_H
#define HY_GDB_STATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ptrace/gdb_packet.h"
#include "ptrace/pt_task.h"

struct hy_session;

/* Where the debugged process is, as gdb sees it (tracer's thread only). */
enum hy_gdb_run {
	HY_GDB_NOT_YET,	 /* the first guest has not executed its program */
	HY_GDB_RUNNING,	 /* its tasks run (or some stay parked: gdb stepped one) */
	HY_GDB_STOPPING, /* one stopped for gdb; the others are being interrupted */
	HY_GDB_STOPPED,	 /* all stopped: gdb has (or will get) the stop reply */
	HY_GDB_EXITED,
};

/* What the last stop was, for the stop reply. */
struct hy_gdb_stop {
	pid_t tid;
	int sig;      /* host signal number */
	bool swbreak; /* at one of our breakpoints, the PC already rewound */
	bool exited;
	int status;    /* exited: the wait status */
	char why[256]; /* hy_debug_stop()'s reason, shown in gdb first */
};

struct hy_gdb_bp {
	uint64_t addr;
	uint8_t orig;
};

/* What the tracer loop lends the debugger (it cannot include the loop's header). */
struct hy_gdb_loop_ops {
	/* Let a stopped task go on as the loop would (exit stops, stepping). */
	void (*resume)(struct hy_session *s, struct hy_pt_task *pt, int sig);
	/* A signal-delivery stop goes on: the tools' on_signal, then the signal. */
	void (*deliver)(struct hy_session *s, struct hy_pt_task *pt, int sig);
};

struct hy_gdb {
	struct hy_session *s;
	struct hy_gdb_loop_ops ops;

	/* ---- the meeting point (lock) ---- */
	pthread_mutex_t lock;
	pthread_cond_t done;
	atomic_bool posted; /* a packet waits for the tracer's thread */
	char req[HY_GDB_PACKET_MAX + 1];
	size_t req_len;
	bool req_done;
	char *reply; /* NULL: nothing to send (a resumption, an interrupt) */
	size_t reply_len;
	char stop_reply[HY_GDB_PACKET_MAX]; /* ready when stop_ready */
	char stop_note[512];		    /* an "O" packet's text to send first, or "" */
	bool stop_ready;
	bool closing;
	int notify[2]; /* the tracer writes a byte: a stop reply is ready */
	int quit[2];   /* the protocol thread ends */

	/* ---- the protocol thread's ---- */
	int listen_fd;
	pthread_t thread;
	bool thread_on;

	/* ---- the tracer thread's ---- */
	enum hy_gdb_run run;
	pid_t pid;	      /* the debugged process (the first guest), 0 before its exec */
	bool connected;	      /* a gdb is connected */
	bool want_stop_reply; /* gdb waits for one (after a resumption, or '?') */
	bool swbreak;	      /* gdb takes swbreak stop reasons: we rewind the PC */
	pid_t cur;	      /* the thread of Hg (registers, memory) */
	struct hy_gdb_stop stop;
	struct hy_gdb_bp *bps;
	size_t nbps, cap;
	char reply_buf[HY_GDB_PACKET_MAX + 1];
};

#endif
