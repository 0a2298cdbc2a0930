// SPDX-License-Identifier: MIT
/* The stat family and statfs against strace 6.1's abbreviated output. */
#include "test_decode_common.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define PATH 0x7f0000001000ull
#define ST 0x7ffd940d0d00ull

static struct stat file_stat(unsigned int mode, long size)
{
	struct stat st = { 0 };

	st.st_mode = mode;
	st.st_size = size;
	st.st_nlink = 1;
	return st;
}

static const uint64_t cwd = (uint64_t)(int64_t)AT_FDCWD;

static void test_stat(void **state)
{
	struct stat st = file_stat(S_IFREG | 0644, 102), dev = file_stat(S_IFCHR | 0666, 0);

	(void)state;
	t_x64("fstat", 3, ST);
	t_out(ST, &st, sizeof(st));
	t_expect("fstat(3, {st_mode=S_IFREG|0644, st_size=102, ...}) = 0");

	dev.st_rdev = makedev(1, 3);
	t_x64("stat", PATH, ST);
	t_str(PATH, "/dev/null");
	t_out(ST, &dev, sizeof(dev));
	t_expect("stat(\"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0");

	t_x64("lstat", PATH, ST);
	t_str(PATH, "/nonexistent");
	t_ret(-ENOENT);
	t_expect("lstat(\"/nonexistent\", 0x7ffd940d0d00) = -1 ENOENT (No such file or directory)");

	st = file_stat(S_IFREG | 0755, 3);
	t_x64("newfstatat", cwd, PATH, ST, 0);
	t_str(PATH, "/etc/hostname");
	t_out(ST, &st, sizeof(st));
	t_expect("newfstatat(AT_FDCWD, \"/etc/hostname\", {st_mode=S_IFREG|0755, st_size=3, ...}, "
		 "0) = 0");

	st = file_stat(S_IFDIR | 0755, 4096);
	t_x64("newfstatat", cwd, PATH, ST, AT_SYMLINK_NOFOLLOW);
	t_str(PATH, "/etc");
	t_out(ST, &st, sizeof(st));
	t_expect("newfstatat(AT_FDCWD, \"/etc\", {st_mode=S_IFDIR|0755, st_size=4096, ...}, "
		 "AT_SYMLINK_NOFOLLOW) = 0");

	st = file_stat(S_IFREG | 0644, 44007);
	t_x64("newfstatat", 3, PATH, ST, AT_EMPTY_PATH);
	t_str(PATH, "");
	t_out(ST, &st, sizeof(st));
	t_expect("newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=44007, ...}, AT_EMPTY_PATH) = "
		 "0");

	st = file_stat(S_IFDIR | S_ISVTX | 0777, 4096);
	t_x64("newfstatat", cwd, PATH, ST, 0);
	t_str(PATH, "/tmp");
	t_out(ST, &st, sizeof(st));
	t_expect("newfstatat(AT_FDCWD, \"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, "
		 "...}, "
		 "0) = 0");
	st = file_stat(S_IFREG | S_ISUID | S_ISGID | 0755, 0);
	t_x64("fstat", 3, ST);
	t_out(ST, &st, sizeof(st));
	t_expect("fstat(3, {st_mode=S_IFREG|S_ISUID|S_ISGID|0755, st_size=0, ...}) = 0");

	/* the struct was not captured */
	t_x64("fstat", 3, ST);
	t_expect("fstat(3, 0x7ffd940d0d00) = 0");
}

static void test_stat_i386(void **state)
{
	uint8_t st64[96] = { 0 }, st32[64] = { 0 };
	uint32_t mode = S_IFREG | 0755;
	int64_t size = 1926232;
	uint16_t mode16 = S_IFDIR | 0700;
	uint32_t size32 = 4096;

	(void)state;
	memcpy(st64 + 16, &mode, 4);
	memcpy(st64 + 44, &size, 8);
	t_i386("fstat64", 3, 0xffd0a000);
	t_out(0xffd0a000, st64, sizeof(st64));
	t_expect("fstat64(3, {st_mode=S_IFREG|0755, st_size=1926232, ...}) = 0");
	t_i386("statx", 0xffffff9c, 0x8000000, 0, 0x7ff, 0xffd0a000);
	t_str(0x8000000, "/");
	t_ret(-ENOSYS);
	t_expect("statx(AT_FDCWD, \"/\", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, 0xffd0a000) = "
		 "-1 ENOSYS (Function not implemented)");

	memcpy(st32 + 8, &mode16, 2);
	memcpy(st32 + 20, &size32, 4);
	t_i386("stat", 0x8000000, 0xffd0a000);
	t_str(0x8000000, "/root");
	t_out(0xffd0a000, st32, sizeof(st32));
	t_expect("stat(\"/root\", {st_mode=S_IFDIR|0700, st_size=4096, ...}) = 0");
}

