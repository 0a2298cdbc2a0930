/* SPDX-License-Identifier: MIT */
/*
 * What kind of program an ELF file is for the guest backend, read the same
 * way by hytrace (guest_choice.c, the command) and by the runtime (rt_task.c,
 * a guest's execve): a dynamic 64-bit one gets the runtime; a static one
 * (any class) is held through ptrace with a filter of its own code's calls;
 * a dynamic 32-bit one is held through ptrace, every call. A "#!" script is
 * the program its interpreter is.
 */
#ifndef HY_GUEST_ELF_H
#define HY_GUEST_ELF_H

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "guest/guest_shm.h"

/* Whether the ELF file @fd of @class names a loader (PT_INTERP); true when unreadable. */
static inline bool hy_guest_elf_interp(int fd, int class)
{
	Elf64_Ehdr eh;
	Elf32_Ehdr eh32;
	Elf64_Phdr ph;
	Elf32_Phdr ph32;
	bool is64 = class == ELFCLASS64;
	uint64_t off;
	int n, size;

	if (is64 ? pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) :
		   pread(fd, &eh32, sizeof(eh32), 0) != sizeof(eh32))
		return true;
	off = is64 ? eh.e_phoff : eh32.e_phoff;
	n = is64 ? eh.e_phnum : eh32.e_phnum;
	size = is64 ? eh.e_phentsize : eh32.e_phentsize;
	for (int i = 0; i < n; i++) {
		if (is64 ? pread(fd, &ph, sizeof(ph), off + (off_t)i * size) != sizeof(ph) :
			   pread(fd, &ph32, sizeof(ph32), off + (off_t)i * size) != sizeof(ph32))
			return true;
		if ((is64 ? ph.p_type : ph32.p_type) == PT_INTERP)
			return true;
	}
	return false;
}

/*
 * The program in @fd: 0 (a dynamic 64-bit one), HY_IMAGE_STATIC or
 * HY_IMAGE_32BIT, with @loaderless set for a static one of either class; -1
 * when it is no ELF file of either class.
 */
static inline int hy_guest_elf_kind(int fd, bool *loaderless)
{
	unsigned char ident[EI_NIDENT];

	*loaderless = false;
	if (pread(fd, ident, sizeof(ident), 0) != sizeof(ident) || memcmp(ident, ELFMAG, SELFMAG) ||
	    (ident[EI_CLASS] != ELFCLASS64 && ident[EI_CLASS] != ELFCLASS32))
		return -1;
	*loaderless = !hy_guest_elf_interp(fd, ident[EI_CLASS]);
	return ident[EI_CLASS] == ELFCLASS32 ? HY_IMAGE_32BIT : *loaderless ? HY_IMAGE_STATIC : 0;
}

#define HY_GUEST_MAX_INTERP 5 /* scripts of scripts, as deep as exec_binprm() goes (Linux 5.8+) */

/*
 * The program that runs when @path is executed, open (O_CLOEXEC): @path, or
 * for a "#!" script the interpreter it names, followed as binfmt_script does
 * (the first word after "#!" in the first 256 bytes, a script's interpreter
 * a script again up to HY_GUEST_MAX_INTERP deep). Its path to @final (@size
 * bytes) if @final. -1 with errno: the open's, ELOOP too deep, ENOEXEC a
 * "#!" that names nothing.
 */
static inline int hy_guest_open_program(const char *path, char *final, size_t size)
{
	char head[256], name[256];
	size_t len;
	ssize_t n;
	char *p;
	int fd;

	for (int depth = 0;; depth++) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		n = pread(fd, head, sizeof(head) - 1, 0);
		if (n < 2 || head[0] != '#' || head[1] != '!')
			break;
		close(fd);
		if (depth == HY_GUEST_MAX_INTERP) {
			errno = ELOOP;
			return -1;
		}
		head[n] = 0;
		p = head + 2 + strspn(head + 2, " \t");
		len = strcspn(p, " \t\n");
		if (!len) {
			errno = ENOEXEC;
			return -1;
		}
		memcpy(name, p, len);
		name[len] = 0;
		path = name;
	}
	if (final && size) {
		len = strnlen(path, size - 1);
		memcpy(final, path, len);
		final[len] = 0;
	}
	return fd;
}

#endif
