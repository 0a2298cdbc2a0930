// SPDX-License-Identifier: MIT
/*
 * Call-site rewriting (--guest-rewrite), lazily: a site is rewritten on its
 * first trap by a call no tool holds, so later calls from it do not trap.
 * Only two compiled forms, a 5-byte instruction that can run anywhere
 * followed by the syscall instruction:
 *     b8 NN NN NN NN    mov $NR, %eax       (NR: the number that trapped)
 *     4c 8b 4c 24 08    mov 8(%rsp), %r9    (syscall(3): any number)
 *     0f 05             syscall
 * The five bytes become a jmp to a stub of this site; the syscall
 * instruction stays, so code that jumps straight to it still traps as
 * before. The stub, in a page within reach of a rel32 jump:
 *     the five bytes moved here
 *     lea -128(%rsp),%rsp  (the red zone: the call below pushes)
 *     call *entry(%rip)    (hy_gate_rewritten, in the gate)
 *     lea 128(%rsp),%rsp
 *     jmp site+7
 * The entry makes a call no tool holds at once; a held one, or one made by
 * hand (hy_grt_plain_call), traps from just outside the gate, to the handler
 * and its exact semantics, as from the site.
 * This needs no page 0 (zpoline's call *%rax does: vm.mmap_min_addr=0).
 * The patch is one aligned 8-byte store, or any store while the process has
 * one thread; a site whose five bytes straddle an 8-byte word in a threaded
 * process keeps trapping. Only sites in read+execute file mappings (program
 * and library text) are rewritten: JIT code and writable code are left alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest/rt/rt.h"

#define POOL_BYTES 4096
#define STUB_BYTES 32
#define REACH (1L << 31)

struct pool {
	unsigned char *base;
	int used; /* stub slots taken (slot 0 holds the entry's address) */
};

static struct pool pools[64];
static int npools;
static uint64_t far_region = ~0ull; /* site >> 30 where no pool could be placed */

static bool within_reach(uintptr_t from, uintptr_t to)
{
	long d = (long)(to - from);

	return d > -REACH + POOL_BYTES && d < REACH - POOL_BYTES;
}

/* A pool with room whose stubs a rel32 jump at @site reaches, made if need be. */
static struct pool *pool_near(uintptr_t site)
{
	struct pool *p;
	void *m;

	for (int i = 0; i < npools; i++)
		if (pools[i].used < POOL_BYTES / STUB_BYTES &&
		    within_reach(site, (uintptr_t)pools[i].base))
			return &pools[i];
	if (npools == (int)(sizeof(pools) / sizeof(pools[0])) || far_region == site >> 30)
		return NULL;
	/* a hint below the site: the kernel places it there if it is free, else elsewhere */
	m = mmap((void *)((site & ~(uintptr_t)(POOL_BYTES - 1)) - (64ul << 20)), POOL_BYTES,
		 PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	if (!within_reach(site, (uintptr_t)m)) {
		munmap(m, POOL_BYTES);
		far_region = site >> 30;
		return NULL;
	}
	p = &pools[npools++];
	p->base = m;
	p->used = 1;
	*(uint64_t *)m = (uint64_t)hy_gate_rewritten;
	mprotect(m, POOL_BYTES, PROT_READ | PROT_EXEC);
	return p;
}

/*
 * The line of /proc/self/maps @l (NUL-terminated, no newline) if it holds
 * [lo, hi): 1 when that mapping is read+execute from a file, 0 when it is
 * not; -1 when the line is about other addresses.
 */
static int text_line(const char *l, uintptr_t lo, uintptr_t hi)
{
	char *e, perm[5];
	uintptr_t a = strtoul(l, &e, 16), b;

	if (*e != '-')
		return 0;
	b = strtoul(e + 1, &e, 16);
	if (lo < a || hi > b)
		return -1;
	/* "r-xp OFFSET DEV INODE PATH" */
	memcpy(perm, e + 1, 4);
	perm[4] = 0;
	e = strchr(e + 6, ' ');		   /* after the offset */
	e = e ? strchr(e + 1, ' ') : NULL; /* after the device */
	return !strcmp(perm, "r-xp") && e && strtoul(e + 1, NULL, 10) != 0;
}

/* Is [lo, hi) inside one read+execute mapping of a file? (/proc/self/maps) */
static bool in_file_text(uintptr_t lo, uintptr_t hi)
{
	static char buf[16384]; /* under the try-lock: one thread at a time */
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC), r = -1;
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return false;
	/* whole lines at a time: a line cut at a read's end waits for the next read */
	while (r < 0 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0) {
		char *l = buf, *nl;

		len += n;
		buf[len] = 0;
		while (r < 0 && (nl = strchr(l, '\n'))) {
			*nl = 0;
			r = text_line(l, lo, hi);
			l = nl + 1;
		}
		len -= l - buf;
		memmove(buf, l, len);
		if (len == sizeof(buf) - 1) /* a line longer than the buffer: give up */
			break;
	}
	close(fd);
	return r == 1;
}

