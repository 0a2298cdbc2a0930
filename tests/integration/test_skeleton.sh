#!/bin/bash
# SPDX-License-Identifier: MIT
# The walking skeleton end to end: escalated lines, guest output, the kernel's
# summary of the whole tree, and exit status propagation.
. "$(dirname "$0")/lib.sh"

setup_files() {
	printf 'hello\n' >"$T/a"
	printf 'world\n' >"$T/b"
}

# Escalated openat/read print decoded; getppid is counted in the kernel, never shown.
check_open_read() { # extra hytrace args...
	setup_files
	hy -C --subscribe openat,read "$@" -- "$GUESTS/open_read" "$T/a" "$T/b" "$T/missing" 1000
	assert_status 0
	assert_match "$T/out" "openat\(AT_FDCWD, \"$T/a\", O_RDONLY\) += 3"
	assert_match "$T/out" "openat\(AT_FDCWD, \"$T/b\", O_RDONLY\|O_CLOEXEC\) += 4"
	assert_match "$T/out" "openat\(AT_FDCWD, \"$T/missing\", O_RDONLY\) += -1 ENOENT \(No such file or directory\)"
	assert_match "$T/out" 'read\(3, "hello\\n", 64\) += 6'
	assert_match "$T/out" 'read\(3, "", 64\) += 0'
	assert_no_match "$T/out" '^getppid\('
	[ "$(summary_field "$T/out" getppid calls)" = 1000 ] ||
		fail "summary counts $(summary_field "$T/out" getppid calls) getppid, expected 1000"
	[ "$(summary_field "$T/out" openat errors)" -ge 1 ] || fail "openat errors not counted"
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded .* 0 lost(, 0 skipped)?(;.*)?'
}

t_open_read_kernel() {
	need_kernel
	check_open_read
	# the summary came from the kernel: the unsubscribed getppid calls never stopped
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded \([0-9]+ by the kernel, [0-9]+ escalated\), 0 lost, 0 skipped(;.*)?'
	local esc
	esc=$(sed -n 's/.*, \([0-9]*\) escalated.*/\1/p' "$T/out")
	[ "$esc" -lt 100 ] || fail "$esc escalations: getppid must not stop"
}

t_open_read_no_kernel() {
	check_open_read --no-kernel
}

t_guest_output_unchanged() {
	printf 'line one\nline two\n' >"$T/in"
	hy --subscribe openat,read -- cat "$T/in"
	assert_status 0
	cmp -s "$T/stdout" "$T/in" || fail "guest output changed: $(cat "$T/stdout")"
}

# Children are covered from their first syscall: their getppid calls are counted.
t_fork_children_counted() {
	need_kernel
	hy -c -- "$GUESTS/forker" 3 500
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = 1500 ] ||
		fail "summary counts $(summary_field "$T/out" getppid calls) getppid, expected 1500"
}

t_fork_children_logged() {
	hy --subscribe getppid -- "$GUESTS/forker" 2 3
	assert_status 0
	assert_child_count '^getppid\(\) += [0-9]+$' 6
	assert_child_count '^\+\+\+ exited with 3 \+\+\+$' 2
	assert_match "$T/out" '\+\+\+ exited with 0 \+\+\+'
}

t_exit_status_propagates() {
	hy -- "$GUESTS/exit_with" 7
	assert_status 7
	assert_line "$T/out" "+++ exited with 7 +++"
}

t_death_by_signal_propagates() {
	hy -- "$GUESTS/exit_with" sig:15
	assert_status 143
	assert_line "$T/out" "+++ killed by SIGTERM +++"
	hy -- "$GUESTS/exit_with" sig:9
	assert_status 137
	assert_line "$T/out" "+++ killed by SIGKILL +++"
}

run_tests
