// SPDX-License-Identifier: MIT
/*
 * format: what one line costs the tracer, in ns, for a few typical calls as the
 * kernel records them, as strace text and as a JSON record. The tracer thread
 * formats every event of a storm; this isolates that cost from ring and guest.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "decode/format.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void call(struct hy_record *r, const char *name, int64_t ret, uint64_t a0, uint64_t a1,
		 uint64_t a2, uint64_t a3)
{
	hy_rec_reset(r);
	r->tid = r->pid = 4242;
	r->abi = HY_ABI_X86_64;
	r->nr = hy_syscall_number(HY_ABI_X86_64, name);
	r->ent = hy_sysent_get(HY_ABI_X86_64, r->nr);
	r->args[0] = a0;
	r->args[1] = a1;
	r->args[2] = a2;
	r->args[3] = a3;
	r->ret = ret;
	r->t_enter = 1234567890123;
	r->t_exit = r->t_enter + 812;
}

static const char *only; /* argv[1]: measure only the calls whose line starts so */

static void measure(const char *what, const struct hy_record *r)
{
	const struct hy_event *ev = (const struct hy_event *)r;
	char line[16384], res[256];
	const int n = 1000000;
	size_t bytes = 0;
	uint64_t t0, t1, t2;

	if (only && strncmp(what, only, strlen(only)))
		return;
	t0 = now_ns();
	for (int i = 0; i < n; i++)
		bytes += hy_event_format_call(ev, line, sizeof(line), 0, res, sizeof(res));
	t1 = now_ns();
	for (int i = 0; i < n; i++)
		bytes += hy_event_format_json(ev, line, sizeof(line), 0);
	t2 = now_ns();
	printf("%-44s %6.0f ns text %6.0f ns JSON (%zu bytes)\n", what, (double)(t1 - t0) / n,
	       (double)(t2 - t1) / n, strlen(line));
	(void)bytes;
}

int main(int argc, char **argv)
{
	static const char zeros[64], path[] = "/usr/include/x86_64-linux-gnu/bits/types.h";
	struct stat st = { .st_mode = S_IFREG | 0644, .st_size = 12345 };
	struct hy_record r;

	only = argc > 1 ? argv[1] : NULL;
	hy_rec_init(&r);
	call(&r, "getppid", 4241, 0, 0, 0, 0);
	measure("getppid() = 4241", &r);

	call(&r, "read", 64, 3, 0x7ffd0000, 64, 0);
	hy_rec_add_chunk(&r, HY_PHASE_EXIT, 1, 0x7ffd0000, zeros, 32, HY_MEM_TRUNC);
	measure("read(3, \"\\0\"x32..., 64) = 64", &r);

	call(&r, "openat", 3, (uint32_t)AT_FDCWD, 0x5000, O_RDONLY | O_CLOEXEC, 0);
	hy_rec_add_chunk(&r, HY_PHASE_ENTER, 1, 0x5000, path, sizeof(path) - 1, HY_MEM_STR);
	measure("openat(AT_FDCWD, \"/usr/include/...\") = 3", &r);

	call(&r, "newfstatat", 0, 3, 0x6000, 0x7000, AT_EMPTY_PATH);
	hy_rec_add_chunk(&r, HY_PHASE_ENTER, 1, 0x6000, "", 0, HY_MEM_STR);
	hy_rec_add_chunk(&r, HY_PHASE_EXIT, 2, 0x7000, &st, sizeof(st), 0);
	measure("newfstatat(3, \"\", {...}, AT_EMPTY_PATH) = 0", &r);
	hy_rec_release(&r);
	return 0;
}
