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
# the kernel probes' answers, shared by every file of this run (tests/
# integration/lib.sh need_kernel, sud.sh have_sud): each is a hytrace start,
# ~1.5 s in an emulated 7.x, and the answer is the kernel's, the same for all
export HY_PROBES
HY_PROBES=$(mktemp -d)
trap 'rm -rf "$results" "$HY_PROBES"' EXIT

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
	while read -r name why; do
		f=tests/integration/${name%\[guest\]}.sh
		if [ ! -f "$f" ] || ! [[ "$why" =~ ^([0-9]+\.([0-9]+|x)\ +)+[^\ ] ]]; then
			echo "FAIL vm_kernels: $name is no test file, or names no kernel or no reason" |
				tee -a "$results"
		fi
	done < <(grep -v '^#' tests/integration/vm_kernels | grep .)
}

# Why FILE (test_x, or test_x[guest]) does not run on this VM's kernel, from
# tests/integration/vm_kernels; nothing when it does (or outside a VM).
vm_kernel_excludes() { # FILE
	local name kernels why k rel=${VMTEST_KERNEL:-} mm
	[ -n "${VMTEST:-}" ] && [ -n "$rel" ] || return 0
	mm=$(echo "$rel" | sed -E 's/^([0-9]+)\.([0-9]+).*/\1.\2/')
	while read -r name kernels; do
		[ "$name" = "$1" ] || continue
		why=$(echo "$kernels" | sed -E 's/^([0-9]+\.([0-9]+|x) +)+//')
		for k in ${kernels%"$why"}; do
			[ "$k" = "$mm" ] || [ "$k" = "${mm%%.*}.x" ] && return 0
		done
		echo "$why (runs on ${kernels%"$why"})" | sed 's/ *)$/)/'
	done <<<"$(grep -v '^#' tests/integration/vm_kernels | grep .)" # no /dev/fd in the VMs
}

# The integration files run in TEST_JOBS lanes (make test: one per CPU, at most
# two; vmtest's VMs have one CPU). With one lane each file's lines come as its
# tests end; with more, a file's lines come whole when the file ends. Lanes
# halve the host suite's time: a test mostly waits on one CPU for hytrace's
# start (the BPF verifier) or for its guest. The longest files go first.
lanes=${TEST_JOBS:-1}
queue=()
queue_file() { # FILE [BACKEND [DEFAULT_BACKEND]]
	local backend=${2:-${BACKEND:-}} default=${3:-${HYTRACE_DEFAULT_BACKEND:-}}
	if [ "$lanes" -le 1 ]; then
		BACKEND=$backend HYTRACE_DEFAULT_BACKEND=$default run_file "$1"
	else
		queue+=("$1 ${backend:--} ${default:--}")
	fi
}
run_queue() {
	local dir i=0 n=${#queue[@]} running=0 done_i job
	[ "$n" -gt 0 ] || return 0
	dir=$(mktemp -d)
	# the slowest files first, so that the lanes end close together
	mapfile -t queue < <(printf '%s\n' "${queue[@]}" |
		awk '{ w = $1 ~ /guest_backend|fidelity|attach|tools|output|stack|robustness/ ? 0 : 1;
			print w "\t" $0 }' | sort -s -t "$(printf '\t')" -k1,1n | cut -f2-)
	while [ "$i" -lt "$n" ] || [ "$running" -gt 0 ]; do
		while [ "$running" -lt "$lanes" ] && [ "$i" -lt "$n" ]; do
			job=(${queue[$i]})
			(results=$dir/$i.results; : >"$results"
			 BACKEND=${job[1]#-} HYTRACE_DEFAULT_BACKEND=${job[2]#-} \
				run_file "${job[0]}" >"$dir/$i.log" 2>&1
			 touch "$dir/$i.done") &
			i=$((i + 1)) running=$((running + 1))
		done
		wait -n
		running=$((running - 1))
		for done_i in "$dir"/*.done; do
			[ -e "$done_i" ] || continue
			done_i=${done_i%.done}
			cat "$done_i.log"
			cat "$done_i.results" >>"$results"
			rm -f "$done_i.done"
		done
	done
	rm -rf "$dir"
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
			why=$(vm_kernel_excludes "$(basename "$f" .sh)")
			if [ -n "$why" ]; then
				echo "not on this kernel: $(basename "$f" .sh): $why"
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
			queue_file "$f" "" ptrace
		else
			queue_file "$f"
		fi
	done
	for f in "${guest_pass[@]/#/tests/integration/test_}"; do
		f=$f.sh
		[ -n "$filter" ] && [[ "$f" != *"$filter"* ]] && continue
		why=$(vm_kernel_excludes "$(basename "$f" .sh)[guest]")
		if [ -n "$why" ]; then
			echo "not on this kernel: $(basename "$f" .sh)[guest]: $why"
			continue
		fi
		queue_file "$f" guest
	done
	run_queue
	passed=$((passed + $(grep -c '^ok' "$results")))
	failed=$((failed + $(grep -c '^FAIL' "$results")))
	skipped=$((skipped + $(grep -c '^skip' "$results")))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
