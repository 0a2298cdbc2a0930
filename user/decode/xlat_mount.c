// SPDX-License-Identifier: MIT
/*
 * Named constants for mounts, file system contexts, swap and quotas.
 * How the tables are written: decode/xlat_def.h. <linux/mount.h> only: glibc's
 * <sys/mount.h> clashes with it, so umount2's flags are numbers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/dqblk_xfs.h>
#include <linux/mount.h>
#include <linux/quota.h>
#include <sys/swap.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent ms_flags_ent[] = {
	X(MS_RDONLY), X(MS_NOSUID), X(MS_NODEV), X(MS_NOEXEC), X(MS_SYNCHRONOUS), X(MS_REMOUNT),
	X(MS_MANDLOCK), X(MS_DIRSYNC), X(MS_NOSYMFOLLOW), X(MS_NOATIME), X(MS_NODIRATIME),
	X(MS_BIND), X(MS_MOVE), X(MS_REC), X(MS_SILENT), X(MS_POSIXACL), X(MS_UNBINDABLE),
	X(MS_PRIVATE), X(MS_SLAVE), X(MS_SHARED), X(MS_RELATIME), X(MS_KERNMOUNT),
	X(MS_I_VERSION), X(MS_STRICTATIME), X(MS_LAZYTIME), X(MS_SUBMOUNT), X(MS_NOREMOTELOCK),
	X(MS_NOSEC), X(MS_BORN), X(MS_ACTIVE), { 1u << 31, "MS_NOUSER" }, /* (1<<31): an int */
};
END(ms_flags, "MS_???");

static const struct hy_xlat_ent ms_propagation_ent[] = {
	X(MS_UNBINDABLE), X(MS_PRIVATE), X(MS_SLAVE), X(MS_SHARED),
};
END(ms_propagation, "MS_???");

static const struct hy_xlat_ent umount_flags_ent[] = {
	{ 1, "MNT_FORCE" }, { 2, "MNT_DETACH" }, { 4, "MNT_EXPIRE" }, { 8, "UMOUNT_NOFOLLOW" },
};
END(umount_flags, "MNT_???");

static const struct hy_xlat_ent fsopen_flags_ent[] = { X(FSOPEN_CLOEXEC) };
END(fsopen_flags, "FSOPEN_???");

/* strace 6.1's: FSCONFIG_CMD_CREATE_EXCL (8) is newer */
static const struct hy_xlat_ent fsconfig_cmd_ent[] = {
	X(FSCONFIG_SET_FLAG), X(FSCONFIG_SET_STRING), X(FSCONFIG_SET_BINARY), X(FSCONFIG_SET_PATH),
	X(FSCONFIG_SET_PATH_EMPTY), X(FSCONFIG_SET_FD), X(FSCONFIG_CMD_CREATE),
	X(FSCONFIG_CMD_RECONFIGURE),
};
END(fsconfig_cmd, "FSCONFIG_???");

static const struct hy_xlat_ent fsmount_flags_ent[] = { X(FSMOUNT_CLOEXEC) };
END(fsmount_flags, "FSMOUNT_???");

/* strace 6.1's: without MOUNT_ATTR_IDMAP and MOUNT_ATTR_NOSYMFOLLOW */
static const struct hy_xlat_ent mount_attr_ent[] = {
	X(MOUNT_ATTR_RDONLY), X(MOUNT_ATTR_NOSUID), X(MOUNT_ATTR_NODEV), X(MOUNT_ATTR_NOEXEC),
	X(MOUNT_ATTR_NOATIME), X(MOUNT_ATTR_STRICTATIME), X(MOUNT_ATTR_NODIRATIME),
};
END(mount_attr, "MOUNT_ATTR_???");

static const struct hy_xlat_ent move_mount_flags_ent[] = {
	X(MOVE_MOUNT_F_SYMLINKS), X(MOVE_MOUNT_F_AUTOMOUNTS), X(MOVE_MOUNT_F_EMPTY_PATH),
	X(MOVE_MOUNT_T_SYMLINKS), X(MOVE_MOUNT_T_AUTOMOUNTS), X(MOVE_MOUNT_T_EMPTY_PATH),
	X(MOVE_MOUNT_SET_GROUP),
};
END(move_mount_flags, "MOVE_MOUNT_???");

static const struct hy_xlat_ent open_tree_flags_ent[] = {
	X(OPEN_TREE_CLONE), X(OPEN_TREE_CLOEXEC), X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR),
	X(AT_SYMLINK_FOLLOW), X(AT_NO_AUTOMOUNT), X(AT_EMPTY_PATH), X(AT_RECURSIVE),
};
END(open_tree_flags, "OPEN_TREE_???");

static const struct hy_xlat_ent fspick_flags_ent[] = {
	X(FSPICK_CLOEXEC), X(FSPICK_SYMLINK_NOFOLLOW), X(FSPICK_NO_AUTOMOUNT), X(FSPICK_EMPTY_PATH),
};
END(fspick_flags, "FSPICK_???");

static const struct hy_xlat_ent swap_flags_ent[] = {
	X(SWAP_FLAG_PREFER), X(SWAP_FLAG_DISCARD), { 0x20000, "SWAP_FLAG_DISCARD_ONCE" },
	{ 0x40000, "SWAP_FLAG_DISCARD_PAGES" },
};
END(swap_flags, "SWAP_FLAG_???");

static const struct hy_xlat_ent quota_cmd_ent[] = {
	X(Q_SYNC), X(Q_QUOTAON), X(Q_QUOTAOFF), X(Q_GETFMT), X(Q_GETINFO), X(Q_SETINFO),
	X(Q_GETQUOTA), X(Q_SETQUOTA), X(Q_GETNEXTQUOTA), X(Q_XQUOTAON), X(Q_XQUOTAOFF),
	X(Q_XGETQUOTA), X(Q_XSETQLIM), X(Q_XGETQSTAT), X(Q_XQUOTARM), X(Q_XQUOTASYNC),
	X(Q_XGETQSTATV), X(Q_XGETNEXTQUOTA),
};
END(quota_cmd, "Q_???");

static const struct hy_xlat_ent quota_type_ent[] = { X(USRQUOTA), X(GRPQUOTA), X(PRJQUOTA) };
END(quota_type, "???QUOTA");

const struct hy_xlat *const hy_xlat_mount[HY_X_XLAT_COUNT] = {
	[HY_X_MS_FLAGS] = &x_ms_flags,
	[HY_X_MS_PROPAGATION] = &x_ms_propagation,
	[HY_X_UMOUNT_FLAGS] = &x_umount_flags,
	[HY_X_FSOPEN_FLAGS] = &x_fsopen_flags,
	[HY_X_FSCONFIG_CMD] = &x_fsconfig_cmd,
	[HY_X_FSMOUNT_FLAGS] = &x_fsmount_flags,
	[HY_X_MOUNT_ATTR] = &x_mount_attr,
	[HY_X_MOVE_MOUNT_FLAGS] = &x_move_mount_flags,
	[HY_X_OPEN_TREE_FLAGS] = &x_open_tree_flags,
	[HY_X_FSPICK_FLAGS] = &x_fspick_flags,
	[HY_X_SWAP_FLAGS] = &x_swap_flags,
	[HY_X_QUOTA_CMD] = &x_quota_cmd,
	[HY_X_QUOTA_TYPE] = &x_quota_type,
};
/* clang-format on */
