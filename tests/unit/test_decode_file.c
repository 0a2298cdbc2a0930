// SPDX-License-Identifier: MIT
/* Path and open calls against strace 6.1's output for the same arguments. */
#include "test_decode_common.h"

#include <sys/timerfd.h>
#include <time.h>

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define PATH 0x7f0000001000ull
#define PATH2 0x7f0000002000ull
#define BUF 0x7ffd00000100ull

static const uint64_t cwd = (uint64_t)(int64_t)AT_FDCWD;

static void test_openat(void **state)
{
	(void)state;
	t_x64("openat", cwd, PATH, O_RDONLY | O_CLOEXEC);
	t_str(PATH, "/etc/hostname");
	t_ret(3);
	t_expect("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY|O_CLOEXEC) = 3");

	/* the mode only with O_CREAT */
	t_x64("openat", cwd, PATH, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_ret(3);
	t_expect("openat(AT_FDCWD, \"/tmp/hyd/out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3");

	t_x64("openat", 3, PATH, O_WRONLY | O_NOFOLLOW | 0x10000000);
	t_str(PATH, "sub");
	t_ret(-ENOTDIR);
	t_expect("openat(3, \"sub\", O_WRONLY|O_NOFOLLOW|0x10000000) = -1 ENOTDIR (Not a "
		 "directory)");

	t_x64("openat", cwd, 0, O_RDONLY);
	t_ret(-EFAULT);
	t_expect("openat(AT_FDCWD, NULL, O_RDONLY) = -1 EFAULT (Bad address)");

	/* nothing captured: the address */
	t_x64("openat", cwd, 1, O_RDONLY);
	t_ret(-EFAULT);
	t_expect("openat(AT_FDCWD, 0x1, O_RDONLY) = -1 EFAULT (Bad address)");

	t_x64("openat", (uint64_t)-5, PATH, O_RDONLY);
	t_str(PATH, "x");
	t_ret(-EBADF);
	t_expect("openat(-5, \"x\", O_RDONLY) = -1 EBADF (Bad file descriptor)");

	/* i386: AT_FDCWD arrives as 32 bits */
	t_i386("openat", 0xffffff9c, PATH, O_RDONLY | O_CLOEXEC);
	t_str(PATH, "/etc/ld.so.cache");
	t_ret(3);
	t_expect("openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3");
}

static void test_open_flags(void **state)
{
	(void)state;
	t_x64("open", PATH, O_RDWR | O_APPEND);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_ret(3);
	t_expect("open(\"/tmp/hyd/out.txt\", O_RDWR|O_APPEND) = 3");

	t_x64("open", PATH, O_RDONLY | O_CREAT | O_EXCL, 0600);
	t_str(PATH, "/tmp/hyd/x");
	t_ret(4);
	t_expect("open(\"/tmp/hyd/x\", O_RDONLY|O_CREAT|O_EXCL, 0600) = 4");

	t_x64("open", PATH, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
	t_str(PATH, "/tmp/hyd");
	t_ret(5);
	t_expect("open(\"/tmp/hyd\", O_RDONLY|O_NONBLOCK|O_DIRECTORY) = 5");

	/* O_TMPFILE takes a mode too, and hides the O_DIRECTORY it includes */
	t_x64("open", PATH, O_TMPFILE | O_RDWR, 0600);
	t_str(PATH, "/tmp/hyd");
	t_ret(6);
	t_expect("open(\"/tmp/hyd\", O_RDWR|O_TMPFILE, 0600) = 6");

	t_x64("openat", cwd, PATH,
	      O_RDONLY | 0100000 | O_SYNC | O_PATH | O_NOATIME | O_DIRECT | O_ASYNC | O_NOCTTY);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_ret(3);
	t_expect("openat(AT_FDCWD, \"/tmp/hyd/out.txt\", O_RDONLY|O_NOCTTY|O_SYNC|O_DIRECT|"
		 "O_LARGEFILE|O_NOATIME|O_PATH|FASYNC) = 3");

	t_x64("openat", cwd, PATH, O_WRONLY | O_TMPFILE | O_EXCL, 0);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_ret(-ENOTDIR);
	t_expect("openat(AT_FDCWD, \"/tmp/hyd/out.txt\", O_WRONLY|O_EXCL|O_TMPFILE, 000) = "
		 "-1 ENOTDIR (Not a directory)");

	t_x64("openat", cwd, PATH, 3);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_ret(4);
	t_expect("openat(AT_FDCWD, \"/tmp/hyd/out.txt\", O_ACCMODE) = 4");

	t_x64("openat", cwd, PATH, O_RDONLY | O_CREAT, 04755);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_ret(5);
	t_expect("openat(AT_FDCWD, \"/tmp/hyd/out.txt\", O_RDONLY|O_CREAT, 04755) = 5");
}

static void test_paths(void **state)
{
	(void)state;
	/* escapes */
	t_x64("openat", cwd, PATH, O_RDONLY);
	t_str(PATH, "/tmp/hyd/a\"b\\c\n\x01\xff");
	t_ret(-ENOENT);
	t_expect("openat(AT_FDCWD, \"/tmp/hyd/a\\\"b\\\\c\\n\\1\\377\", O_RDONLY) = "
		 "-1 ENOENT (No such file or directory)");

	/* paths are not cut at -s */
	t_x64("openat", cwd, PATH, O_RDONLY);
	t_str(PATH, "/tmp/hyd/very/long/path/name/that/goes/on");
	t_ret(-ENOENT);
	t_expect_s(5, "openat(AT_FDCWD, \"/tmp/hyd/very/long/path/name/that/goes/on\", O_RDONLY) = "
		      "-1 ENOENT (No such file or directory)");

	/* a path whose end was not captured */
	t_x64("chdir", PATH);
	t_str_cut(PATH, "/tmp/a");
	t_expect("chdir(\"/tmp/a\"...) = 0");
}

static void test_openat2(void **state)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC,
				.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS };
	struct open_how how2 = { .flags = O_WRONLY | O_CREAT, .mode = 0644 };

	(void)state;
	t_x64("openat2", cwd, PATH, BUF, sizeof(how));
	t_str(PATH, "/etc/hostname");
	t_in(BUF, &how, sizeof(how));
	t_ret(-EXDEV);
	t_expect("openat2(AT_FDCWD, \"/etc/hostname\", {flags=O_RDONLY|O_CLOEXEC, "
		 "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24) = -1 EXDEV (Invalid "
		 "cross-device link)");

	t_x64("openat2", cwd, PATH, BUF, sizeof(how2));
	t_str(PATH, "/tmp/hyd/y");
	t_in(BUF, &how2, sizeof(how2));
	t_ret(7);
	t_expect("openat2(AT_FDCWD, \"/tmp/hyd/y\", {flags=O_WRONLY|O_CREAT, mode=0644, "
		 "resolve=0}, 24) = 7");

	/* too short for the struct: the address */
	t_x64("openat2", cwd, PATH, BUF, 16);
	t_str(PATH, "/tmp/hyd/y");
	t_in(BUF, &how2, sizeof(how2));
	t_ret(-EINVAL);
	t_expect("openat2(AT_FDCWD, \"/tmp/hyd/y\", 0x7ffd00000100, 16) = -1 EINVAL (Invalid "
		 "argument)");
}

