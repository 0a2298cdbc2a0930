/* SPDX-License-Identifier: MIT */
/*
 * Which of the two families of BPF programs hytrace attaches to the kernel's
 * tracepoints on this kernel: tp_btf, or the classic tracepoint programs.
 * HACKING.md, "Lossless on every kernel", says why.
 */
#ifndef HY_TRACEPOINT_FAMILY_H
#define HY_TRACEPOINT_FAMILY_H

#include <stdbool.h>

/**
 * Whether the classic tracepoint programs are the ones to load: on kernels
 * after 6.18, which run tp_btf programs preemptibly (a task preempted inside
 * one makes the kernel skip it for every other task on that CPU). The
 * environment's HYTRACE_TRACEPOINTS=classic or =btf decides instead.
 */
bool hy_tracepoints_classic(void);

#endif
