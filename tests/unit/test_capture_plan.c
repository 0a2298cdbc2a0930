// SPDX-License-Identifier: MIT
/*
 * The capture plan: for syscalls of the real table and several -s values, which
 * memory is captured at entry and at exit (slot kind, argument, size), as the
 * overlay's argument kinds and the struct kinds' capture rules say; then the
 * whole table, every ABI, against the same rules and the limits HY_PLAN_SLOTS
 * and HY_CAP_MAX.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/utsname.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <cmocka.h>

#include "capture_plan.h"
#include "sock_meta.h"
#include "syscall_table.h"

static const unsigned int strsizes[] = { 0, 1, 32, 100, 4094, 4095, 4096, 5000 };
#define NSIZES (sizeof(strsizes) / sizeof(strsizes[0]))

static unsigned int min_cap(unsigned int n)
{
	return n < HY_CAP_MAX ? n : HY_CAP_MAX;
}

/* A netlink socket's data: -s, but 256 bytes at least (the HY_CAP_SOCK slot's aux). */
static unsigned int netlink_cap(unsigned int n)
{
	return min_cap(n < HY_SOCK_DATA_CAP ? HY_SOCK_DATA_CAP : n);
}

static struct hy_plan plan_abi(enum hy_abi abi, const char *name, unsigned int strsize)
{
	long nr = hy_syscall_number(abi, name);
	struct hy_plan plan;

	assert_true(nr >= 0);
	memset(&plan, 0xa5, sizeof(plan)); /* whatever was there before is gone */
	hy_capture_plan(hy_sysent_get(abi, nr), strsize, false, &plan);
	return plan;
}

static struct hy_plan plan(const char *name, unsigned int strsize)
{
	return plan_abi(HY_ABI_X86_64, name, strsize);
}

/* Slot @i of @list is (kind, arg, aux) and, when @last, the list ends after it. */
static void assert_slot(const struct hy_cap_slot *list, int i, int kind, int arg, unsigned int aux,
			bool last)
{
	assert_int_equal(list[i].kind, kind);
	assert_int_equal(list[i].arg, arg);
	assert_int_equal(list[i].aux, aux);
	if (last && i + 1 < HY_PLAN_SLOTS)
		assert_int_equal(list[i + 1].kind, HY_CAP_NONE);
}

static void assert_none(const struct hy_cap_slot *list)
{
	for (int i = 0; i < HY_PLAN_SLOTS; i++) {
		assert_int_equal(list[i].kind, HY_CAP_NONE);
		assert_int_equal(list[i].arg, 0);
		assert_int_equal(list[i].aux, 0);
	}
}

/* ---- syscalls of the table, one capture rule each ---- */

/* openat(dirfd, PATH, flags, mode): the path whole, whatever -s says. */
static void test_paths_are_captured_whole(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("openat", strsizes[i]);

		assert_slot(p.enter, 0, HY_CAP_STR, 1, HY_PATH_MAX, true);
		assert_none(p.exit);
		assert_true(hy_plan_any(&p, HY_PHASE_ENTER));
		assert_false(hy_plan_any(&p, HY_PHASE_EXIT));
	}
}

/*
 * mount(PATH, PATH, STR type, ...): a string two bytes beyond what is shown,
 * to tell one that ends at the limit from one that goes on; never more than
 * HY_CAP_MAX.
 */
static void test_strings_take_two_bytes_more_than_shown(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("mount", strsizes[i]);

		assert_slot(p.enter, 0, HY_CAP_STR, 0, HY_PATH_MAX, false);
		assert_slot(p.enter, 1, HY_CAP_STR, 1, HY_PATH_MAX, false);
		assert_slot(p.enter, 2, HY_CAP_STR, 2, min_cap(strsizes[i] + 2), false);
		assert_slot(p.enter, 3, HY_CAP_STR, 4, min_cap(strsizes[i] + 2), true);
	}
}

/* The library takes any unsigned -s (hy_run_opts.strsize): it is clamped, not wrapped. */
static void test_huge_strsize_is_clamped(void **state)
{
	const unsigned int huge[] = { UINT32_MAX, UINT32_MAX - 1, UINT32_MAX / 8 + 1 };

	(void)state;
	for (size_t i = 0; i < sizeof(huge) / sizeof(huge[0]); i++) {
		struct hy_plan m = plan("mount", huge[i]), w = plan("write", huge[i]);
		struct hy_plan e = plan("execve", huge[i]);

		assert_slot(m.enter, 2, HY_CAP_STR, 2, HY_CAP_MAX, false);
		assert_slot(w.enter, 0, HY_CAP_BUF_ARG, 1, 2 | HY_CAP_MAX << 3, true);
		assert_slot(e.enter, 1, HY_CAP_ARGV, 1, HY_CAP_MAX, false);
	}
}

/*
 * fsconfig(fd, cmd, STR key, PATH value, aux): the value is a string, a path or
 * (FSCONFIG_SET_BINARY) aux bytes, so its bytes are read too, after the arguments.
 */
