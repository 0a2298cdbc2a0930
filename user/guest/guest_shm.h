/* SPDX-License-Identifier: MIT */
/*
 * The in-guest backend's shared region: one file in /dev/shm that hytrace
 * creates before the tools' init and every guest process maps. It holds the
 * tools' global state (so the whole tree shares it with hytrace) and what the
 * preloaded runtime needs to run the same tools: where each tool's code is,
 * its options and its subscription. Read by both sides: fixed-size fields only.
 */
#ifndef HY_GUEST_SHM_H
#define HY_GUEST_SHM_H

#include <stdint.h>

#include "guest_note.h" /* the note number, which the recorder knows too */
#include "sysset.h"

#define HY_GUEST_MAGIC 0x68796775u /* "hygu" */
#define HY_GUEST_MAX_TOOLS 32
#define HY_GUEST_OPTS_BYTES 16384
#define HY_GUEST_PRELOAD_BYTES 4096
/* The environment variable that names the region (the runtime removes it). */
#define HY_GUEST_ENV "HYTRACE_GUEST_SHM"
/* The doorbell FIFO's path: the region's, with this after it. */
#define HY_GUEST_DOOR_SUFFIX "-door"

/*
 * Notes: what the tools did to a call, told to hytrace in the kernel's own
 * record, in order with the thread's calls. The runtime makes a call of this
 * number (no syscall has it: the kernel answers -ENOSYS at once) from the
 * gate; the recorder records it as any call, and hytrace takes it out of the
 * stream (guest_notes.c) and tells the merge, as the ptrace backend does at a
 * stop. args[0] is the kind; the rest as said per kind.
 */
/*
 * In SKIP2's flags: no tool skipped it, the guest's own seccomp filter's
 * TRACE did (ENOSYS, rt_seccomp.c): recorded as the ptrace backend records a
 * stop it did not ask for, without "(INJECTED)".
 */
#define HY_GNOTE_REFUSED (1ull << 40)
enum hy_guest_note {
	/* [1] HY_EV_* flags, [2] want_exit: the next call ran as held; [3] when
	 * HY_EV_DELAYED: the call's start before its deferral (CLOCK_MONOTONIC) */
	HY_GNOTE_RUN = 1,
	HY_GNOTE_SKIP1 =
		HY_GUEST_NOTE_SKIP1, /* [1] abi << 32 | nr, [2..5] args 0-3 of a skipped call */
	/* [1] [2] args 4-5, [3] the value, [4] HY_EV_* flags (| HY_GNOTE_REFUSED),
	 * [5] as RUN's [3]; then nr -1 */
	HY_GNOTE_SKIP2 = 3,
	/* [1] the result the guest sees, [2] a tool changed it, [3] HY_EV_DELAYED or 0 */
	HY_GNOTE_EXIT = 4,
	/* [1] 1 static, 2 32-bit, 3 set-user/group-ID, | HY_GNOTE_EXEC_PTRACE when
	 * hytrace holds it through ptrace: the execve after it starts a program
	 * no runtime goes into; [2..5] the first 31 bytes of its name */
	HY_GNOTE_UNHELD_EXEC = 5,
#define HY_GNOTE_EXEC_PTRACE 0x100 /* HY_GNOTE_UNHELD_EXEC's [1]: held (a slot's keep) */
/* ...and a static program (no PT_INTERP, any class): its filter holds its own code's calls */
#define HY_GNOTE_EXEC_LOADERLESS 0x200
	/*
	 * A call the runtime made by hand, which the kernel never saw (the mask,
	 * the guest's SIGSYS disposition, SUD's prctl): hytrace writes its enter
	 * and exit records from these (guest_by_hand.c). BYHAND1 [1] abi << 32 |
	 * nr, [2..5] args 0-3; then BYHAND_MEM for each object the call read or
	 * wrote: [1] phase (0 enter, 1 exit) | arg << 8 | bytes << 16 (at most
	 * 32, at args[arg]), [2..5] the bytes; then BYHAND2 [1] [2] args 4-5,
	 * [3] the result the guest saw.
	 */
	HY_GNOTE_BYHAND1 = 6,
	HY_GNOTE_BYHAND_MEM = 7,
	HY_GNOTE_BYHAND2 = 8,
	/*
	 * The entry memory of a skipped call, which the kernel never saw: the
	 * chunks the capture plan takes (live_capture.c, run in the guest), one
	 * after the other between SKIP1 and SKIP2. SKIP_MEM starts a chunk: [1]
	 * phase | arg << 8 | HY_MEM_* flags << 16 | bytes << 32, [2] its address,
	 * [3..5] its first 24 bytes; SKIP_MORE [1..5] the next 40 (guest_skip_mem.c).
	 */
	HY_GNOTE_SKIP_MEM = 9,
	HY_GNOTE_SKIP_MORE = 10,
	/*
	 * The execve after it got hytrace's variables after the guest's own:
	 * [1] how many entries were the guest's, [2] the guest's envp. hytrace
	 * shows the environment the guest passed (guest_exec_env.c).
	 */
	HY_GNOTE_EXEC_ENV = 11,
	/*
	 * A tool's text for the run's output (hy_output() in the guest,
	 * rt_output.c): [1] its bytes here (at most 32) | HY_GOUT_LAST on a
	 * write's last note, [2..5] the bytes. hytrace writes a write's notes
	 * together (guest_output.c).
	 */
	HY_GNOTE_OUTPUT = 12,
};
#define HY_GOUT_LAST 0x100u

