/* SPDX-License-Identifier: MIT */
/*
 * libdw's functions the unwinder uses (CFI and build-ids), opened at the first
 * stack rather than linked: most runs never unwind, and libdw brings lzma and
 * bz2 with it (optional_lib.h).
 */
#ifndef HY_STACK_DW_LIB_H
#define HY_STACK_DW_LIB_H

#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>

struct hy_dw_lib {
	__typeof__(dwarf_begin_elf) *begin_elf;
	__typeof__(dwarf_end) *end;
	__typeof__(dwarf_getcfi) *getcfi;
	__typeof__(dwarf_getcfi_elf) *getcfi_elf;
	__typeof__(dwarf_cfi_addrframe) *cfi_addrframe;
	__typeof__(dwarf_cfi_end) *cfi_end;
	__typeof__(dwarf_frame_cfa) *frame_cfa;
	__typeof__(dwarf_frame_info) *frame_info;
	__typeof__(dwarf_frame_register) *frame_register;
	__typeof__(dwelf_elf_gnu_build_id) *gnu_build_id;
};

/** The functions, valid once hy_dw_open() has returned 0. */
extern struct hy_dw_lib hy_dw;

/** Open libdw once per process (any thread); 0, or a negative errno with the reason in hy_last_error(). */
int hy_dw_open(void);

#endif