static void test_close(void **state)
{
	(void)state;
	t_x64("close", 3);
	t_expect("close(3) = 0");
	t_x64("close_range", 100, 0xffffffff, 0);
	t_expect("close_range(100, 4294967295, 0) = 0");
	t_x64("close_range", 100, 200, 4);
	t_expect("close_range(100, 200, CLOSE_RANGE_CLOEXEC) = 0");
	t_x64("close_range", 0, 0, 0x10);
	t_ret(-EINVAL);
	t_expect("close_range(0, 0, 0x10 /* CLOSE_RANGE_??? */) = -1 EINVAL (Invalid argument)");
}

static void test_access(void **state)
{
	(void)state;
	t_x64("access", PATH, R_OK | W_OK);
	t_str(PATH, "/etc/passwd");
	t_expect("access(\"/etc/passwd\", R_OK|W_OK) = 0");
	t_x64("access", PATH, F_OK);
	t_str(PATH, "/etc/passwd");
	t_expect("access(\"/etc/passwd\", F_OK) = 0");
	t_x64("access", PATH, 0x10);
	t_str(PATH, "/");
	t_ret(-EINVAL);
	t_expect("access(\"/\", 0x10 /* ?_OK */) = -1 EINVAL (Invalid argument)");
	t_x64("faccessat", cwd, PATH, X_OK);
	t_str(PATH, "/etc/passwd");
	t_ret(-EACCES);
	t_expect("faccessat(AT_FDCWD, \"/etc/passwd\", X_OK) = -1 EACCES (Permission denied)");
	t_x64("faccessat2", cwd, PATH, R_OK, AT_EACCESS);
	t_str(PATH, "/etc/passwd");
	t_expect("faccessat2(AT_FDCWD, \"/etc/passwd\", R_OK, AT_EACCESS) = 0");
	t_x64("faccessat2", cwd, PATH, F_OK, 0x80000);
	t_str(PATH, "a");
	t_ret(-EINVAL);
	t_expect("faccessat2(AT_FDCWD, \"a\", F_OK, 0x80000 /* AT_??? */) = -1 EINVAL (Invalid "
		 "argument)");
}

