// SPDX-License-Identifier: MIT
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "syscall_table.h"
#include "sysset.h"

static const struct {
	const char *name;
	uint32_t classes;
} class_names[] = {
	{ "desc", HY_C_DESC },
	{ "file", HY_C_FILE },
	{ "ipc", HY_C_IPC },
	{ "net", HY_C_NET },
	{ "network", HY_C_NET },
	{ "process", HY_C_PROCESS },
	{ "signal", HY_C_SIGNAL },
	{ "memory", HY_C_MEMORY },
	{ "creds", HY_C_CREDS },
	{ "clock", HY_C_CLOCK },
	{ "stat", HY_C_STAT },
	{ "lstat", HY_C_LSTAT },
	{ "fstat", HY_C_FSTAT },
	{ "%stat", HY_C_STAT | HY_C_LSTAT | HY_C_FSTAT },
	{ "statfs", HY_C_STATFS },
	{ "fstatfs", HY_C_FSTATFS },
	{ "%statfs", HY_C_STATFS | HY_C_FSTATFS },
	{ "pure", HY_C_PURE },
};

static const struct {
	const char *name;
	uint32_t classes;
} legacy_classes[] = {
	{ "desc", HY_C_DESC },	   { "file", HY_C_FILE },	{ "ipc", HY_C_IPC },
	{ "network", HY_C_NET },   { "process", HY_C_PROCESS }, { "signal", HY_C_SIGNAL },
	{ "memory", HY_C_MEMORY },
};

/*
 * Names glibc no longer calls on x86-64: subscribing to them alone would show
 * nothing, which surprises people who learnt strace on older systems. (Not
 * dup2: glibc's dup2() still calls it, and so does sh.)
 */
static const struct {
	const char *name;
	const char *instead;
} superseded[] = {
	{ "open", "openat" },	   { "creat", "openat" }, { "stat", "newfstatat" },
	{ "lstat", "newfstatat" }, { "fork", "clone" },
};

void hy_sysset_clear(struct hy_sysset *set)
{
	memset(set, 0, sizeof(*set));
}

void hy_sysset_add(struct hy_sysset *set, enum hy_abi abi, long nr)
{
	if (nr >= 0 && nr < HY_SYSSET_NR_MAX && (unsigned int)abi < HY_ABI_COUNT)
		set->bits[abi][nr / 64] |= 1ull << (nr % 64);
}

void hy_sysset_del(struct hy_sysset *set, enum hy_abi abi, long nr)
{
	if (nr >= 0 && nr < HY_SYSSET_NR_MAX && (unsigned int)abi < HY_ABI_COUNT)
		set->bits[abi][nr / 64] &= ~(1ull << (nr % 64));
}

void hy_sysset_union(struct hy_sysset *dst, const struct hy_sysset *src)
{
	for (int a = 0; a < HY_ABI_COUNT; a++)
		for (int w = 0; w < HY_SYSSET_NR_MAX / 64; w++)
			dst->bits[a][w] |= src->bits[a][w];
}

/* "all" means every syscall the table knows, not every number. */
void hy_sysset_fill(struct hy_sysset *set)
{
	for (int a = 0; a < HY_ABI_COUNT; a++) {
		const struct hy_systable *t = hy_systable(a);

		for (unsigned int nr = 0; nr < t->size; nr++)
			if (t->ent[nr].name)
				hy_sysset_add(set, a, nr);
	}
}

bool hy_sysset_empty(const struct hy_sysset *set)
{
	return hy_sysset_count(set) == 0;
}

unsigned int hy_sysset_count(const struct hy_sysset *set)
{
	unsigned int n = 0;

	for (int a = 0; a < HY_ABI_COUNT; a++)
		for (int w = 0; w < HY_SYSSET_NR_MAX / 64; w++)
			n += __builtin_popcountll(set->bits[a][w]);
	return n;
}

bool hy_sysset_any_class(const struct hy_sysset *set, uint32_t classes)
{
	for (int a = 0; a < HY_ABI_COUNT; a++)
		for (int nr = 0; nr < HY_SYSSET_NR_MAX; nr++) {
			const struct hy_sysent *e;

			if (!(set->bits[a][nr / 64] >> (nr % 64) & 1))
				continue;
			e = hy_sysent_get(a, nr);
			if (e && e->classes & classes)
				return true;
		}
	return false;
}

