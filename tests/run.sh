#!/bin/bash
# SPDX-License-Identifier: MIT
# The test suite: cmocka unit tests (build/tests/unit/test_*) and integration
# tests (tests/integration/test_*.sh) that run hytrace on guest programs.
# Usage: tests/run.sh [--unit|--integration] [NAME-FILTER]
# Ends with "N passed, N failed, N skipped"; exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
export OUT=${OUT:-build}
mode=all
case "${1:-}" in
--unit) mode=unit; shift ;;
--integration) mode=integration; shift ;;
esac
filter=${1:-}

. tests/integration/sud.sh

passed=0 failed=0 skipped=0
results=$(mktemp)
trap 'rm -f "$results"' EXIT

if [ "$mode" != integration ]; then
	for t in "$OUT"/tests/unit/test_*; do
		[ -x "$t" ] || continue
		[ -n "$filter" ] && [[ "$t" != *"$filter"* ]] && continue
		out=$("$t" 2>&1)
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<<"$out")
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<<"$out")
		s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' <<<"$out")
		p=${p:-0} f=${f:-0} s=${s:-0}
		# a crash before cmocka's summary still counts as a failure
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		echo "unit $(basename "$t"): $p passed, $f failed, $s skipped"
		[ "$f" -ne 0 ] && grep -E '^\[  (FAILED|ERROR) |^\[  ERROR|error|Failure' <<<"$out" | head -20
		passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	done
fi

# One integration file. A file that exits non-zero (a syntax error, a crash of
# the shell) or, unless ONLY picks tests, reports no test at all counts as a
# failure: bash keeps going after a syntax error at the end of a file, and a
# file that ran nothing must not pass for a green one.
run_file() {
	local before rc after name
	before=$(wc -l <"$results")
	RESULTS=$results bash "$1"
	rc=$?
	after=$(wc -l <"$results")
	name=$(basename "$1" .sh)${BACKEND:+[$BACKEND]}
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name: the file exited with status $rc" | tee -a "$results"
	elif [ -z "${ONLY:-}" ] && [ "$after" -eq "$before" ]; then
		echo "FAIL $name: the file ran no test" | tee -a "$results"
	fi
}

# Every test tests/integration/host_only keeps out of the VMs exists: a renamed
# test must not leave a line behind that keeps nothing out (or its new name in)
check_host_only() {
	local name why f t
	while read -r name why; do
		[[ "$name" == */* ]] || continue
		f=tests/integration/${name%%/*}.sh t=${name#*/}
		if ! grep -q "^$t() {" "$f" 2>/dev/null || [ -z "$why" ]; then
			echo "FAIL host_only: $name is no test in $f, or has no reason" | tee -a "$results"
		fi
	done < <(grep -v '^#' tests/integration/host_only)
}

if [ "$mode" != unit ]; then
	[ -n "${VMTEST:-}" ] || [ -n "$filter" ] || check_host_only
	# the plugin, tool, tree and signal tests again on the in-guest backend (not
	# with SAN=1: its plugins are built with ASan, which a guest cannot load; in
	# a VM only where the kernel has Syscall User Dispatch: 5.10 has none, and
	# test_guest_backend.sh checks what hytrace says there). In a VM without
	# test_tools: the built-in tools' work in the guest is the same on every
	# kernel, and what it asks of the kernel (holding, notes, signals, tasks) is
	# the other files' (CI's 30 minutes; 7.x's VM is the long pole)
	guest_pass=()
	if [ -z "${BACKEND:-}" ] && [[ "$OUT" != *san* ]] &&
		{ [ -z "${VMTEST:-}" ] || have_sud; }; then
		guest_pass=(api tools inject tree signals)
		[ -z "${VMTEST:-}" ] || guest_pass=(api inject tree signals)
	fi
	for f in tests/integration/test_*.sh; do
		[ -n "$filter" ] && [[ "$f" != *"$filter"* ]] && continue
		if [ -n "${VMTEST:-}" ]; then
			why=$(awk -v n="$(basename "$f" .sh)" '$1 == n { $1 = ""; print }' \
				tests/integration/host_only)
			if [ -n "$why" ]; then
				echo "not in VMs: $(basename "$f" .sh):$why"
				continue
			fi
		fi
		# a file with a guest pass runs its first pass on ptrace: the default
		# (`auto`) would take the guest backend for the runs that hold a
		# frequent call (a few of test_tools' and test_inject's), which would
		# then run on ptrace nowhere. So each backend runs every test of the
		# five files once, in two passes as before, and the suite takes no
		# longer; test_auto_backend.sh checks the default's choice itself
		if [[ " ${guest_pass[*]} " == *" $(basename "$f" .sh | sed 's/^test_//') "* ]]; then
			HYTRACE_DEFAULT_BACKEND=ptrace run_file "$f"
		else
			run_file "$f"
		fi
	done
	for f in "${guest_pass[@]/#/tests/integration/test_}"; do
		f=$f.sh
		[ -n "$filter" ] && [[ "$f" != *"$filter"* ]] && continue
		BACKEND=guest run_file "$f"
	done
	passed=$((passed + $(grep -c '^ok' "$results")))
	failed=$((failed + $(grep -c '^FAIL' "$results")))
	skipped=$((skipped + $(grep -c '^skip' "$results")))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
