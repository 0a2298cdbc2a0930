/* SPDX-License-Identifier: MIT */
/*
 * The gate: the only code whose syscall instructions Syscall User Dispatch lets
 * through (the region given to prctl is hy_gate_start..hy_gate_end). Every
 * call the guest makes traps to the SIGSYS handler, which runs the tools and
 * then has the call made here: either from the handler (hy_gate_syscall), or,
 * for calls that must run in the guest's own context (the signal mask restored,
 * a new thread's stack), by returning from the handler into one of the resume
 * entries below with the guest's registers and rsp pointing at a slot
 * {guest rip, guest rsp, saved rsi} left below the dead signal frame.
 *
 * Every syscall the gate makes for the guest (a "slot" call) lies between the
 * start + 34 and GATE_SLOTS_END, and is made with rsp at {guest rip, guest
 * rsp} and the guest's callee-saved registers (rbx, rbp, r12-r15) in place:
 * the kernel recorder takes a call's stack (-k) and rip (-i) from there
 * (bpf/hytrace.bpf.c, "slot"), so they are the guest's, as under ptrace, and
 * not the runtime's. The runtime's own calls, notes and skips come after.
 */
/*
 * Call a C function of the runtime with the call's result (rax) in rdi, the
 * guest's registers kept and its red zone untouched (vfork-type calls only).
 */
.macro CALL_KEEPING fn
	sub $128, %rsp
	push %rax
	push %rdi
	push %rsi
	push %rdx
	push %r10
	push %r8
	push %r9
	push %rbx
	mov %rsp, %rbx
	and $-16, %rsp
	mov %rax, %rdi
	call \fn
	mov %rbx, %rsp
	pop %rbx
	pop %r9
	pop %r8
	pop %r10
	pop %rdx
	pop %rsi
	pop %rdi
	pop %rax
	add $128, %rsp
.endm

/*
 * A call from the handler as the guest's (SYSCALL_AS): rdi = the guest's
 * registers (greg_t[], the ucontext's order), rsi = nr, rdx = its six
 * arguments. The runtime's callee-saved registers are kept on its stack, the
 * guest's loaded, and {rip, rsp} pushed: the slot the recorder reads.
 */
#define G_R12 (4 * 8)
#define G_R13 (5 * 8)
#define G_R14 (6 * 8)
#define G_R15 (7 * 8)
#define G_RBP (10 * 8)
#define G_RBX (11 * 8)
#define G_RSP (15 * 8)
#define G_RIP (16 * 8)
.macro SYSCALL_AS
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsi, %rax
	mov %rdx, %r11
	pushq G_RSP(%rdi)
	pushq G_RIP(%rdi)
	mov G_RBP(%rdi), %rbp
	mov G_RBX(%rdi), %rbx
	mov G_R12(%rdi), %r12
	mov G_R13(%rdi), %r13
	mov G_R14(%rdi), %r14
	mov G_R15(%rdi), %r15
	mov (%r11), %rdi
	mov 8(%r11), %rsi
	mov 16(%r11), %rdx
	mov 24(%r11), %r10
	mov 32(%r11), %r8
	mov 40(%r11), %r9
	syscall
.endm
.macro SYSCALL_AS_END
	add $16, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
.endm

	.section .text.hytrace_gate,"ax",@progbits
	.globl hy_gate_start, hy_gate_end, hy_gate_syscall, hy_gate_sigreturn, hy_gate_restorer
	.globl hy_gate_vfork, hy_gate_resume, hy_gate_clone_vm, hy_gate_clone3_vm, hy_gate_int80
	.globl hy_gate_rewritten, hy_gate_setmask, hy_gate_resume_held, hy_gate_syscall_held
	.globl hy_gate_syscall_as
	.hidden hy_gate_resume_held, hy_gate_syscall_held, hy_gate_syscall_as
	.hidden hy_gate_rewritten, hy_gate_setmask, hy_grt_direct, hy_grt_held_direct, hy_grt_xsave_size, hy_grt_held
#define HY_DIRECT_MAX 512
#define HY_SEL_BLOCK 1
/* the slot calls' syscalls end after the start + 33 and up to here (bpf/hytrace.bpf.c) */
#define GATE_SLOTS_END 0x300
	.hidden hy_gate_start, hy_gate_end, hy_gate_syscall, hy_gate_sigreturn, hy_gate_restorer
	.hidden hy_gate_vfork, hy_gate_resume, hy_gate_clone_vm, hy_gate_clone3_vm, hy_gate_int80
	.set CLONE_VFORK, 0x4000
	.p2align 4
hy_gate_start:

/*
 * The handler's restorer, first: the kernel recorder knows the runtime's own
 * rt_sigreturn by its address, the region's start + 7 (bpf/hytrace.bpf.c).
 */
