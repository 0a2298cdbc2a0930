// SPDX-License-Identifier: MIT
/*
 * stack/proc_maps: only code mappings are kept; a mapping gone from a later
 * snapshot still answers for calls made before it went; an address reused by
 * another file answers with the old one for calls before the snapshot that
 * last saw it, with the new one after (between the two snapshots the newer
 * wins: with -k, stacks made before an munmap are unwound at its stop, before
 * the snapshot can see the change); exec ends them all; a forked child starts
 * with its parent's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "stack/module_cache.h"
#include "stack/proc_maps.h"

static const char first[] =
	"55d0c000-55d0d000 r--p 00000000 fe:00 11 /nonexistent/prog\n"
	"55d0d000-55d0e000 r-xp 00001000 fe:00 11 /nonexistent/prog\n"
	"7f0000000000-7f0000001000 r-xp 00002000 fe:00 22 /nonexistent/libA.so\n"
	"7ffd000-7ffe000 rw-p 00000000 00:00 0 [stack]\n"
	"7fff0000-7fff2000 r-xp 00000000 00:00 0 [vdso]\n";
/* libA unloaded, libB loaded at the same address */
static const char second[] =
	"55d0d000-55d0e000 r-xp 00001000 fe:00 11 /nonexistent/prog\n"
	"7f0000000000-7f0000001000 r-xp 00000000 fe:00 33 /nonexistent/libB.so (deleted)\n";

static void read_text(struct hy_procmaps *pm, struct hy_modcache *mc, const char *text,
		      uint64_t now)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	assert_non_null(f);
	assert_int_equal(hy_procmaps_read(pm, mc, f, 0, now), 0);
	fclose(f);
}

static const char *name_at(const struct hy_procmaps *pm, uint64_t addr, uint64_t t)
{
	const struct hy_mapping *m = hy_procmaps_find(pm, addr, t);

	return m ? m->name : NULL;
}

static void over_time(void **state)
{
	struct hy_modcache *mc = hy_modcache_new();
	struct hy_procmaps pm = { 0 }, child = { 0 };
	const struct hy_mapping *m;

	(void)state;
	read_text(&pm, mc, first, 100);
	assert_int_equal(pm.n, 3); /* prog's code, libA, the vdso: not data, not the stack */
	m = hy_procmaps_find(&pm, 0x55d0d123, 50);
	assert_non_null(m);
	assert_int_equal(m->pgoff, 0x1000);
	assert_null(m->mod);				    /* no such file: named, not read */
	assert_null(hy_procmaps_find(&pm, 0x55d0c123, 50)); /* not code */
	read_text(&pm, mc, second, 200);
	assert_string_equal(name_at(&pm, 0x7f0000000010, 50), "/nonexistent/libA.so");
	assert_string_equal(name_at(&pm, 0x7f0000000010, 150), "/nonexistent/libB.so (deleted)");
	assert_string_equal(name_at(&pm, 0x7f0000000010, 250), "/nonexistent/libB.so (deleted)");
	assert_null(name_at(&pm, 0x7fff0010, 250)); /* the vdso left the second snapshot */
	assert_string_equal(name_at(&pm, 0x7fff0010, 150), "[vdso]"); /* ...after 150 */
	assert_int_equal(hy_procmaps_copy(&child, &pm), 0);
	hy_procmaps_end_all(&pm, 300);
	assert_null(name_at(&pm, 0x55d0d123, 350));
	assert_string_equal(name_at(&pm, 0x55d0d123, 250), "/nonexistent/prog");
	assert_string_equal(name_at(&child, 0x55d0d123, 350), "/nonexistent/prog");
	hy_procmaps_release(&pm);
	hy_procmaps_release(&child);
	hy_modcache_free(mc);
}

/* A process gone (or a zombie) has no mappings: the snapshot says so and changes nothing. */
static void gone(void **state)
{
	struct hy_modcache *mc = hy_modcache_new();
	struct hy_procmaps pm = { 0 };
	FILE *f = fmemopen((void *)"", 1, "r");

	(void)state;
	read_text(&pm, mc, first, 100);
	assert_int_equal(hy_procmaps_read(&pm, mc, f, 0, 200), -ESRCH);
	assert_string_equal(name_at(&pm, 0x7f0000000010, 250), "/nonexistent/libA.so");
	assert_int_equal(pm.snap_ns, 100);
	fclose(f);
	hy_procmaps_release(&pm);
	hy_modcache_free(mc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(over_time),
		cmocka_unit_test(gone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
