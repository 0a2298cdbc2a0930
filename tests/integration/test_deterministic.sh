#!/bin/bash
# SPDX-License-Identifier: MIT
# tools/deterministic.c: time, the TSC, getrandom and pids as functions of what
# the program did, so two runs print the same bytes.
. "$(dirname "$0")/lib.sh"

DET="$ROOT/$OUT/tools/deterministic.so"

# Two runs of the nondet guest, their outputs in $T/run1 and $T/run2.
two_runs() { # hytrace options...
	for i in 1 2; do
		hy "$@" --tool "$DET" -- "$GUESTS/nondet"
		assert_status 0
		cp "$T/stdout" "$T/run$i"
		cp "$T/out" "$T/log$i"
	done
}

t_two_runs_print_the_same() {
	need_tsc_faulting
	# natively they differ: the guest does print what varies
	"$GUESTS/nondet" >"$T/native1" && "$GUESTS/nondet" >"$T/native2"
	! cmp -s "$T/native1" "$T/native2" || fail "two native runs printed the same"
	two_runs
	cmp "$T/run1" "$T/run2" || fail "two runs differ: $(diff "$T/run1" "$T/run2" | head)"
	[ "$(wc -l <"$T/run1")" = 13 ] || fail "$(cat "$T/run1")"
}

t_values_are_the_tools() {
	hy --tool "$DET" -- "$GUESTS/nondet"
	assert_status 0
	assert_match "$T/stdout" 'monotonic 0\.0000[0-9]{5} then 0\.0000[0-9]{5} \(increasing\)'
	assert_match "$T/stdout" 'realtime 1700000000\.0000[0-9]{5} gettimeofday 1700000000\.0000[0-9]{2} time 1700000000'
	assert_line "$T/stdout" "pid 1000 ppid 1 tid 1000"
	assert_line "$T/stdout" "child pid 1001 ppid 1000"
	assert_line "$T/stdout" "forked the child, waited ok, status 7"
	assert_line "$T/stdout" "child was 1001"
	assert_line "$T/stdout" "thread tid 1002"
	assert_line "$T/stdout" "kill(getpid()) reached us"
	# the clocks share one time line: every read is later than the one before
	assert_count "$T/stdout" '\(increasing\)' 2
	assert_match "$T/out" 'deterministic: [0-9]+ clock reads, [0-9]+ random bytes, 3 tasks renumbered'
}

# The vDSO's clock functions make the syscall: the tool (and the log) sees each.
# The tool answers in place of the kernel: strace's "(INJECTED)".
t_vdso_clocks_become_syscalls() {
	hy --tool "$DET" -- "$GUESTS/nondet"
	assert_count "$T/out" '^clock_gettime\(CLOCK_MONOTONIC, 0x[0-9a-f]+\) += 0 \(INJECTED\)$' 4
	assert_count "$T/out" '^clock_gettime\(CLOCK_REALTIME, 0x[0-9a-f]+\) += 0 \(INJECTED\)$' 2
	assert_count "$T/out" '^gettimeofday\(0x[0-9a-f]+, NULL\) += 0 \(INJECTED\)$' 2
	assert_count "$T/out" '^time\(NULL\) += 1700000000 \(2023-11-1[45]T[0-9:]{8}[+-][0-9]{4}\) \(INJECTED\)$' 3
}

t_options_change_the_run() {
	hy --tool "$DET" --tool-opt seed=2 --tool-opt epoch=1000 --tool-opt pid=500 -- "$GUESTS/nondet"
	assert_status 0
	assert_match "$T/stdout" 'realtime 1000\.0000[0-9]{5} .*'
	assert_line "$T/stdout" "pid 500 ppid 1 tid 500"
	cp "$T/stdout" "$T/seed2"
	hy --tool "$DET" -- "$GUESTS/nondet"
	[ "$(grep ^random "$T/seed2")" != "$(grep ^random "$T/stdout")" ] || fail "seed=2 changed no random byte"
	hy_raw --tool "$DET" --tool-opt step=0 -- true
	assert_status 2
	assert_match "$T/stderr" "hytrace: tool deterministic: step=0: want a whole number from 1 to 1000000000"
}

# Without the kernel recorder every call stops; the run is the same.
t_same_without_kernel_recorder() {
	need_tsc_faulting
	two_runs --no-kernel
	cmp "$T/run1" "$T/run2" || fail "two runs differ: $(diff "$T/run1" "$T/run2" | head)"
}

# A real program: date reads the clock through the vDSO.
t_date_is_fixed() {
	hy --tool "$DET" -- date -u +%s.%N
	assert_status 0
	assert_match "$T/stdout" '1700000000\.0000[0-9]{5}'
}

run_tests
