// SPDX-License-Identifier: MIT
/*
 * The runtime's own allocator. The handler runs at any syscall of the guest,
 * also inside malloc (its mmap, brk) and inside fork (glibc holds malloc's
 * locks across the clone and releases them in the child after it): taking
 * malloc there deadlocks. The core compiled into the runtime (the task
 * registry, the states) allocates here instead (the Makefile maps malloc,
 * calloc, realloc, free and strdup to these): power-of-two classes carved from
 * mmap, one spin lock, with signals blocked wherever the handler calls it.
 * The lock holds its holder's thread id: a vfork child that dies holding it
 * (killed in the handler) leaves it to its parent to give back (rt_lock.c).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "guest/rt/rt.h"

#define MIN_SHIFT 4
#define CLASSES 16 /* 16 B .. 512 KiB */
#define CHUNK (1u << 20)

struct hdr {
	size_t size; /* usable bytes; a class size, or a whole mapping */
	size_t pad;
};

static void *free_list[CLASSES];
static char *carve, *carve_end;
static volatile int lock;

static void take(void)
{
	while (!hy_grt_try_lock(&lock))
		__builtin_ia32_pause();
}

static void give(void)
{
	hy_grt_try_unlock(&lock);
}

void hy_grt_alloc_free_held(int tid)
{
	hy_grt_unlock_held(&lock, tid);
}

void hy_grt_alloc_hold(void)
{
	take();
}

static int class_of(size_t n)
{
	int c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < n)
		c++;
	return c;
}

void *hy_grt_malloc(size_t n)
{
	int c = class_of(n + sizeof(struct hdr));
	size_t sz = (size_t)1 << (c + MIN_SHIFT);
	struct hdr *h;

	if (c >= CLASSES) {
		sz = (n + sizeof(*h) + 4095) & ~(size_t)4095;
		h = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (h == MAP_FAILED)
			return NULL;
		h->size = sz - sizeof(*h);
		return h + 1;
	}
	take();
	if ((h = free_list[c])) {
		free_list[c] = *(void **)h;
	} else {
		if (carve + sz > carve_end) {
			char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED) {
				give();
				return NULL;
			}
			carve = p;
			carve_end = p + CHUNK;
		}
		h = (struct hdr *)carve;
		carve += sz;
	}
	give();
	h->size = sz - sizeof(*h);
	return h + 1;
}

void hy_grt_free(void *p)
{
	struct hdr *h = (struct hdr *)p - 1;
	int c;

	if (!p)
		return;
	c = class_of(h->size + sizeof(*h));
	if (c >= CLASSES) {
		munmap(h, h->size + sizeof(*h));
		return;
	}
	take();
	*(void **)h = free_list[c];
	free_list[c] = h;
	give();
}

void *hy_grt_calloc(size_t n, size_t m)
{
	void *p;

	if (m && n > SIZE_MAX / m)
		return NULL;
	p = hy_grt_malloc(n * m);
	if (p)
		memset(p, 0, n * m);
	return p;
}

void *hy_grt_realloc(void *p, size_t n)
{
	struct hdr *h = (struct hdr *)p - 1;
	void *q;

	if (!p)
		return hy_grt_malloc(n);
	if (n <= h->size)
		return p;
	if (!(q = hy_grt_malloc(n)))
		return NULL;
	memcpy(q, p, h->size);
	hy_grt_free(p);
	return q;
}

char *hy_grt_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = hy_grt_malloc(n);

	return p ? memcpy(p, s, n) : NULL;
}
