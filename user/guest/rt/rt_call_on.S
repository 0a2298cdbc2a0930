/* SPDX-License-Identifier: MIT */
/*
 * void hy_grt_call_on(void (*fn)(void *), void *arg, void *stack_top): run
 * fn(arg) on another stack (stack_top 16-byte aligned), then come back. The
 * SIGSYS handler runs on the guest's own stack, which may be small; work that
 * needs kilobytes of it (a skipped call's capture, rt_skip_mem.c) goes on a
 * stack of the runtime's instead. Outside the gate: it makes no syscall.
 */
	.text
	.globl hy_grt_call_on
	.hidden hy_grt_call_on
	.type hy_grt_call_on, @function
hy_grt_call_on:
	push %rbp
	mov %rsp, %rbp
	mov %rdx, %rsp
	mov %rdi, %rax
	mov %rsi, %rdi
	call *%rax
	mov %rbp, %rsp
	pop %rbp
	ret
	.size hy_grt_call_on, . - hy_grt_call_on
	.section .note.GNU-stack,"",@progbits