hy_gate_restorer:
	mov $15, %eax
	syscall
	ud2

/*
 * long hy_gate_setmask(const uint64_t *set, uint64_t *old): rt_sigprocmask
 * (SIG_SETMASK) of the runtime's own, made while the selector says "block"
 * so that no signal handler of the guest ever runs with it at "allow"; the
 * recorder knows it by its address, the region's start + 33.
 */
hy_gate_setmask:
	mov %rsi, %rdx
	mov %rdi, %rsi
	mov $2, %edi
	mov $8, %r10d
	mov $14, %eax
	syscall
1:	ret
	/* where bpf/hytrace.bpf.c looks for them (GATE_*_END) */
	.if 1b - hy_gate_start - 33
	.error "hy_gate_setmask's syscall must end at the gate's start + 33"
	.endif
	.if hy_gate_restorer + 7 - hy_gate_start - 7
	.error "the restorer's syscall must end at the gate's start + 7"
	.endif

/*
 * A held call the tools let run as it was (no note): the recorder marks a
 * call made from here as held (HY_CALL_HELD, HY_SYS_HELD), which a note
 * said before. hy_gate_resume_held: resumed with the guest's registers, as
 * hy_gate_resume; its syscall ends at the start + 36.
 * hy_gate_syscall_held(g, nr, a): as hy_gate_syscall_as; its syscall ends at
 * the start + 121.
 */
hy_gate_resume_held:
	syscall
2:	mov (%rsp), %rcx
	mov 8(%rsp), %rsp
	jmp *%rcx
hy_gate_syscall_held:
	SYSCALL_AS
3:	SYSCALL_AS_END
	.if 2b - hy_gate_start - 36
	.error "hy_gate_resume_held's syscall must end at the gate's start + 36"
	.endif
	.if 3b - hy_gate_start - 121
	.error "hy_gate_syscall_held's syscall must end at the gate's start + 121"
	.endif

/*
 * long hy_gate_syscall_as(const greg_t *g, long nr, const uint64_t a[6]): a
 * call the handler makes for the guest (its exit wanted, a fork), as if made
 * where the guest's registers @g say.
 */
hy_gate_syscall_as:
	SYSCALL_AS
	SYSCALL_AS_END

/* Resumed here with the guest's registers (rax = nr) and rsp at the slot. */
hy_gate_resume:
	syscall
	mov (%rsp), %rcx
	mov 8(%rsp), %rsp
	jmp *%rcx

/*
 * clone(CLONE_VM, stack): rsi was lowered by 8 and the guest's rip written
 * there, so the child, on its new stack, pops where to go; rsi is put back.
 */
hy_gate_clone_vm:
	syscall
	test $CLONE_VFORK, %edi
	jz 3f
	CALL_KEEPING hy_grt_after_vfork /* posix_spawn's child on its own stack, and parent */
3:	test %rax, %rax
	jz 1f
	mov 16(%rsp), %rsi
	mov (%rsp), %rcx
	mov 8(%rsp), %rsp
	jmp *%rcx
1:	pop %rcx
	mov %rsp, %rsi
	jmp *%rcx

/* clone3 with CLONE_VM and a stack: its stack_size was lowered by 8 likewise. */
hy_gate_clone3_vm:
	syscall
	testl $CLONE_VFORK, (%rdi) /* the clone_args' flags */
	jz 4f
	CALL_KEEPING hy_grt_after_vfork
4:	test %rax, %rax
	jz 2f
	mov (%rsp), %rcx
	mov 8(%rsp), %rsp
	jmp *%rcx
2:	pop %rcx
	jmp *%rcx

/*
 * vfork (the child on this very stack until it executes or exits): parent and
 * child both resume here, and find the guest's rip and rsp in the thread's
 * hy_grt_vfork_slot, not on the stack the child is using meanwhile. The child
 * is armed first and the parent takes its thread identity back (rt_task.c).
 * The slot goes below the guest's red zone (rcx and r11 are the syscall's).
 */
hy_gate_vfork:
	movq hy_grt_vfork_slot@gottpoff(%rip), %r11
	movq %fs:(%r11), %rcx
	lea -144(%rsp), %rsp
	pushq %fs:8(%r11)
	push %rcx
	syscall
	CALL_KEEPING hy_grt_after_vfork
	test %rax, %rax
	jz 6f
	/* the parent, once the child has executed or exited (or vfork failed) */
	movq hy_grt_vforking@gottpoff(%rip), %r11
	movb $0, %fs:(%r11)
6:	movq hy_grt_vfork_slot@gottpoff(%rip), %r11
	movq %fs:(%r11), %rcx
	movq %fs:8(%r11), %rsp
	jmp *%rcx