static void test_fsconfig_value_also_as_bytes(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("fsconfig", strsizes[i]);

		assert_slot(p.enter, 0, HY_CAP_STR, 2, min_cap(strsizes[i] + 2), false);
		assert_slot(p.enter, 1, HY_CAP_STR, 3, HY_PATH_MAX, false);
		assert_slot(p.enter, 2, HY_CAP_BUF_ARG, 3, 4 | min_cap(strsizes[i]) << 3, true);
		assert_none(p.exit);
	}
}

/* write(fd, BUF_IN:2, count): length from argument 2, at most -s bytes (aux >> 3). */
static void test_input_buffer_length_from_an_argument(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("write", strsizes[i]);

		assert_slot(p.enter, 0, HY_CAP_BUF_ARG, 1, 2 | min_cap(strsizes[i]) << 3, true);
		assert_none(p.exit);
	}
	/*
	 * sendto: the buffer of -s, then the peer's address (at most a
	 * sockaddr_storage), then what the socket is, with the size a netlink
	 * socket's data gets instead (its messages are decoded whole)
	 */
	assert_slot(plan("sendto", 32).enter, 0, HY_CAP_BUF_ARG, 1, 2 | 32 << 3, false);
	assert_slot(plan("sendto", 32).enter, 1, HY_CAP_FIXED, 4, 128, false);
	assert_slot(plan("sendto", 32).enter, 2, HY_CAP_SOCK, 0, HY_SOCK_DATA_CAP, true);
	assert_slot(plan("sendto", 1000).enter, 0, HY_CAP_BUF_ARG, 1, 2 | 1000 << 3, false);
}

/* A netlink socket's call widens its data slots to the socket slot's size, and only those. */
static void test_netlink_widens_only_data(void **state)
{
	struct hy_plan p = plan("sendto", 32), r = plan("recvmsg", 1000), q = plan("recvfrom", 8);

	(void)state;
	hy_plan_widen_data(p.enter, HY_SOCK_DATA_CAP);
	assert_slot(p.enter, 0, HY_CAP_BUF_ARG, 1, 2 | HY_SOCK_DATA_CAP << 3, false);
	assert_slot(p.enter, 1, HY_CAP_FIXED, 4, 128, false);
	hy_plan_widen_data(r.exit, HY_SOCK_DATA_CAP); /* -s larger already: kept */
	assert_slot(r.exit, 0, HY_CAP_MSGHDR, 1, 1000 << 3, false);
	hy_plan_widen_data(q.exit, HY_SOCK_DATA_CAP);
	assert_slot(q.exit, 0, HY_CAP_BUF_RET, 1, HY_SOCK_DATA_CAP, false);
	assert_slot(q.exit, 2, HY_CAP_FIXED, 5, 4, false);
}

/* read(fd, BUF_OUT:2, count): at exit, as many bytes as it returned, at most -s. */
static void test_output_buffer_length_from_the_result(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("read", strsizes[i]);

		assert_none(p.enter);
		assert_slot(p.exit, 0, HY_CAP_BUF_RET, 1, min_cap(strsizes[i]), true);
	}
	/* recvfrom: the data, the peer's address and its length at exit; the length at entry too */
	struct hy_plan p = plan("recvfrom", 64);

	assert_slot(p.enter, 0, HY_CAP_FIXED, 5, 4, true);
	assert_slot(p.exit, 0, HY_CAP_BUF_RET, 1, 64, false);
	assert_slot(p.exit, 1, HY_CAP_FIXED, 4, 128, false);
	assert_slot(p.exit, 2, HY_CAP_FIXED, 5, 4, false);
	/* received data: looked up at exit */
	assert_slot(p.exit, 3, HY_CAP_SOCK, 0, HY_SOCK_DATA_CAP, true);
}

/* readv/writev(fd, iov, iovcnt): the array, count in the next argument, buffers of -s. */
static void test_iovec_count_in_the_next_argument(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		unsigned int aux = 2 | min_cap(strsizes[i]) << 3;
		struct hy_plan r = plan("readv", strsizes[i]), w = plan("writev", strsizes[i]);

		assert_none(r.enter);
		assert_slot(r.exit, 0, HY_CAP_IOVEC, 1, aux, true);
		assert_slot(w.enter, 0, HY_CAP_IOVEC, 1, aux, true);
		assert_none(w.exit);
	}
	/* preadv2's offset and flags follow; process_vm_readv's iovec is its second argument */
	assert_slot(plan("preadv2", 32).exit, 0, HY_CAP_IOVEC, 1, 2 | 32 << 3, true);
	assert_slot(plan("process_vm_readv", 32).exit, 0, HY_CAP_IOVEC, 1, 2 | 32 << 3, true);
}

/*
 * recvmsg/sendmsg(fd, msghdr, flags): the header and what it points to, buffers
 * of -s; recvmsg's header at entry too (a failed call prints its msg_namelen).
 */
