// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: mounts and file system contexts (mount, umount2, the fsopen
 * family, open_tree, mount_setattr, pivot_root, chroot, swap, quotactl) and the
 * xattr calls the file guest does not make. Every call fails (or makes a
 * context nothing mounts): the guest runs as root.
 * runs: -s 4
 */
#include "fid.h"

#include <linux/mount.h>
#include <sys/quota.h>
#include <sys/swap.h>
#include <sys/xattr.h>

/* <sys/mount.h>'s, which clashes with <linux/mount.h> */
#define MNT_DETACH 2
#define UMOUNT_NOFOLLOW 8

/* glibc 2.36's <sys/mount.h> clashes with <linux/mount.h>: the kernel's struct */
struct fid_mount_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};

int main(void)
{
	char *unterminated = at_edge("/nonexistent", 12);
	char *value = at_edge("fid-value", 9);
	char *buf = at_edge(NULL, 16);
	struct fid_mount_attr *ma = at_edge(NULL, sizeof(*ma));
	int fd = S(SYS_openat, AT_FDCWD, "/tmp", O_RDONLY | O_DIRECTORY);
	int fsfd;

	S(SYS_mount, "none", "/nonexistent/fid", "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY,
	  "size=1m");
	S(SYS_mount, NULL, "/nonexistent/fid", NULL, MS_REMOUNT | MS_BIND | 0x80000000, NULL);
	S(SYS_mount, BAD, unterminated, BAD, G(MS_MGC_VAL | MS_PRIVATE | MS_REC), BAD);
	S(SYS_mount, "/nonexistent", "/nonexistent/fid", NULL, MS_MOVE, NULL);
	S(SYS_umount2, "/nonexistent/fid", MNT_DETACH | UMOUNT_NOFOLLOW);
	S(SYS_umount2, unterminated, G(0x80));
	fsfd = S(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	S(SYS_fsopen, str_edge("fid-nofs"), 0);
	S(SYS_fsopen, BAD, G(0x10));
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_STRING, "size", "1m", 0);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_FLAG, "ro", NULL, 0);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_BINARY, "fid", value, 9);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_FD, "fid", NULL, G(-1));
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_BINARY, "fid",
	  "fid-value-longer-than-32-bytes-0123456789", 41);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_BINARY, "fid", BAD, 4);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_STRING, "fid", unterminated, 0);
	S(SYS_fsconfig, fsfd, FSCONFIG_SET_PATH, "source", "/nonexistent", AT_FDCWD);
	S(SYS_fsconfig, fsfd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0);
	S(SYS_fsconfig, G(fsfd), 99, BAD, BAD, 7);
	S(SYS_fsmount, -1, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID);
	S(SYS_fsmount, fsfd, G(0x2), 0x40000000);
	S(SYS_close, fsfd);
	S(SYS_move_mount, -1, "", AT_FDCWD, "/nonexistent/fid", MOVE_MOUNT_F_EMPTY_PATH);
	S(SYS_move_mount, G(-1), BAD, -7, unterminated, 0x8000);
	S(SYS_open_tree, AT_FDCWD, "/nonexistent", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	S(SYS_open_tree, -1, "", AT_EMPTY_PATH | AT_RECURSIVE | 0x4);
	S(SYS_fspick, -1, "", FSPICK_EMPTY_PATH | FSPICK_CLOEXEC);
	S(SYS_fspick, AT_FDCWD, unterminated, G(0x100));
	memset(ma, 0, sizeof(*ma));
	ma->attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOEXEC;
	ma->propagation = MS_PRIVATE;
	S(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, ma, sizeof(*ma));
	S(SYS_mount_setattr, AT_FDCWD, "/nonexistent", 0, BAD, 32);
	S(SYS_mount_setattr, AT_FDCWD, "/nonexistent", AT_RECURSIVE, ma, G(16));
	S(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, ma, 24);
	{
		/* a longer struct: zeros after the first version print as nothing, else as bytes */
		uint64_t *big = at_edge(NULL, 64);

		memcpy(big, ma, sizeof(*ma));
		S(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, big, 64);
		big[5] = 0x55;
		S(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, big, 48);
		S(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, big + 4, 40);
	}
	S(SYS_pivot_root, "/nonexistent/a", unterminated);
	S(SYS_chroot, "/nonexistent");
	S(SYS_chroot, BAD);
	S(SYS_swapon, "/nonexistent", SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | 5);
	S(SYS_swapon, unterminated, G(0));
	S(SYS_swapoff, "/nonexistent");
	S(SYS_quotactl, QCMD(Q_GETQUOTA, USRQUOTA), "/dev/nonexistent", 0, buf);
	S(SYS_quotactl, QCMD(Q_SYNC, GRPQUOTA), NULL, 0, NULL);
	S(SYS_quotactl, G(0x7f0000), BAD, -1, BAD);
	S(SYS_lsetxattr, "/nonexistent", "user.fid", value, 9, XATTR_CREATE);
	S(SYS_fsetxattr, fd, "user.fid", value, G(9), 0x10);
	S(SYS_fsetxattr, -1, unterminated, BAD, 4, 0);
	S(SYS_fgetxattr, fd, "user.fid", buf, 16);
	S(SYS_fgetxattr, G(fd), BAD, buf, 0);
	S(SYS_llistxattr, "/nonexistent", buf, 16);
	S(SYS_flistxattr, fd, buf, 16);
	S(SYS_flistxattr, fd, BAD, G(16));
	S(SYS_lremovexattr, unterminated, "user.fid");
	S(SYS_fremovexattr, fd, "user.fid");
	S(SYS_fremovexattr, -1, BAD);
	S(SYS_close, fd);
	return 0;
}
