/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The open file behind a descriptor of the calling task, read from its
 * descriptor table as the kernel keeps it: what the socket decoders (sock.bpf.h)
 * and any other reader of a descriptor's object start from.
 *
 * The structs are flavoured (___hyf) so CO-RE relocates the few fields read
 * against the running kernel's BTF without vmlinux_min.h growing them; 5.10 has
 * no bpf_get_current_task_btf(), so the task is read with BPF_CORE_READ from
 * bpf_get_current_task().
 */
#ifndef HY_FD_FILE_BPF_H
#define HY_FD_FILE_BPF_H

#include "vmlinux_min.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

struct super_block___hyf {
	__u32 s_dev; /* dev_t */
	unsigned long s_magic;
} __attribute__((preserve_access_index));

struct qstr___hyf {
	const unsigned char *name;
} __attribute__((preserve_access_index));

struct dentry___hyf {
	struct qstr___hyf d_name;
} __attribute__((preserve_access_index));

struct path___hyf {
	struct dentry___hyf *dentry;
} __attribute__((preserve_access_index));

struct inode___hyf {
	unsigned short i_mode;
	unsigned long i_ino;
	struct super_block___hyf *i_sb;
	void *i_private;
} __attribute__((preserve_access_index));

struct file___hyf {
	struct inode___hyf *f_inode;
	void *private_data;
	struct path___hyf f_path;
} __attribute__((preserve_access_index));

struct fdtable___hyf {
	unsigned int max_fds;
	struct file___hyf **fd;
	unsigned long *close_on_exec;
} __attribute__((preserve_access_index));

struct files_struct___hyf {
	struct fdtable___hyf *fdt;
} __attribute__((preserve_access_index));

struct task_struct___hyf {
	struct files_struct___hyf *files;
} __attribute__((preserve_access_index));

#define HY_S_IFMT 00170000
#define HY_S_IFSOCK 0140000

/* The file descriptor @fd of the current task refers to, or NULL (closed, out of range). */
static __always_inline struct file___hyf *file_of_fd(__s64 fd)
{
	struct task_struct___hyf *task = (void *)bpf_get_current_task();
	struct fdtable___hyf *fdt = BPF_CORE_READ(task, files, fdt);
	struct file___hyf *file = NULL, **fds;

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
	struct task_struct___hyf *task = (void *)bpf_get_current_task();
	struct fdtable___hyf *fdt = BPF_CORE_READ(task, files, fdt);
	unsigned long *bits, word = 0;

	if (!fdt || fd < 0 || (__u64)fd >= BPF_CORE_READ(fdt, max_fds))
		return false;
	bits = BPF_CORE_READ(fdt, close_on_exec);
	if (bpf_probe_read_kernel(&word, sizeof(word), &bits[fd / 64]))
		return false;
	return (word >> (fd % 64)) & 1;
}

#endif
