/* SPDX-License-Identifier: MIT */
/*
 * The dynamic loader's loading of the objects hytrace preloads into a guest
 * (LD_PRELOAD's front: the runtime, then the plugins; guest_preload.c), seen
 * one call at a time: which object it opens next, the mapping each one
 * reserves, and the RELRO mprotects that end the loading. Those calls are
 * hytrace's own, never the guest's. One rule for the two places that tell
 * them apart: the kernel recorder's records (guest/guest_own_load.c) and the
 * hand-off's ptrace stops (ptrace/handoff.c).
 */
#ifndef HY_PRELOAD_LOADING_H
#define HY_PRELOAD_LOADING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The runtime and the plugins preloaded (HY_GUEST_MAX_TOOLS of them at most). */
#define HY_PRELOAD_OBJECTS 33

struct hy_preload_loading {
	size_t next;	/* the object the loader opens next: its offset in the list */
	bool reserving; /* an object is open: its first mmap reserves its mapping */
	int nobj;	/* the objects mapped so far */
	int nrelro;	/* their RELRO mprotects seen (one each, if it has a RELRO page) */
	struct {
		uint64_t base, end;
	} obj[HY_PRELOAD_OBJECTS];
};

/** A new image: its loader starts with the list's first object. */
void hy_preload_loading_start(struct hy_preload_loading *p);

/** The name of the object the loader opens next in @list ("a:b:..."): its length, at *@name. */
size_t hy_preload_loading_next(const struct hy_preload_loading *p, const char *list,
			       const char **name);

/** That object's openat succeeded: its first mmap is its reservation. */
void hy_preload_loading_opened(struct hy_preload_loading *p);

/** An mmap of the loading returned @ret for @len bytes. */
void hy_preload_loading_mmap(struct hy_preload_loading *p, int64_t ret, uint64_t len);

/** The open object's descriptor was closed: whether another object of @list follows. */
bool hy_preload_loading_closed(struct hy_preload_loading *p, const char *list);

/**
 * An mprotect of @addr once every object is loaded: whether it is one of
 * their RELRO's (counted); *@last tells the loading is over.
 */
bool hy_preload_loading_relro(struct hy_preload_loading *p, uint64_t addr, bool *last);

#endif
