// SPDX-License-Identifier: MIT
/* Named constants of landlock (landlock_create_ruleset, landlock_add_rule). */
#include <linux/landlock.h>

#include "decode/xlat_def.h"

/* clang-format off */
/* strace 6.1's: up to LANDLOCK_ACCESS_FS_REFER */
static const struct hy_xlat_ent landlock_access_fs_ent[] = {
	X(LANDLOCK_ACCESS_FS_EXECUTE), X(LANDLOCK_ACCESS_FS_WRITE_FILE),
	X(LANDLOCK_ACCESS_FS_READ_FILE), X(LANDLOCK_ACCESS_FS_READ_DIR),
	X(LANDLOCK_ACCESS_FS_REMOVE_DIR), X(LANDLOCK_ACCESS_FS_REMOVE_FILE),
	X(LANDLOCK_ACCESS_FS_MAKE_CHAR), X(LANDLOCK_ACCESS_FS_MAKE_DIR),
	X(LANDLOCK_ACCESS_FS_MAKE_REG), X(LANDLOCK_ACCESS_FS_MAKE_SOCK),
	X(LANDLOCK_ACCESS_FS_MAKE_FIFO), X(LANDLOCK_ACCESS_FS_MAKE_BLOCK),
	X(LANDLOCK_ACCESS_FS_MAKE_SYM), X(LANDLOCK_ACCESS_FS_REFER),
};
END(landlock_access_fs, "LANDLOCK_ACCESS_FS_???");

static const struct hy_xlat_ent landlock_rule_ent[] = { X(LANDLOCK_RULE_PATH_BENEATH) };
END(landlock_rule, "LANDLOCK_RULE_???");

/* strace 6.1's: LANDLOCK_CREATE_RULESET_VERSION only */
static const struct hy_xlat_ent landlock_create_flags_ent[] = {
	X(LANDLOCK_CREATE_RULESET_VERSION),
};
END(landlock_create_flags, "LANDLOCK_CREATE_RULESET_???");

const struct hy_xlat *const hy_xlat_landlock[HY_X_XLAT_COUNT] = {
	[HY_X_LANDLOCK_ACCESS_FS] = &x_landlock_access_fs,
	[HY_X_LANDLOCK_RULE] = &x_landlock_rule,
	[HY_X_LANDLOCK_CREATE_FLAGS] = &x_landlock_create_flags,
};
/* clang-format on */
