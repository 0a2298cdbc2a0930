// SPDX-License-Identifier: MIT
/*
 * The dynamic loader's loading of the runtime itself (LD_PRELOAD) at each
 * exec of a guest, and of the plugins preloaded after it (guest_preload.c):
 * openat of build/libhytrace-guest.so, its reads, fstat and mmaps up to its
 * close, the same for each plugin, and the mprotects of their RELRO later. They are
 * hytrace's own calls made in the guest, so they are dropped from the record
 * here, before the merge and the counts, as the recorder drops the runtime's
 * later calls: strace's users never see the tracer's own calls, and a guest
 * traced by ptrace does not make them. Marking them instead would still
 * change the guest's -c counts and --inject's when= counts.
 *
 * Told apart by position: LD_PRELOAD's objects are the first the loader
 * opens, one after the other, and the runtime and the plugins are the first
 * of them, in the region's preload list's order (hy_guest_launch and the
 * runtime's execve put them there); when the log captures openat's path, it
 * must also be that object's. An image no runtime goes into (static, 32-bit,
 * set-ID: the runtime's note before its execve) is left alone.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "preload_loading.h"
#include "tidmap.h"

enum own_state {
	OWN_NONE,
	OWN_EXPECT,  /* a new image, or an object loaded: the next openat is the next object's */
	OWN_LOADING, /* every call up to the close of its descriptor */
	OWN_RELRO,   /* the mprotects of their RELRO, at the end of the loading */
};

struct own {
	enum own_state state;
	bool unheld_next; /* the next exec starts a program no runtime goes into */
	bool drop_exit;	  /* an enter was dropped: its exit goes too */
	bool opening;	  /* that enter was the object's openat */
	int64_t fd;
	struct hy_preload_loading load;
};

static struct own *own_of(struct hy_tidmap *m, int tid, bool make)
{
	struct own *o = hy_tidmap_get(m, tid);

	if (o || !make)
		return o;
	o = calloc(1, sizeof(*o));
	if (o && hy_tidmap_put(m, tid, o)) {
		free(o);
		return NULL;
	}
	return o;
}

/* openat's path as the enter record captured it, or NULL. */
static const char *captured_path(const struct hy_kev_sys *e, size_t len, size_t *plen)
{
	size_t off = sizeof(*e);

	for (int i = 0; i < e->ncap && off + sizeof(struct hy_kcap) <= len; i++) {
		const struct hy_kcap *c = (const void *)((const char *)e + off);

		off += sizeof(*c);
		if (off + c->len > len)
			return NULL;
		if (c->arg == 1 && c->flags & HY_KCAP_STR && !(c->flags & HY_KCAP_FAULT)) {
			*plen = c->len;
			return (const char *)c + sizeof(*c);
		}
		off += (c->len + 7) & ~7u;
	}
	return NULL;
}

/* The object's openat returned @fd: its loading goes on while it is open. */
static void opened(struct own *o, int64_t fd)
{
	o->fd = fd;
	hy_preload_loading_opened(&o->load);
	o->state = fd >= 0 ? OWN_LOADING : OWN_NONE;
}

static bool expect(struct own *o, const char *list, const struct hy_kev_hdr *h, const void *rec,
		   size_t len)
{
	const struct hy_kev_sys *e = rec;
	const struct hy_kev_call *k = rec;
	const char *path, *lib;
	size_t plen = 0, n = hy_preload_loading_next(&o->load, list, &lib);

	if (h->type == HY_KEV_ENTER && e->abi == HY_KABI_X86_64 && e->nr == SYS_openat) {
		path = captured_path(e, len, &plen);
		if (path && (plen != n || memcmp(path, lib, plen))) {
			o->state = OWN_NONE;
			return false;
		}
		o->drop_exit = o->opening = true;
		return true;
	}
	if (h->type == HY_KEV_CALL && k->abi == HY_KABI_X86_64 && k->nr == SYS_openat) {
		opened(o, k->ret);
		return true;
	}
	return false;
}

/* A call of an object's loading: @nr with @args, which returned @ret (when known). */
static void loading(struct own *o, const char *list, long nr, const __u64 *args, bool done,
		    int64_t ret)
{
	if (nr == SYS_mmap && done)
		hy_preload_loading_mmap(&o->load, ret, args[1]);
	if (nr == SYS_close && (int64_t)args[0] == o->fd)
		o->state = hy_preload_loading_closed(&o->load, list) ? OWN_EXPECT : OWN_RELRO;
}

