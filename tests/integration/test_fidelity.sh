#!/bin/bash
# SPDX-License-Identifier: MIT
# The fidelity corpus (tests/fidelity/): hytrace's lines against strace 6.1's,
# per family, on the kernel path and with --no-kernel (scripts/fidelity.py).
. "$(dirname "$0")/lib.sh"

# The lines are compared with strace 6.1's: another strace prints other lines.
need_strace_61() {
	strace -V 2>/dev/null | head -1 | grep -q 'version 6\.1$' ||
		skip "the reference is strace 6.1 ($(strace -V 2>&1 | head -1))"
}

# scripts/fidelity.py ARGS, a second time when the first fails: one line of a
# loaded machine (a sleep that returns a second late) must not fail the suite,
# a regression fails both runs. Output in $T/stdout and $T/stderr, status in $RC.
fidelity() {
	for try in 1 2; do
		RC=0
		OUT=$OUT python3 "$ROOT/scripts/fidelity.py" --out "$ROOT/$OUT" "$@" \
			>"$T/stdout" 2>"$T/stderr" || RC=$?
		[ "$RC" -eq 0 ] && return 0
		echo "  fidelity run $try failed: $(cat "$T/stderr")" >&2
	done
}

# No family falls below the share of strace's lines it reached
# (tests/fidelity/floors), and the kernel path and --no-kernel print the same
# line for every call of the corpus, except calls tests/fidelity/kernel_differs
# lists (memory only the tracer can read). One run per part of the corpus
# (scripts/fidelity.py --part K/3: every third family): the whole corpus was one
# test of ~190 s in an emulated 7.3 VM, too near vmtest's stall limit (300 s
# without a new line).
fidelity_part() {
	need_kernel
	need_strace_61
	if [ -n "${VMTEST:-}" ]; then
		# in vmtest's VMs the kernel path only: it is what differs between
		# kernels (the BPF capture); --no-kernel's reads and both paths'
		# agreement are checked on the host by make test
		fidelity --part "$1" --mode kernel --floors "$ROOT/tests/fidelity/floors"
	else
		fidelity --part "$1" --floors "$ROOT/tests/fidelity/floors" \
			--consistency "$ROOT/tests/fidelity/kernel_differs"
	fi
	[ "$RC" -eq 0 ] || fail "$(cat "$T/stderr" "$T/stdout")"
	assert_match "$T/stdout" 'all +[0-9.]+% +[0-9]+/[0-9]+ +([0-9.]+% +[0-9]+/[0-9]+|-)'
}

t_fidelity_floors_and_paths_agree_part1() { fidelity_part 1/3; }
t_fidelity_floors_and_paths_agree_part2() { fidelity_part 2/3; }
t_fidelity_floors_and_paths_agree_part3() { fidelity_part 3/3; }

# What could not be read is in the record, with the argument and its address: an
# unterminated path that runs into an unmapped page, on both paths.
t_record_says_what_was_unreadable() {
	need_kernel
	for mode in "" --no-kernel; do
		hy $mode --record "$T/rec" -e trace=faccessat -- "$ROOT/$OUT/tests/fidelity/file"
		assert_status 0
		assert_match "$T/out" 'faccessat\(-1, 0x[0-9a-f]+, F_OK\) += -1 EFAULT .*'
		assert_match "$T/rec" '.*"text":"faccessat\(-1, 0x[0-9a-f]+, F_OK\)".*,"unreadable":\[\{"arg":1,"addr":[0-9]+,"phase":"enter"\}\]\}'
		# a path that was read has no such field
		assert_no_match "$T/rec" '.*"text":"faccessat\(AT_FDCWD, \\"/nonexistent.*unreadable.*'
	done
}

run_tests
