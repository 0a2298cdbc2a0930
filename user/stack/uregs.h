/* SPDX-License-Identifier: MIT */
/* What unwinding one frame reads: the frame's registers and the stack's memory. */
#ifndef HY_UREGS_H
#define HY_UREGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* x86-64 DWARF register numbers: 0-15 the general registers, 16 the return address. */
#define HY_UREG_RBX 3
#define HY_UREG_RBP 6
#define HY_UREG_RSP 7
#define HY_UREG_R12 12
#define HY_UREG_RIP 16
#define HY_UREG_N 17

struct hy_uregs {
	uint64_t r[HY_UREG_N];
	uint32_t known; /* bit per register */
};

/* The memory the unwinder reads: a copy of the stack, and perhaps live memory beyond it. */
struct hy_umem {
	const uint8_t *stack;
	uint64_t base; /* the address of stack[0] */
	size_t len;
	ssize_t (*read)(void *ctx, uint64_t addr, void *buf, size_t len); /* NULL: the copy only */
	void *ctx;
};

#endif
