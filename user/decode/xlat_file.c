// SPDX-License-Identifier: MIT
/*
 * Named constants for files: open flags, AT_* flags, statx, fcntl, inotify,
 * fanotify, sync_file_range.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <sys/inotify.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <linux/fanotify.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <sys/xattr.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent open_access_ent[] = {
	X(O_RDONLY), X(O_WRONLY), X(O_RDWR), X(O_ACCMODE),
};
END(open_access, NULL);

/* The bits above the access mode; glibc's O_LARGEFILE is 0 on x86-64, the kernel's is not. */
static const struct hy_xlat_ent open_flags_ent[] = {
	X(O_CREAT), X(O_EXCL), X(O_NOCTTY), X(O_TRUNC), X(O_APPEND), X(O_NONBLOCK), X(O_SYNC),
	{ 04000000, "__O_SYNC" }, /* O_SYNC without O_DSYNC; glibc has no macro */
	X(O_DSYNC), X(O_DIRECT), { 0100000, "O_LARGEFILE" }, X(O_NOFOLLOW), X(O_NOATIME),
	X(O_CLOEXEC), X(O_PATH), X(O_TMPFILE), X(O_DIRECTORY), { O_ASYNC, "FASYNC" },
};
END(open_flags, "O_???");

static const struct hy_xlat_ent at_flags_ent[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR), X(AT_SYMLINK_FOLLOW), X(AT_NO_AUTOMOUNT),
	X(AT_EMPTY_PATH), X(AT_RECURSIVE),
};
END(at_flags, "AT_???");

/* AT_EACCESS has AT_REMOVEDIR's value: faccessat2 needs its own set. */
static const struct hy_xlat_ent faccessat_flags_ent[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_EACCESS), X(AT_EMPTY_PATH),
};
END(faccessat_flags, "AT_???");

static const struct hy_xlat_ent at_statx_sync_ent[] = {
	X(AT_STATX_SYNC_AS_STAT), X(AT_STATX_FORCE_SYNC), X(AT_STATX_DONT_SYNC),
};
END(at_statx_sync, NULL);

static const struct hy_xlat_ent access_modes_ent[] = {
	X(F_OK), X(R_OK), X(W_OK), X(X_OK),
};
END(access_modes, "?_OK");

static const struct hy_xlat_ent statx_mask_ent[] = {
	X(STATX_ALL), X(STATX_BASIC_STATS), X(STATX_TYPE), X(STATX_MODE), X(STATX_NLINK),
	X(STATX_UID), X(STATX_GID), X(STATX_ATIME), X(STATX_MTIME), X(STATX_CTIME), X(STATX_INO),
	X(STATX_SIZE), X(STATX_BLOCKS), X(STATX_BTIME), X(STATX_MNT_ID),
	{ 0x2000, "STATX_DIOALIGN" },
};
END(statx_mask, "STATX_???");

static const struct hy_xlat_ent statx_attrs_ent[] = {
	X(STATX_ATTR_COMPRESSED), X(STATX_ATTR_IMMUTABLE), X(STATX_ATTR_APPEND),
	X(STATX_ATTR_NODUMP), X(STATX_ATTR_ENCRYPTED), X(STATX_ATTR_AUTOMOUNT),
	X(STATX_ATTR_MOUNT_ROOT), X(STATX_ATTR_VERITY), X(STATX_ATTR_DAX),
};
END(statx_attrs, "STATX_ATTR_???");

static const struct hy_xlat_ent resolve_flags_ent[] = {
	X(RESOLVE_NO_XDEV), X(RESOLVE_NO_MAGICLINKS), X(RESOLVE_NO_SYMLINKS), X(RESOLVE_BENEATH),
	X(RESOLVE_IN_ROOT), X(RESOLVE_CACHED),
};
END(resolve_flags, "RESOLVE_???");

/* One name per value (ext2/3/4 share theirs), as strace prints them. */
static const struct hy_xlat_ent fs_magic_ent[] = {
	X(EXT2_SUPER_MAGIC), X(TMPFS_MAGIC), X(PROC_SUPER_MAGIC), X(SYSFS_MAGIC),
	X(DEVPTS_SUPER_MAGIC), X(PIPEFS_MAGIC), X(SOCKFS_MAGIC), X(ANON_INODE_FS_MAGIC),
	X(CGROUP_SUPER_MAGIC), X(CGROUP2_SUPER_MAGIC), X(BTRFS_SUPER_MAGIC), X(XFS_SUPER_MAGIC),
	X(OVERLAYFS_SUPER_MAGIC), X(NFS_SUPER_MAGIC), X(FUSE_SUPER_MAGIC), X(SQUASHFS_MAGIC),
	X(RAMFS_MAGIC), X(HUGETLBFS_MAGIC), X(DEBUGFS_MAGIC), X(TRACEFS_MAGIC), X(SECURITYFS_MAGIC),
	X(BPF_FS_MAGIC), X(NSFS_MAGIC), X(MSDOS_SUPER_MAGIC), X(ISOFS_SUPER_MAGIC),
	X(F2FS_SUPER_MAGIC), X(EXFAT_SUPER_MAGIC), X(V9FS_MAGIC), X(EFIVARFS_MAGIC),
	X(CIFS_SUPER_MAGIC), X(SMB2_SUPER_MAGIC), X(AUTOFS_SUPER_MAGIC), X(BINFMTFS_MAGIC),
	X(MTD_INODE_FS_MAGIC), X(PSTOREFS_MAGIC), X(SELINUX_MAGIC), X(BDEVFS_MAGIC),
	X(CEPH_SUPER_MAGIC), X(EROFS_SUPER_MAGIC_V1),
};
END(fs_magic, NULL);

