/* SPDX-License-Identifier: MIT */
/*
 * One syscall as the merge hands it to tools and printers: numbers, arguments,
 * result, times, and the guest memory its arguments pointed to, as captured by the
 * kernel recorder or read by the tracer. Decoders read memory only through
 * hy_rec_read()/hy_rec_str(), so they print the same way from either source.
 */
#ifndef HY_RECORD_H
#define HY_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hytrace.h"
#include "syscall_table.h"

enum hy_phase {
	HY_PHASE_ENTER = 0, /* memory as the call began: its inputs */
	HY_PHASE_EXIT = 1,  /* memory as it returned: its outputs */
	HY_PHASE_META = 2,  /* not guest memory: what the run knows about the call (HY_META_*) */
};

/* Chunks of HY_PHASE_META (the arg field): NUL-terminated strings but HY_META_SOCK(ET). */
#define HY_META_CGROUP 0    /* the task's cgroup v2 path */
#define HY_META_CONTAINER 1 /* the container that path names */
/* a socket call's descriptor, struct hy_sock_meta: hy_event.h has both, for the BPF side */
#define HY_META_SOCK 2 /* its chunk's arg (user/record.h's HY_META_* numbering) */
/* a socket descriptor as the kernel held it, struct hy_sock_ends; addr: hy_sock_ends_key() */
#define HY_META_SOCKET 3

#define HY_MEM_TRUNC 0x1  /* the object was longer than the chunk */
#define HY_MEM_FAULT 0x2  /* the address could not be read */
#define HY_MEM_STR 0x4	  /* a string; len excludes the NUL */
#define HY_MEM_COUNT 0x8  /* not the memory: a uint32_t count of the records there */
#define HY_MEM_STACK 0x10 /* not memory: the call's user stack, symbolized (stack/frames.h) */
#define HY_STACK_ARG 0xff /* the argument a stack chunk is "captured for": none */

/* How a HY_META_SOCKET chunk's descriptor was read (its addr: hy_sock_ends_key()) */
enum hy_sock_read {
	HY_SOCK_ARG = 0,    /* at entry: a descriptor argument */
	HY_SOCK_RESULT = 1, /* at exit: the result */
	HY_SOCK_ARRAY = 2,  /* at exit: one of the int[2] the call filled */
};

static inline uint64_t hy_sock_ends_key(int fd, enum hy_sock_read how)
{
	return (uint32_t)fd | (uint64_t)how << 32;
}

struct hy_mem_chunk {
	uint64_t addr;
	uint32_t len;
	uint8_t phase;
	uint8_t flags;
	uint8_t arg;  /* argument it was captured for */
	uint32_t off; /* into hy_record.store */
};

/* Reads live guest memory while the guest is stopped (escalated calls). */
struct hy_mem_live {
	ssize_t (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
	void *ctx;
};

/* Translates a process id a task saw into hytrace's PID namespace (0: unknown/same). */
struct hy_pidns {
	int (*outer)(const struct hy_pidns *ns, int tid, int inner);
};

/* strace -v: execve's argv and environment strings, a chunk each */
#define HY_REC_MAX_CHUNKS 160

/*
 * New fields must also be cleared in hy_rec_reset(). The fields before chunk[]
 * hold no pointer into the record: the event writer copies them as they are.
 */
struct hy_record {
	int tid, pid;
	enum hy_abi abi;
	long nr;
	const struct hy_sysent *ent; /* NULL for an unknown number */
	uint64_t args[6];
	int64_t ret;
	uint64_t t_enter, t_exit;
	unsigned int flags; /* HY_EV_* */
	int64_t skip_ret;   /* HY_EV_SKIPPED: what the handler returned */
	uint32_t cgroup;    /* the task's cgroup v2 id (watching runs; 0: not recorded) */
	uint64_t ip;	    /* where the call was made (hy_want_ip()); 0: not recorded */
	/* the name of the thread's call delivered before this one (hy_rt_event(): strace's
	 * restart_syscall line names it); NULL: none seen */
	const char *prev_call;

	int nchunks;
	struct hy_mem_chunk chunk[HY_REC_MAX_CHUNKS];
	uint8_t *store;
	uint32_t store_len, store_cap;

	const struct hy_mem_live *live; /* when set, used for memory not in chunks */
	const struct hy_pidns *pidns;	/* --pidns-translation */
};

/* The public event is the record. */
struct hy_event {
	struct hy_record r;
};

void hy_rec_init(struct hy_record *r);
/** Free the record's memory store (the record itself belongs to the caller). */
void hy_rec_release(struct hy_record *r);
/** Reset for reuse, keeping the store's allocation. */
void hy_rec_reset(struct hy_record *r);
/** Copy @len bytes captured at @addr into the record. Returns 0 or -ENOMEM / -ERANGE. */
int hy_rec_add_chunk(struct hy_record *r, enum hy_phase phase, int arg, uint64_t addr,
		     const void *data, uint32_t len, unsigned int flags);
/** Copy @src into @dst (deep). */
int hy_rec_copy(struct hy_record *dst, const struct hy_record *src);

/**
 * Read @len bytes at @addr as of @phase into @buf. Returns the bytes available
 * (possibly fewer than @len), or -EFAULT when the memory is unreadable or was
 * not captured.
 */
ssize_t hy_rec_read(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf,
		    size_t len);
/** The record count captured for @addr (HY_MEM_COUNT), or -1. */
long hy_rec_count(const struct hy_record *r, enum hy_phase phase, uint64_t addr);

/**
 * Point *@s at the string at @addr (phase ENTER) with its length; *@trunc tells
 * that it continues past what was captured. Returns 0 or -EFAULT.
 */
int hy_rec_str(const struct hy_record *r, uint64_t addr, const char **s, size_t *len, bool *trunc,
	       char *tmp, size_t tmpsize);

#endif
