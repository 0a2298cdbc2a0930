// SPDX-License-Identifier: MIT
/*
 * Named constants for memory: mmap, mremap, madvise, msync, mlockall.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <linux/mempolicy.h>
#include <sys/mman.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent mmap_prot_ent[] = {
	X(PROT_NONE), X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), { 0x8, "PROT_SEM" },
	X(PROT_GROWSDOWN), X(PROT_GROWSUP),
};
END(mmap_prot, "PROT_???");

/* The low four bits of mmap's flags are the mapping type. */
static const struct hy_xlat_ent map_type_ent[] = {
	X(MAP_FILE), X(MAP_SHARED), X(MAP_PRIVATE), X(MAP_SHARED_VALIDATE),
};
END(map_type, "MAP_???");

static const struct hy_xlat_ent mmap_flags_ent[] = {
	X(MAP_FIXED), X(MAP_ANONYMOUS), X(MAP_32BIT), X(MAP_NORESERVE), X(MAP_POPULATE),
	X(MAP_NONBLOCK), X(MAP_GROWSDOWN), X(MAP_DENYWRITE), X(MAP_EXECUTABLE), X(MAP_LOCKED),
	X(MAP_STACK), X(MAP_HUGETLB), X(MAP_SYNC), { 0x4000000, "MAP_UNINITIALIZED" },
	X(MAP_FIXED_NOREPLACE),
};
END(mmap_flags, "MAP_???");

static const struct hy_xlat_ent mremap_flags_ent[] = {
	X(MREMAP_MAYMOVE), X(MREMAP_FIXED), { 4, "MREMAP_DONTUNMAP" },
};
END(mremap_flags, "MREMAP_???");

static const struct hy_xlat_ent madvise_ent[] = {
	X(MADV_NORMAL), X(MADV_RANDOM), X(MADV_SEQUENTIAL), X(MADV_WILLNEED), X(MADV_DONTNEED),
	X(MADV_FREE), X(MADV_REMOVE), X(MADV_DONTFORK), X(MADV_DOFORK), X(MADV_MERGEABLE),
	X(MADV_UNMERGEABLE), X(MADV_HUGEPAGE), X(MADV_NOHUGEPAGE), X(MADV_DONTDUMP), X(MADV_DODUMP),
	X(MADV_WIPEONFORK), X(MADV_KEEPONFORK), X(MADV_COLD), X(MADV_PAGEOUT), X(MADV_HWPOISON),
	{ 22, "MADV_POPULATE_READ" }, { 23, "MADV_POPULATE_WRITE" }, { 24, "MADV_DONTNEED_LOCKED" },
};
END(madvise, "MADV_???");

static const struct hy_xlat_ent msync_flags_ent[] = {
	X(MS_SYNC), X(MS_ASYNC), X(MS_INVALIDATE),
};
END(msync_flags, "MS_???");

static const struct hy_xlat_ent mlockall_flags_ent[] = {
	X(MCL_CURRENT), X(MCL_FUTURE), X(MCL_ONFAULT),
};
END(mlockall_flags, "MCL_???");

static const struct hy_xlat_ent mlock2_flags_ent[] = { X(MLOCK_ONFAULT) };
END(mlock2_flags, "MLOCK_???");

static const struct hy_xlat_ent mpol_mode_ent[] = {
	X(MPOL_DEFAULT), X(MPOL_PREFERRED), X(MPOL_BIND), X(MPOL_INTERLEAVE), X(MPOL_LOCAL),
	X(MPOL_PREFERRED_MANY),
};
END(mpol_mode, "MPOL_???");

/* the bits above a memory policy's mode (set_mempolicy, mbind) */
static const struct hy_xlat_ent mpol_mode_flags_ent[] = {
	X(MPOL_F_STATIC_NODES), X(MPOL_F_RELATIVE_NODES), X(MPOL_F_NUMA_BALANCING),
};
END(mpol_mode_flags, "MPOL_???");

/* get_mempolicy's flags */
static const struct hy_xlat_ent mpol_flags_ent[] = {
	X(MPOL_F_NODE), X(MPOL_F_ADDR), X(MPOL_F_MEMS_ALLOWED),
};
END(mpol_flags, "MPOL_???");

/* mbind's flags */
static const struct hy_xlat_ent mpol_mf_ent[] = {
	X(MPOL_MF_STRICT), X(MPOL_MF_MOVE), X(MPOL_MF_MOVE_ALL),
};
END(mpol_mf, "MPOL_???");

static const struct hy_xlat_ent pkey_access_ent[] = {
	X(PKEY_DISABLE_ACCESS), X(PKEY_DISABLE_WRITE),
};
END(pkey_access, "PKEY_???");

/* move_pages: MPOL_MF_STRICT is mbind's only, so strace leaves its bit a number. */
static const struct hy_xlat_ent move_pages_flags_ent[] = {
	X(MPOL_MF_MOVE), X(MPOL_MF_MOVE_ALL),
};
END(move_pages_flags, "MPOL_???");

const struct hy_xlat *const hy_xlat_mm[HY_X_XLAT_COUNT] = {
	[HY_X_MMAP_PROT] = &x_mmap_prot,
	[HY_X_MAP_TYPE] = &x_map_type,
	[HY_X_MMAP_FLAGS] = &x_mmap_flags,
	[HY_X_MREMAP_FLAGS] = &x_mremap_flags,
	[HY_X_MADVISE] = &x_madvise,
	[HY_X_MSYNC_FLAGS] = &x_msync_flags,
	[HY_X_MLOCKALL_FLAGS] = &x_mlockall_flags,
	[HY_X_MLOCK2_FLAGS] = &x_mlock2_flags,
	[HY_X_MPOL_MODE] = &x_mpol_mode,
	[HY_X_MPOL_MODE_FLAGS] = &x_mpol_mode_flags,
	[HY_X_MPOL_FLAGS] = &x_mpol_flags,
	[HY_X_MPOL_MF] = &x_mpol_mf,
	[HY_X_PKEY_ACCESS] = &x_pkey_access,
	[HY_X_MOVE_PAGES_FLAGS] = &x_move_pages_flags,
};
/* clang-format on */