static void test_statx(void **state)
{
	struct statx sx = { 0 };

	(void)state;
	sx.stx_mask = STATX_ALL | STATX_MNT_ID;
	sx.stx_mode = S_IFREG | 0755;
	sx.stx_size = 3;
	t_x64("statx", cwd, PATH, AT_STATX_SYNC_AS_STAT, STATX_ALL, ST);
	t_str(PATH, "/etc/hostname");
	t_out(ST, &sx, sizeof(sx));
	t_expect("statx(AT_FDCWD, \"/etc/hostname\", AT_STATX_SYNC_AS_STAT, STATX_ALL, "
		 "{stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0755, "
		 "stx_size=3, ...}) = 0");

	sx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	t_x64("statx", cwd, PATH, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_MNT_ID, ST);
	t_str(PATH, "/etc/hostname");
	t_out(ST, &sx, sizeof(sx));
	t_expect("statx(AT_FDCWD, \"/etc/hostname\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, "
		 "STATX_BASIC_STATS|STATX_MNT_ID, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, "
		 "stx_attributes=0, stx_mode=S_IFREG|0755, stx_size=3, ...}) = 0");

	sx.stx_mask = STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_GID | STATX_ATIME |
		      STATX_INO | STATX_SIZE | STATX_BLOCKS | STATX_MNT_ID;
	sx.stx_mode = S_IFREG | 0644;
	sx.stx_size = 102;
	t_x64("statx", 3, PATH, AT_EMPTY_PATH, STATX_TYPE, ST);
	t_str(PATH, "");
	t_out(ST, &sx, sizeof(sx));
	t_expect("statx(3, \"\", AT_STATX_SYNC_AS_STAT|AT_EMPTY_PATH, STATX_TYPE, "
		 "{stx_mask=STATX_TYPE|"
		 "STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|STATX_ATIME|STATX_INO|STATX_SIZE|"
		 "STATX_BLOCKS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, "
		 "stx_size=102, "
		 "...}) = 0");

	t_x64("statx", cwd, PATH, 0x10000, 0x80000000u, 0);
	t_str(PATH, "a");
	t_ret(-EINVAL);
	t_expect("statx(AT_FDCWD, \"a\", AT_STATX_SYNC_AS_STAT|0x10000, 0x80000000 /* STATX_??? "
		 "*/, "
		 "NULL) = -1 EINVAL (Invalid argument)");
}

static void test_statfs(void **state)
{
	/* x86-64 struct statfs: eleven longs, the fsid in the middle */
	int64_t f[15] = { EXT2_SUPER_MAGIC, 4096, 66053021, 61625183, 20656459,	    16777216,
			  16355301,	    0,	  255,	    4096,     0x20 | 0x1000 };
	uint32_t fsid[2] = { 0x68fc9497, 0xe8792e22 };
	int64_t pipe[15] = { PIPEFS_MAGIC, 4096, 0, 0, 0, 0, 0, 0, 255, 4096, 0x20 };
	uint32_t pfsid[2] = { 0xf, 0 };

	(void)state;
	memcpy(&f[7], fsid, 8);
	t_x64("statfs", PATH, ST);
	t_str(PATH, "/");
	t_out(ST, f, 120);
	t_expect("statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, "
		 "f_bfree=61625183, f_bavail=20656459, f_files=16777216, f_ffree=16355301, "
		 "f_fsid={val=[0x68fc9497, 0xe8792e22]}, f_namelen=255, f_frsize=4096, "
		 "f_flags=ST_VALID|ST_RELATIME}) = 0");
	memcpy(&pipe[7], pfsid, 8);
	t_x64("fstatfs", 1, ST);
	t_out(ST, pipe, 120);
	t_expect("fstatfs(1, {f_type=PIPEFS_MAGIC, f_bsize=4096, f_blocks=0, f_bfree=0, "
		 "f_bavail=0, "
		 "f_files=0, f_ffree=0, f_fsid={val=[0xf, 0]}, f_namelen=255, f_frsize=4096, "
		 "f_flags=ST_VALID}) = 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_stat, t_teardown),
		cmocka_unit_test_teardown(test_stat_i386, t_teardown),
		cmocka_unit_test_teardown(test_statx, t_teardown),
		cmocka_unit_test_teardown(test_statfs, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
