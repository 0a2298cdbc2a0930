/* SPDX-License-Identifier: MIT */
/*
 * The ELF files of a run, opened once each: by device and inode (what
 * /proc/PID/maps names), and by GNU build-id, so the same library mapped by a
 * thousand processes (or from another path) is parsed, and its frames and
 * symbols looked up, once.
 */
#ifndef HY_MODULE_CACHE_H
#define HY_MODULE_CACHE_H

#include <stdint.h>
#include <sys/types.h>

struct hy_elfmod;
struct hy_modcache;

struct hy_modcache *hy_modcache_new(void);
void hy_modcache_free(struct hy_modcache *c);

/*
 * The module of the file @path (@dev, @ino as in /proc/PID/maps), mapped by @pid
 * at [@start, @end): read through /proc/PID/map_files when the path now names
 * another file (replaced, deleted, or in another mount namespace). NULL when it
 * cannot be read as x86-64 ELF (remembered: not tried again).
 */
struct hy_elfmod *hy_modcache_file(struct hy_modcache *c, const char *path, uint64_t dev,
				   uint64_t ino, pid_t pid, uint64_t start, uint64_t end);
/** The vdso: the same image in every 64-bit process of this kernel, read from our own. */
struct hy_elfmod *hy_modcache_vdso(struct hy_modcache *c);

#endif
