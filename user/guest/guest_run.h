/* SPDX-License-Identifier: MIT */
/*
 * What hytrace keeps of the in-guest backend for a run (s->guest), internal
 * to user/guest/: guest_launch.c makes it and gets the command in (the
 * region, the launch); guest_backend.c runs the rest (the operations for the
 * guests' tasks, the loop that records, hands execs off and reaps).
 */
#ifndef HY_GUEST_RUN_H
#define HY_GUEST_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deferred.h"
#include "sysset.h"
#include "tidmap.h"

struct hy_guest_handoff;
struct hy_guest_hdr;
struct hy_session;

struct hy_guest {
	char path[128];		/* the region's file in /dev/shm */
	char door[160];		/* the doorbell FIFO beside it (guest_shm.h) */
	char runtime_link[160]; /* beside it, the runtime's name in LD_PRELOAD, or "" (guest_launch.c) */
	int door_fd;		/* its read end, held open read-write so a writer never blocks */
	struct hy_guest_hdr *hdr;
	size_t size;
	bool unheld_said;	   /* the line about a static or 32-bit exec (guest_notes.c) */
	struct hy_tidmap by_hand;  /* calls made by hand being described (guest_by_hand.c) */
	struct hy_tidmap skip_mem; /* skipped calls' entry memory (guest_skip_mem.c) */
	struct hy_tidmap counts;   /* each thread's calls of the held set (guest_counts.c) */
	struct hy_sysset held;	   /* the calls some tool holds in the guests */
	struct hy_tidmap own_load; /* the loader's loading of the runtime (guest_own_load.c) */
	struct hy_tidmap exec_env; /* execve's environment as the guest passed it */
	struct hy_tidmap output;   /* the tools' text written in the guests (guest_output.c) */
	struct hy_deferred_remote remote; /* hy_resume() here of a call held in a guest */
	int kept_cmd; /* the command is static or 32-bit (HY_IMAGE_*): held through ptrace */
	bool kept_loaderless; /* ...static, of either class: its filter holds its own code only */
	char region_var[128 + 32];	   /* HYTRACE_GUEST_SHM=path */
	const struct hy_guest_handoff *ho; /* the ptrace backend's, for the tasks it holds */
	/* `auto`'s guess by the held set, checked at the end against the run's share */
	enum hy_share_guess { HY_GUESSED_NOTHING, HY_GUESSED_PTRACE, HY_GUESSED_GUEST } guessed;
	uint64_t share_calls, share_held; /* the guests' calls, and of those the held ones */
};

/**
 * The region made (guest_launch.c): hytrace's operations for the guests'
 * tasks become the run's, and a call a guest holds can be resumed from
 * hytrace (hy_resume() in on_event or a tool's thread).
 */
void hy_guest_host_start(struct hy_session *s);

#endif
