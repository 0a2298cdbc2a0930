// SPDX-License-Identifier: MIT
/* Memory calls against strace 6.1's output: mmap's flags, hex results. */
#include "test_decode_common.h"

#include <sys/mman.h>

#define MAP 0x7fa0af1e3000ull

static void test_mmap(void **state)
{
	(void)state;
	t_x64("mmap", 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1,
	      0);
	t_ret(MAP);
	t_expect("mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
		 "0x7fa0af1e3000");
	t_x64("mmap", 0x7f247ca90000, 1400832, PROT_READ | PROT_EXEC,
	      MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 3, 0x26000);
	t_ret(0x7f247ca90000);
	t_expect("mmap(0x7f247ca90000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|"
		 "MAP_DENYWRITE, 3, 0x26000) = 0x7f247ca90000");
	t_x64("mmap", 0, 4096, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
	      (uint64_t)-1, 0);
	t_expect("mmap(NULL, 4096, PROT_NONE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE, -1, 0) "
		 "= 0");
	t_x64("mmap", 0x10000, 4096, PROT_READ, MAP_PRIVATE, 99, 0x1000);
	t_ret(-EBADF);
	t_expect("mmap(0x10000, 4096, PROT_READ, MAP_PRIVATE, 99, 0x1000) = -1 EBADF (Bad file "
		 "descriptor)");
	/* the type is a value; the huge page size sits in the top bits */
	t_x64("mmap", 0, 0, 0, 0x10000000, (uint64_t)-1, 0);
	t_ret(-EBADF);
	t_expect("mmap(NULL, 0, PROT_NONE, MAP_FILE|4<<MAP_HUGE_SHIFT, -1, 0) = "
		 "-1 EBADF (Bad file descriptor)");
	t_x64("mmap", 0, 0, 0, 0x4, (uint64_t)-1, 0);
	t_ret(-EBADF);
	t_expect("mmap(NULL, 0, PROT_NONE, 0x4 /* MAP_??? */, -1, 0) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("mmap", 0, 0, 0, 0x82, (uint64_t)-1, 0);
	t_ret(-EBADF);
	t_expect("mmap(NULL, 0, PROT_NONE, MAP_PRIVATE|0x80, -1, 0) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("mmap", 0, 0, 0xff, 0x3fffff8 | 0x4000000 | 2, (uint64_t)-1, 0);
	t_ret(-EINVAL);
	t_expect("mmap(NULL, 0, PROT_READ|PROT_WRITE|PROT_EXEC|PROT_SEM|0xf0, 0xa /* MAP_??? */|"
		 "MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_NORESERVE|MAP_POPULATE|MAP_NONBLOCK|"
		 "MAP_GROWSDOWN|MAP_DENYWRITE|MAP_EXECUTABLE|MAP_LOCKED|MAP_STACK|MAP_HUGETLB|MAP_"
		 "SYNC|"
		 "MAP_FIXED_NOREPLACE|0x3e00680|1<<MAP_HUGE_SHIFT, -1, 0) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("mmap", 0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | (21 << 26), (uint64_t)-1,
	      0);
	t_ret(0x7f4c3ee1a000);
	t_expect("mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|21<<MAP_HUGE_SHIFT, -1, 0) "
		 "= "
		 "0x7f4c3ee1a000");
}

static void test_mmap_i386(void **state)
{
	uint32_t args[6] = { 0, 8192, PROT_READ, MAP_PRIVATE, 3, 0x1000 };

	(void)state;
	/* mmap2's offset counts pages */
	t_i386("mmap2", 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0xffffffff,
	       0);
	t_ret(0xf7f00000);
	t_expect("mmap2(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
		 "0xf7f00000");
	t_i386("mmap2", 0xf7d00000, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, 3, 0x17c);
	t_ret(0xf7d00000);
	t_expect("mmap2(0xf7d00000, 4096, PROT_READ, MAP_PRIVATE|MAP_FIXED, 3, 0x17c000) = "
		 "0xf7d00000");
	/* old_mmap: the arguments in memory */
	t_i386("mmap", 0xffd00000);
	t_in(0xffd00000, args, sizeof(args));
	t_ret(0xf7e00000);
	t_expect("mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0x1000) = 0xf7e00000");
	t_i386("mmap", 0xffd00000);
	t_ret(-EFAULT);
	t_expect("mmap(0xffd00000) = -1 EFAULT (Bad address)");
}

static void test_mprotect_etc(void **state)
{
	(void)state;
	t_x64("mprotect", MAP, 4096, PROT_READ);
	t_expect("mprotect(0x7fa0af1e3000, 4096, PROT_READ) = 0");
	t_x64("mprotect", MAP, 4096, PROT_NONE);
	t_expect("mprotect(0x7fa0af1e3000, 4096, PROT_NONE) = 0");
	t_x64("mprotect", 0, 0, 0x100);
	t_expect("mprotect(NULL, 0, 0x100 /* PROT_??? */) = 0");
	t_x64("mprotect", 0, 0, 0x101);
	t_expect("mprotect(NULL, 0, PROT_READ|0x100) = 0");
	t_x64("madvise", MAP, 4096, MADV_DONTNEED);
	t_expect("madvise(0x7fa0af1e3000, 4096, MADV_DONTNEED) = 0");
	t_x64("madvise", MAP, 4096, 1234);
	t_ret(-EINVAL);
	t_expect("madvise(0x7fa0af1e3000, 4096, 0x4d2 /* MADV_??? */) = -1 EINVAL (Invalid "
		 "argument)");
	t_x64("madvise", 0, 0, 0);
	t_expect("madvise(NULL, 0, MADV_NORMAL) = 0");
	t_x64("munmap", 0x7fa0af1e1000, 8192);
	t_expect("munmap(0x7fa0af1e1000, 8192) = 0");
	t_x64("msync", MAP, 4096, MS_SYNC);
	t_ret(-ENOMEM);
	t_expect("msync(0x7fa0af1e3000, 4096, MS_SYNC) = -1 ENOMEM (Cannot allocate memory)");
	t_x64("msync", 0, 0, 8);
	t_ret(-EINVAL);
	t_expect("msync(NULL, 0, 0x8 /* MS_??? */) = -1 EINVAL (Invalid argument)");
}

static void test_mremap_brk(void **state)
{
	(void)state;
	t_x64("mremap", MAP, 4096, 8192, MREMAP_MAYMOVE);
	t_ret(0x7fa0af1e1000);
	t_expect("mremap(0x7fa0af1e3000, 4096, 8192, MREMAP_MAYMOVE) = 0x7fa0af1e1000");
	t_x64("mremap", 0x7fa0af1e1000, 8192, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, 0x200000);
	t_ret(0x200000);
	t_expect("mremap(0x7fa0af1e1000, 8192, 4096, MREMAP_MAYMOVE|MREMAP_FIXED, 0x200000) = "
		 "0x200000");
	t_x64("mremap", 0, 0, 0, 7, 0);
	t_ret(-EINVAL);
	t_expect("mremap(NULL, 0, 0, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, NULL) = "
		 "-1 EINVAL (Invalid argument)");
	t_x64("mremap", 0, 0, 0, 8, 0);
	t_ret(-EINVAL);
	t_expect("mremap(NULL, 0, 0, 0x8 /* MREMAP_??? */) = -1 EINVAL (Invalid argument)");

	t_x64("brk", 0);
	t_ret(0x55a590ade000);
	t_expect("brk(NULL) = 0x55a590ade000");
	t_x64("brk", 0x1000);
	t_ret(0x55a590ade000);
	t_expect("brk(0x1000) = 0x55a590ade000");
	t_i386("brk", 0);
	t_ret(0x57c4a000);
	t_expect("brk(NULL) = 0x57c4a000");
}

/* Node masks: words of maxnode - 1 bits (strace 6.1's lines, from tests/fidelity/mm.c). */
static void test_nodemask(void **state)
{
	uint64_t two[2] = { 1, 0 }, one = 1;
	uint32_t w32 = 3;

	(void)state;
	t_x64("set_mempolicy", 2, 0x1000, 129);
	t_in(0x1000, two, sizeof(two));
	t_expect("set_mempolicy(MPOL_BIND, [0x00000000000001, 0000000000000000], 129) = 0");
	/* the second word was not readable (the next page is unmapped) */
	t_x64("set_mempolicy", 2, 0x1ff8, 129);
	t_in(0x1ff8, &one, sizeof(one));
	t_ret(-EFAULT);
	t_expect("set_mempolicy(MPOL_BIND, [0x00000000000001, ... /* 0x2000 */], 129) = "
		 "-1 EFAULT (Bad address)");
	t_x64("set_mempolicy", 2, 0x1000, 1);
	t_ret(-EINVAL);
	t_expect("set_mempolicy(MPOL_BIND, 0x1000, 1) = -1 EINVAL (Invalid argument)");
	t_x64("set_mempolicy", 2, 0x1000, 0);
	t_ret(-EINVAL);
	t_expect("set_mempolicy(MPOL_BIND, [], 0) = -1 EINVAL (Invalid argument)");
	t_x64("get_mempolicy", 0, 0x1000, 64, 0, 0);
	t_out(0x1000, &one, sizeof(one));
	t_expect("get_mempolicy(NULL, [0x00000000000001], 64, NULL, 0) = 0");
	t_x64("migrate_pages", 0, 64, 0x1000, 0);
	t_in(0x1000, &one, sizeof(one));
	t_expect("migrate_pages(0, 64, [0x00000000000001], NULL) = 0");
	/* i386: 32-bit words, the same width rule (two digits a byte; not compared with strace) */
	t_i386("set_mempolicy", 2, 0x1000, 32);
	t_in(0x1000, &w32, sizeof(w32));
	t_expect("set_mempolicy(MPOL_BIND, [0x000003], 32) = 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_mmap, t_teardown),
		cmocka_unit_test_teardown(test_mmap_i386, t_teardown),
		cmocka_unit_test_teardown(test_mprotect_etc, t_teardown),
		cmocka_unit_test_teardown(test_mremap_brk, t_teardown),
		cmocka_unit_test_teardown(test_nodemask, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
