// SPDX-License-Identifier: MIT
/*
 * The generated syscall table against the kernel headers, and a few meanings
 * against strace's. The unistd_list_*.h files are made by scripts/unistd_list.sh
 * from the same headers; each entry undefines its macro after use, so the
 * three headers can follow one another here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "syscall_table.h"

struct hdr_nr {
	const char *name;
	long nr;
};

/* <asm/unistd.h> defines __X32_SYSCALL_BIT and includes unistd_64.h. */
#include <asm/unistd.h>
static const struct hdr_nr hdr_64[] = {
#include "unistd_list_64.h"
};

#include <asm/unistd_32.h>
static const struct hdr_nr hdr_32[] = {
#include "unistd_list_32.h"
};

#include <asm/unistd_x32.h>
static const struct hdr_nr hdr_x32[] = {
#include "unistd_list_x32.h"
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void check_header(enum hy_abi abi, const struct hdr_nr *h, size_t n, long strip)
{
	for (size_t i = 0; i < n; i++) {
		long nr = h[i].nr & ~strip;
		const char *name = hy_syscall_name_of(abi, nr);

		if (hy_syscall_number(abi, h[i].name) != nr)
			fail_msg("%s: %s is %ld in the header, lookup gives %ld", hy_abi_name(abi),
				 h[i].name, nr, hy_syscall_number(abi, h[i].name));
		if (!name || strcmp(name, h[i].name) != 0)
			fail_msg("%s: number %ld is %s in the header, %s in the table",
				 hy_abi_name(abi), nr, h[i].name, name ? name : "(none)");
	}
}

static void test_header_x86_64(void **state)
{
	(void)state;
	assert_true(N(hdr_64) > 300);
	check_header(HY_ABI_X86_64, hdr_64, N(hdr_64), 0);
}

static void test_header_i386(void **state)
{
	(void)state;
	assert_true(N(hdr_32) > 380);
	check_header(HY_ABI_I386, hdr_32, N(hdr_32), 0);
}

static void test_header_x32(void **state)
{
	(void)state;
	assert_true(N(hdr_x32) > 300);
	for (size_t i = 0; i < N(hdr_x32); i++)
		assert_true(hdr_x32[i].nr & HY_X32_SYSCALL_BIT);
	check_header(HY_ABI_X32, hdr_x32, N(hdr_x32), HY_X32_SYSCALL_BIT);
}

/* Every entry well formed, and found by its name at its number. */
static void test_table_consistent(void **state)
{
	(void)state;
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		const struct hy_systable *t = hy_systable(abi);
		unsigned int named = 0;

		assert_non_null(t);
		assert_true(t->size > 0 && t->size <= 1024);
		for (unsigned int nr = 0; nr < t->size; nr++) {
			const struct hy_sysent *e = &t->ent[nr];

			if (!e->name) {
				assert_null(hy_sysent_get(abi, nr));
				continue;
			}
			named++;
			assert_ptr_equal(hy_sysent_get(abi, nr), e);
			if (hy_syscall_number(abi, e->name) != (long)nr)
				fail_msg("%s: %s at %u, lookup gives %ld", hy_abi_name(abi),
					 e->name, nr, hy_syscall_number(abi, e->name));
			assert_true(e->nargs <= 6);
			for (int i = 0; i < 6; i++) {
				const struct hy_argspec *a = &e->args[i];

				if (i >= e->nargs) {
					assert_int_equal(a->kind, HY_A_NONE);
					continue;
				}
				assert_true(a->kind > HY_A_NONE && a->kind < HY_A_KIND_COUNT);
				switch (a->kind) {
				case HY_A_BUF_IN:
				case HY_A_BUF_OUT:
				case HY_A_PATH_OUT:
					assert_true(a->aux < e->nargs && a->aux != i);
					break;
				case HY_A_FLAGS:
				case HY_A_ENUM:
					assert_true(a->aux > HY_X_NONE && a->aux < HY_X_XLAT_COUNT);
					break;
				case HY_A_STRUCT_IN:
				case HY_A_STRUCT_OUT:
					assert_true(a->aux > HY_S_NONE &&
						    a->aux < HY_S_STRUCT_COUNT);
					break;
				default:
					assert_int_equal(a->aux, 0);
				}
			}
		}
		assert_true(named > 300);
	}
}

