/* SPDX-License-Identifier: MIT */
/*
 * The in-guest backend (--backend=guest), hytrace's side: the guest runs
 * without ptrace, with build/libhytrace-guest.so preloaded (user/guest/rt/),
 * which handles the subscribed calls in the guest's own threads. hytrace keeps
 * the tools' global state in a region every guest process maps, runs the
 * tools' other callbacks from the kernel recorder's records, and follows the
 * tree by them (it is no subreaper: orphans go to init, as natively). This
 * is the backend's whole interface to the core.
 */
#ifndef HY_GUEST_H
#define HY_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hy_backend_ops;
struct hy_record;
struct hy_session;
struct hy_task;

/**
 * Whether the run asks for the guest backend (hy_run_opts.backend), before
 * the tools' init; @by_auto: it is `auto`'s guess (hy_guest_fits() decides by
 * the held calls, after init). -EINVAL for a bad name.
 */
int hy_guest_wanted(const struct hy_session *s, bool *wanted, bool *by_auto);
/** Whether tool @i's code can be loaded into a guest (a built-in, or a plugin's file). */
bool hy_guest_tool_loads(const struct hy_session *s, int i);
/** Before the tools' init: the shared region, with their global state in it. */
int hy_guest_prepare(struct hy_session *s);
/** After it: what the guests' runtime needs (subscriptions, options, tool files). */
int hy_guest_publish(struct hy_session *s);
/**
 * Whether the guest backend can run @path here (before the kernel recorder
 * opens: it records a guest run otherwise; the recorder itself is checked
 * after). When not, @why says so in one line (empty: no tool handles calls,
 * so there is nothing to run in the guest and the ptrace backend, which also
 * shows signals, is as cheap; or `auto` chose ptrace: no held call is a
 * frequent one, or this kernel has no Syscall User Dispatch).
 */
bool hy_guest_fits(struct hy_session *s, const char *path, char *why, size_t size);
/** Count record @r toward the share of held calls `auto`'s guess is checked against. */
void hy_guest_share_count(struct hy_session *s, const struct hy_record *r);
/**
 * At the run's end: when `auto` chose a backend by the held set's kinds and the
 * run's share of held calls says the other one would clearly have cost less, a
 * line saying so in @msg, and true.
 */
bool hy_guest_share_hint(const struct hy_session *s, char *msg, size_t size);
/** The runtime's file (beside the hytrace program, or $HYTRACE_GUEST_LIB) into @out. */
int hy_guest_find_runtime(char *out, size_t size);
/**
 * Start @path (a dynamic executable) with the runtime preloaded (and the
 * plugins that can be: guest_preload.c). @seize, in the launch's "ready"
 * before the exec, holds the command's calls until the runtime arms (the
 * hand-off: run.c gives the ptrace backend's), with the objects preloaded
 * @preload (the region's list).
 */
int hy_guest_launch(struct hy_session *s, const char *path, char *const argv[],
		    int (*seize)(struct hy_session *s, pid_t pid, const char *preload));
/**
 * Task @tid (the launched one, or an execve's) was held until its runtime
 * arms and is let go now: its tools' process and thread state go to its
 * hand-off slot for the runtime to take (one state, not a second one
 * started in the guest), hytrace's operations become the guest backend's,
 * and no later task's start runs here. @tid 0: the command ended before
 * any runtime armed.
 */
void hy_guest_take_over(struct hy_session *s, pid_t tid);
/* The hand-offs at guests' execs: the ptrace backend's, given by run.c. */
struct hy_guest_handoff {
	/* seize @pid, running, so its next image stops at each call until it arms */
	int (*seize)(struct hy_session *s, pid_t pid, const char *preload);
	/* handle the stops for up to @ms: a task held at its runtime's arming, or 0 */
	pid_t (*step)(struct hy_session *s, int ms);
	/* let go of @tid, which step() returned */
	void (*release)(struct hy_session *s, pid_t tid);
	/* let go of @tid, seized for an execve that failed (it never executed) */
	void (*let_go)(struct hy_session *s, pid_t tid);
	/* whether @tid is being handed off (0: any task) */
	bool (*seized)(const struct hy_session *s, pid_t tid);
	/* whether a task of process @pid is being handed off */
	bool (*in_process)(const struct hy_session *s, pid_t pid);
	/* @tid, seized, stays traced with its descendants (a static program) */
	void (*keep)(struct hy_session *s, pid_t tid);
	/* whether @t's calls stop in hytrace now, and the operations for them */
	bool (*holds)(const struct hy_session *s, const struct hy_task *t);
	const struct hy_backend_ops *ops;
};

