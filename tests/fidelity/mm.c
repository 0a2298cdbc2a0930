// SPDX-License-Identifier: MIT
/* Fidelity guest: memory maps (unknown flags and protections, garbage lengths, edge vectors). */
#include "fid.h"

#include <linux/mempolicy.h>

int main(void)
{
	unsigned char *vec = at_edge(NULL, 2);
	int *pol = at_edge(NULL, sizeof(int));
	unsigned long *nm = at_edge(NULL, 2 * sizeof(long)); /* two words of node mask */
	char *m;

	m = (char *)S(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		      0);
	S(SYS_mmap, NULL, 4096, PROT_READ | 0x40, MAP_SHARED | MAP_ANONYMOUS | 0x4000000, G(-1), 0);
	S(SYS_mmap, BAD, 4096, G(PROT_NONE), G(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE),
	  -1, 0);
	S(SYS_mmap, NULL, 0, PROT_READ, MAP_PRIVATE, 99, 4095);
	S(SYS_mprotect, m, 4096, PROT_READ | PROT_EXEC | 0x1000);
	S(SYS_mprotect, m, 4096, G(PROT_READ));
	S(SYS_madvise, m, 8192, MADV_DONTNEED);
	S(SYS_madvise, m, 8192, G(MADV_DONTNEED));
	S(SYS_madvise, m, 8192, 1234);
	S(SYS_mincore, m, 8192, vec);
	S(SYS_mincore, m, 8192, BAD);
	S(SYS_msync, m, 4096, MS_SYNC | MS_INVALIDATE);
	S(SYS_msync, m, 4096, G(MS_ASYNC | 0x10));
	S(SYS_mlock, m, 4096);
	S(SYS_munlock, m, 4096);
	S(SYS_mlock2, m, 4096, G(MLOCK_ONFAULT | 2));
	S(SYS_mlock2, m, 4096, 2);
	S(SYS_mremap, m, 8192, 4096, 0);
	S(SYS_mremap, m, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, BAD);
	S(SYS_mremap, m, 4096, 8192, G(8));
	S(SYS_munmap, m, 8192);
	S(SYS_munmap, BAD, G(4096));
	S(SYS_get_mempolicy, NULL, NULL, 0, NULL, G(0x100));
	S(SYS_set_mempolicy, 99, NULL, 0);
	S(SYS_set_mempolicy, MPOL_BIND | MPOL_F_STATIC_NODES, NULL, 0);
	S(SYS_set_mempolicy, G(MPOL_F_STATIC_NODES | 99), NULL, 0);
	S(SYS_get_mempolicy, pol, NULL, 0, NULL, 0);
	S(SYS_mbind, m, 4096, MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES, NULL, 0, MPOL_MF_STRICT | 8);
	/* node masks: words of maxnode - 1 bits, the last one against an unmapped page */
	nm[0] = 1;
	S(SYS_set_mempolicy, MPOL_BIND, nm, 65);
	S(SYS_set_mempolicy, MPOL_PREFERRED, nm, 129);
	S(SYS_set_mempolicy, MPOL_BIND, nm + 1, 129);
	S(SYS_set_mempolicy, MPOL_BIND, nm, 1);
	S(SYS_set_mempolicy, MPOL_BIND, nm, 0);
	S(SYS_mbind, m, 4096, MPOL_BIND, nm + 1, 64, 0);
	S(SYS_get_mempolicy, pol, nm, 64, NULL, 0);
	/* failed: strace 6.1 shows the (readable) mask and policy as addresses too */
	S(SYS_get_mempolicy, pol, nm, 64, (void *)1, 0xffff);
	S(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	S(SYS_migrate_pages, 0, 64, nm, nm);
	S(SYS_migrate_pages, 0, G(64), BAD, nm);
	S(SYS_membarrier, G(0x1234), 0, 0);
	S(SYS_pkey_alloc, 0, G(3));
	S(SYS_pkey_alloc, G(1), 0x10);
	S(SYS_pkey_free, G(-1));
	S(SYS_brk, NULL);
	return 0;
}