static const struct hy_sysent *get(enum hy_abi abi, const char *name)
{
	long nr = hy_syscall_number(abi, name);

	if (nr < 0)
		fail_msg("%s: no syscall %s", hy_abi_name(abi), name);
	return hy_sysent_get(abi, nr);
}

/* No unknown number among x86_64's: 0..336 and 424..469 are all named. */
static void test_x86_64_complete(void **state)
{
	(void)state;
	for (long nr = 0; nr <= 469; nr++) {
		if (nr > 336 && nr < 424)
			continue;
		if (!hy_syscall_name_of(HY_ABI_X86_64, nr))
			fail_msg("x86_64 syscall %ld has no name", nr);
	}
	assert_null(hy_syscall_name_of(HY_ABI_X86_64, 400));
}

/* Calls newer than Debian 12's headers, numbered from the overlay. */
static void test_new_syscalls(void **state)
{
	static const struct hdr_nr newer[] = {
		{ "cachestat", 451 },	      { "fchmodat2", 452 },
		{ "map_shadow_stack", 453 },  { "futex_wake", 454 },
		{ "futex_wait", 455 },	      { "futex_requeue", 456 },
		{ "statmount", 457 },	      { "listmount", 458 },
		{ "lsm_get_self_attr", 459 }, { "lsm_set_self_attr", 460 },
		{ "lsm_list_modules", 461 },  { "mseal", 462 },
		{ "setxattrat", 463 },	      { "getxattrat", 464 },
		{ "listxattrat", 465 },	      { "removexattrat", 466 },
		{ "open_tree_attr", 467 },    { "file_getattr", 468 },
		{ "file_setattr", 469 },
	};
	const struct hy_sysent *e;

	(void)state;
	for (size_t i = 0; i < N(newer); i++)
		for (int abi = 0; abi < HY_ABI_COUNT; abi++)
			assert_int_equal(hy_syscall_number(abi, newer[i].name), newer[i].nr);
	assert_int_equal(hy_syscall_number(HY_ABI_X86_64, "uretprobe"), 335);
	assert_int_equal(hy_syscall_number(HY_ABI_X86_64, "uprobe"), 336);
	assert_int_equal(hy_syscall_number(HY_ABI_I386, "uprobe"), -1);

	e = get(HY_ABI_X86_64, "file_setattr");
	assert_int_equal(e->nargs, 5);
	assert_int_equal(e->args[0].kind, HY_A_DIRFD);
	assert_int_equal(e->args[1].kind, HY_A_PATH);
	assert_int_equal(get(HY_ABI_X86_64, "mseal")->classes, HY_C_MEMORY);
	assert_int_equal(get(HY_ABI_X86_64, "fchmodat2")->classes, HY_C_DESC | HY_C_FILE);
}