static void test_msghdr_in_and_out(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan r = plan("recvmsg", strsizes[i]), s = plan("sendmsg", strsizes[i]);

		unsigned int cap = min_cap(strsizes[i]);

		assert_slot(r.enter, 0, HY_CAP_FIXED, 1, 56, true);
		assert_slot(r.exit, 0, HY_CAP_MSGHDR, 1, cap << 3, false);
		assert_slot(r.exit, 1, HY_CAP_SOCK, 0, HY_SOCK_DATA_CAP, true);
		assert_slot(s.enter, 0, HY_CAP_MSGHDR, 1, cap << 3, false);
		assert_slot(s.enter, 1, HY_CAP_SOCK, 0, HY_SOCK_DATA_CAP, true);
		assert_none(s.exit);
	}
}

/* poll's pollfds are read at entry and again at exit (revents); ppoll adds two inputs. */
static void test_pollfd_read_at_both_ends(void **state)
{
	struct hy_plan p = plan("poll", 32), pp = plan("ppoll", 32);

	(void)state;
	assert_slot(p.enter, 0, HY_CAP_FIXED, 0, 64, true);
	assert_slot(p.exit, 0, HY_CAP_FIXED, 0, 64, true);
	assert_slot(pp.enter, 0, HY_CAP_FIXED, 0, 64, false);
	assert_slot(pp.enter, 1, HY_CAP_FIXED, 2, 16, false); /* timespec */
	assert_slot(pp.enter, 2, HY_CAP_FIXED, 3, 8, true);   /* sigset */
	assert_slot(pp.exit, 0, HY_CAP_FIXED, 0, 64, false);
	assert_slot(pp.exit, 1, HY_CAP_FIXED, 2, 16, true); /* the time left */
}

/* execve(PATH, argv, envp): argv's strings (two bytes beyond -s), envp only counted. */
static void test_execve_argv_shown_envp_counted(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		unsigned int s = min_cap(strsizes[i] + 2);
		struct hy_plan e = plan("execve", strsizes[i]), at = plan("execveat", strsizes[i]);

		assert_slot(e.enter, 0, HY_CAP_STR, 0, HY_PATH_MAX, false);
		assert_slot(e.enter, 1, HY_CAP_ARGV, 1, s, false);
		assert_slot(e.enter, 2, HY_CAP_PTRS, 2, HY_CAP_MAX, true);
		assert_none(e.exit);
		/* execveat(dirfd, PATH, argv, envp, flags): one argument later */
		assert_slot(at.enter, 0, HY_CAP_STR, 1, HY_PATH_MAX, false);
		assert_slot(at.enter, 1, HY_CAP_ARGV, 2, s, false);
		assert_slot(at.enter, 2, HY_CAP_PTRS, 3, HY_CAP_MAX, true);
	}
}

/* strace -v (hy_want_environment): envp's strings are captured as argv's. */
static void test_execve_envp_strings_with_verbose(void **state)
{
	long nr = hy_syscall_number(HY_ABI_X86_64, "execve");
	unsigned int s = min_cap(32 + 2);
	struct hy_plan e;

	(void)state;
	hy_capture_plan(hy_sysent_get(HY_ABI_X86_64, nr), 32, true, &e);
	assert_slot(e.enter, 1, HY_CAP_ARGV, 1, s, false);
	assert_slot(e.enter, 2, HY_CAP_ARGV, 2, s, true);
	/* the other calls' plans do not change */
	nr = hy_syscall_number(HY_ABI_X86_64, "openat");
	hy_capture_plan(hy_sysent_get(HY_ABI_X86_64, nr), 32, true, &e);
	assert_slot(e.enter, 0, HY_CAP_STR, 1, HY_PATH_MAX, true);
}

/* getdents64: the records are only counted, at exit; -s does not matter. */
static void test_dirents_only_counted_at_exit(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("getdents64", strsizes[i]);

		assert_none(p.enter);
		assert_slot(p.exit, 0, HY_CAP_DIRENTS, 1, 0, true);
	}
}

/* strace -v prints the records: their bytes in HY_DENTS_WINDOWS windows, whatever -s says. */
static void test_dirents_captured_for_verbose(void **state)
{
	const char *calls[] = { "getdents64", "getdents" };

	(void)state;
	for (size_t c = 0; c < 2; c++) {
		int nr = hy_syscall_number(HY_ABI_X86_64, calls[c]);
		struct hy_plan p;

		hy_capture_plan(hy_sysent_get(HY_ABI_X86_64, nr), 4, HY_PLAN_DIRENTS, &p);
		assert_none(p.enter);
		assert_slot(p.exit, 0, HY_CAP_DIRENTS, 1, HY_DENTS_WINDOWS, true);
		/* execve's environment is another bit */
		hy_capture_plan(hy_sysent_get(HY_ABI_X86_64, nr), 4, HY_PLAN_ENV, &p);
		assert_slot(p.exit, 0, HY_CAP_DIRENTS, 1, 0, true);
	}
}

