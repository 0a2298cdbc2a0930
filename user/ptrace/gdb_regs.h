/* SPDX-License-Identifier: MIT */
/* An x86-64 task's registers as gdb numbers and lays them out (internal to user/ptrace/). */
#ifndef HY_GDB_REGS_H
#define HY_GDB_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define HY_GDB_REGS_SIZE 560 /* the 'g' packet: every register, in target.xml's order */
#define HY_GDB_REG_RIP 16

/** The target description gdb reads with qXfer:features:read:target.xml. */
const char *hy_gdb_target_xml(void);
/** All registers of stopped task @tid into @out (HY_GDB_REGS_SIZE bytes). 0 or -errno. */
int hy_gdb_regs_get(pid_t tid, uint8_t *out);
/** Set all registers of @tid from @in (HY_GDB_REGS_SIZE bytes). */
int hy_gdb_regs_set(pid_t tid, const uint8_t *in);
/** Register @regno's offset and size in the 'g' layout; -1 for no such register. */
int hy_gdb_reg_span(int regno, size_t *offset, size_t *size);

#endif