static void test_args(void **state)
{
	const struct hy_sysent *e;

	(void)state;
	e = get(HY_ABI_X86_64, "openat");
	assert_int_equal(e->nargs, 4);
	assert_int_equal(e->args[0].kind, HY_A_DIRFD);
	assert_int_equal(e->args[1].kind, HY_A_PATH);
	assert_int_equal(e->args[2].kind, HY_A_FLAGS);
	assert_int_equal(e->args[2].aux, HY_X_OPEN_FLAGS);
	assert_int_equal(e->args[3].kind, HY_A_MODE);

	e = get(HY_ABI_X86_64, "read");
	assert_int_equal(e->nargs, 3);
	assert_int_equal(e->args[0].kind, HY_A_FD);
	assert_int_equal(e->args[1].kind, HY_A_BUF_OUT);
	assert_int_equal(e->args[1].aux, 2);

	e = get(HY_ABI_X86_64, "write");
	assert_int_equal(e->args[1].kind, HY_A_BUF_IN);
	assert_int_equal(e->args[1].aux, 2);

	/* tracefs calls it newstat; the table must not. */
	e = get(HY_ABI_X86_64, "stat");
	assert_int_equal(e->nargs, 2);
	assert_int_equal(e->args[0].kind, HY_A_PATH);
	assert_int_equal(e->args[1].kind, HY_A_STRUCT_OUT);
	assert_int_equal(e->args[1].aux, HY_S_STAT);
	assert_int_equal(hy_syscall_number(HY_ABI_X86_64, "newstat"), -1);
	assert_int_equal(get(HY_ABI_X86_64, "uname")->args[0].aux, HY_S_UTSNAME);
	assert_int_equal(get(HY_ABI_X86_64, "umount2")->args[0].kind, HY_A_PATH);

	e = get(HY_ABI_X86_64, "execve");
	assert_int_equal(e->args[0].kind, HY_A_PATH);
	assert_int_equal(e->args[1].kind, HY_A_ARGV);
	assert_int_equal(e->args[2].kind, HY_A_ARGV);

	e = get(HY_ABI_X86_64, "kill");
	assert_int_equal(e->args[0].kind, HY_A_PID);
	assert_int_equal(e->args[1].kind, HY_A_SIG);

	e = get(HY_ABI_X86_64, "lseek");
	assert_int_equal(e->args[2].kind, HY_A_ENUM);
	assert_int_equal(e->args[2].aux, HY_X_SEEK_WHENCE);

	e = get(HY_ABI_X86_64, "pipe2");
	assert_int_equal(e->args[0].kind, HY_A_STRUCT_OUT);
	assert_int_equal(e->args[0].aux, HY_S_FD_PAIR);

	e = get(HY_ABI_X86_64, "statx");
	assert_int_equal(e->args[4].aux, HY_S_STATX);
	assert_int_equal(get(HY_ABI_X86_64, "connect")->args[1].aux, HY_S_SOCKADDR);
	assert_int_equal(get(HY_ABI_X86_64, "faccessat2")->args[2].aux, HY_X_ACCESS_MODES);
}

/* Classes as strace 6.x has them in linux/x86_64/syscallent.h. */
static void test_classes(void **state)
{
	static const struct {
		const char *name;
		uint32_t classes;
	} want[] = {
		{ "openat", HY_C_DESC | HY_C_FILE },
		{ "getpid", HY_C_PURE },
		{ "getuid", HY_C_CREDS | HY_C_PURE },
		{ "newfstatat", HY_C_DESC | HY_C_FILE | HY_C_FSTAT },
		{ "statx", HY_C_DESC | HY_C_FILE | HY_C_FSTAT },
		{ "stat", HY_C_FILE | HY_C_STAT },
		{ "lstat", HY_C_FILE | HY_C_LSTAT },
		{ "fstat", HY_C_DESC | HY_C_FSTAT },
		{ "statfs", HY_C_FILE | HY_C_STATFS },
		{ "fstatfs", HY_C_DESC | HY_C_FSTATFS },
		{ "read", HY_C_DESC | HY_C_DUMP },
		{ "mmap", HY_C_DESC | HY_C_MEMORY },
		{ "shmat", HY_C_IPC | HY_C_MEMORY },
		{ "socket", HY_C_NET },
		{ "sendfile", HY_C_DESC | HY_C_NET },
		{ "kill", HY_C_PROCESS | HY_C_SIGNAL },
		{ "clock_gettime", HY_C_CLOCK },
		{ "nanosleep", 0 },
		{ "execve", HY_C_FILE | HY_C_PROCESS | HY_C_NORETURN },
		{ "execveat", HY_C_DESC | HY_C_FILE | HY_C_PROCESS | HY_C_NORETURN },
		{ "exit_group", HY_C_PROCESS | HY_C_NORETURN },
		{ "rt_sigreturn", HY_C_SIGNAL | HY_C_NORETURN },
		{ "clone3", HY_C_PROCESS },
		{ "pidfd_send_signal", HY_C_DESC | HY_C_PROCESS | HY_C_SIGNAL },
	};

	(void)state;
	for (size_t i = 0; i < N(want); i++) {
		const struct hy_sysent *e = get(HY_ABI_X86_64, want[i].name);

		/* HOT is ours, for `auto` (test_hot below) */
		if ((e->classes & ~HY_C_HOT) != want[i].classes)
			fail_msg("%s: classes %#x, strace has %#x", want[i].name, e->classes,
				 want[i].classes);
	}
}

/*
 * `auto` takes the guest backend when a held call is HOT: the data path and
 * the waits are, opening, stat-ing, mapping and process calls are not
 */