static void test_readlink(void **state)
{
	(void)state;
	t_x64("readlink", PATH, BUF, 256);
	t_str(PATH, "/proc/self/exe");
	t_out(BUF, "/tmp/hyd/t1", 11);
	t_ret(11);
	t_expect("readlink(\"/proc/self/exe\", \"/tmp/hyd/t1\", 256) = 11");
	/* the target is a buffer: cut at -s */
	t_expect_s(5, "readlink(\"/proc/self/exe\", \"/tmp/\"..., 256) = 11");

	t_x64("readlinkat", cwd, PATH, BUF, 3);
	t_str(PATH, "/proc/self/exe");
	t_out(BUF, "/tm", 3);
	t_ret(3);
	t_expect("readlinkat(AT_FDCWD, \"/proc/self/exe\", \"/tm\", 3) = 3");

	t_x64("readlink", PATH, BUF, 256);
	t_str(PATH, "/etc/passwd");
	t_ret(-EINVAL);
	t_expect("readlink(\"/etc/passwd\", 0x7ffd00000100, 256) = -1 EINVAL (Invalid argument)");
}

static void test_getdents64(void **state)
{
	static const uint16_t reclens[] = { 24, 24, 24, 24, 24, 24, 32 };
	uint8_t buf[176] = { 0 };
	unsigned int off = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(reclens) / sizeof(reclens[0]); i++) {
		memcpy(buf + off + 16, &reclens[i], 2);
		off += reclens[i];
	}
	t_x64("getdents64", 8, BUF, 256);
	t_out(BUF, buf, sizeof(buf));
	t_ret(176);
	t_expect("getdents64(8, 0x7ffd00000100 /* 7 entries */, 256) = 176");

	t_x64("getdents64", 8, BUF, 256);
	t_expect("getdents64(8, 0x7ffd00000100 /* 0 entries */, 256) = 0");

	t_x64("getdents64", 8, BUF, 256);
	t_out(BUF, buf, 24);
	t_ret(24);
	t_expect("getdents64(8, 0x7ffd00000100 /* 1 entry */, 256) = 24");

	/* records not captured: no count to show */
	t_x64("getdents64", 8, BUF, 256);
	t_out(BUF, buf, 32);
	t_ret(176);
	t_expect("getdents64(8, 0x7ffd00000100, 256) = 176");

	t_x64("getdents64", 99, BUF, 256);
	t_ret(-EBADF);
	t_expect("getdents64(99, 0x7ffd00000100, 256) = -1 EBADF (Bad file descriptor)");
}

/* strace -v: the records themselves, as far as they were captured. */
static const char *fmt_verbose(void)
{
	struct hy_printer p;

	hy_pr_init(&p, t_line, sizeof(t_line), 32);
	p.verbose = true;
	hy_format_call(&p, &t_rec);
	return t_line;
}

/* A linux_dirent64 of 24 bytes: inode @ino, d_off @off, type @type, name @name. */
static void dirent64(uint8_t *rec, uint64_t ino, uint64_t off, uint8_t type, const char *name,
		     uint16_t reclen)
{
	memset(rec, 0, 24);
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &off, 8);
	memcpy(rec + 16, &reclen, 2);
	rec[18] = type;
	memcpy(rec + 19, name, strlen(name));
}

