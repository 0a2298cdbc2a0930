/* SPDX-License-Identifier: MIT */
/*
 * One ELF file as the unwinder and the symbolizer need it: where its segments
 * go, its call frame information (.eh_frame, else .debug_frame) and its
 * function symbols. Opened once per run and shared by every process that maps
 * it (see module_cache.c); the lookups are cached per address, because the
 * same call sites make the same calls over and over.
 */
#ifndef HY_ELF_MODULE_H
#define HY_ELF_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <elfutils/libdw.h>

#include "stack/addrmap.h"

struct hy_cfi_rule;

#define HY_ELFMOD_LOADS 16

struct hy_elfsym {
	uint64_t addr;
	const char *name;
	size_t order; /* in the file: the first of several aliases is the one named */
};

struct hy_elfmod {
	char *path;	   /* the file opened (frames print the name the mapping has) */
	char build_id[41]; /* hex, "" when the file has none */
	int fd;		   /* -1 for an image in memory */
	void *image;	   /* the vdso's bytes, copied */
	Elf *elf;
	Dwarf *dwarf; /* for .debug_frame, opened when .eh_frame has no entry */
	bool dwarf_tried;
	Dwarf_CFI *eh_cfi;
	struct {
		uint64_t off, vaddr, filesz;
	} load[HY_ELFMOD_LOADS];
	int nload;
	struct hy_elfsym *syms; /* sorted by address; loaded at the first lookup */
	size_t nsyms;
	bool syms_loaded;
	struct hy_addrmap rules; /* vaddr -> struct hy_cfi_rule *, NULL where there is no CFI */
};

/** Open the ELF file at @path. Returns 0, -ENOENT, -ENOEXEC (not x86-64 ELF) or -ENOMEM. */
int hy_elfmod_open(struct hy_elfmod **out, const char *path);
/** An ELF image in memory (the vdso), copied; @name is what frames print. */
int hy_elfmod_open_image(struct hy_elfmod **out, const char *name, const void *image, size_t len);
void hy_elfmod_free(struct hy_elfmod *m);

/** The virtual address (as the file's headers count) of file offset @off. */
bool hy_elfmod_vaddr(const struct hy_elfmod *m, uint64_t off, uint64_t *vaddr);
/**
 * The call frame rules at @vaddr (cached; owned by the module), or NULL when
 * neither .eh_frame nor .debug_frame describes it.
 */
const struct hy_cfi_rule *hy_elfmod_rule(struct hy_elfmod *m, uint64_t vaddr);
/**
 * The function symbol at or before @vaddr and the distance from it, chosen as
 * strace -k (libunwind) does: the nearest preceding function, the first alias in
 * the file's symbol order. NULL when the file has no symbol there.
 */
const char *hy_elfmod_symbol(struct hy_elfmod *m, uint64_t vaddr, uint64_t *off);

#endif
