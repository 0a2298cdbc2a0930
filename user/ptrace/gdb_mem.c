// SPDX-License-Identifier: MIT
/*
 * The debugged process's memory as gdb sees it. Reads and writes go through
 * /proc/PID/mem, which reaches read-only code as a debugger must (the page is
 * copied for this process only). A software breakpoint is an int3 (0xcc) over
 * the first byte of an instruction; reads show the original byte, as gdb
 * expects of breakpoints the target inserted (Z0). A forked child inherits the
 * int3s of its parent's memory: they are taken out of it before it runs, since
 * only the first process is debugged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ptrace/gdb_mem.h"
#include "ptrace/gdb_state.h"

#define INT3 0xcc

static ssize_t proc_mem(pid_t pid, uint64_t addr, void *buf, size_t len, bool write)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write ? pwrite(fd, buf, len, (off_t)addr) : pread(fd, buf, len, (off_t)addr);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

static struct hy_gdb_bp *find(const struct hy_gdb *g, uint64_t addr)
{
	for (size_t i = 0; i < g->nbps; i++)
		if (g->bps[i].addr == addr)
			return &g->bps[i];
	return NULL;
}

bool hy_gdb_bp_at(const struct hy_gdb *g, uint64_t addr)
{
	return find(g, addr) != NULL;
}

ssize_t hy_gdb_mem_read(struct hy_gdb *g, uint64_t addr, void *buf, size_t len)
{
	ssize_t n = proc_mem(g->pid, addr, buf, len, false);

	for (size_t i = 0; n > 0 && i < g->nbps; i++)
		if (g->bps[i].addr >= addr && g->bps[i].addr < addr + n)
			((uint8_t *)buf)[g->bps[i].addr - addr] = g->bps[i].orig;
	return n;
}

ssize_t hy_gdb_mem_write(struct hy_gdb *g, uint64_t addr, const void *buf, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	ssize_t n;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, buf, len);
	/* the new code is what a breakpoint there now stands for */
	for (size_t i = 0; i < g->nbps; i++)
		if (g->bps[i].addr >= addr && g->bps[i].addr < addr + len) {
			g->bps[i].orig = copy[g->bps[i].addr - addr];
			copy[g->bps[i].addr - addr] = INT3;
		}
	n = proc_mem(g->pid, addr, copy, len, true);
	free(copy);
	return n;
}

int hy_gdb_bp_insert(struct hy_gdb *g, uint64_t addr)
{
	uint8_t orig, int3 = INT3;

	if (find(g, addr))
		return 0;
	if (g->nbps == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		struct hy_gdb_bp *v = realloc(g->bps, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		g->bps = v;
		g->cap = cap;
	}
	if (proc_mem(g->pid, addr, &orig, 1, false) != 1 ||
	    proc_mem(g->pid, addr, &int3, 1, true) != 1)
		return -EFAULT;
	g->bps[g->nbps++] = (struct hy_gdb_bp){ addr, orig };
	return 0;
}

int hy_gdb_bp_remove(struct hy_gdb *g, uint64_t addr)
{
	struct hy_gdb_bp *bp = find(g, addr);
	ssize_t n;

	if (!bp)
		return 0;
	n = proc_mem(g->pid, addr, &bp->orig, 1, true);
	*bp = g->bps[--g->nbps];
	return n == 1 ? 0 : -EFAULT;
}

void hy_gdb_bp_remove_all(struct hy_gdb *g)
{
	while (g->nbps)
		hy_gdb_bp_remove(g, g->bps[g->nbps - 1].addr);
}

void hy_gdb_bp_forget(struct hy_gdb *g)
{
	g->nbps = 0;
}

void hy_gdb_bp_unshare(const struct hy_gdb *g, pid_t pid)
{
	for (size_t i = 0; i < g->nbps; i++)
		proc_mem(pid, g->bps[i].addr, (void *)&g->bps[i].orig, 1, true);
}
