// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

void hy_rec_init(struct hy_record *r)
{
	memset(r, 0, sizeof(*r));
}

void hy_rec_release(struct hy_record *r)
{
	free(r->store);
	r->store = NULL;
	r->store_len = r->store_cap = 0;
	r->nchunks = 0;
}

/* Per event on the hot path: clear the fields, not the ~1 KiB chunk table. */
void hy_rec_reset(struct hy_record *r)
{
	r->tid = r->pid = 0;
	r->abi = 0;
	r->nr = 0;
	r->ent = NULL;
	memset(r->args, 0, sizeof(r->args));
	r->ret = r->skip_ret = 0;
	r->t_enter = r->t_exit = 0;
	r->flags = 0;
	r->cgroup = 0;
	r->prev_call = NULL;
	r->ip = 0;
	r->nchunks = 0;
	r->store_len = 0;
	r->live = NULL;
	r->pidns = NULL;
}

int hy_rec_add_chunk(struct hy_record *r, enum hy_phase phase, int arg, uint64_t addr,
		     const void *data, uint32_t len, unsigned int flags)
{
	struct hy_mem_chunk *c;

	if (r->nchunks >= HY_REC_MAX_CHUNKS)
		return -ERANGE;
	if (r->store_len + len > r->store_cap) {
		uint32_t cap = r->store_cap ? r->store_cap : 256;
		uint8_t *p;

		while (cap < r->store_len + len)
			cap *= 2;
		p = realloc(r->store, cap);
		if (!p)
			return -ENOMEM;
		r->store = p;
		r->store_cap = cap;
	}
	c = &r->chunk[r->nchunks++];
	c->addr = addr;
	c->len = len;
	c->phase = phase;
	c->flags = flags;
	c->arg = arg;
	c->off = r->store_len;
	if (len)
		memcpy(r->store + r->store_len, data, len);
	r->store_len += len;
	return 0;
}

int hy_rec_copy(struct hy_record *dst, const struct hy_record *src)
{
	uint8_t *store = dst->store;
	uint32_t cap = dst->store_cap;

	if (src->store_len > cap) {
		store = realloc(store, src->store_len);
		if (!store)
			return -ENOMEM;
		cap = src->store_len;
	}
	*dst = *src;
	dst->store = store;
	dst->store_cap = cap;
	if (src->store_len)
		memcpy(dst->store, src->store, src->store_len);
	return 0;
}

/*
 * The chunk holding @addr; a readable one wins over a fault noted for the same
 * address, and one with bytes over an empty one there (an iovec may name one
 * buffer twice, first with length 0). Of those holding it, the one with the
 * most bytes from @addr on: a buffer may lie inside a shorter capture of
 * another (io_submit's PWRITEV buffers inside a PWRITE's data cut at -s).
 */
static const struct hy_mem_chunk *find(const struct hy_record *r, enum hy_phase phase,
				       uint64_t addr)
{
	const struct hy_mem_chunk *fault = NULL, *empty = NULL, *best = NULL;

	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *c = &r->chunk[i];

		if (c->phase != phase)
			continue;
		if (c->flags & HY_MEM_FAULT) {
			if (c->addr == addr && !fault)
				fault = c;
			continue;
		}
		if (c->flags & (HY_MEM_COUNT | HY_MEM_STACK))
			continue; /* a count or a stack, not bytes of memory */
		if (addr >= c->addr && addr < c->addr + c->len) {
			if (!best || c->addr + c->len > best->addr + best->len)
				best = c;
			continue;
		}
		if (addr == c->addr && !empty)
			empty = c;
	}
	if (best)
		return best;
	return empty ? empty : fault;
}

long hy_rec_count(const struct hy_record *r, enum hy_phase phase, uint64_t addr)
{
	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *c = &r->chunk[i];
		uint32_t n;

		if (c->phase == phase && c->addr == addr && c->flags & HY_MEM_COUNT &&
		    c->len == sizeof(n)) {
			memcpy(&n, r->store + c->off, sizeof(n));
			return n;
		}
	}
	return -1;
}

ssize_t hy_rec_read(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf,
		    size_t len)
{
	const struct hy_mem_chunk *c = find(r, phase, addr);
	size_t avail;

	if (!c) {
		if (r->live)
			return r->live->read(r->live->ctx, addr, buf, len);
		return -EFAULT;
	}
	if (c->flags & HY_MEM_FAULT)
		return -EFAULT;
	avail = c->addr + c->len - addr;
	if (avail > len)
		avail = len;
	memcpy(buf, r->store + c->off + (addr - c->addr), avail);
	return avail;
}

/*
 * The string at @addr: a chunk captured there, else the tail of a captured
 * string that contains it (compilers merge "true" into "/bin/true").
 */
static const struct hy_mem_chunk *find_str(const struct hy_record *r, uint64_t addr)
{
	const struct hy_mem_chunk *tail = NULL;

	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *c = &r->chunk[i];

		if (c->phase != HY_PHASE_ENTER || c->flags & (HY_MEM_FAULT | HY_MEM_STACK))
			continue;
		if (c->addr == addr)
			return c;
		if (c->flags & HY_MEM_STR && addr > c->addr && addr < c->addr + c->len && !tail)
			tail = c;
	}
	return tail;
}

int hy_rec_str(const struct hy_record *r, uint64_t addr, const char **s, size_t *len, bool *trunc,
	       char *tmp, size_t tmpsize)
{
	const struct hy_mem_chunk *c = find_str(r, addr);

	if (c) {
		uint64_t skip = addr - c->addr;

		*s = (const char *)r->store + c->off + skip;
		*len = c->len - skip;
		*trunc = c->flags & HY_MEM_TRUNC;
		return 0;
	}
	if (r->live && tmpsize > 1) {
		ssize_t n = r->live->read(r->live->ctx, addr, tmp, tmpsize - 1);
		char *nul;

		if (n < 0)
			return -EFAULT;
		tmp[n] = 0;
		nul = memchr(tmp, 0, n);
		if (!nul && (size_t)n < tmpsize - 1)
			return -EFAULT; /* unterminated before an unmapped page: unreadable */
		*s = tmp;
		*len = nul ? (size_t)(nul - tmp) : (size_t)n;
		*trunc = !nul;
		return 0;
	}
	return -EFAULT;
}