static const struct hy_xlat_ent statfs_flags_ent[] = {
	{ 0x0001, "ST_RDONLY" }, { 0x0002, "ST_NOSUID" }, { 0x0004, "ST_NODEV" },
	{ 0x0008, "ST_NOEXEC" }, { 0x0010, "ST_SYNCHRONOUS" }, { 0x0020, "ST_VALID" },
	{ 0x0040, "ST_MANDLOCK" }, { 0x0400, "ST_NOATIME" }, { 0x0800, "ST_NODIRATIME" },
	{ 0x1000, "ST_RELATIME" }, { 0x2000, "ST_NOSYMFOLLOW" },
};
END(statfs_flags, "ST_???");

static const struct hy_xlat_ent rwf_flags_ent[] = {
	X(RWF_HIPRI), X(RWF_DSYNC), X(RWF_SYNC), X(RWF_NOWAIT), X(RWF_APPEND),
};
END(rwf_flags, "RWF_???");

static const struct hy_xlat_ent flock_op_ent[] = {
	X(LOCK_SH), X(LOCK_EX), X(LOCK_NB), X(LOCK_UN), X(LOCK_MAND), X(LOCK_RW), X(LOCK_READ),
	X(LOCK_WRITE),
};
END(flock_op, "LOCK_???");

static const struct hy_xlat_ent falloc_flags_ent[] = {
	X(FALLOC_FL_KEEP_SIZE), X(FALLOC_FL_PUNCH_HOLE), X(FALLOC_FL_NO_HIDE_STALE),
	X(FALLOC_FL_COLLAPSE_RANGE), X(FALLOC_FL_ZERO_RANGE), X(FALLOC_FL_INSERT_RANGE),
	X(FALLOC_FL_UNSHARE_RANGE),
};
END(falloc_flags, "FALLOC_FL_???");

static const struct hy_xlat_ent fadvise_ent[] = {
	X(POSIX_FADV_NORMAL), X(POSIX_FADV_RANDOM), X(POSIX_FADV_SEQUENTIAL),
	X(POSIX_FADV_WILLNEED), X(POSIX_FADV_DONTNEED), X(POSIX_FADV_NOREUSE),
};
END(fadvise, "POSIX_FADV_???");

static const struct hy_xlat_ent inotify_mask_ent[] = {
	X(IN_ACCESS), X(IN_MODIFY), X(IN_ATTRIB), X(IN_CLOSE_WRITE), X(IN_CLOSE_NOWRITE),
	X(IN_OPEN), X(IN_MOVED_FROM), X(IN_MOVED_TO), X(IN_CREATE), X(IN_DELETE),
	X(IN_DELETE_SELF), X(IN_MOVE_SELF), X(IN_UNMOUNT), X(IN_Q_OVERFLOW), X(IN_IGNORED),
	X(IN_ONLYDIR), X(IN_DONT_FOLLOW), X(IN_EXCL_UNLINK), X(IN_MASK_CREATE), X(IN_MASK_ADD),
	X(IN_ISDIR), X(IN_ONESHOT),
};
END(inotify_mask, "IN_???");

static const struct hy_xlat_ent in_init_flags_ent[] = {
	X(IN_NONBLOCK),
	X(IN_CLOEXEC),
};
END(in_init_flags, "IN_???");

static const struct hy_xlat_ent seek_whence_ent[] = {
	X(SEEK_SET), X(SEEK_CUR), X(SEEK_END), X(SEEK_DATA), X(SEEK_HOLE),
};
END(seek_whence, "SEEK_???");