static void test_hot(void **state)
{
	static const char *const hot[] = { "read",	 "write",   "pread64",	"writev",
					   "recvfrom",	 "sendmsg", "recvmmsg", "ppoll",
					   "epoll_wait", "futex" };
	static const char *const rare[] = { "execve", "clone",	    "kill",	  "unlink",
					    "getpid", "socket",	    "exit_group", "openat",
					    "close",  "newfstatat", "mmap",	  "getdents64",
					    "ioctl" };

	(void)state;
	for (size_t i = 0; i < N(hot); i++)
		if (!(get(HY_ABI_X86_64, hot[i])->classes & HY_C_HOT))
			fail_msg("%s is not HOT", hot[i]);
	for (size_t i = 0; i < N(rare); i++)
		if (get(HY_ABI_X86_64, rare[i])->classes & HY_C_HOT)
			fail_msg("%s is HOT", rare[i]);
	/* i386 calls of the same name take x86-64's classes */
	assert_true(get(HY_ABI_I386, "read")->classes & HY_C_HOT);
}

/* strace's -e read=/-e write= data: the direction and the form, from the table */
static void test_data(void **state)
{
	static const struct {
		enum hy_abi abi;
		const char *name;
		unsigned int data;
	} want[] = {
		{ HY_ABI_X86_64, "read", HY_DATA_BUF },
		{ HY_ABI_X86_64, "pwrite64", HY_DATA_BUF | HY_DATA_GIVEN },
		{ HY_ABI_X86_64, "sendto", HY_DATA_BUF | HY_DATA_GIVEN },
		{ HY_ABI_X86_64, "mq_timedreceive", HY_DATA_BUF },
		{ HY_ABI_X86_64, "writev", HY_DATA_IOVEC | HY_DATA_GIVEN },
		{ HY_ABI_X86_64, "preadv2", HY_DATA_IOVEC },
		{ HY_ABI_X86_64, "vmsplice", HY_DATA_IOVEC | HY_DATA_GIVEN },
		{ HY_ABI_X86_64, "recvmsg", HY_DATA_MSGHDR },
		{ HY_ABI_X86_64, "sendmsg", HY_DATA_MSGHDR | HY_DATA_GIVEN },
		{ HY_ABI_X86_64, "recvmmsg", HY_DATA_MMSGHDR },
		{ HY_ABI_X86_64, "sendmmsg", HY_DATA_MMSGHDR | HY_DATA_GIVEN },
		{ HY_ABI_I386, "pwritev", HY_DATA_IOVEC | HY_DATA_GIVEN },
		{ HY_ABI_I386, "mq_timedsend_time64", HY_DATA_BUF | HY_DATA_GIVEN },
		/* buffers strace does not dump */
		{ HY_ABI_X86_64, "flistxattr", 0 },
		{ HY_ABI_X86_64, "getrandom", 0 },
		{ HY_ABI_X86_64, "process_vm_writev", 0 },
		{ HY_ABI_X86_64, "readlink", 0 },
	};

	(void)state;
	assert_int_equal(hy_syscall_data(HY_ABI_X86_64, -1), 0);
	for (size_t i = 0; i < N(want); i++) {
		long nr = hy_syscall_number(want[i].abi, want[i].name);
		unsigned int got = hy_syscall_data(want[i].abi, nr);

		assert_true(nr >= 0);
		if (got != want[i].data)
			fail_msg("%s: data %#x, want %#x", want[i].name, got, want[i].data);
	}
}

static int cloexec_arg(const char *name)
{
	return hy_syscall_cloexec_arg(HY_ABI_X86_64, hy_syscall_number(HY_ABI_X86_64, name));
}

