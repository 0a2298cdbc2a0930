// SPDX-License-Identifier: MIT
/*
 * Credentials: capability sets (capget, capset) and group id lists.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <string.h>
#include <linux/capability.h>

#include "decode/args.h"
#include "decode/decode_cred.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* The names of word @w's bits in @v, each after *@sep; returns the bits without a name. */
static uint32_t put_cap_names(struct hy_printer *p, int w, uint32_t v, const char **sep)
{
	for (int b = 0; b < 32; b++) {
		const char *name;

		if (!(v & (1u << b)) || !(name = hy_xlat_name(HY_X_CAP, w * 32 + b)))
			continue;
		hy_pr_printf(p, "%s1<<%s", *sep, name);
		*sep = "|";
		v &= ~(1u << b);
	}
	return v;
}

/* -X raw and verbose: each word with bits its own constant, "0xfeffffff|0x1ff" (strace) */
static void print_cap_words(struct hy_printer *p, uint32_t lo, uint32_t hi)
{
	const char *sep = "";

	for (int w = 0; w < 2; w++) {
		uint32_t v = w ? hi : lo;
		const char *inner = "";
		int tok;

		if (!v)
			continue;
		hy_pr_puts(p, sep);
		sep = "|";
		if (!(tok = hy_pr_const_open(p, v, HY_NUM_HEX)))
			continue;
		v = put_cap_names(p, w, v, &inner);
		if (v)
			hy_pr_printf(p, *inner ? "|%#x" : "%#x /* CAP_??? */", v);
		hy_pr_const_close(p, tok);
	}
}

/* One capability set: "1<<CAP_CHOWN|...", the high word's unknown bits as "0x80000000 / * CAP_??? * /" */
static void print_cap_set(struct hy_printer *p, uint32_t lo, uint32_t hi)
{
	const char *sep = "";

	if (!lo && !hi) {
		hy_pr_putc(p, '0');
		return;
	}
	if (p->xstyle != HY_XSTYLE_ABBREV) {
		print_cap_words(p, lo, hi);
		return;
	}
	/* each word as its own flag set: the comment only for a word without a name */
	for (int w = 0; w < 2; w++) {
		uint32_t word = w ? hi : lo, v = put_cap_names(p, w, word, &sep);

		if (v) {
			hy_pr_printf(p, v != word ? "%s%#x" : "%s%#x /* CAP_??? */", sep, v);
			sep = "|";
		}
	}
}

/* capget(header, data) and capset(header, data): data has one or two words per set, by version */
void hy_dec_capget(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t ha = hy_uarg(r, 0), da = hy_uarg(r, 1);
	bool set = r->ent && !strcmp(r->ent->name, "capset");
	uint32_t h[2], d[6] = { 0 };
	int words = 0;

	if (ha && hy_read(r, HY_PHASE_ENTER, ha, h, sizeof(h))) {
		hy_pr_puts(p, "{version=");
		hy_pr_enum(p, HY_X_CAP_VERSION, h[0]);
		hy_pr_printf(p, ", pid=%d}", (int)h[1]);
		words = h[0] == _LINUX_CAPABILITY_VERSION_1 ? 1 :
			h[0] == _LINUX_CAPABILITY_VERSION_2 ? 2 :
			h[0] == _LINUX_CAPABILITY_VERSION_3 ? 2 :
							      0;
	} else {
		hy_pr_ptr(p, ha);
	}
	hy_pr_sep(p);
	if (!da || !words || (!set && !hy_exit_ok(r)) ||
	    !hy_read(r, set ? HY_PHASE_ENTER : HY_PHASE_EXIT, da, d, words * 12)) {
		hy_pr_ptr(p, da);
		return;
	}
	/* the words of a set are d[0] and d[3]: struct { effective, permitted, inheritable }[2] */
	hy_pr_puts(p, "{effective=");
	print_cap_set(p, d[0], d[3]);
	hy_pr_puts(p, ", permitted=");
	print_cap_set(p, d[1], d[4]);
	hy_pr_puts(p, ", inheritable=");
	print_cap_set(p, d[2], d[5]);
	hy_pr_putc(p, '}');
}

/*
 * getgroups/setgroups' list: "[0, 5, 100]", at most -s entries; i386's calls
 * without "32" take 16-bit ids. The count is the result (getgroups) or the size.
 */
void hy_pr_gids_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr, int64_t count)
{
	unsigned int w = hy_compat32(r) && r->ent && !strstr(r->ent->name, "32") ? 2 : 4;
	uint8_t buf[HY_GIDS_MAX * 4];
	int64_t show = count < p->strsize ? count : p->strsize;

	if (show > HY_GIDS_MAX)
		show = HY_GIDS_MAX;
	/* an empty list is not read: strace prints "[]" for any address but NULL */
	if (count < 0 || !addr || (show && !hy_read(r, phase, addr, buf, (size_t)show * w))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (int64_t i = 0; i < show; i++) {
		uint32_t g = 0;

		memcpy(&g, buf + i * w, w);
		hy_pr_printf(p, "%s%u", i ? ", " : "", g);
	}
	hy_pr_puts(p, count > show ? ", ...]" : "]");
}
