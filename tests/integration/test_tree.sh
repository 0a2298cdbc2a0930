#!/bin/bash
# SPDX-License-Identifier: MIT
# Following any process tree: vfork, threads, clone3, orphans, exec from a thread,
# a guest that wants to trace, int 0x80. Each runs with the kernel recorder and
# without it (--no-kernel), where the escalation engine does all the work.
. "$(dirname "$0")/lib.sh"

P=$GUESTS/procs

both() { # test body, run in both modes
	if "$HYTRACE" -c -o /dev/null -- /bin/true 2>/dev/null; then "$@"; fi
	MODE=--no-kernel "$@"
}

t_vfork_exec() {
	run() {
		hy ${MODE:-} --subscribe execve -- "$P" vfork_exec
		assert_status 0
		assert_child_count '^execve\("/bin/true", \["true"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += 0' 1
	}
	both run
}

# the paths are literals, in pages a forked child has not faulted in: the
# kernel path cannot read them at execve's entry, nor at its exit (the memory
# is gone), and takes them from the new program's stack, as it does argv
t_fork_exec_literal_paths() {
	run() {
		hy ${MODE:-} -e trace=execve,execveat -- "$P" fork_exec
		assert_status 0
		assert_child_count '^execve\("/bin/true", \["true"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += 0' 1
		assert_child_count '^execveat\([0-9]+, "true", \["true"\], NULL, 0\) += 0' 1
		assert_child_count '^execveat\([0-9]+, "", \["true"\], NULL, AT_EMPTY_PATH\) += 0' 1
	}
	both run
}

# More variables than a captured pointer block holds (4096 bytes: 511 and
# the NULL): strace counts them all (/* 600 vars */), and so does hytrace.
# The kernel recorder has the count from the new program (tp_btf's
# bprm->envc, the classic tracepoint's from its stack: both families), the
# tracer reads on. A failed execve has no new program: the kernel path
# prints no count (or the tracer's, where the classic programs do not load:
# 5.10), the tracer its count; never another. Before, neither printed one.
t_exec_environment_past_the_capture() {
	local vars fam count
	vars=$(seq -f 'V%g=1' 600)
	run() {
		for fam in btf classic; do
			# shellcheck disable=SC2086 # one variable a word
			HYTRACE_TRACEPOINTS=$fam hy ${MODE:-} -e trace=execve -- env -i $vars /bin/true
			assert_status 0
			assert_count "$T/out" '^execve\("/bin/true", \[.*\], 0x[0-9a-f]+ /\* 600 vars \*/\) += 0$' 1
			# shellcheck disable=SC2086
			HYTRACE_TRACEPOINTS=$fam hy ${MODE:-} -e trace=execve -- env -i $vars /nonexistent
			assert_status 127
			count='( /\* 600 vars \*/)?'
			[ -n "${MODE:-}" ] && count=' /\* 600 vars \*/'
			assert_count "$T/out" "^execve\\(\"/nonexistent\", \\[.*\\], 0x[0-9a-f]+$count\\) += -1 ENOENT .*" 1
			[ -z "${MODE:-}" ] || break # no recorder: no program families
		done
		# a thread's: its exec record comes under the leader's tid
		# shellcheck disable=SC2086
		hy ${MODE:-} -e trace=execve -- env -i $vars "$P" exec_thread
		assert_status 0
		assert_count "$T/out" '^execve\("/bin/true", \["true"\], 0x[0-9a-f]+ /\* 600 vars \*/\) += 0$' 1
	}
	both run
}

t_vfork_exit() {
	run() {
		hy ${MODE:-} --subscribe exit_group -- "$P" vfork_exit
		assert_status 0
		assert_child_count '^exit_group\(5\) += \?' 1
	}
	both run
}

t_threads_times_children() {
	run() {
		hy ${MODE:-} -C --subscribe getppid -- "$P" threads 16 16
		assert_status 0
		assert_count "$T/out" 'getppid\(\) += [0-9]+$' 256
		[ "$(summary_field "$T/out" getppid calls)" = 256 ] || fail "summary getppid != 256"
		assert_count "$T/out" '\+\+\+ exited with 0 \+\+\+' 257
	}
	both run
}