/* What calls do to descriptors (the overlay's fd=), as hy_syscall_file_args() says it */
static void test_fd_effects(void **state)
{
	static const struct {
		enum hy_abi abi;
		const char *name;
		unsigned int mask, bits;
	} want[] = {
		{ HY_ABI_X86_64, "openat", ~0u, HY_FILE_FD(0) | HY_FILE_PATH(1) | HY_FILE_OPENS },
		{ HY_ABI_X86_64, "dup3", ~0u, HY_FILE_FD(0) | HY_FILE_FD(1) | HY_FILE_DUPS },
		{ HY_ABI_X86_64, "close", ~0u, HY_FILE_FD(0) | HY_FILE_CLOSES },
		{ HY_ABI_X86_64, "socket", ~0u, HY_FILE_NEW_FD },
		{ HY_ABI_X86_64, "pidfd_getfd", ~0u, HY_FILE_FD(0) | HY_FILE_NEW_FD },
		{ HY_ABI_X86_64, "pipe2", ~0u, HY_FILE_PAIR(0) },
		{ HY_ABI_X86_64, "socketpair", ~0u, HY_FILE_PAIR(3) },
		{ HY_ABI_X86_64, "close_range", ~0u, HY_FILE_CLOSES_RANGE },
		{ HY_ABI_X86_64, "execveat", ~0x3f3fu, HY_FILE_EXECS },
		{ HY_ABI_X86_64, "clone3", ~0u, HY_FILE_FORKS },
		{ HY_ABI_X86_64, "fchdir", ~0u, HY_FILE_FD(0) | HY_FILE_CHDIRS },
		/* inherited by name, and by like= */
		{ HY_ABI_I386, "execve", ~0x3f3fu, HY_FILE_EXECS },
		{ HY_ABI_I386, "fcntl64", ~0u, HY_FILE_FD(0) | HY_FILE_FCNTL_DUPS },
		{ HY_ABI_X32, "accept4", ~0u, HY_FILE_FD(0) | HY_FILE_NEW_FD },
		/* none */
		{ HY_ABI_X86_64, "getppid", ~0u, 0 },
		{ HY_ABI_X86_64, "read", ~0x3f3fu, 0 },
	};

	(void)state;
	for (size_t i = 0; i < N(want); i++) {
		long nr = hy_syscall_number(want[i].abi, want[i].name);
		unsigned int got = hy_syscall_file_args(want[i].abi, nr) & want[i].mask;

		assert_true(nr >= 0);
		if (got != want[i].bits)
			fail_msg("%s: file args %#x, want %#x", want[i].name, got, want[i].bits);
	}
	/* the argument whose O_CLOEXEC marks the new descriptors */
	assert_int_equal(cloexec_arg("open"), 1);
	assert_int_equal(cloexec_arg("openat"), 2);
	assert_int_equal(cloexec_arg("dup3"), 2);
	assert_int_equal(cloexec_arg("pipe2"), 1);
	assert_int_equal(cloexec_arg("socketpair"), 1);
	assert_int_equal(cloexec_arg("openat2"), -1);
	assert_int_equal(cloexec_arg("creat"), -1);
	assert_int_equal(cloexec_arg("dup2"), -1);
	/* fanotify_init's open flags are its events', not its own descriptor's */
	assert_int_equal(cloexec_arg("fanotify_init"), -1);
	assert_int_equal(hy_syscall_cloexec_arg(HY_ABI_X86_64, -1), -1);
}

static void test_i386(void **state)
{
	const struct hy_sysent *e, *e64;

	(void)state;
	assert_int_equal(hy_syscall_number(HY_ABI_I386, "read"), 3);
	assert_int_equal(hy_syscall_number(HY_ABI_I386, "socketcall"), 102);
	assert_int_equal(hy_syscall_number(HY_ABI_I386, "mmap2"), 192);
	assert_int_equal(hy_syscall_number(HY_ABI_I386, "newfstatat"), -1);
	assert_string_equal(hy_syscall_name_of(HY_ABI_I386, 11), "execve");

	/* Same name, same meaning: copied from x86_64. */
	e = get(HY_ABI_I386, "openat");
	e64 = get(HY_ABI_X86_64, "openat");
	assert_int_equal(e->classes, e64->classes);
	assert_int_equal(e->nargs, e64->nargs);
	assert_memory_equal(e->args, e64->args, sizeof(e->args));
	assert_ptr_equal(e->decode, e64->decode);

	/* i386-only calls. */
	assert_int_equal(get(HY_ABI_I386, "socketcall")->classes, HY_C_DESC);
	assert_int_equal(get(HY_ABI_I386, "ipc")->classes, HY_C_IPC);
	assert_int_equal(get(HY_ABI_I386, "stat64")->classes, HY_C_FILE | HY_C_STAT);
	assert_int_equal(get(HY_ABI_I386, "fstatat64")->classes,
			 HY_C_DESC | HY_C_FILE | HY_C_FSTAT);
	assert_int_equal(get(HY_ABI_I386, "getuid32")->classes, HY_C_CREDS | HY_C_PURE);
	assert_int_equal(get(HY_ABI_I386, "sigreturn")->classes, HY_C_SIGNAL | HY_C_NORETURN);
	assert_int_equal(get(HY_ABI_I386, "_llseek")->nargs, 5);
	assert_int_equal(get(HY_ABI_I386, "waitpid")->nargs, 3);

	/* Same name, other arguments on i386. */
	assert_int_equal(get(HY_ABI_I386, "mmap")->nargs, 1);
	assert_int_equal(get(HY_ABI_I386, "select")->nargs, 1);
	assert_int_equal(get(HY_ABI_I386, "pread64")->nargs, 5);
	assert_int_equal(get(HY_ABI_I386, "mmap2")->nargs, 6);
}