struct hy_guest_tool {
	/* "builtin:NAME" for a tool of the library, else the plugin's path */
	char where[512];
	uint64_t global_off, global_size;
	uint32_t nopts;
	uint32_t opts_off; /* nopts pairs "key\0value\0" at opts + opts_off */
	struct hy_sysset subscription;
	/* a hand-off's process and thread state (slot 0's; guest_handoff_states.h) */
	uint64_t handoff_proc_off, handoff_thread_off;
	/*
	 * A plugin the loader preloads (in the region's preload list): its
	 * hytrace_tool's offset from the plugin's load address (dl_iterate_phdr's
	 * dlpi_addr). 0: the runtime loads it with dlopen() (guest_preload.c).
	 */
	uint64_t preload_off;
};

/*
 * Deferred calls (hy_defer() in the guest): one entry per held call, the
 * handle its index + 1 (a small number, the same in every process that maps
 * the region, never a valid pointer). state is the futex word the held thread
 * waits on (shared, not private: any process may wake it). FREE -> HELD at
 * hy_defer(); a resumption moves HELD -> CLAIMED (writes cookie and due) ->
 * RESUMED or TIMED and wakes the word; the held thread frees it.
 */
#define HY_GUEST_MAX_DEFER 256
enum { HY_GDEF_FREE, HY_GDEF_HELD, HY_GDEF_CLAIMED, HY_GDEF_RESUMED, HY_GDEF_TIMED };
struct hy_guest_defer {
	uint32_t state;
	int32_t tid;  /* the held thread */
	int32_t tool; /* the tool that deferred it: its on_resume runs */
	uint32_t pad;
	uint64_t cookie;
	uint64_t due; /* TIMED: CLOCK_MONOTONIC ns */
};

/*
 * The calls a thread made before the runtime took it (hy_calls_before()),
 * asked at the task handshake: the thread takes a FREE entry (-> ASKED, its
 * tid and start), hytrace counts every record of it and, once it has handled
 * every record made before @since, writes the counts of the calls some tool
 * holds and sets ANSWERED before it publishes drained_ts; the thread copies
 * them and frees the entry. No free entry, or more distinct calls than fit:
 * those count from 0, as before.
 */
#define HY_GUEST_MAX_ASK 64
#define HY_GUEST_ASK_CALLS 96
/*
 * A hand-off slot's state (struct hy_guest_slot): with its owner's tid in the
 * same word, HY_GSLOT(tid, state), so every step is one compare-and-swap and
 * hytrace, at a task's end, frees each slot that task owns, in any state.
 * A guest thread about to execute a dynamic program claims a FREE slot
 * (CLAIMED), writes its tools' states in the slot's areas, asks (ASKED) and
 * waits on the word; hytrace takes the ask (ANSWERING), the states, seizes
 * the thread and answers SEIZED (or REFUSED). A thread not answered in time
 * takes its ask back (ASKED -> FREE): one of the two exchanges wins, so
 * hytrace never seizes a thread that went on without it. At the exec hytrace
 * moves the owner to the thread's new tid (a thread's exec gives it its
 * leader's pid); at the new runtime's arming it writes the states back and
 * sets ARMED before it lets go; the new runtime takes them and frees the
 * slot. A seized thread whose execve failed says so at its next call
 * (SEIZED -> FAILED): hytrace lets go of it and frees the slot. hytrace
 * also frees the slot of a hand-off that ends otherwise (kept for good, its
 * task gone, a refused asker gone).
 */
enum {
	HY_GSEIZE_FREE,
	HY_GSEIZE_CLAIMED,
	HY_GSEIZE_ASKED,
	HY_GSEIZE_SEIZED,
	HY_GSEIZE_REFUSED,
	HY_GSEIZE_ANSWERING, /* hytrace took the ask: the thread can no longer take it back */
	HY_GSEIZE_FAILED,    /* the seized thread's execve failed: hytrace lets go, frees it */
	HY_GSEIZE_ARMED,     /* the states are back in the areas: the new runtime takes them */
};
/* a tid fits in 22 bits (the kernel's PID_MAX_LIMIT): the word stays a 32-bit futex */
#define HY_GSLOT(tid, state) ((uint32_t)(tid) << 8 | (uint32_t)(state))
#define HY_GSLOT_STATE(word) ((word)&0xffu)
#define HY_GSLOT_TID(word) ((int32_t)((word) >> 8))
#define HY_GUEST_MAX_SLOTS 16
struct hy_guest_slot {
	uint32_t word; /* HY_GSLOT(owner, HY_GSEIZE_*): the futex its asker waits on */
	/*
	 * set with the ask: the program has no runtime (HY_IMAGE_*: static,
	 * 32-bit, set-ID): the hand-off never ends, the process and its
	 * descendants stay under ptrace, and hytrace frees the slot at the exec.
	 * A set-ID one only when hytrace may trace it (CAP_SYS_PTRACE), else
	 * refused: a traced exec would not be set-ID.
	 */
	uint32_t keep;
};