static void test_getdents64_verbose(void **state)
{
	uint8_t buf[48];

	(void)state;
	dirent64(buf, 2, 10, DT_DIR, ".", 24);
	dirent64(buf + 24, 77, 0x7fffffffffffffff, 0xf, "bb", 24);
	t_x64("getdents64", 8, BUF, 256);
	t_out(BUF, buf, 48);
	t_ret(48);
	assert_string_equal(fmt_verbose(),
			    "getdents64(8, [{d_ino=2, d_off=10, d_reclen=24, d_type=DT_DIR, "
			    "d_name=\".\"}, {d_ino=77, d_off=9223372036854775807, d_reclen=24, "
			    "d_type=0xf /* DT_??? */, d_name=\"bb\"}], 256)");

	/* past the capture's bound (4 KiB; here 24 bytes): "..." */
	t_x64("getdents64", 8, BUF, 256);
	t_out(BUF, buf, 24);
	t_ret(48);
	assert_string_equal(fmt_verbose(), "getdents64(8, [{d_ino=2, d_off=10, d_reclen=24, "
					   "d_type=DT_DIR, d_name=\".\"}, ...], 256)");

	/* a length past the result: strace's note, the rest as the name */
	dirent64(buf, 2, 10, DT_DIR, ".", 40);
	t_x64("getdents64", 8, BUF, 256);
	t_out(BUF, buf, 24);
	t_ret(24);
	assert_string_equal(fmt_verbose(),
			    "getdents64(8, [{d_ino=2, d_off=10, d_reclen=40 /* 16 "
			    "bytes overflow */, d_type=DT_DIR, d_name=\".\"}], 256)");

	t_x64("getdents64", 8, BUF, 256);
	t_ret(0);
	assert_string_equal(fmt_verbose(), "getdents64(8, [], 256)");

	/* not captured (no -v when the call was recorded): the count's form */
	t_x64("getdents64", 8, BUF, 256);
	t_ret(48);
	assert_string_equal(fmt_verbose(), "getdents64(8, 0x7ffd00000100, 256)");
}

static void test_dirs(void **state)
{
	(void)state;
	t_x64("unlink", PATH);
	t_str(PATH, "/tmp/hyd/x");
	t_expect("unlink(\"/tmp/hyd/x\") = 0");
	t_x64("unlinkat", cwd, PATH, 0);
	t_str(PATH, "/tmp/hyd/y");
	t_expect("unlinkat(AT_FDCWD, \"/tmp/hyd/y\", 0) = 0");
	t_x64("unlinkat", cwd, PATH, AT_REMOVEDIR);
	t_str(PATH, "/tmp/hyd/dd");
	t_expect("unlinkat(AT_FDCWD, \"/tmp/hyd/dd\", AT_REMOVEDIR) = 0");
	t_x64("unlinkat", cwd, PATH, 1);
	t_str(PATH, "x");
	t_ret(-EINVAL);
	t_expect("unlinkat(AT_FDCWD, \"x\", 0x1 /* AT_??? */) = -1 EINVAL (Invalid argument)");
	t_x64("mkdir", PATH, 0755);
	t_str(PATH, "/tmp/hyd/dd");
	t_expect("mkdir(\"/tmp/hyd/dd\", 0755) = 0");
	t_x64("mkdir", PATH, 01777);
	t_str(PATH, "/tmp/hyd/zz");
	t_expect("mkdir(\"/tmp/hyd/zz\", 01777) = 0");
	t_x64("mkdirat", cwd, PATH, 0700);
	t_str(PATH, "/tmp/hyd/dd2");
	t_expect("mkdirat(AT_FDCWD, \"/tmp/hyd/dd2\", 0700) = 0");
	t_x64("rmdir", PATH);
	t_str(PATH, "/tmp/hyd/dd5");
	t_expect("rmdir(\"/tmp/hyd/dd5\") = 0");
	t_x64("chdir", PATH);
	t_str(PATH, "/tmp");
	t_expect("chdir(\"/tmp\") = 0");

	t_x64("rename", PATH, PATH2);
	t_str(PATH, "/tmp/hyd/dd2");
	t_str(PATH2, "/tmp/hyd/dd3");
	t_expect("rename(\"/tmp/hyd/dd2\", \"/tmp/hyd/dd3\") = 0");
	t_x64("renameat", cwd, PATH, 8, PATH2);
	t_str(PATH, "/tmp/hyd/dd3");
	t_str(PATH2, "dd4");
	t_expect("renameat(AT_FDCWD, \"/tmp/hyd/dd3\", 8, \"dd4\") = 0");
	t_x64("renameat2", 8, PATH, cwd, PATH2, 1);
	t_str(PATH, "dd4");
	t_str(PATH2, "/tmp/hyd/dd5");
	t_expect("renameat2(8, \"dd4\", AT_FDCWD, \"/tmp/hyd/dd5\", RENAME_NOREPLACE) = 0");
	t_x64("renameat2", cwd, PATH, cwd, PATH2, 0x10);
	t_str(PATH, "a");
	t_str(PATH2, "b");
	t_ret(-EINVAL);
	t_expect("renameat2(AT_FDCWD, \"a\", AT_FDCWD, \"b\", 0x10 /* RENAME_?? */) = "
		 "-1 EINVAL (Invalid argument)");

	t_x64("getcwd", BUF, 256);
	t_out(BUF, "/tmp/hyd", 9);
	t_ret(9);
	t_expect_s(5, "getcwd(\"/tmp/hyd\", 256) = 9");
	t_x64("getcwd", BUF, 2);
	t_ret(-ERANGE);
	t_expect("getcwd(0x7ffd00000100, 2) = -1 ERANGE (Numerical result out of range)");
}

