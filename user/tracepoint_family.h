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

/**
 * Why attaching the classic programs failed with @err, when it is tracefs that
 * is missing (libbpf finds a tracepoint's id there): a one-line reason in
 * hy_last_error() and @err returned; 0 when that is not it.
 */
int hy_tracefs_missing(int err);

#endif
