/* SPDX-License-Identifier: MIT */
/* The debugged process's memory and software breakpoints (internal to user/ptrace/). */
#ifndef HY_GDB_MEM_H
#define HY_GDB_MEM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct hy_gdb;

/** Read @len bytes at @addr, breakpoints shown as the code they replaced. Bytes read or -errno. */
ssize_t hy_gdb_mem_read(struct hy_gdb *g, uint64_t addr, void *buf, size_t len);
/** Write @len bytes at @addr (read-only code too); breakpoints there stay. */
ssize_t hy_gdb_mem_write(struct hy_gdb *g, uint64_t addr, const void *buf, size_t len);
/** Put an int3 at @addr (Z0). 0 or -errno. */
int hy_gdb_bp_insert(struct hy_gdb *g, uint64_t addr);
/** Put the code back at @addr (z0). */
int hy_gdb_bp_remove(struct hy_gdb *g, uint64_t addr);
/** Whether one of our breakpoints is at @addr. */
bool hy_gdb_bp_at(const struct hy_gdb *g, uint64_t addr);
/** Take every breakpoint out (gdb went away). */
void hy_gdb_bp_remove_all(struct hy_gdb *g);
/** The process executed a new program: its breakpoints went with the old one. */
void hy_gdb_bp_forget(struct hy_gdb *g);
/** Process @pid is a forked copy of the debugged one: take the breakpoints out of it. */
void hy_gdb_bp_unshare(const struct hy_gdb *g, pid_t pid);

#endif