/* Structs of a fixed size: their bytes, at entry (in) or at exit (out), -s aside. */
static void test_fixed_structs_take_their_size(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		unsigned int s = strsizes[i];

		/* accept(fd, sockaddr out, socklen_t * in and out: "[110 => 24]") */
		assert_slot(plan("accept", s).enter, 0, HY_CAP_FIXED, 2, 4, true);
		assert_slot(plan("accept", s).exit, 0, HY_CAP_FIXED, 1, 128, false);
		assert_slot(plan("accept", s).exit, 1, HY_CAP_FIXED, 2, 4, true);
		/* fcntl(fd, cmd, struct flock *): read at entry and exit whatever cmd is (F_GETLK) */
		assert_slot(plan("fcntl", s).enter, 0, HY_CAP_FIXED, 2, 32, true);
		assert_slot(plan("fcntl", s).exit, 0, HY_CAP_FIXED, 2, 32, true);
		/* clone3(struct clone_args *, size): and what a larger size says follows, a page */
		assert_slot(plan("clone3", s).enter, 0, HY_CAP_FIXED, 0, 4096, true);
		/* the pidfd the kernel writes back, behind clone_args.pidfd */
		assert_slot(plan("clone3", s).exit, 0, HY_CAP_FOLLOW, 0, HY_FOLLOW_NO_SEL | 4 << 3,
			    true);
		/* name_to_handle_at's handle: at exit even when the call failed (EOVERFLOW) */
		assert_slot(plan("name_to_handle_at", s).exit, 0, HY_CAP_FIXED, 2,
			    136 | HY_CAP_ON_ERROR, false);
		/* nanosleep(req in, rem out) */
		assert_slot(plan("nanosleep", s).enter, 0, HY_CAP_FIXED, 0, 16, true);
		assert_slot(plan("nanosleep", s).exit, 0, HY_CAP_FIXED, 1, 16, true);
		/* rt_sigaction(sig, act in, oldact out, sigsetsize): strace's 88 bytes */
		assert_slot(plan("rt_sigaction", s).enter, 0, HY_CAP_FIXED, 1, 88, true);
		assert_slot(plan("rt_sigaction", s).exit, 0, HY_CAP_FIXED, 2, 88, true);
		assert_slot(plan("uname", s).exit, 0, HY_CAP_FIXED, 0, sizeof(struct utsname),
			    true);
	}
}

/*
 * select's four structs, the three fd sets and the timeout, fill a phase's
 * slots, at entry and at exit (the ready descriptors, the time left).
 */
static void test_at_most_plan_slots_per_phase(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSIZES; i++) {
		struct hy_plan p = plan("select", strsizes[i]);

		assert_int_equal(HY_PLAN_SLOTS, 4);
		assert_slot(p.enter, 0, HY_CAP_FIXED, 1, 128, false);
		assert_slot(p.enter, 1, HY_CAP_FIXED, 2, 128, false);
		assert_slot(p.enter, 2, HY_CAP_FIXED, 3, 128, false);
		assert_slot(p.enter, 3, HY_CAP_FIXED, 4, 16, true);
		assert_slot(p.exit, 0, HY_CAP_FIXED, 1, 128, false);
		assert_slot(p.exit, 3, HY_CAP_FIXED, 4, 16, true);
	}
}

/* i386 and x32: their own argument lists where the table has them, x86-64's otherwise. */
static void test_other_abis(void **state)
{
	(void)state;
	/* i386 old mmap(struct mmap_arg_struct *): six 32-bit words */
	assert_slot(plan_abi(HY_ABI_I386, "mmap", 32).enter, 0, HY_CAP_FIXED, 0, 24, true);
	/* i386 pread64(fd, buf, count, off_lo, off_hi): the buffer as x86-64's */
	assert_slot(plan_abi(HY_ABI_I386, "pread64", 32).exit, 0, HY_CAP_BUF_RET, 1, 32, true);
	/* msghdr of the 32-bit layout; argv of 32-bit pointers */
	assert_slot(plan_abi(HY_ABI_I386, "sendmsg", 32).enter, 0, HY_CAP_MSGHDR32, 1, 32 << 3,
		    false);
	assert_slot(plan_abi(HY_ABI_I386, "execve", 32).enter, 1, HY_CAP_ARGV32, 1, 34, false);
	assert_slot(plan_abi(HY_ABI_X32, "execve", 32).enter, 1, HY_CAP_ARGV32, 1, 34, false);
	/* x32's readv is the kernel's compat call: 8-byte iovecs, as i386's */
	assert_slot(plan_abi(HY_ABI_X32, "readv", 32).exit, 0, HY_CAP_IOVEC32, 1, 2 | 32 << 3,
		    true);
	assert_slot(plan_abi(HY_ABI_I386, "readv", 32).exit, 0, HY_CAP_IOVEC32, 1, 2 | 32 << 3,
		    true);
	assert_slot(plan_abi(HY_ABI_I386, "writev", 32).enter, 0, HY_CAP_IOVEC32, 1, 2 | 32 << 3,
		    true);
	/* x32's preadv2 (546) is compat too; x86-64's readv keeps 16-byte entries */
	assert_slot(plan_abi(HY_ABI_X32, "preadv2", 32).exit, 0, HY_CAP_IOVEC32, 1, 2 | 32 << 3,
		    true);
	assert_slot(plan_abi(HY_ABI_X32, "openat", 32).enter, 0, HY_CAP_STR, 1, HY_PATH_MAX, true);
}