/*
 * A rewritten call site's stub calls here (rt_rewrite.c) with the number in
 * rax and the arguments in place. A call no tool holds and that is not made
 * by hand (hy_grt_direct) is made at once, without a trap; one a tool holds
 * that the handler would make from the gate as it is (hy_grt_held_direct)
 * goes to the tools without a trap (hy_rewritten_held); any other is made
 * from hy_rewritten_trap, outside the gate, so it traps to the handler as
 * from the site itself. So is every call while the selector says "allow"
 * (the runtime's own calls, through the guest's libc: made there, not
 * trapped, not recorded) or while a vfork child runs on this thread's stack
 * and memory (it is not armed: its calls are made as they are).
 */
hy_gate_rewritten:
	movq hy_grt_sel@gottpoff(%rip), %r11
	cmpb $HY_SEL_BLOCK, %fs:(%r11)
	jne 3f
	movq hy_grt_vforking@gottpoff(%rip), %r11
	cmpb $0, %fs:(%r11)
	jne 3f
	cmp $HY_DIRECT_MAX, %rax
	jae 3f
	bt %rax, hy_grt_direct(%rip)
	jnc 4f
	/*
	 * The slot: the site's rip (the stub's jmp back, rel32 at the return
	 * address + 9, ends at + 13) and rsp (above the return address and the
	 * red zone the stub stepped over).
	 */
	mov (%rsp), %r11
	movslq 9(%r11), %rcx
	lea 13(%r11,%rcx), %rcx
	lea 136(%rsp), %r11
	push %r11
	push %rcx
	syscall
	add $16, %rsp
	ret
4:	bt %rax, hy_grt_held_direct(%rip)
	jc hy_rewritten_held
3:	jmp hy_rewritten_trap


	/* the slot calls above (the assembler fails if they pass it); the others below */
	.org hy_gate_start + GATE_SLOTS_END, 0xcc

/* long hy_gate_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) */
hy_gate_syscall:
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %r10
	mov %r9, %r8
	mov 8(%rsp), %r9
	syscall
	ret

/* Where a guest's own rt_sigreturn is made. */
hy_gate_sigreturn:
	mov $15, %eax
	syscall
	ud2

/* long hy_gate_int80(long nr, long a0..a5): the i386 ABI from a 64-bit process */
hy_gate_int80:
	push %rbx
	push %rbp
	mov %rdi, %rax
	mov %rsi, %rbx
	mov %rcx, %r11
	mov %rdx, %rcx
	mov %r11, %rdx
	mov %r8, %rsi
	mov %r9, %rdi
	mov 24(%rsp), %rbp
	int $0x80
	pop %rbp
	pop %rbx
	ret

hy_gate_end:

	.text
hy_rewritten_trap:
	syscall
	ret

/*
 * A held call from a rewritten site: the registers a syscall keeps (all but
 * rax, rcx and r11), the vector and x87 state included (xsave: the tools are
 * C), are kept while hy_grt_held(nr, regs) runs the tools and makes the call;
 * its value is the call's. regs (struct hy_grt_site_regs, rt.h) is what the
 * pushes below leave: the site's rsp and rip (the stub's jmp back, as in
 * hy_gate_rewritten), the callee-saved registers, the six arguments, rbp:
 * the registers the call would have trapped with (hy_backtrace(), -k).
 */
hy_rewritten_held:
	push %rbp
	mov %rsp, %rbp
	push %r9
	push %r8
	push %r10
	push %rdx
	push %rsi
	push %rdi
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov 8(%rbp), %r11	/* the return address into the stub */
	movslq 9(%r11), %rcx
	lea 13(%r11,%rcx), %rcx
	push %rcx		/* rip */
	lea 144(%rbp), %rcx
	push %rcx		/* rsp: above the return address and the red zone */
	mov %rsp, %r12
	mov %rax, %rbx		/* the number */
	sub hy_grt_xsave_size(%rip), %rsp
	and $-64, %rsp
	/* the xsave header (bytes 512-575) zeroed: xrstor wants its reserved bytes 0 */
	xor %eax, %eax
	mov $8, %ecx
5:	mov %rax, 504(%rsp,%rcx,8)
	loop 5b
	/* every component but AMX's tiles (17, 18): restoring those could fault (XFD) */
	mov $0xfff9ffff, %eax
	mov $-1, %edx
	xsave64 (%rsp)
	mov %rbx, %rdi
	mov %r12, %rsi
	call hy_grt_held
	mov %rax, %rbx
	mov $0xfff9ffff, %eax
	mov $-1, %edx
	xrstor64 (%rsp)
	mov %rbx, %rax
	lea 16(%r12), %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rdi
	pop %rsi
	pop %rdx
	pop %r10
	pop %r8
	pop %r9
	pop %rbp
	ret

	.section .note.GNU-stack,"",@progbits