static void test_chmod_chown(void **state)
{
	(void)state;
	t_x64("fchmod", 8, 0755);
	t_expect("fchmod(8, 0755) = 0");
	t_x64("fchmodat", cwd, PATH, 0644);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_expect("fchmodat(AT_FDCWD, \"/tmp/hyd/out.txt\", 0644) = 0");
	t_x64("fchmodat", cwd, PATH, 0);
	t_str(PATH, "/tmp/hyd/zz");
	t_expect("fchmodat(AT_FDCWD, \"/tmp/hyd/zz\", 000) = 0");
	t_x64("fchown", 8, 0, 0);
	t_expect("fchown(8, 0, 0) = 0");
	t_x64("fchown", 8, 0xffffffff, 0xffffffff);
	t_expect("fchown(8, -1, -1) = 0");
	t_x64("fchownat", cwd, PATH, 0, 0, AT_SYMLINK_NOFOLLOW);
	t_str(PATH, "/tmp/hyd/out.txt");
	t_expect("fchownat(AT_FDCWD, \"/tmp/hyd/out.txt\", 0, 0, AT_SYMLINK_NOFOLLOW) = 0");
	t_x64("umask", 022);
	t_ret(022);
	t_expect("umask(022) = 022");
	t_x64("umask", 0777);
	t_ret(022);
	t_expect("umask(0777) = 022");
}

static void test_mknod(void **state)
{
	(void)state;
	t_x64("mknod", PATH, S_IFCHR | 0600, makedev(1, 3));
	t_str(PATH, "/tmp/hyd/nn");
	t_expect("mknod(\"/tmp/hyd/nn\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0");
	t_x64("mknod", PATH, 0600, 0);
	t_str(PATH, "/tmp/hyd/nn");
	t_ret(-EEXIST);
	t_expect("mknod(\"/tmp/hyd/nn\", 0600) = -1 EEXIST (File exists)");
	t_x64("mknod", PATH, S_IFIFO | 0644, 0);
	t_str(PATH, "/tmp/hyd/fifo");
	t_expect("mknod(\"/tmp/hyd/fifo\", S_IFIFO|0644) = 0");
	t_x64("mknodat", cwd, PATH, S_IFBLK | S_ISUID | 0600, makedev(8, 1));
	t_str(PATH, "/tmp/hyd/nn");
	t_ret(-EEXIST);
	t_expect("mknodat(AT_FDCWD, \"/tmp/hyd/nn\", S_IFBLK|S_ISUID|0600, makedev(0x8, 0x1)) = "
		 "-1 EEXIST (File exists)");
}

/*
 * An int argument is what the kernel takes of its register: 64-bit garbage above
 * it is not printed (strace prints the int); uid_t is unsigned but -1; a umode_t
 * keeps all its 16 bits.
 */
