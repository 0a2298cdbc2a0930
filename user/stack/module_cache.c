// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stack/elf_module.h"
#include "stack/module_cache.h"

struct file_ent {
	uint64_t dev, ino;
	struct hy_elfmod *mod; /* NULL: could not be read */
};

struct hy_modcache {
	struct file_ent *files;
	size_t nfiles, cap;
	struct hy_elfmod *vdso;
	bool vdso_tried;
};

struct hy_modcache *hy_modcache_new(void)
{
	return calloc(1, sizeof(struct hy_modcache));
}

/* Modules are shared between entries (same build-id): free each once. */
static bool first_use(const struct hy_modcache *c, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (c->files[j].mod == c->files[i].mod)
			return false;
	return true;
}

void hy_modcache_free(struct hy_modcache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i].mod && first_use(c, i))
			hy_elfmod_free(c->files[i].mod);
	hy_elfmod_free(c->vdso);
	free(c->files);
	free(c);
}

static struct file_ent *find(struct hy_modcache *c, uint64_t dev, uint64_t ino)
{
	for (size_t i = c->nfiles; i-- > 0;)
		if (c->files[i].dev == dev && c->files[i].ino == ino)
			return &c->files[i];
	return NULL;
}

/* The file at @path if it is still inode @ino; else what the process mapped. */
static struct hy_elfmod *open_file(const char *path, uint64_t ino, pid_t pid, uint64_t start,
				   uint64_t end)
{
	struct hy_elfmod *m = NULL;
	struct stat st;
	char alt[96];

	if (!stat(path, &st) && st.st_ino == ino && !hy_elfmod_open(&m, path))
		return m;
	snprintf(alt, sizeof(alt), "/proc/%d/map_files/%llx-%llx", pid, (unsigned long long)start,
		 (unsigned long long)end);
	return hy_elfmod_open(&m, alt) ? NULL : m;
}

/*
 * Another inode with the same build-id (a copy, another mount namespace): the
 * module already open. Frames print the name each process mapped it by.
 */
static struct hy_elfmod *same_build(struct hy_modcache *c, struct hy_elfmod *m)
{
	if (!m || !m->build_id[0])
		return m;
	for (size_t i = 0; i < c->nfiles; i++) {
		struct hy_elfmod *o = c->files[i].mod;

		if (o && !strcmp(o->build_id, m->build_id)) {
			hy_elfmod_free(m);
			return o;
		}
	}
	return m;
}

struct hy_elfmod *hy_modcache_file(struct hy_modcache *c, const char *path, uint64_t dev,
				   uint64_t ino, pid_t pid, uint64_t start, uint64_t end)
{
	struct file_ent *e = find(c, dev, ino);
	struct hy_elfmod *m;

	if (e)
		return e->mod;
	m = same_build(c, open_file(path, ino, pid, start, end));
	if (c->nfiles == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		struct file_ent *f = realloc(c->files, cap * sizeof(*f));

		if (!f) {
			if (m && first_use(c, c->nfiles))
				hy_elfmod_free(m);
			return NULL;
		}
		c->files = f;
		c->cap = cap;
	}
	c->files[c->nfiles++] = (struct file_ent){ dev, ino, m };
	return m;
}

/* The vdso's size: its section headers are its end. */
static size_t image_size(const void *image)
{
	const Elf64_Ehdr *eh = image;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64)
		return 0;
	return eh->e_shoff + (size_t)eh->e_shnum * eh->e_shentsize;
}

struct hy_elfmod *hy_modcache_vdso(struct hy_modcache *c)
{
	const void *image = (const void *)getauxval(AT_SYSINFO_EHDR);
	size_t size;

	if (!c->vdso_tried) {
		c->vdso_tried = true;
		if (image && (size = image_size(image)))
			hy_elfmod_open_image(&c->vdso, "[vdso]", image, size);
	}
	return c->vdso;
}
