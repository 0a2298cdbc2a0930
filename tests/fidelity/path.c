// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: plain path calls (chdir, rename, mkdir, link, mknod, *at
 * ownership and modes, file handles, openat2, execveat, vectored I/O at an
 * offset). fchmodat2 is not here: strace 6.1 does not know its name.
 * runs: -s 7
 */
#include "fid.h"

#include <linux/openat2.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>

#ifndef RWF_APPEND
#define RWF_APPEND 0x10
#endif

int main(void)
{
	static const char text[] = "123456789abcdef0123456789abcdef";
	char *unterminated = at_edge("\377", 1);
	char *path = str_edge("/nonexistent/fidelity-path");
	char dir[64];
	int null = S(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);
	int zero = S(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY);
	int root = S(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY);
	struct iovec *iov = at_edge(NULL, 2 * sizeof(*iov));
	char *buf = at_edge(NULL, 16);

	/* the pid in the name: fidelity.py numbers it as it numbers the pids */
	snprintf(dir, sizeof(dir), "/tmp/fid-path-%d", (int)getpid());
	S(SYS_mkdir, dir, G(0755));
	S(SYS_mkdir, path, 07777);
	S(SYS_mkdir, unterminated, 0);
	S(SYS_chdir, dir);
	S(SYS_chdir, path);
	S(SYS_chdir, unterminated);
	S(SYS_chdir, BAD);
	S(SYS_fchdir, G(-1));
	S(SYS_fchdir, root);
	S(SYS_rmdir, dir);
	S(SYS_rmdir, path);
	S(SYS_rmdir, BAD);
	S(SYS_rename, path, "/nonexistent/b");
	S(SYS_rename, unterminated, BAD);
	S(SYS_renameat, G(AT_FDCWD), path, -100, "/nonexistent/b");
	S(SYS_renameat, 99, "a", root, unterminated);
	S(SYS_renameat2, root, path, AT_FDCWD, "b", RENAME_EXCHANGE | RENAME_WHITEOUT);
	S(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, "b", G(0x80000000));
	S(SYS_link, path, "/nonexistent/b");
	S(SYS_link, unterminated, NULL);
	S(SYS_linkat, G(root), path, -1, "b", AT_EMPTY_PATH | AT_SYMLINK_FOLLOW);
	S(SYS_linkat, AT_FDCWD, "", AT_FDCWD, "b", G(0x8000));
	S(SYS_unlink, path);
	S(SYS_unlink, unterminated);
	S(SYS_symlink, "/nonexistent/a", path);
	S(SYS_symlink, unterminated, "");
	S(SYS_lchown, path, -1, G(0));
	S(SYS_lchown, path, 4294901760u, 65534);
	S(SYS_lchown, BAD, G(-1), -1);
	S(SYS_fchownat, AT_FDCWD, path, 0, 0, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
	S(SYS_fchownat, G(-1), "", -1, -1, G(0x8000));
	S(SYS_fchownat, root, unterminated, 1, 1, 0);
	S(SYS_fchmodat, AT_FDCWD, path, 0644);
	S(SYS_fchmodat, G(99), path, G(0177777));
	S(SYS_fchmodat, root, unterminated, 0);
	S(SYS_mknod, path, S_IFCHR | 0600, makedev(1, 3));
	S(SYS_mknod, path, S_IFBLK | 0640, makedev(259, 65537));
	S(SYS_mknod, path, S_IFIFO | 0644, 0);
	S(SYS_mknod, path, G(S_IFREG), G(7));
	S(SYS_mknod, unterminated, 0177777, ~0ull);
	S(SYS_mknodat, AT_FDCWD, path, S_IFSOCK | 0755, 5);
	S(SYS_mknodat, G(root), path, S_IFCHR, makedev(4, 64));
	S(SYS_mknodat, -1, BAD, 0, 0);
	{
		/* a handle that ends at an unmapped page: 8 bytes of f_handle */
		struct file_handle *h = at_edge(NULL, sizeof(*h) + 8);
		struct file_handle *h0 = at_edge(NULL, sizeof(*h0));
		int *mnt = at_edge(NULL, sizeof(int));

		h->handle_bytes = 8;
		S(SYS_name_to_handle_at, AT_FDCWD, "/", h, mnt, 0);
		S(SYS_open_by_handle_at, root, h, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		S(SYS_open_by_handle_at, G(-1), h, G(O_WRONLY | 0x10000000));
		S(SYS_open_by_handle_at, root, BAD, O_RDONLY);
		h0->handle_bytes = 0;
		S(SYS_name_to_handle_at, root, "", h0, mnt, AT_EMPTY_PATH);
		S(SYS_name_to_handle_at, G(AT_FDCWD), path, h0, mnt, G(AT_SYMLINK_FOLLOW));
		S(SYS_name_to_handle_at, AT_FDCWD, "/", BAD, BAD, 0);
		S(SYS_name_to_handle_at, AT_FDCWD, unterminated, h, NULL, 0x7);
	}
	{
		struct open_how *how = at_edge(NULL, sizeof(*how));
		char *big = at_edge(NULL, 40);

		how->flags = O_RDONLY | O_CLOEXEC | O_DIRECTORY;
		how->resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
		S(SYS_openat2, root, "tmp", how, sizeof(*how));
		S(SYS_openat2, G(AT_FDCWD), path, how, 16);
		how->flags = O_WRONLY | O_CREAT | O_TRUNC;
		how->mode = 0600;
		how->resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV |
			       RESOLVE_CACHED | 0x80;
		S(SYS_openat2, AT_FDCWD, path, how, sizeof(*how));
		S(SYS_openat2, AT_FDCWD, path, BAD, sizeof(*how));
		S(SYS_openat2, AT_FDCWD, unterminated, how, G(24));
		/* a larger struct: zeros past 24 bytes are accepted, a 1 is not */
		S(SYS_openat2, AT_FDCWD, path, big, 40);
		big[32] = 1;
		S(SYS_openat2, AT_FDCWD, path, big, 40);
		S(SYS_openat2, AT_FDCWD, path, big, 41);
	}
	{
		char *argv[] = { "fid-a", "fid-b", NULL };
		char *envp[] = { "A=1", NULL };

		S(SYS_execveat, AT_FDCWD, path, argv, envp, 0);
		S(SYS_execveat, G(-1), "", NULL, NULL, AT_EMPTY_PATH);
		S(SYS_execveat, 99, "x", at_edge(argv, sizeof(argv)), NULL,
		  G(AT_SYMLINK_NOFOLLOW | 0x8000));
		S(SYS_execveat, root, unterminated, BAD, BAD, 0);
	}
	iov[0] = (struct iovec){ (void *)text, 10 };
	iov[1] = (struct iovec){ (void *)(text + 10), 5 };
	S(SYS_pwritev, null, iov, 2, 1ll << 33, 0);
	S(SYS_pwritev, null, iov, 3, 0, 0);
	S(SYS_pwritev, G(-1), BAD, 1, -1, 0);
	S(SYS_preadv, zero, iov + 1, 1, G(0), 0);
	iov[1] = (struct iovec){ buf, 16 };
	S(SYS_preadv, zero, iov + 1, 1, 4096, 0);
	S(SYS_preadv, zero, iov + 1, 2, 0, 0);
	S(SYS_pwritev2, null, iov, 1, -1, 0, RWF_HIPRI | RWF_DSYNC | RWF_SYNC);
	S(SYS_pwritev2, null, iov, 1, 0, 0, RWF_APPEND | 0x80);
	S(SYS_pwritev2, null, iov, 2, 7, 0, G(0));
	S(SYS_preadv2, zero, iov + 1, 1, -1, 0, RWF_NOWAIT);
	S(SYS_preadv2, zero, iov + 1, 1, 0, 0, G(0xffffffe0));
	S(SYS_preadv2, G(-1), NULL, 0, 1, 0, 0);
	S(SYS_close, root);
	S(SYS_close, zero);
	S(SYS_close, null);
	return 0;
}
