// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: files and descriptors (open, access, read/write, vectors, xattrs).
 * runs: -s 7
 */
#include "fid.h"

#include <sys/uio.h>
#include <sys/xattr.h>
#include <utime.h>
#include <sys/time.h>

/*
 * A fresh mapping's first page, never touched: not resident, so the kernel
 * recorder cannot read it, and a call that fails (or writes to /dev/null)
 * never faults it in; strace's read does. @fd: -1 for anonymous memory (it
 * reads as zeros), else a file's first page.
 */
static void *untouched(int fd)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | (fd < 0 ? MAP_ANONYMOUS : 0), fd, 0);

	if (p == MAP_FAILED)
		exit(97);
	return p;
}

int main(void)
{
	static const char text[] = "123456789abcdef0123456789abcdef0123456789";
	char *unterminated = at_edge("\377", 1);
	char *path = str_edge("/nonexistent/fidelity-edge");
	int fd = S(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);
	int zero = S(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY | O_CLOEXEC);
	char *buf = at_edge(NULL, 16);
	struct iovec *iov = at_edge(NULL, 2 * sizeof(*iov));
	struct timeval *tv = at_edge(NULL, 2 * sizeof(*tv));
	struct timespec *ts = at_edge(NULL, 2 * sizeof(*ts));
	struct utimbuf *ub = at_edge(NULL, sizeof(*ub));

	S(SYS_openat, AT_FDCWD, path, O_RDONLY);
	S(SYS_openat, AT_FDCWD, BAD, O_WRONLY | O_CREAT, 0644);
	S(SYS_openat, G(AT_FDCWD), NULL, G(O_RDONLY | 0x100000));
	S(SYS_open, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	S(SYS_open, path, G(O_WRONLY | O_CREAT | O_EXCL), G(0600));
	S(SYS_faccessat, -1, unterminated, F_OK);
	S(SYS_faccessat, G(-1), NULL, G(F_OK));
	S(SYS_faccessat, AT_FDCWD, path, R_OK | W_OK | 0x40);
	S(SYS_faccessat2, AT_FDCWD, unterminated, X_OK, AT_EACCESS | 0x1000000);
	S(SYS_access, path, G(R_OK));
	S(SYS_write, fd, text, 40);
	S(SYS_write, fd, text, 32);
	S(SYS_write, fd, text, 7);
	S(SYS_write, fd, at_edge(text, 16), 16);
	S(SYS_write, fd, at_edge(text, 16), 17);
	S(SYS_write, fd, BAD, 10);
	S(SYS_write, fd, untouched(-1), 10);
	S(SYS_write, -1, untouched(-1), 10);
	S(SYS_write, -1, untouched(S(SYS_openat, AT_FDCWD, "/proc/self/exe", O_RDONLY)), 10);
	S(SYS_pwrite64, -1, untouched(-1), 4, 0);
	S(SYS_read, zero, buf, 16);
	S(SYS_read, zero, buf, 17);
	S(SYS_read, G(zero), BAD, 4);
	S(SYS_pread64, zero, buf, 8, G(0));
	S(SYS_pwrite64, fd, text, 8, 1ll << 40);
	iov[0] = (struct iovec){ (void *)text, 5 };
	iov[1] = (struct iovec){ (void *)(text + 5), 3 };
	S(SYS_writev, fd, iov, 2);
	S(SYS_writev, fd, iov, 3);
	S(SYS_writev, fd, BAD, 1);
	S(SYS_readv, zero, iov + 1, 1);
	*(off_t *)buf = 0;
	S(SYS_sendfile, fd, zero, buf, 16);
	S(SYS_sendfile, fd, zero, NULL, G(4));
	S(SYS_sendfile, fd, zero, BAD, 4);
	/* a file's offset moves: "[0] => [16]" */
	*(off_t *)buf = 0;
	S(SYS_sendfile, fd, S(SYS_openat, AT_FDCWD, "/proc/self/exe", O_RDONLY), buf, 16);
	S(SYS_lseek, fd, G(0), SEEK_END);
	S(SYS_lseek, fd, -1ll, G(7));
	S(SYS_creat, path, 0177777);
	S(SYS_chmod, path, G(04755));
	S(SYS_fchmod, G(fd), 0);
	S(SYS_chown, path, 4294901760u, 0);
	S(SYS_chown, path, -1, G(-1));
	S(SYS_fchown, fd, 0, 65534);
	S(SYS_truncate, path, 1ll << 33);
	S(SYS_ftruncate, G(-1), -5);
	S(SYS_getcwd, buf, 16);
	/* a path written out is printed whole, whatever -s says (the -s 7 run) */
	S(SYS_getcwd, at_edge(NULL, 256), 256);
	S(SYS_getcwd, at_edge(NULL, 2), 2);
	S(SYS_getcwd, BAD, 100);
	S(SYS_mkdirat, AT_FDCWD, path, G(0755));
	S(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR | 0x1);
	S(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, unterminated, RENAME_NOREPLACE | 0x80);
	S(SYS_readlinkat, AT_FDCWD, path, buf, 16);
	S(SYS_symlinkat, path, G(AT_FDCWD), "/nonexistent/b");
	S(SYS_linkat, AT_FDCWD, path, AT_FDCWD, "/nonexistent/b", AT_SYMLINK_FOLLOW);
	tv[0] = (struct timeval){ 1, 2 };
	tv[1] = (struct timeval){ 3, 4 };
	S(SYS_utimes, path, tv);
	S(SYS_utimes, unterminated, NULL);
	S(SYS_futimesat, AT_FDCWD, path, tv);
	ts[0] = (struct timespec){ 5, UTIME_NOW };
	ts[1] = (struct timespec){ 6, UTIME_OMIT };
	S(SYS_utimensat, AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
	S(SYS_utimensat, AT_FDCWD, unterminated, NULL, 0);
	ub->actime = 7;
	ub->modtime = 8;
	S(SYS_utime, path, ub);
	S(SYS_setxattr, path, "user.fid", text, 4, XATTR_CREATE);
	S(SYS_setxattr, path, unterminated, text, 4, G(0));
	S(SYS_getxattr, path, "user.fid", buf, 16);
	S(SYS_lgetxattr, unterminated, "user.fid", buf, 16);
	S(SYS_listxattr, path, buf, 16);
	S(SYS_removexattr, path, "user.fid");
	S(SYS_fsync, G(fd));
	S(SYS_close, G(-1));
	S(SYS_close, zero);
	S(SYS_close, fd);
	return 0;
}