static unsigned int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned int row[64], prev_diag, tmp;

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev_diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned int best = prev_diag + (a[i - 1] != b[j - 1]);

			tmp = row[j];
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			prev_diag = tmp;
			row[j] = best;
		}
	}
	return row[lb];
}

void hy_syscall_suggest(const char *name, char *buf, size_t size, int n)
{
	const struct hy_systable *t = hy_systable(HY_ABI_X86_64);
	const char *best[8];
	unsigned int dist[8];
	int nbest = 0;
	unsigned int limit = strlen(name) <= 4 ? 1 : strlen(name) <= 8 ? 2 : 3;
	size_t len = 0;

	if (n > 8)
		n = 8;
	for (unsigned int nr = 0; nr < t->size; nr++) {
		const char *cand = t->ent[nr].name;
		unsigned int d;
		int i;

		if (!cand)
			continue;
		d = edit_distance(name, cand);
		/* a prefix ("getpp" -> getppid) is as good as a one-letter typo */
		if (strncmp(cand, name, strlen(name)) == 0 && d > 1)
			d = 1;
		if (d > limit)
			continue;
		for (i = nbest; i > 0 && dist[i - 1] > d; i--) {
			if (i < n) {
				best[i] = best[i - 1];
				dist[i] = dist[i - 1];
			}
		}
		if (i < n) {
			best[i] = cand;
			dist[i] = d;
			if (nbest < n)
				nbest++;
		}
	}
	buf[0] = 0;
	for (int i = 0; i < nbest && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s", i ? ", " : "", best[i]);
}

static int parse_abi(const char *s, int *abi)
{
	if (!strcmp(s, "x86_64") || !strcmp(s, "64"))
		*abi = HY_ABI_X86_64;
	else if (!strcmp(s, "i386") || !strcmp(s, "32"))
		*abi = HY_ABI_I386;
	else if (!strcmp(s, "x32"))
		*abi = HY_ABI_X32;
	else
		return -1;
	return 0;
}

static void apply(struct hy_sysset *set, bool neg, enum hy_abi abi, long nr)
{
	if (neg)
		hy_sysset_del(set, abi, nr);
	else
		hy_sysset_add(set, abi, nr);
}

/*
 * Whether glibc's regcomp() would build a tree too big for a syscall name:
 * it copies a repeated atom once per repetition (`x+` is `xx*`, `x{3}` is
 * `xxx`), so stacked or nested repetitions grow exponentially with the
 * pattern's length (`/a+++...+` with 30 '+' took longer than the fuzzer's 10
 * s). An estimate of the copies, bracket expressions and escapes counted as
 * one atom each; names are at most a few dozen characters, so a pattern that
 * needs thousands of nodes is refused.
 */
#define REGEX_MAX_NODES 4096

static bool regex_too_big(const char *re)
{
	uint64_t group[32], cur = 0, last = 0;
	int depth = 0;

	for (const char *p = re; *p; p++) {
		uint64_t times = 1;

		switch (*p) {
		case '\\':
			p += p[1] != 0;
			last = 1, cur += 1;
			break;
		case '[':
			/* a leading ']' (after an optional '^') is a member, [:class:] is one */
			p += 1 + (p[1] == '^');
			p += *p == ']';
			for (const char *class; *p && *p != ']'; p++)
				if (p[0] == '[' && p[1] == ':' && (class = strstr(p + 2, ":]")))
					p = class + 1;
			if (!*p)
				return false; /* regcomp() refuses it */
			last = 1, cur += 1;
			break;
		case '(':
			if (depth == (int)(sizeof(group) / sizeof(group[0])))
				return true;
			group[depth++] = cur;
			cur = last = 0;
			break;
		case ')':
			if (depth) {
				last = cur;
				cur = group[--depth] + last;
			}
			break;
		case '|':
			last = 0;
			break;
		case '+':
			times = 2;
			break;
		case '*':
		case '?':
			break;
		case '{': {
			char *end;
			uint64_t m, n;

			if (!isdigit((unsigned char)p[1])) {
				last = 1, cur += 1; /* not a bound: regcomp() says what it is */
				break;
			}
			m = n = strtoull(p + 1, &end, 10);
			if (*end == ',') {
				const char *from = end + 1;

				n = strtoull(from, &end, 10);
				if (end == from)
					n = m + 1; /* {m,}: one copy more than m, then a star */
			}
			times = n > m ? n : m ? m : 1;
			p = *end == '}' ? end : end - 1;
			break;
		}
		default:
			last = 1, cur += 1;
		}
		if (times > REGEX_MAX_NODES)
			return true;
		cur += last * (times - 1);
		last *= times;
		if (cur > REGEX_MAX_NODES || last > REGEX_MAX_NODES)
			return true;
	}
	return false;
}

/* Apply one item to the ABIs in [a0, a1]; returns how many syscalls it matched. */
static int apply_item(struct hy_sysset *set, const char *item, bool neg, int a0, int a1)
{
	int matched = 0;
	bool glob = strpbrk(item, "*?[") != NULL;
	uint32_t classes = 0;
	regex_t re;
	bool regex = item[0] == '/';

	if (item[0] == '%') {
		for (size_t i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
			if (!strcmp(item + 1, class_names[i].name))
				classes = class_names[i].classes;
		if (!classes)
			return -1;
	} else {
		/* strace's older class names, still taken without the '%' (before syscall names) */
		for (size_t i = 0; i < sizeof(legacy_classes) / sizeof(legacy_classes[0]); i++)
			if (!strcmp(item, legacy_classes[i].name))
				classes = legacy_classes[i].classes;
	}
	if (regex && regex_too_big(item + 1))
		return -3;
	if (regex && regcomp(&re, item + 1, REG_EXTENDED | REG_NOSUB))
		return -2;
	for (int a = a0; a <= a1; a++) {
		const struct hy_systable *t = hy_systable(a);

		for (unsigned int nr = 0; nr < t->size; nr++) {
			const struct hy_sysent *e = &t->ent[nr];
			bool hit;

			if (!e->name)
				continue;
			if (!strcmp(item, "all"))
				hit = true;
			else if (classes)
				hit = e->classes & classes;
			else if (regex)
				hit = regexec(&re, e->name, 0, NULL, 0) == 0;
			else if (glob)
				hit = fnmatch(item, e->name, 0) == 0;
			else
				hit = !strcmp(item, e->name);
			if (hit) {
				apply(set, neg, a, nr);
				matched++;
			}
		}
	}
	if (regex)
		regfree(&re);
	return matched;
}

static void add_hint(const char *name, const char *spec, char *hint, size_t hintsize)
{
	size_t len;

	if (!hint)
		return;
	for (size_t i = 0; i < sizeof(superseded) / sizeof(superseded[0]); i++) {
		if (strcmp(name, superseded[i].name) || strstr(spec, superseded[i].instead))
			continue;
		len = strlen(hint);
		snprintf(hint + len, hintsize - len,
			 "%sglibc on x86-64 calls %s, not %s: subscribe to %s as well",
			 len ? "; " : "", superseded[i].instead, name, superseded[i].instead);
	}
}

/* One item (its '!' and '?' already taken off) applied to @set; 0 or an error. */
static int parse_item(struct hy_sysset *set, char *tok, bool neg, bool quiet, const char *spec,
		      char *hint, size_t hintsize)
{
	int a0 = 0, a1 = HY_ABI_COUNT - 1, abi, n;
	char near[160];
	char *at;

	/* a regex may hold '@': only a known ABI after the last one is a suffix */
	at = tok[0] == '/' ? strrchr(tok, '@') : strchr(tok, '@');
	if (at && tok[0] == '/' && parse_abi(at + 1, &abi))
		at = NULL;
	if (at) {
		*at = 0;
		if (parse_abi(at + 1, &abi))
			return hy_error(-EINVAL,
					"unknown ABI '%s' in syscall set (use x86_64, i386 or x32)",
					at + 1);
		a0 = a1 = abi;
	}
	if (!*tok)
		return hy_error(-EINVAL, "empty item in syscall set '%s'", spec);
	if (!strcmp(tok, "none")) {
		if (!neg)
			hy_sysset_clear(set);
		return 0;
	}
	if (isdigit((unsigned char)*tok)) {
		char *end;
		long nr = strtol(tok, &end, 0);

		if (*end || nr >= HY_SYSSET_NR_MAX) {
			if (quiet)
				return 0;
			return hy_error(-EINVAL, "bad syscall number '%s'", tok);
		}
		apply(set, neg, at ? a0 : HY_ABI_X86_64, nr);
		return 0;
	}
	n = apply_item(set, tok, neg, a0, a1);
	if (n == -2)
		return hy_error(-EINVAL, "bad regular expression '%s' in syscall set", tok + 1);
	if (n == -3)
		return hy_error(-EINVAL,
				"regular expression '%s' in syscall set repeats too much (over %d "
				"copies of its parts)",
				tok + 1, REGEX_MAX_NODES);
	if (n > 0) {
		if (!neg)
			add_hint(tok, spec, hint, hintsize);
		return 0;
	}
	if (quiet) /* strace's '?': no error when nothing has that name */
		return 0;
	if (tok[0] == '%')
		return hy_error(-EINVAL,
				"unknown syscall class '%s' (classes: %%desc %%file %%ipc %%net "
				"%%process %%signal %%memory %%creds %%clock %%stat %%lstat "
				"%%fstat %%%%stat %%statfs %%fstatfs %%%%statfs %%pure)",
				tok);
	if (tok[0] == '/')
		return hy_error(-EINVAL, "regular expression '%s' matches no syscall", tok + 1);
	hy_syscall_suggest(tok, near, sizeof(near), 3);
	if (strpbrk(tok, "*?["))
		return hy_error(-EINVAL, "syscall pattern '%s' matches nothing", tok);
	if (near[0])
		return hy_error(-EINVAL, "unknown syscall '%s' (did you mean %s?)", tok, near);
	return hy_error(-EINVAL, "unknown syscall '%s'", tok);
}

/*
 * strace's grammar: a '!' before the whole list negates the whole set
 * ("!openat,close" is every syscall but those two). A '!' before a later item
 * removes it (hytrace's: "%file,!openat"). The items build the set from empty,
 * then it is added to @set.
 */
int hy_sysset_parse(struct hy_sysset *set, const char *spec, char *hint, size_t hintsize)
{
	struct hy_sysset items;
	char *copy, *save = NULL, *tok;
	bool invert = false;
	int err = 0;

	if (hint && hintsize)
		hint[0] = 0;
	if (!spec)
		return hy_error(-EINVAL, "empty syscall set");
	while (isspace((unsigned char)*spec))
		spec++;
	if (*spec == '!') {
		invert = true;
		spec++;
	}
	if (!*spec)
		return hy_error(-EINVAL, "empty syscall set");
	if (spec[0] == ',' || spec[strlen(spec) - 1] == ',' || strstr(spec, ",,"))
		return hy_error(-EINVAL, "empty item in syscall set '%s'", spec);
	copy = strdup(spec);
	if (!copy)
		return hy_error(-ENOMEM, "out of memory");
	hy_sysset_clear(&items);
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		bool neg = false, quiet = false;

		while (isspace((unsigned char)*tok))
			tok++;
		if (*tok == '!') {
			neg = true;
			tok++;
		}
		while (*tok == '?') {
			quiet = true;
			tok++;
		}
		err = parse_item(&items, tok, neg, quiet, spec, invert ? NULL : hint, hintsize);
	}
	free(copy);
	if (err)
		return err;
	if (invert) {
		struct hy_sysset all;

		hy_sysset_clear(&all);
		hy_sysset_fill(&all);
		for (int a = 0; a < HY_ABI_COUNT; a++)
			for (int w = 0; w < HY_SYSSET_NR_MAX / 64; w++)
				items.bits[a][w] = all.bits[a][w] & ~items.bits[a][w];
	}
	hy_sysset_union(set, &items);
	return 0;
}

struct hy_sysset *hy_sysset_new(const char *spec)
{
	struct hy_sysset *set = calloc(1, sizeof(*set));

	if (!set) {
		hy_error(-ENOMEM, "out of memory");
		return NULL;
	}
	if (hy_sysset_parse(set, spec, NULL, 0)) {
		free(set);
		return NULL;
	}
	return set;
}

bool hy_sysset_contains(const struct hy_sysset *set, enum hy_abi abi, long nr)
{
	if (!set || nr < 0 || nr >= HY_SYSSET_NR_MAX || (unsigned int)abi >= HY_ABI_COUNT)
		return false;
	return set->bits[abi][nr / 64] >> (nr % 64) & 1;
}

bool hy_sysset_shows(const struct hy_sysset *set, enum hy_abi abi, long nr)
{
	if (hy_sysset_contains(set, abi, nr))
		return true;
	return set && nr >= 0 && !hy_sysent_get(abi, nr) && !hy_sysset_empty(set);
}

void hy_sysset_free(struct hy_sysset *set)
{
	free(set);
}

int hy_sysset_check(const char *spec, char *hint, size_t size)
{
	struct hy_sysset set;

	hy_sysset_clear(&set);
	return hy_sysset_parse(&set, spec, hint, size);
}
