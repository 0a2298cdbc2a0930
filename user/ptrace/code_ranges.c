// SPDX-License-Identifier: MIT
/*
 * A process's code and an ELF file's, as address ranges: a filter kept in a
 * static program holds the calls made from its code only (kept_filter.c),
 * and a program executed later runs untraced only if its code is elsewhere
 * (exec_runtime.c): a call from a held range with no tracer left fails with
 * ENOSYS.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ptrace/code_ranges.h"

#define VSYSCALL 0xffffffffff600000ull

int hy_pt_code_ranges(pid_t pid, struct hy_code_ranges *out)
{
	char path[64], line[512], perms[8];
	uint64_t lo, hi;
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	out->n = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s", &lo, &hi, perms) != 3 ||
		    perms[2] != 'x' || lo == VSYSCALL)
			continue;
		if (out->n && out->hi[out->n - 1] == lo) {
			out->hi[out->n - 1] = hi; /* adjoining: one range */
			continue;
		}
		if (out->n == HY_MAX_CODE_RANGES) {
			err = -E2BIG;
			break;
		}
		out->lo[out->n] = lo;
		out->hi[out->n++] = hi;
	}
	fclose(f);
	return err;
}

bool hy_pt_code_meets(const struct hy_code_ranges *a, const struct hy_code_ranges *b)
{
	if (b->n < 0 || a->n < 0)
		return true;
	for (int i = 0; i < a->n; i++)
		for (int k = 0; k < b->n; k++)
			if (a->lo[i] < b->hi[k] && b->lo[k] < a->hi[i])
				return true;
	return false;
}

bool hy_pt_code_add(struct hy_code_ranges *to, const struct hy_code_ranges *add)
{
	if (to->n < 0 || add->n < 0 || to->n + add->n > HY_MAX_CODE_RANGES)
		return false;
	for (int i = 0; i < add->n; i++) {
		to->lo[to->n] = add->lo[i];
		to->hi[to->n++] = add->hi[i];
	}
	return true;
}

/* One program header, 32- or 64-bit, as the 64-bit one. */
static bool read_phdr(int fd, bool is64, off_t at, Elf64_Phdr *ph)
{
	Elf32_Phdr p;

	if (is64)
		return pread(fd, ph, sizeof(*ph), at) == sizeof(*ph);
	if (pread(fd, &p, sizeof(p), at) != sizeof(p))
		return false;
	*ph = (Elf64_Phdr){
		.p_type = p.p_type, .p_flags = p.p_flags, .p_vaddr = p.p_vaddr, .p_memsz = p.p_memsz
	};
	return true;
}

int hy_pt_elf_read(int fd, struct hy_pt_elf *out)
{
	union {
		Elf64_Ehdr e64;
		Elf32_Ehdr e32;
	} eh;
	uint64_t phoff;
	unsigned int phnum, phentsize;
	Elf64_Phdr ph;

	memset(out, 0, sizeof(*out));
	if (pread(fd, &eh, sizeof(eh), 0) < (ssize_t)sizeof(eh.e32) ||
	    memcmp(eh.e64.e_ident, ELFMAG, SELFMAG))
		return 0;
	out->elf = true;
	out->is64 = eh.e64.e_ident[EI_CLASS] == ELFCLASS64;
	phoff = out->is64 ? eh.e64.e_phoff : eh.e32.e_phoff;
	phnum = out->is64 ? eh.e64.e_phnum : eh.e32.e_phnum;
	phentsize = out->is64 ? eh.e64.e_phentsize : eh.e32.e_phentsize;
	out->fixed = (out->is64 ? eh.e64.e_type : eh.e32.e_type) == ET_EXEC;
	for (unsigned int i = 0; i < phnum; i++) {
		if (!read_phdr(fd, out->is64, phoff + (off_t)i * phentsize, &ph))
			return -EIO;
		if (ph.p_type == PT_INTERP)
			out->interp = true;
		if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X) || !out->fixed)
			continue;
		if (out->code.n == HY_MAX_CODE_RANGES)
			return -E2BIG;
		out->code.lo[out->code.n] = ph.p_vaddr & ~0xfffull;
		out->code.hi[out->code.n++] = (ph.p_vaddr + ph.p_memsz + 0xfff) & ~0xfffull;
	}
	return 0;
}