static void write_stub(unsigned char *s, uintptr_t site, const unsigned char *insn,
		       const unsigned char *pool)
{
	/* call *disp32(%rip): the entry's address in the pool's first 8 bytes */
	int32_t call_disp = (int32_t)((intptr_t)pool - (intptr_t)(s + 16));
	int32_t back = (int32_t)((intptr_t)(site + 7) - (intptr_t)(s + 29));
	static const unsigned char lea_down[5] = { 0x48, 0x8d, 0x64, 0x24, 0x80 };
	static const unsigned char lea_up[8] = { 0x48, 0x8d, 0xa4, 0x24, 0x80, 0x00, 0x00, 0x00 };

	memcpy(s, insn, 5); /* the instruction the jmp took the place of, first: it may read rsp */
	memcpy(s + 5, lea_down, 5);
	s[10] = 0xff;
	s[11] = 0x15;
	memcpy(s + 12, &call_disp, 4);
	memcpy(s + 16, lea_up, 8);
	s[24] = 0xe9;
	memcpy(s + 25, &back, 4);
	memset(s + 29, 0xcc, STUB_BYTES - 29);
}

static bool patch(uintptr_t ip, long nr);

static int busy; /* its holder's thread id (rt_lock.c) */

bool hy_grt_rewrite(uintptr_t ip, long nr)
{
	bool done;

	/* another thread rewriting: this site traps once more and is rewritten then */
	if (!hy_grt_try_lock(&busy))
		return false;
	done = patch(ip, nr);
	hy_grt_try_unlock(&busy);
	return done;
}

void hy_grt_rewrite_free_held(int tid)
{
	hy_grt_unlock_held(&busy, tid);
}

/* syscall(3)'s: mov 8(%rsp),%r9; syscall (the number is in rax already) */
static const unsigned char mov_r9[5] = { 0x4c, 0x8b, 0x4c, 0x24, 0x08 };

static bool patch(uintptr_t ip, long nr)
{
	uintptr_t site = ip - 7, page = site & ~(uintptr_t)(POOL_BYTES - 1);
	uintptr_t end_page = (ip - 1) & ~(uintptr_t)(POOL_BYTES - 1);
	const unsigned char *c = (const unsigned char *)site;
	unsigned char jmp[5], insn[5], *stub;
	uint32_t imm;
	struct pool *p;
	int32_t rel;
	bool aligned = (site & 7) <= 3;
	size_t span = end_page - page + POOL_BYTES;

	/* the mov must be on the syscall's page (a page before it may not be mapped) */
	if ((ip - 2) >> 12 != site >> 12 || c[5] != 0x0f || c[6] != 0x05)
		return false;
	memcpy(insn, c, 5);
	memcpy(&imm, c + 1, 4);
	if (!(insn[0] == 0xb8 && imm == (uint32_t)nr) && memcmp(insn, mov_r9, 5))
		return false;
	if (!aligned && hy_grt.threaded)
		return false;
	if (!in_file_text(site, ip))
		return false;
	if (!(p = pool_near(site)))
		return false;
	stub = p->base + p->used * STUB_BYTES;
	rel = (int32_t)((intptr_t)stub - (intptr_t)(site + 5));
	jmp[0] = 0xe9;
	memcpy(jmp + 1, &rel, 4);
	if (mprotect(p->base, POOL_BYTES, PROT_READ | PROT_WRITE | PROT_EXEC))
		return false;
	write_stub(stub, site, insn, p->base);
	mprotect(p->base, POOL_BYTES, PROT_READ | PROT_EXEC);
	p->used++;
	if (mprotect((void *)page, span, PROT_READ | PROT_WRITE | PROT_EXEC))
		return false;
	if (aligned) { /* one store: another thread sees the old bytes or the new */
		uintptr_t w = site & ~(uintptr_t)7;
		uint64_t v = *(volatile uint64_t *)w;

		memcpy((unsigned char *)&v + (site - w), jmp, 5);
		__atomic_store_n((uint64_t *)w, v, __ATOMIC_SEQ_CST);
	} else {
		memcpy((void *)site, jmp, 5);
	}
	mprotect((void *)page, span, PROT_READ | PROT_EXEC);
	return true;
}