static const struct hy_xlat_ent fcntl_cmd_ent[] = {
	X(F_DUPFD), X(F_GETFD), X(F_SETFD), X(F_GETFL), X(F_SETFL), X(F_GETLK), X(F_SETLK),
	X(F_SETLKW), X(F_SETOWN), X(F_GETOWN), X(F_SETSIG), X(F_GETSIG), { 12, "F_GETLK64" },
	{ 13, "F_SETLK64" }, { 14, "F_SETLKW64" }, X(F_SETOWN_EX), X(F_GETOWN_EX), X(F_OFD_GETLK),
	X(F_OFD_SETLK), X(F_OFD_SETLKW), X(F_SETLEASE), X(F_GETLEASE), X(F_NOTIFY),
	X(F_DUPFD_CLOEXEC), X(F_SETPIPE_SZ), X(F_GETPIPE_SZ), X(F_ADD_SEALS), X(F_GET_SEALS),
	X(F_GET_RW_HINT), X(F_SET_RW_HINT), X(F_GET_FILE_RW_HINT), X(F_SET_FILE_RW_HINT),
};
END(fcntl_cmd, "F_???");

static const struct hy_xlat_ent fd_flags_ent[] = {
	X(FD_CLOEXEC),
};
END(fd_flags, "FD_???");

static const struct hy_xlat_ent lock_type_ent[] = {
	X(F_RDLCK), X(F_WRLCK), X(F_UNLCK), X(F_EXLCK), X(F_SHLCK),
};
END(lock_type, "F_???");

static const struct hy_xlat_ent dn_flags_ent[] = {
	X(DN_ACCESS), X(DN_MODIFY), X(DN_CREATE), X(DN_DELETE), X(DN_RENAME), X(DN_ATTRIB),
	X(DN_MULTISHOT),
};
END(dn_flags, "DN_???");

static const struct hy_xlat_ent f_seals_ent[] = {
	X(F_SEAL_SEAL), X(F_SEAL_SHRINK), X(F_SEAL_GROW), X(F_SEAL_WRITE), X(F_SEAL_FUTURE_WRITE),
};
END(f_seals, "F_SEAL_???");

static const struct hy_xlat_ent f_owner_ent[] = {
	X(F_OWNER_TID), X(F_OWNER_PID), X(F_OWNER_PGRP),
};
END(f_owner, "F_OWNER_???");

static const struct hy_xlat_ent pipe_flags_ent[] = {
	X(O_NONBLOCK), X(O_CLOEXEC), X(O_DIRECT), { 0x80, "O_NOTIFICATION_PIPE" },
};
END(pipe_flags, "O_???");

static const struct hy_xlat_ent dup3_flags_ent[] = {
	X(O_CLOEXEC),
};
END(dup3_flags, "O_???");

static const struct hy_xlat_ent unlinkat_flags_ent[] = {
	X(AT_REMOVEDIR),
};
END(unlinkat_flags, "AT_???");

static const struct hy_xlat_ent rename_flags_ent[] = {
	X(RENAME_NOREPLACE), X(RENAME_EXCHANGE), X(RENAME_WHITEOUT),
};
END(rename_flags, "RENAME_??");

static const struct hy_xlat_ent memfd_flags_ent[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" },
};
END(memfd_flags, "MFD_???");

static const struct hy_xlat_ent close_range_flags_ent[] = {
	X(CLOSE_RANGE_UNSHARE), X(CLOSE_RANGE_CLOEXEC),
};
END(close_range_flags, "CLOSE_RANGE_???");

static const struct hy_xlat_ent fan_class_ent[] = {
	X(FAN_CLASS_NOTIF), X(FAN_CLASS_CONTENT), X(FAN_CLASS_PRE_CONTENT),
};
END(fan_class, "FAN_CLASS_???");

static const struct hy_xlat_ent fan_init_flags_ent[] = {
	X(FAN_CLOEXEC), X(FAN_NONBLOCK), X(FAN_UNLIMITED_QUEUE), X(FAN_UNLIMITED_MARKS),
	X(FAN_ENABLE_AUDIT), X(FAN_REPORT_PIDFD), X(FAN_REPORT_TID), X(FAN_REPORT_FID),
	X(FAN_REPORT_DIR_FID), X(FAN_REPORT_NAME), X(FAN_REPORT_TARGET_FID),
};
END(fan_init_flags, "FAN_???");

static const struct hy_xlat_ent fan_mark_flags_ent[] = {
	X(FAN_MARK_ADD), X(FAN_MARK_REMOVE), X(FAN_MARK_DONT_FOLLOW), X(FAN_MARK_ONLYDIR),
	X(FAN_MARK_MOUNT), X(FAN_MARK_IGNORED_MASK), X(FAN_MARK_IGNORED_SURV_MODIFY),
	X(FAN_MARK_FLUSH), X(FAN_MARK_FILESYSTEM), X(FAN_MARK_EVICTABLE), X(FAN_MARK_IGNORE),
};
END(fan_mark_flags, "FAN_MARK_???");