static void test_int_widths(void **state)
{
	(void)state;
	t_x64("faccessat", 0xdefaced0ffffffffull, 0, 0xdefaced00000000ull);
	t_ret(-EFAULT);
	t_expect("faccessat(-1, NULL, F_OK) = -1 EFAULT (Bad address)");
	t_x64("faccessat", cwd, PATH, 0xdefaced00000004ull);
	t_str(PATH, "/x");
	t_ret(-ENOENT);
	t_expect("faccessat(AT_FDCWD, \"/x\", R_OK) = -1 ENOENT (No such file or directory)");
	t_x64("alarm", 0xffffffff0000002aull);
	t_expect("alarm(42) = 0");
	t_x64("chown", PATH, 4294901760u, 0xdefaced0ffffffffull);
	t_str(PATH, "/x");
	t_ret(-ENOENT);
	t_expect("chown(\"/x\", 4294901760, -1) = -1 ENOENT (No such file or directory)");
	t_x64("creat", PATH, 0xdefaced0000ffffull);
	t_str(PATH, "/x");
	t_ret(-ENOENT);
	t_expect("creat(\"/x\", 0177777) = -1 ENOENT (No such file or directory)");
	t_x64("umask", 0xffffffffull);
	t_ret(022);
	t_expect("umask(037777777777) = 022");
	/* longs and pointers keep every bit */
	t_x64("lseek", 3, 0xdefaced000000000ull, SEEK_SET);
	t_ret(-EINVAL);
	t_expect("lseek(3, -2379362060363366400, SEEK_SET) = -1 EINVAL (Invalid argument)");
}

/* flag sets strace names its own way (strace 6.1) */
static void test_named_flags(void **state)
{
	(void)state;
	t_x64("open", PATH, O_RDONLY | 04000000);
	t_str(PATH, "/nonexist");
	t_ret(-ENOENT);
	t_expect("open(\"/nonexist\", O_RDONLY|__O_SYNC) = -1 ENOENT (No such file or directory)");
	t_x64("open", PATH, O_WRONLY | O_CREAT | 04000000 | O_DIRECT | O_CLOEXEC | O_NOATIME, 0644);
	t_str(PATH, "/nonexist");
	t_ret(3);
	t_expect(
		"open(\"/nonexist\", O_WRONLY|O_CREAT|__O_SYNC|O_DIRECT|O_NOATIME|O_CLOEXEC, 0644) "
		"= 3");
	t_x64("open", PATH, O_RDONLY | O_SYNC);
	t_str(PATH, "/nonexist");
	t_ret(-ENOENT);
	t_expect("open(\"/nonexist\", O_RDONLY|O_SYNC) = -1 ENOENT (No such file or directory)");
	t_x64("statx", AT_FDCWD, PATH, AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_ALL, BUF);
	t_str(PATH, "/nonexist");
	t_ret(-EINVAL);
	t_expect(
		"statx(AT_FDCWD, \"/nonexist\", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC, STATX_ALL, "
		"0x7ffd00000100) = -1 EINVAL (Invalid argument)");
	t_x64("fanotify_init", 0, 0);
	t_ret(6);
	t_expect("fanotify_init(FAN_CLASS_NOTIF, O_RDONLY) = 6");
	t_x64("fanotify_init", 5, 0);
	t_ret(7);
	t_expect("fanotify_init(FAN_CLASS_CONTENT|FAN_CLOEXEC, O_RDONLY) = 7");
	t_x64("timerfd_create", CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK | 3);
	t_ret(-EINVAL);
	t_expect(
		"timerfd_create(CLOCK_REALTIME, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET|TFD_CLOEXEC|"
		"TFD_NONBLOCK) = -1 EINVAL (Invalid argument)");
	t_x64("timerfd_create", 99, 0xff);
	t_ret(-EINVAL);
	t_expect(
		"timerfd_create(0x63 /* CLOCK_??? */, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET|0xfc) "
		"= -1 EINVAL (Invalid argument)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_named_flags, t_teardown),
		cmocka_unit_test_teardown(test_openat, t_teardown),
		cmocka_unit_test_teardown(test_open_flags, t_teardown),
		cmocka_unit_test_teardown(test_paths, t_teardown),
		cmocka_unit_test_teardown(test_openat2, t_teardown),
		cmocka_unit_test_teardown(test_close, t_teardown),
		cmocka_unit_test_teardown(test_access, t_teardown),
		cmocka_unit_test_teardown(test_readlink, t_teardown),
		cmocka_unit_test_teardown(test_getdents64, t_teardown),
		cmocka_unit_test_teardown(test_getdents64_verbose, t_teardown),
		cmocka_unit_test_teardown(test_dirs, t_teardown),
		cmocka_unit_test_teardown(test_chmod_chown, t_teardown),
		cmocka_unit_test_teardown(test_mknod, t_teardown),
		cmocka_unit_test_teardown(test_int_widths, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
