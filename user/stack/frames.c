// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stack/frames.h"
#include "decode/printer.h"
#include "record.h"

/*
 * The chunk: a header, the frames, then their strings. A string is an offset
 * from the chunk's start (0: none); a module's name and build-id are stored
 * once per chunk.
 */
struct stack_hdr {
	uint16_t n;
	uint8_t end;
	uint8_t _pad[5];
};

struct frame_wire {
	uint64_t pc, offset, symbol_offset;
	uint32_t module, build_id, symbol, _pad;
};

static int reserve(struct hy_bytes *b, size_t n)
{
	if (b->len + n <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 1024;

	while (cap < b->len + n)
		cap *= 2;
	uint8_t *p = realloc(b->p, cap);

	if (!p)
		return -ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

/* @s's offset in @b, appending it unless an earlier frame stored the same pointer. */
static uint32_t put_str(struct hy_bytes *b, const char *s, const char **seen, uint32_t *seen_off,
			int nseen)
{
	size_t n;
	uint32_t off;

	if (!s)
		return 0;
	for (int i = 0; i < nseen; i++)
		if (seen[i] == s)
			return seen_off[i];
	n = strlen(s) + 1;
	if (reserve(b, n))
		return 0;
	off = b->len;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return off;
}

int hy_frames_pack(struct hy_bytes *out, const struct hy_frame *f, int n, int end)
{
	struct stack_hdr h = { .n = n, .end = end };
	const char *seen[2 * HY_FRAMES_MAX];
	uint32_t seen_off[2 * HY_FRAMES_MAX];
	int nseen = 0;
	size_t fo = sizeof(h);

	out->len = 0;
	if (n > HY_FRAMES_MAX || reserve(out, sizeof(h) + n * sizeof(struct frame_wire)))
		return -ENOMEM;
	memcpy(out->p, &h, sizeof(h));
	out->len = fo + n * sizeof(struct frame_wire);
	for (int i = 0; i < n; i++) {
		struct frame_wire w = { f[i].pc, f[i].offset, f[i].symbol_offset, 0, 0, 0, 0 };

		w.module = put_str(out, f[i].module, seen, seen_off, nseen);
		w.build_id = put_str(out, f[i].build_id, seen, seen_off, nseen);
		w.symbol = put_str(out, f[i].symbol, NULL, NULL, 0);
		if (nseen + 2 <= (int)(sizeof(seen) / sizeof(seen[0]))) {
			seen[nseen] = f[i].module, seen_off[nseen++] = w.module;
			seen[nseen] = f[i].build_id, seen_off[nseen++] = w.build_id;
		}
		memcpy(out->p + fo + i * sizeof(w), &w, sizeof(w));
	}
	return 0;
}

static const struct hy_mem_chunk *stack_chunk(const struct hy_record *r)
{
	for (int i = r->nchunks - 1; i >= 0; i--)
		if (r->chunk[i].flags & HY_MEM_STACK)
			return &r->chunk[i];
	return NULL;
}

bool hy_frames_present(const struct hy_record *r)
{
	return stack_chunk(r) != NULL;
}

static const char *str_at(const uint8_t *blob, size_t len, uint32_t off)
{
	return off && off < len && memchr(blob + off, 0, len - off) ? (const char *)blob + off :
								      NULL;
}

int hy_frames_of(const struct hy_record *r, struct hy_frame *f, int max, int *end)
{
	const struct hy_mem_chunk *c = stack_chunk(r);

	return c ? hy_frames_unpack(r->store + c->off, c->len, f, max, end) : -ENOENT;
}

int hy_frames_unpack(const uint8_t *blob, size_t len, struct hy_frame *f, int max, int *end)
{
	struct stack_hdr h;

	if (len < sizeof(h))
		return -ENOENT;
	memcpy(&h, blob, sizeof(h));
	if (sizeof(h) + (size_t)h.n * sizeof(struct frame_wire) > len)
		return -ENOENT;
	if (end)
		*end = h.end;
	for (int i = 0; i < h.n && i < max; i++) {
		struct frame_wire w;

		memcpy(&w, blob + sizeof(h) + i * sizeof(w), sizeof(w));
		f[i].pc = w.pc;
		f[i].offset = w.offset;
		f[i].symbol_offset = w.symbol_offset;
		f[i].module = str_at(blob, len, w.module);
		f[i].build_id = str_at(blob, len, w.build_id);
		f[i].symbol = str_at(blob, len, w.symbol);
	}
	return h.n;
}

/* "0x1b": strace prints offsets with %lx after a literal 0x, zero included. */
static void put_0x(struct hy_printer *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[20], *e = tmp + sizeof(tmp), *s = e;

	do
		*--s = digits[v & 15];
	while (v >>= 4);
	hy_pr_puts(p, "0x");
	hy_pr_write(p, s, e - s);
}

void hy_frames_print_one(struct hy_printer *p, const struct hy_frame *f)
{
	if (!f->module) {
		/* strace's words for a pc in no mapping */
		hy_pr_puts(p, " > unexpected_backtracing_error [");
		put_0x(p, f->pc);
		hy_pr_putc(p, ']');
		return;
	}
	hy_pr_puts(p, " > ");
	hy_pr_puts(p, f->module);
	hy_pr_putc(p, '(');
	if (f->symbol) {
		hy_pr_puts(p, f->symbol);
		hy_pr_putc(p, '+');
		put_0x(p, f->symbol_offset);
	}
	hy_pr_puts(p, ") [");
	put_0x(p, f->offset);
	hy_pr_putc(p, ']');
}

void hy_frames_print_text(struct hy_printer *p, const struct hy_record *r)
{
	struct hy_frame f[HY_FRAMES_MAX];
	int n = hy_frames_of(r, f, HY_FRAMES_MAX, NULL);

	for (int i = 0; i < n && i < HY_FRAMES_MAX; i++) {
		hy_frames_print_one(p, &f[i]);
		hy_pr_putc(p, '\n');
	}
}

#define TEXT_CACHE 256 /* a power of two */

struct hy_frames_text_cache {
	struct text_ent {
		uint64_t hash;
		uint8_t *blob; /* the packed stack, then its text */
		uint32_t blob_len, text_len;
	} e[TEXT_CACHE];
};

struct hy_frames_text_cache *hy_frames_text_cache_new(void)
{
	return calloc(1, sizeof(struct hy_frames_text_cache));
}

void hy_frames_text_cache_free(struct hy_frames_text_cache *c)
{
	for (int i = 0; c && i < TEXT_CACHE; i++)
		free(c->e[i].blob);
	free(c);
}

static uint64_t hash_bytes(const uint8_t *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}

/* Keep the text just printed (from @start) for the next time @blob comes. */
static void remember(struct text_ent *e, uint64_t hash, const uint8_t *blob, uint32_t len,
		     const struct hy_printer *p, size_t start)
{
	size_t tlen = p->len - start;
	uint8_t *b;

	if (p->len >= p->size || !(b = malloc(len + tlen)))
		return; /* cut short: not the whole text */
	memcpy(b, blob, len);
	memcpy(b + len, p->buf + start, tlen);
	free(e->blob);
	*e = (struct text_ent){ hash, b, len, tlen };
}

void hy_frames_print_text_cached(struct hy_printer *p, const struct hy_record *r,
				 struct hy_frames_text_cache *c)
{
	const struct hy_mem_chunk *k = stack_chunk(r);
	const uint8_t *blob;
	struct text_ent *e;
	uint64_t hash;
	size_t start = p->len;

	if (!c || !k) {
		hy_frames_print_text(p, r);
		return;
	}
	blob = r->store + k->off;
	hash = hash_bytes(blob, k->len);
	e = &c->e[hash & (TEXT_CACHE - 1)];
	if (e->blob && e->hash == hash && e->blob_len == k->len && !memcmp(e->blob, blob, k->len)) {
		hy_pr_write(p, (const char *)e->blob + e->blob_len, e->text_len);
		return;
	}
	hy_frames_print_text(p, r);
	remember(e, hash, blob, k->len, p, start);
}

static void json_field_str(struct hy_printer *p, const char *key, const char *v)
{
	hy_pr_puts(p, key);
	if (v)
		hy_pr_json_str(p, v);
	else
		hy_pr_puts(p, "null");
}

void hy_frames_print_json(struct hy_printer *p, const struct hy_record *r)
{
	static const char *const ends[] = { "complete", "truncated", "broken" };
	struct hy_frame f[HY_FRAMES_MAX];
	int end = 0, n = hy_frames_of(r, f, HY_FRAMES_MAX, &end);

	if (n < 0)
		return;
	hy_pr_puts(p, ",\"stack\":[");
	for (int i = 0; i < n && i < HY_FRAMES_MAX; i++) {
		hy_pr_puts(p, i ? ",{\"pc\":" : "{\"pc\":");
		hy_pr_u64(p, f[i].pc);
		json_field_str(p, ",\"module\":", f[i].module);
		json_field_str(p, ",\"build_id\":", f[i].build_id);
		hy_pr_puts(p, ",\"offset\":");
		hy_pr_u64(p, f[i].offset);
		json_field_str(p, ",\"symbol\":", f[i].symbol);
		hy_pr_puts(p, ",\"symbol_offset\":");
		hy_pr_u64(p, f[i].symbol_offset);
		hy_pr_putc(p, '}');
	}
	hy_pr_puts(p, "],\"stack_end\":\"");
	hy_pr_puts(p, ends[end < 3 && end >= 0 ? end : 2]);
	hy_pr_putc(p, '"');
}