/* no combined names (FAN_CLOSE, FAN_MOVE): strace 6.1 prints their parts */
static const struct hy_xlat_ent fan_event_mask_ent[] = {
	X(FAN_ACCESS), X(FAN_MODIFY), X(FAN_ATTRIB), X(FAN_CLOSE_WRITE), X(FAN_CLOSE_NOWRITE),
	X(FAN_OPEN), X(FAN_MOVED_FROM), X(FAN_MOVED_TO), X(FAN_CREATE), X(FAN_DELETE),
	X(FAN_DELETE_SELF), X(FAN_MOVE_SELF), X(FAN_OPEN_EXEC), X(FAN_Q_OVERFLOW),
	X(FAN_FS_ERROR), X(FAN_OPEN_PERM), X(FAN_ACCESS_PERM), X(FAN_OPEN_EXEC_PERM),
	{ 0x80000, "FAN_DIR_MODIFY" }, X(FAN_ONDIR), X(FAN_EVENT_ON_CHILD), X(FAN_RENAME),
};
END(fan_event_mask, "FAN_???");

static const struct hy_xlat_ent splice_flags_ent[] = {
	X(SPLICE_F_MOVE), X(SPLICE_F_NONBLOCK), X(SPLICE_F_MORE), X(SPLICE_F_GIFT),
};
END(splice_flags, "SPLICE_F_???");

static const struct hy_xlat_ent pidfd_flags_ent[] = { { O_NONBLOCK, "PIDFD_NONBLOCK" } };
END(pidfd_flags, "PIDFD_???");

static const struct hy_xlat_ent sync_file_range_flags_ent[] = {
	X(SYNC_FILE_RANGE_WAIT_BEFORE), X(SYNC_FILE_RANGE_WRITE), X(SYNC_FILE_RANGE_WAIT_AFTER),
};
END(sync_file_range_flags, "SYNC_FILE_RANGE_???");

static const struct hy_xlat_ent xattr_flags_ent[] = { X(XATTR_CREATE), X(XATTR_REPLACE) };
END(xattr_flags, "XATTR_???");

const struct hy_xlat *const hy_xlat_file[HY_X_XLAT_COUNT] = {
	[HY_X_OPEN_ACCESS] = &x_open_access,
	[HY_X_OPEN_FLAGS] = &x_open_flags,
	[HY_X_AT_FLAGS] = &x_at_flags,
	[HY_X_FACCESSAT_FLAGS] = &x_faccessat_flags,
	[HY_X_AT_STATX_SYNC] = &x_at_statx_sync,
	[HY_X_ACCESS_MODES] = &x_access_modes,
	[HY_X_STATX_MASK] = &x_statx_mask,
	[HY_X_STATX_ATTRS] = &x_statx_attrs,
	[HY_X_RESOLVE_FLAGS] = &x_resolve_flags,
	[HY_X_FS_MAGIC] = &x_fs_magic,
	[HY_X_STATFS_FLAGS] = &x_statfs_flags,
	[HY_X_RWF_FLAGS] = &x_rwf_flags,
	[HY_X_FLOCK_OP] = &x_flock_op,
	[HY_X_FALLOC_FLAGS] = &x_falloc_flags,
	[HY_X_FADVISE] = &x_fadvise,
	[HY_X_INOTIFY_MASK] = &x_inotify_mask,
	[HY_X_IN_INIT_FLAGS] = &x_in_init_flags,
	[HY_X_SEEK_WHENCE] = &x_seek_whence,
	[HY_X_FCNTL_CMD] = &x_fcntl_cmd,
	[HY_X_FD_FLAGS] = &x_fd_flags,
	[HY_X_LOCK_TYPE] = &x_lock_type,
	[HY_X_DN_FLAGS] = &x_dn_flags,
	[HY_X_F_SEALS] = &x_f_seals,
	[HY_X_F_OWNER] = &x_f_owner,
	[HY_X_PIPE_FLAGS] = &x_pipe_flags,
	[HY_X_DUP3_FLAGS] = &x_dup3_flags,
	[HY_X_UNLINKAT_FLAGS] = &x_unlinkat_flags,
	[HY_X_RENAME_FLAGS] = &x_rename_flags,
	[HY_X_MEMFD_FLAGS] = &x_memfd_flags,
	[HY_X_CLOSE_RANGE_FLAGS] = &x_close_range_flags,
	[HY_X_FAN_CLASS] = &x_fan_class,
	[HY_X_FAN_INIT_FLAGS] = &x_fan_init_flags,
	[HY_X_SYNC_FILE_RANGE_FLAGS] = &x_sync_file_range_flags,
	[HY_X_XATTR_FLAGS] = &x_xattr_flags,
	[HY_X_FAN_MARK_FLAGS] = &x_fan_mark_flags,
	[HY_X_FAN_EVENT_MASK] = &x_fan_event_mask,
	[HY_X_SPLICE_FLAGS] = &x_splice_flags,
	[HY_X_PIDFD_FLAGS] = &x_pidfd_flags,
};
/* clang-format on */