t_clone3_child() {
	run() {
		hy ${MODE:-} --subscribe getppid,clone3 -- "$P" clone3
		assert_status 0
		assert_child_count '^getppid\(\) += [0-9]+$' 3
		assert_match "$T/out" 'clone3\(.*\) += [0-9]+'
		assert_child_count '^\+\+\+ exited with 4 \+\+\+' 1
	}
	both run
}

t_orphan_outlives_parent() {
	run() {
		rm -f "$T/mark"
		hy ${MODE:-} -- "$P" orphan "$T/mark"
		assert_status 0
		# hytrace waits for every task of the tree, orphans included
		[ -f "$T/mark" ] || fail "hytrace returned before the orphan finished"
	}
	both run
}

t_parent_never_waits() {
	need_kernel
	hy -c -- "$P" nowait
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = 2 ] || fail "the orphan's getppid calls were not counted"
}

t_exec_from_thread() {
	run() {
		hy ${MODE:-} --subscribe execve -- "$P" exec_thread
		assert_status 0
		assert_match "$T/out" 'execve\("/bin/true", \["true"\], .*\) += 0'
		assert_match "$T/out" '\+\+\+ exited with 0 \+\+\+'
	}
	both run
}

t_exec_missing_file() {
	run() {
		hy ${MODE:-} --subscribe execve -- "$P" exec_missing
		assert_status 0
		assert_match "$T/out" 'execve\("/nonexistent/prog", \["/nonexistent/prog"\], NULL\) += -1 ENOENT \(No such file or directory\)'
		assert_line "$T/stdout" "execve errno 2"
	}
	both run
}

t_exec_static_binary() {
	static_guest exit_with static
	run() {
		hy ${MODE:-} --subscribe getpid -- "$T/static" 3
		assert_status 3
	}
	both run
}

t_exec_32bit_binary() {
	m32_guest exit_nine m32
	need_ia32
	run() {
		hy ${MODE:-} --subscribe exit_group -- "$T/m32"
		assert_status 9
		assert_match "$T/out" 'exit_group\(9\) += \?'
	}
	both run
}

t_guest_cannot_ptrace() {
	ptrace_only "no tracer holds the guest: it may ptrace (and its tracee stops at each dispatch trap)"
	run() {
		hy ${MODE:-} -- "$GUESTS/ptrace_guest"
		assert_status 0
		assert_line "$T/stdout" "traceme -1 EPERM"
		assert_line "$T/stdout" "attach -1 EPERM"
	}
	both run
}

# int 0x80 from a 64-bit program is an i386 syscall: a name covers every ABI.
t_int80_is_i386() {
	need_ia32
	run() {
		hy ${MODE:-} --subscribe getpid,write -- "$GUESTS/int80"
		assert_status 0
		assert_line "$T/stdout" "int80"
		assert_match "$T/out" 'getpid\(\) += [0-9]+'
		assert_match "$T/out" 'write\(1, "int80\\n", 6\) += 6'
		assert_no_match "$T/out" '^lseek|^stat\('
	}
	both run
}

# i386 iovecs are two 32-bit words, a msghdr seven, argv an array of 32-bit pointers: both
# capture paths read them so.
t_int80_writev_iovecs() {
	need_ia32
	run() {
		hy ${MODE:-} -e trace=writev,sendmsg,execve -- "$GUESTS/int80"
		assert_status 0
		assert_line "$T/stdout" "iov80"
		assert_match "$T/out" 'execve\("/nonexistent/int80", \["int80-a", "b"\], NULL\) += -1 ENOENT .*'
		assert_match "$T/out" 'sendmsg\(1, \{msg_name=NULL, msg_namelen=0, msg_iov=\[\{iov_base="iov", iov_len=3\}, \{iov_base="80\\n", iov_len=3\}\], msg_iovlen=2, msg_controllen=0, msg_flags=0\}, 0\) += -1 ENOTSOCK .*'
		assert_match "$T/out" 'writev\(1, \[\{iov_base="iov", iov_len=3\}, \{iov_base="80\\n", iov_len=3\}\], 2\) += 6'
	}
	both run
}

# Only the named ABI stops: lseek@x86_64 shares i386 getpid's number but must not catch it.
t_int80_not_caught_by_x86_64_numbers() {
	need_ia32
	hy --no-kernel --subscribe lseek -- "$GUESTS/int80"
	assert_status 0
	assert_no_match "$T/out" 'getpid|lseek'
}

run_tests