static void test_calls_without_memory_and_unknown_calls(void **state)
{
	struct hy_plan p;

	(void)state;
	p = plan("getpid", 32);
	assert_none(p.enter);
	assert_none(p.exit);
	p = plan("close", 32);
	assert_none(p.enter);
	assert_none(p.exit);
	memset(&p, 0xa5, sizeof(p));
	hy_capture_plan(NULL, 32, false, &p);
	assert_none(p.enter);
	assert_none(p.exit);
	assert_false(hy_plan_any(&p, HY_PHASE_ENTER));
}

/* Rules for argument layouts no syscall of the table has (yet): synthetic entries. */
static void test_rules_for_layouts_the_table_lacks(void **state)
{
	struct hy_sysent ent = { .name = "synthetic", .nargs = 3 };
	struct hy_plan p;

	(void)state;
	/* an iovec with no argument after it to count it: nothing */
	ent.args[2] = (struct hy_argspec){ .kind = HY_A_STRUCT_OUT, .aux = HY_S_IOVEC };
	hy_capture_plan(&ent, 32, false, &p);
	assert_none(p.exit);
	/* directory records are counted at exit, even named as an input */
	ent.args[2] = (struct hy_argspec){ .kind = HY_A_STRUCT_IN, .aux = HY_S_DIRENTS64 };
	hy_capture_plan(&ent, 32, false, &p);
	assert_none(p.enter);
	assert_slot(p.exit, 0, HY_CAP_DIRENTS, 2, 0, true);
	/* a struct of unknown size: printed as an address, nothing captured */
	ent.args[2] = (struct hy_argspec){ .kind = HY_A_STRUCT_IN, .aux = HY_S_NONE };
	hy_capture_plan(&ent, 32, false, &p);
	assert_none(p.enter);
	assert_none(p.exit);
	/* an in/out struct that is only an output is read once, at exit */
	ent.args[2] = (struct hy_argspec){ .kind = HY_A_STRUCT_OUT, .aux = HY_S_POLLFD };
	hy_capture_plan(&ent, 32, false, &p);
	assert_none(p.enter);
	assert_slot(p.exit, 0, HY_CAP_FIXED, 2, 64, true);
}

/* ---- the whole table ---- */

/* A socklen_t * after a sockaddr or option value the kernel writes: read at both ends. */
static bool is_value_result(const struct hy_sysent *ent, int i)
{
	return i > 0 && ent->args[i].kind == HY_A_STRUCT_OUT && ent->args[i].aux == HY_S_INT &&
	       ent->args[i - 1].kind == HY_A_STRUCT_OUT &&
	       (ent->args[i - 1].aux == HY_S_SOCKADDR || ent->args[i - 1].aux == HY_S_VARIANT);
}

/* recvmsg's header: its bytes read at entry too (a failed call prints msg_namelen). */
static bool is_recv_header(const struct hy_sysent *ent, int i)
{
	return ent->args[i].kind == HY_A_STRUCT_OUT && ent->args[i].aux == HY_S_MSGHDR;
}

/* recvmmsg's array: its first entries read at entry too (msg_namelen is value-result). */
static bool is_recv_mmsg(const struct hy_sysent *ent, int i)
{
	return ent->args[i].kind == HY_A_STRUCT_OUT && ent->args[i].aux == HY_S_MMSGHDR;
}

static bool is_enter_kind(const struct hy_sysent *ent, int i)
{
	int kind = ent->args[i].kind;

	return kind == HY_A_PATH || kind == HY_A_STR || kind == HY_A_ARGV || kind == HY_A_BUF_IN ||
	       kind == HY_A_STRUCT_IN || is_value_result(ent, i) || is_recv_header(ent, i) ||
	       is_recv_mmsg(ent, i);
}

/* The call being checked has the 32-bit layout of structs with pointers (i386, x32 >= 512). */
static bool compat_layout;

static bool is_exit_kind(const struct hy_argspec *a)
{
	return a->kind == HY_A_BUF_OUT || a->kind == HY_A_PATH_OUT || a->kind == HY_A_STRUCT_OUT ||
	       (a->kind == HY_A_STRUCT_IN && hy_struct_info(a->aux)->in_out);
}

