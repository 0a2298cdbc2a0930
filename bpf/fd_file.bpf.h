/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The open file behind a descriptor of the calling task, read from its
 * descriptor table as the kernel keeps it: what the socket decoders (sock.bpf.h)
 * and any other reader of a descriptor's object start from.
 *
 * The structs are vmlinux_min.h's, relocated by CO-RE; 5.10 has no
 * bpf_get_current_task_btf(), so the task is read with BPF_CORE_READ from
 * bpf_get_current_task().
 */
#ifndef HY_FD_FILE_BPF_H
#define HY_FD_FILE_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

#define HY_S_IFMT 00170000
#define HY_S_IFSOCK 0140000

/* The file descriptor @fd of the current task refers to, or NULL (closed, out of range). */
static __always_inline struct file *file_of_fd(__s64 fd)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file *file = NULL, **fds;

	if (!fdt || fd < 0 || (__u64)fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]))
		return NULL;
	return file;
}

/* Whether descriptor @fd of the current task closes at exec (fdt->close_on_exec's bit) */
static __always_inline bool fd_cloexec(__s64 fd)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	unsigned long *bits, word = 0;

	if (!fdt || fd < 0 || (__u64)fd >= BPF_CORE_READ(fdt, max_fds))
		return false;
	bits = BPF_CORE_READ(fdt, close_on_exec);
	if (bpf_probe_read_kernel(&word, sizeof(word), &bits[fd / 64]))
		return false;
	return (word >> (fd % 64)) & 1;
}

#endif