/* CLAIMED: the thread fills tid and since; ANSWERING: hytrace writes the counts */
enum { HY_GASK_FREE, HY_GASK_CLAIMED, HY_GASK_ASKED, HY_GASK_ANSWERING, HY_GASK_ANSWERED };
struct hy_guest_count {
	uint16_t abi, nr;
	uint32_t count;
};
struct hy_guest_ask {
	uint32_t state;
	int32_t tid;
	uint64_t since; /* CLOCK_MONOTONIC ns: the thread's start of the handshake */
	uint32_t n, pad;
	struct hy_guest_count calls[HY_GUEST_ASK_CALLS];
};

/*
 * hy_backtrace() at a call held in a guest (rt_backtrace.c): the held thread
 * takes a FREE entry (-> CLAIMED), writes its ids and the registers its call
 * trapped with, sets ASKED and rings the doorbell; hytrace (guest_backtrace.c)
 * moves it to ANSWERING, unwinds that thread as it does a ptrace-held one
 * (its memory read with process_vm_readv), writes the packed frames
 * (stack/frames.h) or an error, sets ANSWERED and wakes the word. The thread
 * copies them and frees the entry; with no answer in time it takes an ASKED
 * entry back itself. A process's callbacks run one at a time, so a few
 * entries serve the whole tree.
 */
#define HY_GUEST_MAX_BT 8
#define HY_GUEST_BT_BYTES 32768
enum { HY_GBT_FREE, HY_GBT_CLAIMED, HY_GBT_ASKED, HY_GBT_ANSWERING, HY_GBT_ANSWERED };
struct hy_guest_bt {
	uint32_t state; /* the futex word the thread waits on */
	int32_t tid, tgid;
	int32_t err;	  /* the answer: 0, or a negative errno */
	uint64_t regs[8]; /* ip sp bp bx r12 r13 r14 r15, as struct hy_stack_regs */
	uint32_t len, pad;
	uint8_t frames[HY_GUEST_BT_BYTES];
};

/*
 * An execve's program no runtime goes into: static, 32-bit, or set-user/group-ID
 * (a secure exec: the loader ignores LD_PRELOAD).
 */
enum { HY_IMAGE_STATIC = 1, HY_IMAGE_32BIT = 2, HY_IMAGE_SETID = 3 };

struct hy_guest_hdr {
	uint32_t magic;
	uint32_t ntools;
	uint64_t size; /* of the whole region */
	pid_t hytrace_pid;
	uint32_t ready;	  /* the tools' init ran: the header is complete */
	uint32_t rewrite; /* --guest-rewrite: rewrite the sites of calls no tool holds */
	/* the launched command's own environment entries (its execve: HY_GNOTE_EXEC_ENV) */
	uint32_t launch_envc;
	/* the capture plan's settings (-s, what -v captures), for a skipped call's memory */
	uint32_t strsize;
	uint32_t plan_verbose; /* HY_PLAN_* */
	/*
	 * The task handshake (HACKING.md): hytrace has run the callbacks of every
	 * record made before drained_ts (CLOCK_MONOTONIC ns); drained_seq is the
	 * futex word a new task waits on. It rings the FIFO at "<region>-door"
	 * first, so hytrace drains now rather than at its next tick.
	 */
	uint64_t drained_ts;
	uint32_t drained_seq;
	/*
	 * The hand-off slots (HACKING.md, "The loader's calls: the hand-off"):
	 * a task whose next image's loader hytrace holds with ptrace until its
	 * runtime arms takes one, so concurrent execs hand off side by side. Each
	 * slot's tools' states are at handoff_*_off + slot * handoff_stride.
	 * slots_freed counts the frees: an asker that found none free waits on it.
	 */
	uint64_t handoff_stride;
	uint32_t slots_freed;
	uint32_t pad_slots;
	struct hy_guest_slot slot[HY_GUEST_MAX_SLOTS];
	struct hy_guest_defer defer[HY_GUEST_MAX_DEFER];
	struct hy_guest_ask ask[HY_GUEST_MAX_ASK];
	struct hy_guest_bt bt[HY_GUEST_MAX_BT];
	struct hy_guest_tool tool[HY_GUEST_MAX_TOOLS];
	/*
	 * What hytrace puts in front of LD_PRELOAD, ':' between: the runtime,
	 * then the plugins the loader preloads (at the launch and each execve).
	 */
	char preload[HY_GUEST_PRELOAD_BYTES];
	char opts[HY_GUEST_OPTS_BYTES];
	/* then the tools' global states, 64-byte aligned */
};

#endif