/* Whether argument @i of @ent captures memory at @ph by the table's rules. */
static bool captures(const struct hy_sysent *ent, int i, enum hy_phase ph)
{
	const struct hy_argspec *a = &ent->args[i];
	const struct hy_struct_info *info = hy_struct_info(a->aux);
	bool structure = a->kind == HY_A_STRUCT_IN || a->kind == HY_A_STRUCT_OUT;

	if (structure && info->capture == HY_CAP_DIRENTS)
		return ph == HY_PHASE_EXIT;
	/* sendmmsg/recvmmsg's arrays: not of the 32-bit layout (they print as addresses) */
	if (structure && (info->capture == HY_CAP_MMSG_IN || info->capture == HY_CAP_MMSG_OUT))
		return !compat_layout && i + 1 < ent->nargs &&
		       (ph == HY_PHASE_EXIT || info->capture == HY_CAP_MMSG_OUT);
	/* io_submit's iocbs: not of the 32-bit layout (they print as addresses) */
	if (structure && info->capture == HY_CAP_IOCBS)
		return !compat_layout && i > 0 && ph == HY_PHASE_ENTER;
	if (structure && info->capture == HY_CAP_IOVEC && i + 1 >= ent->nargs)
		return false; /* no count argument */
	if (structure && !info->size && !info->capture)
		return false; /* size unknown */
	return ph == HY_PHASE_ENTER ? is_enter_kind(ent, i) : is_exit_kind(a);
}

/* The capture kind argument @a's kind calls for (ARGV: the first is shown). */
static int expected_kind(const struct hy_sysent *ent, int i)
{
	const struct hy_argspec *a = &ent->args[i];

	switch (a->kind) {
	case HY_A_PATH:
	case HY_A_STR:
		return HY_CAP_STR;
	case HY_A_ARGV:
		for (int k = 0; k < i; k++)
			if (ent->args[k].kind == HY_A_ARGV)
				return HY_CAP_PTRS;
		return HY_CAP_ARGV;
	case HY_A_BUF_IN:
		return HY_CAP_BUF_ARG;
	case HY_A_BUF_OUT:
	case HY_A_PATH_OUT:
		return HY_CAP_BUF_RET;
	default: /* a struct: as its kind says, else its bytes */
		return hy_struct_info(a->aux)->capture ?: HY_CAP_FIXED;
	}
}

/* The size a slot may take: whole bytes, or a buffer size above a length argument. */
static void check_aux(const struct hy_sysent *ent, const struct hy_cap_slot *c,
		      unsigned int strsize)
{
	switch (c->kind) {
	case HY_CAP_BUF_ARG:
		assert_int_equal(c->aux & 7,
				 ent->args[c->arg].aux); /* the table's length argument */
							 /* fallthrough */
	case HY_CAP_IOVEC:
	case HY_CAP_IOVEC32:
	case HY_CAP_MSGHDR:
	case HY_CAP_MSGHDR32:
	case HY_CAP_MMSG_IN:
	case HY_CAP_MMSG_OUT:
		assert_int_equal(c->aux >> 3, min_cap(strsize));
		if (c->kind == HY_CAP_IOVEC || c->kind == HY_CAP_IOVEC32 ||
		    c->kind == HY_CAP_MMSG_IN || c->kind == HY_CAP_MMSG_OUT)
			assert_int_equal(c->aux & 7, c->arg + 1);
		assert_true((c->aux & 7) < ent->nargs);
		break;
	case HY_CAP_IOCBS:
		/* the count in the argument before, -s bytes of each buffer */
		assert_int_equal(c->aux & 7, c->arg - 1);
		assert_int_equal(c->aux >> 3, min_cap(strsize));
		break;
	case HY_CAP_BUF_RET:
		/* an output path is captured whole (getcwd), a buffer as -s shows it */
		if (ent->args[c->arg].kind == HY_A_PATH_OUT)
			assert_int_equal(c->aux, HY_PATH_MAX);
		else
			assert_int_equal(c->aux, min_cap(strsize));
		break;
	case HY_CAP_FIXED:
		/* a SysV message: its mtype and the text -s shows */
		if (ent->args[c->arg].aux == HY_S_MSGBUF)
			assert_int_equal(c->aux,
					 min_cap(hy_struct_size(HY_S_MSGBUF) + min_cap(strsize)));
		else
			assert_int_equal(c->aux & ~HY_CAP_ON_ERROR,
					 min_cap(hy_struct_size(ent->args[c->arg].aux)));
		/* read when the call failed only where the struct's row says so */
		if (c->aux & HY_CAP_ON_ERROR)
			assert_true(hy_struct_info(ent->args[c->arg].aux)->on_error);
		break;
	case HY_CAP_DIRENTS:
		assert_int_equal(c->aux, 0);
		break;
	case HY_CAP_STR:
	case HY_CAP_ARGV:
	case HY_CAP_ARGV32:
		if (ent->args[c->arg].kind == HY_A_PATH)
			assert_int_equal(c->aux, HY_PATH_MAX);
		else
			assert_int_equal(c->aux, min_cap(strsize + 2));
		break;
	case HY_CAP_PTRS:
		assert_int_equal(c->aux, HY_CAP_MAX);
		break;
	default:
		fail_msg("%s: capture kind %d", ent->name, c->kind);
	}
}

/* iovec and argv arrays of 32-bit pointers have kinds of their own. */
static int layout_kind(int kind)
{
	if (compat_layout && kind == HY_CAP_IOVEC)
		return HY_CAP_IOVEC32;
	if (compat_layout && kind == HY_CAP_ARGV)
		return HY_CAP_ARGV32;
	if (compat_layout && kind == HY_CAP_MSGHDR)
		return HY_CAP_MSGHDR32;
	return kind;
}

