// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack/cfi_rule.h"
#include "stack/dw_lib.h"
#include "stack/elf_module.h"

static void read_build_id(struct hy_elfmod *m)
{
	const unsigned char *id;
	ssize_t n = hy_dw.gnu_build_id(m->elf, (const void **)&id);

	m->build_id[0] = 0;
	for (ssize_t i = 0; i < n && i < 20; i++)
		snprintf(m->build_id + 2 * i, 3, "%02x", id[i]);
}

static int read_loads(struct hy_elfmod *m)
{
	GElf_Ehdr eh;
	size_t n;

	if (!gelf_getehdr(m->elf, &eh) || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_machine != EM_X86_64 || elf_getphdrnum(m->elf, &n))
		return -ENOEXEC;
	for (size_t i = 0; i < n && m->nload < HY_ELFMOD_LOADS; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(m->elf, i, &ph) || ph.p_type != PT_LOAD)
			continue;
		m->load[m->nload].off = ph.p_offset;
		m->load[m->nload].vaddr = ph.p_vaddr;
		m->load[m->nload].filesz = ph.p_filesz;
		m->nload++;
	}
	return m->nload ? 0 : -ENOEXEC;
}

/* The parts every way of opening shares, once m->elf is set. */
static int finish_open(struct hy_elfmod *m, const char *name)
{
	int err;

	if (!m->elf)
		return -ENOEXEC;
	err = read_loads(m);
	if (err)
		return err;
	m->path = strdup(name);
	if (!m->path)
		return -ENOMEM;
	err = hy_dw_open();
	if (err)
		return err;
	read_build_id(m);
	m->eh_cfi = hy_dw.getcfi_elf(m->elf);
	return 0;
}

int hy_elfmod_open(struct hy_elfmod **out, const char *path)
{
	struct hy_elfmod *m = calloc(1, sizeof(*m));
	int err;

	if (!m)
		return -ENOMEM;
	elf_version(EV_CURRENT);
	m->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (m->fd < 0) {
		err = -errno;
		free(m);
		return err;
	}
	m->elf = elf_begin(m->fd, ELF_C_READ_MMAP, NULL);
	err = finish_open(m, path);
	if (err) {
		hy_elfmod_free(m);
		return err;
	}
	*out = m;
	return 0;
}

int hy_elfmod_open_image(struct hy_elfmod **out, const char *name, const void *image, size_t len)
{
	struct hy_elfmod *m = calloc(1, sizeof(*m));
	int err;

	if (!m)
		return -ENOMEM;
	elf_version(EV_CURRENT);
	m->fd = -1;
	m->image = malloc(len);
	if (!m->image) {
		free(m);
		return -ENOMEM;
	}
	memcpy(m->image, image, len);
	m->elf = elf_memory(m->image, len);
	err = finish_open(m, name);
	if (err) {
		hy_elfmod_free(m);
		return err;
	}
	*out = m;
	return 0;
}

static void free_rule(void *rule)
{
	hy_cfi_rule_free(rule);
}

void hy_elfmod_free(struct hy_elfmod *m)
{
	if (!m)
		return;
	hy_addrmap_each(&m->rules, free_rule);
	hy_addrmap_free(&m->rules);
	if (m->eh_cfi)
		hy_dw.cfi_end(m->eh_cfi); /* ours: dwarf_getcfi_elf()'s, not a Dwarf's */
	if (m->dwarf)
		hy_dw.end(m->dwarf);
	if (m->elf)
		elf_end(m->elf);
	if (m->fd >= 0)
		close(m->fd);
	free(m->image);
	free(m->syms);
	free(m->path);
	free(m);
}

bool hy_elfmod_vaddr(const struct hy_elfmod *m, uint64_t off, uint64_t *vaddr)
{
	for (int i = 0; i < m->nload; i++) {
		if (off >= m->load[i].off && off < m->load[i].off + m->load[i].filesz) {
			*vaddr = off - m->load[i].off + m->load[i].vaddr;
			return true;
		}
	}
	return false;
}

/* .debug_frame: for code .eh_frame does not cover (rare: some static or hand-written code). */
static Dwarf_CFI *debug_cfi(struct hy_elfmod *m)
{
	if (!m->dwarf_tried) {
		m->dwarf_tried = true;
		m->dwarf = hy_dw.begin_elf(m->elf, DWARF_C_READ, NULL);
	}
	return m->dwarf ? hy_dw.getcfi(m->dwarf) : NULL;
}

const struct hy_cfi_rule *hy_elfmod_rule(struct hy_elfmod *m, uint64_t vaddr)
{
	struct hy_cfi_rule *rule;
	Dwarf_Frame *frame = NULL;
	Dwarf_CFI *dbg;
	bool found;

	rule = hy_addrmap_get(&m->rules, vaddr, &found);
	if (found)
		return rule;
	/* ~1-3 us each: interprets the FDE's instructions up to @vaddr */
	if (!m->eh_cfi || hy_dw.cfi_addrframe(m->eh_cfi, vaddr, &frame)) {
		frame = NULL;
		dbg = debug_cfi(m);
		if (!dbg || hy_dw.cfi_addrframe(dbg, vaddr, &frame))
			frame = NULL;
	}
	rule = frame ? hy_cfi_rule_new(frame) : NULL;
	if (frame && !rule)
		free(frame);
	if (hy_addrmap_put(&m->rules, vaddr, rule)) {
		hy_cfi_rule_free(rule);
		return NULL;
	}
	return rule;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct hy_elfsym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void add_section_syms(struct hy_elfmod *m, Elf_Scn *scn, const GElf_Shdr *sh, size_t *cap)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;

	for (size_t i = 0; data && i < n; i++) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF ||
		    !(name = elf_strptr(m->elf, sh->sh_link, sym.st_name)) || !*name)
			continue;
		if (m->nsyms == *cap) {
			size_t c = *cap ? 2 * *cap : 256;
			struct hy_elfsym *s = realloc(m->syms, c * sizeof(*s));

			if (!s)
				return;
			m->syms = s;
			*cap = c;
		}
		m->syms[m->nsyms] = (struct hy_elfsym){ sym.st_value, name, m->nsyms };
		m->nsyms++;
	}
}

/*
 * Every function of .dynsym and .symtab, in the file's order, sorted by address
 * with the first alias kept: libunwind, and so strace -k, names that one.
 */
static void load_syms(struct hy_elfmod *m)
{
	Elf_Scn *scn = NULL;
	size_t cap = 0, kept = 0;

	m->syms_loaded = true;
	while ((scn = elf_nextscn(m->elf, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) &&
		    (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
			add_section_syms(m, scn, &sh, &cap);
	}
	if (m->nsyms)
		qsort(m->syms, m->nsyms, sizeof(*m->syms), cmp_sym);
	for (size_t i = 0; i < m->nsyms; i++)
		if (!kept || m->syms[kept - 1].addr != m->syms[i].addr)
			m->syms[kept++] = m->syms[i];
	m->nsyms = kept;
}

const char *hy_elfmod_symbol(struct hy_elfmod *m, uint64_t vaddr, uint64_t *off)
{
	size_t lo = 0, hi;

	if (!m->syms_loaded)
		load_syms(m);
	hi = m->nsyms;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->syms[mid].addr <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	*off = vaddr - m->syms[lo - 1].addr;
	return m->syms[lo - 1].name;
}