static void test_x32(void **state)
{
	(void)state;
	assert_int_equal(hy_syscall_number(HY_ABI_X32, "read"), 0);
	assert_int_equal(hy_syscall_number(HY_ABI_X32, "rt_sigaction"), 512);
	assert_int_equal(hy_syscall_number(HY_ABI_X32, "execve"), 520);
	assert_int_equal(hy_syscall_number(HY_ABI_X32, "file_getattr"), 468);
	/* 64-bit-only numbers are not x32's. */
	assert_null(hy_syscall_name_of(HY_ABI_X32, 13));
	assert_string_equal(hy_syscall_name_of(HY_ABI_X32, 512), "rt_sigaction");
	/* With or without the x32 bit. */
	assert_string_equal(hy_syscall_name_of(HY_ABI_X32, HY_X32_SYSCALL_BIT | 1), "write");
	assert_ptr_equal(hy_sysent_get(HY_ABI_X32, 520),
			 hy_sysent_get(HY_ABI_X32, HY_X32_SYSCALL_BIT + 520));
	assert_int_equal(get(HY_ABI_X32, "execve")->classes,
			 HY_C_FILE | HY_C_PROCESS | HY_C_NORETURN);
	assert_int_equal(get(HY_ABI_X32, "preadv2")->nargs, 5);
}

static void test_misses(void **state)
{
	(void)state;
	for (int abi = 0; abi < HY_ABI_COUNT; abi++) {
		assert_int_equal(hy_syscall_number(abi, "nonexistent"), -1);
		assert_int_equal(hy_syscall_number(abi, ""), -1);
		assert_int_equal(hy_syscall_number(abi, NULL), -1);
		assert_null(hy_syscall_name_of(abi, -1));
		assert_null(hy_syscall_name_of(abi, 100000));
		assert_null(hy_sysent_get(abi, 1L << 40));
	}
	assert_int_equal(hy_syscall_number(HY_ABI_X86_64, "rea"), -1);
	assert_int_equal(hy_syscall_number(HY_ABI_X86_64, "readx"), -1);
	assert_null(hy_systable(HY_ABI_COUNT));
	assert_null(hy_sysent_get(HY_ABI_COUNT, 0));
	assert_int_equal(hy_syscall_number(HY_ABI_COUNT, "read"), -1);
	assert_null(hy_abi_name(HY_ABI_COUNT));
	assert_string_equal(hy_abi_name(HY_ABI_X86_64), "x86_64");
	assert_string_equal(hy_abi_name(HY_ABI_I386), "i386");
	assert_string_equal(hy_abi_name(HY_ABI_X32), "x32");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_x86_64),
		cmocka_unit_test(test_header_i386),
		cmocka_unit_test(test_header_x32),
		cmocka_unit_test(test_table_consistent),
		cmocka_unit_test(test_x86_64_complete),
		cmocka_unit_test(test_new_syscalls),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_hot),
		cmocka_unit_test(test_data),
		cmocka_unit_test(test_fd_effects),
		cmocka_unit_test(test_i386),
		cmocka_unit_test(test_x32),
		cmocka_unit_test(test_misses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