/*
 * One phase's list: packed, in argument order, each slot of the kind and size
 * its argument's kind says, and every argument that captures memory there
 * listed unless the list is full.
 */
static int check_list(const struct hy_sysent *ent, const struct hy_cap_slot *list, enum hy_phase ph,
		      unsigned int strsize)
{
	int n = 0, want = 0;

	while (n < HY_PLAN_SLOTS && list[n].kind)
		n++;
	for (int i = n; i < HY_PLAN_SLOTS; i++)
		assert_int_equal(list[i].kind | list[i].arg | list[i].aux, 0);
	/* a socket call's descriptor lookup comes last, in the phase its data is read */
	if (n && list[n - 1].kind == HY_CAP_SOCK) {
		assert_true(hy_sock_data_call(ent));
		assert_int_equal(list[n - 1].arg, 0);
		assert_int_equal(list[n - 1].aux, netlink_cap(0));
		n--;
	}
	/* fsconfig's value as aux's bytes too (FSCONFIG_SET_BINARY), after the arguments */
	if (n && !strcmp(ent->name, "fsconfig") && list[n - 1].kind == HY_CAP_BUF_ARG) {
		assert_int_equal(ph, HY_PHASE_ENTER);
		assert_int_equal(list[n - 1].arg, 3);
		assert_int_equal(list[n - 1].aux & 7, 4);
		n--;
	}
	/* keyctl's arguments 1..3 as bytes at entry, 1..2 as what the call wrote at exit */
	if (!strcmp(ent->name, "keyctl") && ent->nargs == 5) {
		int k = ph == HY_PHASE_ENTER ? 3 : 2;

		assert_true(n >= k);
		for (int j = 0; j < k; j++) {
			const struct hy_cap_slot *c = &list[n - k + j];

			assert_int_equal(c->arg, j + 1);
			if (ph == HY_PHASE_ENTER) {
				assert_int_equal(c->kind, HY_CAP_FIXED);
				assert_int_equal(c->aux, min_cap(strsize + 2) < 40 ?
								 40 :
								 min_cap(strsize + 2));
			} else {
				assert_int_equal(c->kind, HY_CAP_BUF_RET);
				assert_int_equal(c->aux, min_cap(strsize));
			}
		}
		n -= k;
	}
	/* bpf()'s attr, as many bytes as its size argument says, up to 256 */
	if (n && !strcmp(ent->name, "bpf") && list[n - 1].kind == HY_CAP_BUF_ARG) {
		assert_int_equal(ph, HY_PHASE_ENTER);
		assert_int_equal(list[n - 1].arg, 1);
		assert_int_equal(list[n - 1].aux, 2 | 256 << 3);
		n--;
	}
	/*
	 * a pointer followed inside a struct, after the arguments: SIOCGIFCONF's
	 * records and clone3's pidfd at exit, io_pgetevents' signal set, bpf()'s
	 * strings and keyctl's iovec array at entry
	 */
	while (n && list[n - 1].kind == HY_CAP_FOLLOW) {
		const struct hy_cap_slot *c = &list[n - 1];

		assert_false(compat_layout);
		if (!strcmp(ent->name, "ioctl")) {
			assert_int_equal(ph, HY_PHASE_EXIT);
			assert_int_equal(c->arg, 2);
			assert_int_equal(c->aux, 1 | 1 << 3);
		} else if (!strcmp(ent->name, "io_pgetevents")) {
			assert_int_equal(ph, HY_PHASE_ENTER);
			assert_int_equal(c->arg, 5);
			assert_int_equal(c->aux, HY_FOLLOW_NO_SEL | 2 << 3);
		} else if (!strcmp(ent->name, "clone3")) {
			assert_int_equal(ph, HY_PHASE_EXIT);
			assert_int_equal(c->arg, 0);
			assert_int_equal(c->aux, HY_FOLLOW_NO_SEL | 4 << 3);
		} else if (!strcmp(ent->name, "keyctl")) {
			/* KEYCTL_INSTANTIATE_IOV's vector, selected by the command */
			assert_int_equal(ph, HY_PHASE_ENTER);
			assert_int_equal(c->arg, 2);
			assert_int_equal(c->aux, 0 | 5 << 3);
		} else {
			assert_string_equal(ent->name, "bpf");
			assert_int_equal(ph, HY_PHASE_ENTER);
			assert_int_equal(c->arg, 1);
			assert_int_equal(c->aux, 0 | 3 << 3);
		}
		n--;
	}
	for (int i = 0; i < ent->nargs && i < 6; i++) {
		if (!captures(ent, i, ph))
			continue;
		if (want < HY_PLAN_SLOTS && ph == HY_PHASE_ENTER && is_recv_header(ent, i)) {
			assert_int_equal(list[want].arg, i);
			assert_int_equal(list[want].kind, HY_CAP_FIXED);
			assert_int_equal(list[want].aux, compat_layout ? 28 : 56);
		} else if (want < HY_PLAN_SLOTS && ph == HY_PHASE_ENTER && is_recv_mmsg(ent, i)) {
			assert_int_equal(list[want].arg, i);
			assert_int_equal(list[want].kind, HY_CAP_FIXED);
			assert_int_equal(list[want].aux, HY_MMSG_MAX * 64);
		} else if (want < HY_PLAN_SLOTS) {
			assert_int_equal(list[want].arg, i);
			assert_int_equal(list[want].kind, layout_kind(expected_kind(ent, i)));
			check_aux(ent, &list[want], strsize);
		}
		want++;
	}
	assert_int_equal(n, want < HY_PLAN_SLOTS ? want : HY_PLAN_SLOTS);
	return want > HY_PLAN_SLOTS;
}

