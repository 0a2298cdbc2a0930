/* SPDX-License-Identifier: MIT */
/*
 * Whether the running kernel's BTF names something, from its string section
 * alone: no type is parsed (libbpf's btf__load_vmlinux_btf() reads and indexes
 * all ~126k of them, ~50 ms here, for a question of one name).
 */
#ifndef HY_KERNEL_BTF_NAMES_H
#define HY_KERNEL_BTF_NAMES_H

#include <stdbool.h>

/*
 * Whether @name is one of the strings of /sys/kernel/btf/vmlinux (a type's,
 * a member's or an enumerator's name). The file is mapped where the kernel
 * allows it (6.16+), else only its string section is read. Returns 1 or 0,
 * or a negative errno when the kernel has no BTF or it cannot be read.
 */
int hy_kernel_btf_has_name(const char *name);

#endif
