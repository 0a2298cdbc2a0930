// SPDX-License-Identifier: MIT
#include <malloc.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load_heap.h"

#define HUGE_PAGE (2ul << 20)
/* the largest M_MMAP_THRESHOLD glibc takes (half its HEAP_MAX_SIZE) */
#define HEAP_BLOCK_MAX (32ul << 20)

static uintptr_t align_down(uintptr_t v, uintptr_t to)
{
	return v & ~(to - 1);
}

void hy_load_heap_begin(struct hy_load_heap *h)
{
	struct stat st;
	size_t size;
	uintptr_t p;

	*h = (struct hy_load_heap){ 0 };
	if (stat("/sys/kernel/btf/vmlinux", &st) || st.st_size <= 0)
		return;
	h->btf_size = st.st_size;
	/* the file's buffer, its copy, and the type index libbpf builds beside them */
	size = align_down(2 * h->btf_size + 2 * HUGE_PAGE + HUGE_PAGE - 1, HUGE_PAGE);
	if (size > HEAP_BLOCK_MAX)
		size = HEAP_BLOCK_MAX;
	/*
	 * Blocks below the threshold come from the heap (above it, each is a
	 * mapping of its own, which no advice given now would reach); a high trim
	 * threshold keeps the stretch grown here mapped until the load is over.
	 */
	if (!mallopt(M_MMAP_THRESHOLD, HEAP_BLOCK_MAX) || !mallopt(M_TRIM_THRESHOLD, 2 * size))
		return;
	h->tuned = true;
	/* grown and freed untouched: its pages are faulted by libbpf, as huge ones */
	p = (uintptr_t)malloc(size);
	if (!p)
		return;
	h->from = align_down(p + HUGE_PAGE - 1, HUGE_PAGE);
	h->to = align_down(p + size, HUGE_PAGE);
	if (h->to <= h->from || madvise((void *)h->from, h->to - h->from, MADV_HUGEPAGE)) {
		h->from = h->to = 0;
		free((void *)p);
		return;
	}
	free((void *)p);
	/*
	 * The stretch below the first huge page stays taken until the end, so
	 * that the next big block starts on it: up to 512 faults fewer. A block's
	 * chunk is its size plus glibc's header, rounded up to 16: this one's ends
	 * where the huge pages begin.
	 */
	if (h->from - p >= 4 * sizeof(size_t))
		h->pad = malloc(h->from - p - 2 * sizeof(size_t));
}

void hy_load_heap_end(struct hy_load_heap *h)
{
	size_t page = sysconf(_SC_PAGESIZE);
	/* glibc's dynamic rule, on freeing a mapped block, sets them to its size and twice that */
	size_t block = align_down(h->btf_size + page - 1, page);

	if (!h->tuned)
		return;
	mallopt(M_MMAP_THRESHOLD, block);
	mallopt(M_TRIM_THRESHOLD, 2 * block);
	free(h->pad);
	malloc_trim(0);
	/* what is left of the stretch under the heap's live blocks takes 4 KiB pages again */
	if (h->to)
		madvise((void *)h->from, h->to - h->from, MADV_NOHUGEPAGE);
	*h = (struct hy_load_heap){ 0 };
}
