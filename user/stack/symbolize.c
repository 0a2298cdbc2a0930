// SPDX-License-Identifier: MIT
#include <string.h>

#include "stack/elf_module.h"
#include "stack/proc_maps.h"
#include "stack/symbolize.h"

void hy_symbolize(const struct hy_procmaps *pm, uint64_t pc, uint64_t t, bool innermost,
		  struct hy_frame *f)
{
	hy_symbolize_in(hy_procmaps_find(pm, innermost ? pc : pc - 1, t), pc, innermost, f);
}

void hy_symbolize_in(const struct hy_mapping *m, uint64_t pc, bool innermost, struct hy_frame *f)
{
	uint64_t look = innermost ? pc : pc - 1, vaddr;
	const char *sym;

	memset(f, 0, sizeof(*f));
	f->pc = pc;
	if (!m)
		return;
	f->module = m->name[0] ? m->name : NULL;
	f->offset = pc - m->start + m->pgoff;
	if (!m->mod)
		return;
	f->build_id = m->mod->build_id[0] ? m->mod->build_id : NULL;
	if (!hy_elfmod_vaddr(m->mod, look - m->start + m->pgoff, &vaddr))
		return;
	sym = hy_elfmod_symbol(m->mod, vaddr, &f->symbol_offset);
	if (sym) {
		f->symbol = sym;
		f->symbol_offset += pc - look;
	}
}
