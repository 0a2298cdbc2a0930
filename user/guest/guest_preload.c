// SPDX-License-Identifier: MIT
/*
 * Which plugins the dynamic loader preloads into each guest program, after
 * the runtime (LD_PRELOAD), instead of the runtime's dlopen(). dlopen() in
 * the runtime's constructor allocates with the guest's malloc, whose first
 * use (glibc's getrandom for its tcache key, the heap's first brk) was then
 * made there, unseen as the runtime's, and missing from the guest's log
 * later. The loader maps its preloads with its own small allocator before
 * any malloc, and the runtime finds the tool in them without allocating
 * (dl_iterate_phdr and the offset said here).
 *
 * A preloaded object is loaded as the guest's own libraries are, so only a
 * plugin that changes nothing else of the guest's start is preloaded:
 * - it exports nothing but hytrace_tool: a preload is in the global scope,
 *   where its other symbols would come before the guest's own libraries'
 *   (a helper named `log` would take libm's calls);
 * - it needs no library but libc and the loader, which the runtime needs
 *   anyway: another would be loaded at start-up, its loading logged;
 * - it has no thread-local storage, which would grow the static TLS block
 *   the loader maps for each thread (its size is in the log);
 * - it has no constructor of its own (the compiler's frame_dummy only): one
 *   runs before the runtime's, its calls shown as the guest's.
 * Another is loaded with dlopen() as before (HACKING.md says what that
 * costs), as is one whose path LD_PRELOAD cannot hold.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hytrace.h"

/* Beyond these, a plugin is dlopen()ed: no preload is worth reading more. */
#define MAX_SECTIONS 256
#define MAX_TABLE (1u << 20)

struct elf_file {
	int fd;
	Elf64_Shdr sh[MAX_SECTIONS];
	int nsh;
};

/* Section @i's contents (at most MAX_TABLE bytes) in a new buffer, or NULL. */
static void *read_section(const struct elf_file *f, int i, size_t *size)
{
	const Elf64_Shdr *s = &f->sh[i];
	void *p;

	if (i <= 0 || i >= f->nsh || s->sh_size > MAX_TABLE || s->sh_type == SHT_NOBITS)
		return NULL;
	p = malloc(s->sh_size + 1);
	if (p && pread(f->fd, p, s->sh_size, s->sh_offset) != (ssize_t)s->sh_size) {
		free(p);
		return NULL;
	}
	if (p)
		((char *)p)[s->sh_size] = 0; /* a string table ends inside */
	*size = s->sh_size;
	return p;
}

static bool linker_symbol(const char *name)
{
	static const char *const names[] = { "_init", "_fini", "_edata", "_end", "__bss_start" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* Whether the defined symbols of .dynsym (section @i) other objects can bind to are hytrace_tool's only. */
static bool exports_only_the_tool(const struct elf_file *f, int i)
{
	size_t n = 0, nstr = 0;
	Elf64_Sym *sym = read_section(f, i, &n);
	char *str = sym ? read_section(f, (int)f->sh[i].sh_link, &nstr) : NULL;
	bool ok = str != NULL;

	for (size_t k = 1; ok && k < n / sizeof(*sym); k++) {
		const Elf64_Sym *s = &sym[k];
		const char *name = s->st_name < nstr ? str + s->st_name : "";

		if (s->st_shndx == SHN_UNDEF || ELF64_ST_BIND(s->st_info) == STB_LOCAL ||
		    ELF64_ST_VISIBILITY(s->st_other) == STV_HIDDEN ||
		    ELF64_ST_VISIBILITY(s->st_other) == STV_INTERNAL)
			continue;
		ok = !strcmp(name, HY_TOOL_SYMBOL) || linker_symbol(name);
	}
	free(str);
	free(sym);
	return ok;
}

/* Whether .dynamic (section @i) needs only what the runtime loads and names no constructor. */
static bool starts_as_nothing(const struct elf_file *f, int i)
{
	size_t n = 0, nstr = 0;
	Elf64_Dyn *dyn = read_section(f, i, &n);
	char *str = dyn ? read_section(f, (int)f->sh[i].sh_link, &nstr) : NULL;
	bool ok = str != NULL;

	for (size_t k = 0; ok && k < n / sizeof(*dyn) && dyn[k].d_tag != DT_NULL; k++) {
		const char *name = dyn[k].d_un.d_val < nstr ? str + dyn[k].d_un.d_val : "";

		if (dyn[k].d_tag == DT_NEEDED)
			ok = !strcmp(name, "libc.so.6") || !strcmp(name, "ld-linux-x86-64.so.2");
		else if (dyn[k].d_tag == DT_INIT_ARRAYSZ)
			ok = dyn[k].d_un.d_val <= sizeof(Elf64_Addr); /* frame_dummy's */
	}
	free(str);
	free(dyn);
	return ok;
}

static bool preloadable_file(const char *path)
{
	struct elf_file *f = calloc(1, sizeof(*f));
	Elf64_Ehdr eh;
	int dynsym = 0, dynamic = 0;
	bool ok = false;

	if (!f || (f->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		free(f);
		return false;
	}
	if (pread(f->fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_DYN ||
	    eh.e_shentsize != sizeof(Elf64_Shdr) || !eh.e_shnum || eh.e_shnum > MAX_SECTIONS)
		goto out;
	f->nsh = eh.e_shnum;
	if (pread(f->fd, f->sh, f->nsh * sizeof(Elf64_Shdr), eh.e_shoff) !=
	    (ssize_t)(f->nsh * sizeof(Elf64_Shdr)))
		goto out;
	for (int i = 1; i < f->nsh; i++) {
		if (f->sh[i].sh_flags & SHF_TLS)
			goto out;
		if (f->sh[i].sh_type == SHT_DYNSYM)
			dynsym = i;
		else if (f->sh[i].sh_type == SHT_DYNAMIC)
			dynamic = i;
	}
	ok = dynsym && dynamic && exports_only_the_tool(f, dynsym) && starts_as_nothing(f, dynamic);
out:
	close(f->fd);
	free(f);
	return ok;
}

uint64_t hy_guest_preload_offset(const char *path, const void *tool)
{
	struct link_map *lm = NULL;
	Dl_info di;

	if (!dladdr1(tool, &di, (void **)&lm, RTLD_DL_LINKMAP) || !lm ||
	    (uintptr_t)tool <= lm->l_addr || !preloadable_file(path))
		return 0;
	return (uintptr_t)tool - lm->l_addr;
}

void hy_guest_preload_list(struct hy_guest_hdr *h, const char *runtime)
{
	size_t used = strlen(runtime), n;

	snprintf(h->preload, sizeof(h->preload), "%s", runtime);
	for (uint32_t i = 0; i < h->ntools; i++) {
		struct hy_guest_tool *t = &h->tool[i];
		bool again = false;

		if (!t->preload_off)
			continue;
		for (uint32_t k = 0; k < i && !again; k++)
			again = h->tool[k].preload_off && !strcmp(h->tool[k].where, t->where);
		if (again) /* the same file twice: the loader loads it once */
			continue;
		n = strlen(t->where);
		/* LD_PRELOAD's separators are ':' and ' ' */
		if (strpbrk(t->where, ": ") || used + 1 + n >= sizeof(h->preload)) {
			t->preload_off = 0;
			continue;
		}
		h->preload[used++] = ':';
		memcpy(h->preload + used, t->where, n + 1);
		used += n;
	}
}