/*
 * ioctl follows SIOCGIFCONF's ifc_buf at exit (ifc_len bytes), by a rule the
 * BPF side reads from a map; the 32-bit layouts have no rule.
 */
static void test_ioctl_follows_ifconf_buffer(void **state)
{
	struct hy_plan p = plan_abi(HY_ABI_X86_64, "ioctl", 32);
	const struct hy_follow *f = hy_follow_find(1, SIOCGIFCONF);
	struct hy_follow_key key;
	struct hy_follow rule;

	(void)state;
	assert_slot(p.exit, 0, HY_CAP_FIXED, 2, 304, false);
	assert_slot(p.exit, 1, HY_CAP_FOLLOW, 2, 1 | 1 << 3, true);
	assert_non_null(f);
	assert_int_equal(f->ptr_off, offsetof(struct ifconf, ifc_buf));
	assert_int_equal(f->len_off, offsetof(struct ifconf, ifc_len));
	assert_null(hy_follow_find(1, SIOCGIFCOUNT));
	assert_true(hy_follow_rule(0, &key, &rule));
	assert_int_equal(key.value, SIOCGIFCONF);
	/* the only rule of its group */
	for (size_t i = 1; hy_follow_rule(i, &key, &rule); i++)
		assert_int_not_equal(key.group, 1);
	p = plan_abi(HY_ABI_I386, "ioctl", 32);
	assert_int_equal(p.exit[1].kind, HY_CAP_NONE);
}

static void test_every_plan_follows_the_table(void **state)
{
	/* the kind of an iovec follows the layout: check_list() reads this */
	const enum hy_abi abis[] = { HY_ABI_X86_64, HY_ABI_I386, HY_ABI_X32 };
	int plans = 0, crowded = 0;

	(void)state;
	for (size_t a = 0; a < 3; a++) {
		const struct hy_systable *t = hy_systable(abis[a]);

		for (unsigned int nr = 0; nr < t->size; nr++) {
			const struct hy_sysent *ent = hy_sysent_get(abis[a], nr);

			if (!ent)
				continue;
			compat_layout = abis[a] == HY_ABI_I386 ||
					(abis[a] == HY_ABI_X32 && nr >= 512);
			for (size_t s = 0; s < NSIZES; s++) {
				struct hy_plan p;

				memset(&p, 0xa5, sizeof(p));
				hy_capture_plan(ent, strsizes[s], false, &p);
				crowded += check_list(ent, p.enter, HY_PHASE_ENTER, strsizes[s]);
				crowded += check_list(ent, p.exit, HY_PHASE_EXIT, strsizes[s]);
				plans += hy_plan_any(&p, HY_PHASE_ENTER) ||
					 hy_plan_any(&p, HY_PHASE_EXIT);
			}
		}
	}
	/* the check saw real plans, and no call has more captures than a phase has slots */
	assert_true(plans > 500 * (int)NSIZES);
	assert_int_equal(crowded, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths_are_captured_whole),
		cmocka_unit_test(test_strings_take_two_bytes_more_than_shown),
		cmocka_unit_test(test_huge_strsize_is_clamped),
		cmocka_unit_test(test_fsconfig_value_also_as_bytes),
		cmocka_unit_test(test_input_buffer_length_from_an_argument),
		cmocka_unit_test(test_netlink_widens_only_data),
		cmocka_unit_test(test_output_buffer_length_from_the_result),
		cmocka_unit_test(test_iovec_count_in_the_next_argument),
		cmocka_unit_test(test_msghdr_in_and_out),
		cmocka_unit_test(test_pollfd_read_at_both_ends),
		cmocka_unit_test(test_execve_argv_shown_envp_counted),
		cmocka_unit_test(test_execve_envp_strings_with_verbose),
		cmocka_unit_test(test_dirents_only_counted_at_exit),
		cmocka_unit_test(test_dirents_captured_for_verbose),
		cmocka_unit_test(test_fixed_structs_take_their_size),
		cmocka_unit_test(test_at_most_plan_slots_per_phase),
		cmocka_unit_test(test_other_abis),
		cmocka_unit_test(test_calls_without_memory_and_unknown_calls),
		cmocka_unit_test(test_rules_for_layouts_the_table_lacks),
		cmocka_unit_test(test_ioctl_follows_ifconf_buffer),
		cmocka_unit_test(test_every_plan_follows_the_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