/*
 * The region's hand-off slots as the ptrace backend's side steps them: a
 * dynamic program a ptraced process executes (exec_runtime.c, through
 * run.c), a hand-off moved by its exec or over, a task gone.
 */
/** Take a free hand-off slot for @tid (hytrace's own hand-off): false when every one is taken. */
bool hy_guest_slot_claim(struct hy_session *s, pid_t tid);
/** @from's slot is @to's now (its new runtime frees it), or free again (@to 0). */
void hy_guest_slot_moved(struct hy_session *s, pid_t from, pid_t to);
/** @tid is gone: every slot it owns is free, in any state (it may have died claiming). */
void hy_guest_slot_gone(struct hy_session *s, pid_t tid);
/** "HYTRACE_GUEST_SHM=PATH": what a new program's runtime finds the region by. */
const char *hy_guest_region_var(struct hy_session *s);
/** @tid's next execve got hytrace's variables after its @n own entries, at @envp. */
void hy_guest_exec_env_told(struct hy_session *s, pid_t tid, uint64_t n, uint64_t envp);
/** Record and wait until the whole tree is gone, handing execs off with @ho. */
int hy_guest_loop(struct hy_session *s, const struct hy_guest_handoff *ho);
void hy_guest_close(struct hy_session *s);
/** True the first time in the run: a program no runtime goes into was executed. */
bool hy_guest_first_unheld(struct hy_session *s);
/**
 * Say it (once a run, the first time): @pid executes @name, which no runtime
 * goes into (guest_shm.h's HY_IMAGE_* @kind), held through ptrace (@held) or
 * not; @loaderless: static, of either class, so a dynamic 64-bit program it
 * executes may run on the guest backend (with address randomization).
 */
void hy_guest_say_unheld(struct hy_session *s, pid_t pid, const char *name, int kind, bool held,
			 bool loaderless);
struct hy_tidmap;
struct hy_kev_call;
/** The state of @s's calls made by hand being described (guest_by_hand.c). */
struct hy_tidmap *hy_guest_by_hand_map(struct hy_session *s);
/** A note about a call the runtime made by hand: its records, once complete, to the merge. */
void hy_guest_by_hand(struct hy_session *s, struct hy_tidmap *m, const struct hy_kev_call *k);
/** Free @m's calls still being described and the map. */
void hy_guest_by_hand_free(struct hy_tidmap *m);
/** The tools' text being noted in the guests, per thread (guest_output.c). */
struct hy_tidmap *hy_guest_output_map(struct hy_session *s);
/** An OUTPUT note: its bytes added to @k's thread's text, written out at a write's last. */
void hy_guest_output(struct hy_session *s, struct hy_tidmap *m, const struct hy_kev_call *k);
/** Write out what a thread left unfinished, then free @m. */
void hy_guest_output_free(struct hy_session *s, struct hy_tidmap *m);
/** Count @rec's call for hy_calls_before() (guest_counts.c). */
void hy_guest_count_record(struct hy_session *s, const void *rec, size_t len);
/** The skipped calls' entry memory being noted, per thread (guest_skip_mem.c). */
struct hy_tidmap *hy_guest_skip_map(struct hy_session *s);
/** A skipped call's notes begin on @tid: its memory notes start afresh. */
void hy_guest_skip_start(struct hy_tidmap *m, int tid);
/** A SKIP_MEM or SKIP_MORE note: a chunk begun or continued. */
void hy_guest_skip_mem(struct hy_tidmap *m, const struct hy_kev_call *k);
struct hy_record;
/** The chunks noted for @tid's skipped call into @r; false when none were noted. */
bool hy_guest_skip_take(struct hy_tidmap *m, int tid, struct hy_record *r);
/** Free @m's notes still being put together and the map. */
void hy_guest_skip_free(struct hy_tidmap *m);
struct hy_sysset;
struct hy_guest_hdr;
/** The tools' text being noted in the guests, per thread (guest_output.c). */
struct hy_tidmap *hy_guest_output_map(struct hy_session *s);
/** An OUTPUT note: its bytes added to @k's thread's text, written out at a write's last. */
void hy_guest_output(struct hy_session *s, struct hy_tidmap *m, const struct hy_kev_call *k);
/** Write out what a thread left unfinished, then free @m. */
void hy_guest_output_free(struct hy_session *s, struct hy_tidmap *m);
/** Count @rec's call for its thread when it is in @held (guest_counts.c). */
void hy_guest_count(struct hy_tidmap *m, const struct hy_sysset *held, const void *rec, size_t len);
/** Answer the threads' questions asked before @drain_start (guest_shm.h's ask table). */
void hy_guest_counts_answer(struct hy_tidmap *m, struct hy_guest_hdr *h, uint64_t drain_start);
/**
 * Unwind the held guest threads that asked for their stack (hy_backtrace(),
 * guest_backtrace.c) and wake them.
 */
