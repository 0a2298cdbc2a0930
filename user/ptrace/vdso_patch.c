// SPDX-License-Identifier: MIT
/*
 * Making the vDSO's clock functions take the syscall path (HY_TOOL_VDSO_SYSCALLS).
 * clock_gettime, gettimeofday and time in the vDSO read the TSC and the
 * kernel's clock page without a syscall, so a tool subscribed to them would
 * never see those calls. At each exec the new vDSO's symbols are looked up in
 * its own ELF image and each function is overwritten with `mov $NR, %eax;
 * syscall; ret` (its arguments are already where the syscall wants them), and
 * getrandom with `return -ENOSYS`, which makes a libc that uses it fall back to
 * the syscall. The write goes through /proc/PID/mem, which copies the page for
 * this process only (as a debugger's breakpoint does); forked children inherit
 * the copy. 32-bit programs keep their vDSO.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procfs.h"
#include "ptrace/syscall_stop.h"
#include "ptrace/vdso_patch.h"
#include "session.h"

#define VDSO_MAX (64 * 1024) /* the x86-64 vDSO is two pages */

struct stub {
	const char *name;
	unsigned char code[8];
	size_t len;
};

/* mov $NR, %eax; syscall; ret */
#define SYSCALL_STUB(nr) { 0xb8, (nr)&0xff, (nr) >> 8, 0, 0, 0x0f, 0x05, 0xc3 }, 8

static const struct stub stubs[] = {
	{ "__vdso_clock_gettime", SYSCALL_STUB(SYS_clock_gettime) },
	{ "__vdso_gettimeofday", SYSCALL_STUB(SYS_gettimeofday) },
	{ "__vdso_time", SYSCALL_STUB(SYS_time) },
	/* mov $-ENOSYS, %rax; ret */
	{ "__vdso_getrandom", { 0x48, 0xc7, 0xc0, 0xda, 0xff, 0xff, 0xff, 0xc3 }, 8 },
};

/* The vDSO's address in @tid, from its auxiliary vector; 0 when it has none. */
static uint64_t vdso_base(pid_t tid)
{
	return hy_proc_auxv(tid, AT_SYSINFO_EHDR);
}

/* The dynamic symbol table of the image @img (@size bytes): symbols and their names. */
static int find_dynsym(const unsigned char *img, size_t size, const Elf64_Sym **syms, size_t *n,
		       const char **names, size_t *names_size)
{
	const Elf64_Ehdr *e = (const void *)img;
	const Elf64_Shdr *sh;

	if (size < sizeof(*e) || memcmp(e->e_ident, ELFMAG, SELFMAG) ||
	    e->e_ident[EI_CLASS] != ELFCLASS64 || e->e_machine != EM_X86_64 ||
	    e->e_shentsize != sizeof(*sh) || e->e_shoff + e->e_shnum * sizeof(*sh) > size)
		return -ENOEXEC;
	sh = (const void *)(img + e->e_shoff);
	for (int i = 0; i < e->e_shnum; i++) {
		const Elf64_Shdr *str = &sh[sh[i].sh_link % e->e_shnum];

		if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_offset + sh[i].sh_size > size ||
		    str->sh_offset + str->sh_size > size)
			continue;
		*syms = (const void *)(img + sh[i].sh_offset);
		*n = sh[i].sh_size / sizeof(Elf64_Sym);
		*names = (const char *)img + str->sh_offset;
		*names_size = str->sh_size;
		return 0;
	}
	return -ENOEXEC;
}

/* Write @st over the function at @off of the image, after its endbr64 if it has one. */
static int patch_one(struct hy_session *s, struct hy_task *t, uint64_t base,
		     const unsigned char *img, const Elf64_Sym *sym, const struct stub *st)
{
	static const unsigned char endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	uint64_t off = sym->st_value;

	if (!memcmp(img + off, endbr64, sizeof(endbr64)))
		off += sizeof(endbr64);
	if (off + st->len > sym->st_value + sym->st_size)
		return -ENOSPC;
	return hy_pt_write_mem(s, t, base + off, st->code, st->len) == (ssize_t)st->len ? 0 :
											  -EFAULT;
}

static int patch_image(struct hy_session *s, struct hy_task *t, uint64_t base,
		       const unsigned char *img, size_t size)
{
	const Elf64_Sym *syms;
	const char *names;
	size_t n, names_size;
	int err = find_dynsym(img, size, &syms, &n, &names, &names_size);

	for (size_t i = 0; !err && i < n; i++) {
		const char *name = syms[i].st_name < names_size ? names + syms[i].st_name : "";

		if (syms[i].st_value + syms[i].st_size > size)
			continue;
		for (size_t k = 0; k < sizeof(stubs) / sizeof(stubs[0]) && !err; k++)
			if (!strcmp(name, stubs[k].name))
				err = patch_one(s, t, base, img, &syms[i], &stubs[k]);
	}
	return err;
}

int hy_vdso_patch(struct hy_session *s, struct hy_task *t)
{
	uint64_t base = vdso_base(t->tid);
	unsigned char *img;
	Elf64_Ehdr e;
	size_t size;
	ssize_t n;
	int err;

	if (!base)
		return 0; /* no vDSO (vdso=0): every clock read is a syscall already */
	if (hy_pt_read_mem(s, t, base, &e, sizeof(e)) != sizeof(e))
		return -EFAULT;
	if (e.e_ident[EI_CLASS] != ELFCLASS64)
		return 0;
	/* the image ends with its section headers */
	size = e.e_shoff + (size_t)e.e_shnum * sizeof(Elf64_Shdr);
	if (size > VDSO_MAX || !(img = malloc(size)))
		return -ENOMEM;
	n = hy_pt_read_mem(s, t, base, img, size);
	err = n < 0 ? (int)n : patch_image(s, t, base, img, n);
	free(img);
	return err;
}
