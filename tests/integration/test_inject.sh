#!/bin/bash
# SPDX-License-Identifier: MIT
# Fault injection with strace's syntax: the guest sees the chosen results.
. "$(dirname "$0")/lib.sh"

setup() {
	printf 'a\n' >"$T/a"
	printf 'b\n' >"$T/b"
	printf 'c\n' >"$T/c"
}

t_second_open_fails() {
	setup
	# static: no loader opens before the guest's own
	static_guest open_read
	hy --inject openat:error=EACCES:when=2 -e trace=none -- "$T/open_read" "$T/a" "$T/b" "$T/missing" 0
	# the guest's second openat (b) failed: open_read dies on it
	assert_status 99
	assert_match "$T/stderr" 'guest .*unexpected openat results 3 -13 -2'
}

t_error_shown_as_injected() {
	setup
	hy --inject openat:error=ENOENT:when=3 -e trace=openat -- cat "$T/a" "$T/b"
	assert_match "$T/out" 'openat\(AT_FDCWD, "'"$T"'/a", O_RDONLY\) += -1 ENOENT \(No such file or directory\) \(INJECTED\)|openat\(.*\) += -1 ENOENT \(No such file or directory\) \(INJECTED\)'
	assert_count "$T/out" '\(INJECTED\)$' 1
}

t_when_ranges() {
	run_when() { # when expected-failures
		hy --inject "getppid:error=EPERM:when=$1" -c -- "$GUESTS/forker" 1 10
		assert_status 0
		[ "$(summary_field "$T/out" getppid errors)" = "$2" ] ||
			fail "when=$1: $(summary_field "$T/out" getppid errors) errors, expected $2"
	}
	need_kernel
	run_when 3 1
	run_when 3+ 8
	run_when 2+3 3
	run_when 4..6 3
}

t_retval() {
	hy --inject getppid:retval=42 --subscribe getppid -- "$GUESTS/forker" 1 2
	assert_status 0
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 2
}

t_signal() {
	hy --inject getppid:signal=SIGUSR1:when=1 -- "$GUESTS/forker" 1 3
	# the child dies of the signal at its first getppid; forker sees a bad status
	assert_status 99
	assert_match "$T/out" '--- SIGUSR1 .*'
	assert_match "$T/out" '\+\+\+ killed by SIGUSR1 \+\+\+'
}

t_delay_enter() {
	local t0 t1
	t0=$(date +%s%N)
	hy --inject getppid:delay_enter=100ms:when=1 -e trace=none -- "$GUESTS/forker" 1 1
	t1=$(date +%s%N)
	assert_status 0
	[ $(((t1 - t0) / 1000000)) -ge 100 ] || fail "ran in $(((t1 - t0) / 1000000)) ms, delay 100 ms"
}

t_bad_rule() {
	hy_raw --inject openat:error=NOPE -- /bin/true
	assert_status 2
	assert_match "$T/stderr" "hytrace: tool inject: bad rule 'openat:error=NOPE' .*"
	hy_raw --inject opnat:error=EIO -- /bin/true
	assert_status 2
	assert_match "$T/stderr" "hytrace: tool inject: unknown syscall 'opnat' \(did you mean openat.*"
}

# Specs strace refuses, or that meant something else than written, each get one line.
t_bad_rule_strict() {
	local spec
	for spec in 'getppid:error=EPERM:retval=1' 'getppid:retval=1:error=EPERM' \
		'getppid:error=EPERM:error=EIO' 'getppid:error=EPERM:when=-1' \
		'getppid:error=EPERM:when=0' 'getppid:error=EPERM:when=12345678901234567890' \
		'getppid:error=EPERM:when=65536' 'getppid:error=EPERM:when=2..1' 'getppid:error=EPERM:when=1+0' \
		'getppid:retval=99999999999999999999' 'getppid:retval=' 'getppid:retval=1x' \
		'getppid:delay_enter=99999999999999999999' 'getppid:delay_enter=-1' 'getppid:delay_enter=1e9' \
		'getppid:delay_exit=10h' 'getppid:delay_enter=' 'getppid:error=0'; do
		hy_raw --inject "$spec" -- /bin/true
		assert_status 2
		[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "'$spec': $(cat "$T/stderr")"
		grep -qF "hytrace: tool inject: bad rule '$spec' (want" "$T/stderr" || fail "'$spec': $(cat "$T/stderr")"
	done
	hy_raw --inject 'getppid:error=EPERM:when=65535' --inject 'getpid:delay_enter=1.5ms:when=2..3' -- /bin/true
	assert_status 0
}

run_tests