void hy_guest_backtraces_answer(struct hy_session *s, struct hy_guest_hdr *h);
/** Free the counts and @m. */
void hy_guest_counts_free(struct hy_tidmap *m);
/**
 * Whether @rec is a call of the loader's loading of the objects @preload
 * names (the runtime and the plugins preloaded, ':' between, as LD_PRELOAD's
 * front: guest_own_load.c): hytrace's own, dropped from the record.
 */
bool hy_guest_own_load(struct hy_tidmap *m, const char *preload, const void *rec, size_t len);
/**
 * Whether the plugin file @path, whose hytrace_tool is at @tool in hytrace,
 * can be preloaded into the guests (guest_preload.c): then that symbol's
 * offset from the plugin's load address, else 0 (the runtime dlopen()s it).
 */
uint64_t hy_guest_preload_offset(const char *path, const void *tool);
/**
 * @h's preload list: the runtime @runtime, then each preloaded tool's file
 * once; a tool whose path LD_PRELOAD cannot hold is dlopen()ed instead.
 */
void hy_guest_preload_list(struct hy_guest_hdr *h, const char *runtime);
/** Free the loading states and @m. */
void hy_guest_own_load_free(struct hy_tidmap *m);
/** The runtime's own loading by the dynamic loader (a record of it: true, dropped). */
bool hy_guest_own_record(struct hy_session *s, const void *rec, size_t len);
/** @tid's next execve got hytrace's variables after its @n own (at @envp) (guest_exec_env.c). */
void hy_guest_exec_env_note(struct hy_tidmap *m, int tid, uint64_t n, uint64_t envp);
/** The same for the launched command @tid: its own count comes in the region. */
void hy_guest_exec_env_launch(struct hy_tidmap *m, int tid);
struct hy_merge;
/** An execve's enter record with the guest's environment, to @merge: true; false: not one. */
bool hy_guest_exec_env(struct hy_tidmap *m, struct hy_merge *merge, uint32_t launch_envc,
		       const void *rec, size_t len);
/** Free the notes and @m. */
void hy_guest_exec_env_free(struct hy_tidmap *m);
/** An execve's record rewritten to the guest's environment and merged: true. */
bool hy_guest_exec_env_record(struct hy_session *s, const void *rec, size_t len);
/** The map of those notes. */
struct hy_tidmap *hy_guest_exec_env_map(struct hy_session *s);
/** A kernel record: true when it was the runtime's note (guest_notes.c), told to the merge. */
bool hy_guest_note(struct hy_session *s, const void *rec, size_t len);

#endif
