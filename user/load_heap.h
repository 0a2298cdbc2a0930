/* SPDX-License-Identifier: MIT */
/*
 * Huge pages under libbpf's buffers while a BPF object loads. libbpf reads the
 * kernel's BTF (/sys/kernel/btf/vmlinux, 5.4 MB here) into one fresh malloc'd
 * buffer and copies it into a second: ~2,700 page faults, a third of a start
 * (HACKING.md, "Start-up and end"). Between begin and end, glibc's malloc
 * serves blocks of up to 32 MiB from the heap, and the heap's next stretch is
 * advised for transparent huge pages: one fault per 2 MiB instead of per 4 KiB.
 */
#ifndef HY_LOAD_HEAP_H
#define HY_LOAD_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** What hy_load_heap_begin() changed, for hy_load_heap_end() to undo. */
struct hy_load_heap {
	size_t btf_size;    /* the kernel's BTF, bytes */
	bool tuned;	    /* malloc's thresholds were changed */
	uintptr_t from, to; /* the range advised MADV_HUGEPAGE; empty when none */
	void *pad;	    /* the heap below it, held during the load */
};

/**
 * Before a load: make libbpf's big buffers land in a heap range advised for
 * huge pages. Best effort, nothing to report: where the kernel has no BTF
 * file, no transparent huge pages ("never", or not built), or malloc is not
 * glibc's, the load runs as without it. Changes process-wide malloc settings
 * (mallopt(3)): only for a process that lets hytrace tune them.
 */
void hy_load_heap_begin(struct hy_load_heap *h);

/**
 * After the load: give the freed buffers back to the kernel (malloc_trim), take
 * the advice off what stays mapped, and leave malloc's thresholds where
 * glibc's own rule would have put them after libbpf freed its buffer.
 */
void hy_load_heap_end(struct hy_load_heap *h);

#endif