/* Each object's RELRO mprotect, at its relocation: until all were seen, or the runtime's note. */
static bool relro(struct own *o, const struct hy_kev_hdr *h, const struct hy_kev_call *k,
		  size_t len)
{
	bool last;

	if (h->type != HY_KEV_CALL || len < sizeof(*k) || k->abi != HY_KABI_X86_64 ||
	    k->nr != SYS_mprotect || !hy_preload_loading_relro(&o->load, k->args[0], &last))
		return false;
	if (last)
		o->state = OWN_NONE;
	return true;
}

static bool drop(struct own *o, const char *list, const struct hy_kev_hdr *h, const void *rec,
		 size_t len)
{
	const struct hy_kev_sys *e = rec;
	const struct hy_kev_call *k = rec;

	switch (h->type) {
	case HY_KEV_ENTER:
		if (len < sizeof(*e))
			return false;
		o->drop_exit = true;
		loading(o, list, e->nr, e->args, false, 0);
		return true;
	case HY_KEV_CALL:
		if (len < sizeof(*k))
			return false;
		loading(o, list, k->nr, k->args, true, k->ret);
		return true;
	}
	return false;
}

/* The exit (or the entry memory read again) of an enter dropped. */
static bool dropped_exit(struct own *o, const struct hy_kev_hdr *h, const void *rec, size_t len)
{
	const struct hy_kev_sys *e = rec;

	if (h->type == HY_KEV_REFETCH)
		return true;
	o->drop_exit = false;
	if (o->opening && h->type == HY_KEV_EXIT && len >= HY_KEV_EXIT_SIZE) {
		o->opening = false;
		opened(o, e->ret);
	}
	return true;
}

/* A thread done with the runtime's loading leaves the map: most records then cost nothing. */
static void settle(struct hy_tidmap *m, int tid, struct own *o)
{
	if (o->state == OWN_NONE && !o->unheld_next && !o->drop_exit)
		free(hy_tidmap_del(m, tid));
}

bool hy_guest_own_load(struct hy_tidmap *m, const char *list, const void *rec, size_t len)
{
	const struct hy_kev_hdr *h = rec;
	const struct hy_kev_call *k = rec;
	bool dropped = false;
	struct own *o;

	if (len < sizeof(*h))
		return false;
	if (h->type == HY_KEV_TASK_EXIT) {
		free(hy_tidmap_del(m, h->tid));
		return false;
	}
	if (h->type == HY_KEV_EXEC) {
		if ((int)h->aux != (int)h->tid && (o = hy_tidmap_del(m, h->aux))) {
			free(hy_tidmap_del(m, h->tid));
			if (hy_tidmap_put(m, h->tid, o))
				free(o);
		}
		if ((o = own_of(m, h->tid, true))) {
			o->state = o->unheld_next ? OWN_NONE : OWN_EXPECT;
			o->unheld_next = o->drop_exit = o->opening = false;
			hy_preload_loading_start(&o->load);
		}
		return false;
	}
	if (!m->live && h->type != HY_KEV_CALL)
		return false; /* most records: no thread of the run is loading the runtime */
	if (h->type != HY_KEV_ENTER && h->type != HY_KEV_EXIT && h->type != HY_KEV_CALL &&
	    h->type != HY_KEV_REFETCH)
		return false;
	if (h->type == HY_KEV_CALL && len >= sizeof(*k) && k->nr == HY_GUEST_NOTE_NR &&
	    k->abi == HY_KABI_X86_64) {
		/* the runtime runs: its loading is over (or it says the next image has none) */
		if ((o = own_of(m, h->tid, k->args[0] == HY_GNOTE_UNHELD_EXEC))) {
			o->state = OWN_NONE;
			o->unheld_next |= k->args[0] == HY_GNOTE_UNHELD_EXEC;
			settle(m, h->tid, o);
		}
		return false;
	}
	if (!m->live || !(o = own_of(m, h->tid, false)))
		return false;
	if (h->type == HY_KEV_EXIT || h->type == HY_KEV_REFETCH)
		dropped = o->drop_exit && dropped_exit(o, h, rec, len);
	else if (o->state == OWN_EXPECT)
		dropped = expect(o, list, h, rec, len);
	else if (o->state == OWN_RELRO)
		dropped = relro(o, h, rec, len);
	else if (o->state == OWN_LOADING)
		dropped = drop(o, list, h, rec, len);
	settle(m, h->tid, o);
	return dropped;
}

void hy_guest_own_load_free(struct hy_tidmap *m)
{
	hy_tidmap_free_values(m);
}
