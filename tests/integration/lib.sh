# SPDX-License-Identifier: MIT
# Helpers for integration tests. A test file defines functions named t_*, then
# calls run_tests. Each test runs in its own subshell and temp dir; a failed
# assertion ends it. Tests that need the kernel recorder call need_kernel: under
# CI (CI set) a missing recorder is a failure, never a skip.

OUT=${OUT:-build}
ROOT=$PWD
HYTRACE=$PWD/$OUT/hytrace
GUESTS=$PWD/$OUT/tests/guests
RESULTS=${RESULTS:-/dev/null}
TIMEOUT=${TIMEOUT:-60}


fail() {
	echo "  assertion failed: $*" >&2
	exit 1
}

skip() {
	echo "$*" >"$T/.skip"
	exit 0
}

# hy [hytrace args...]: run hytrace with its log in a file (-o), so guest output
# stays apart. As with strace -f -o, every log line starts with the task's id:
# $T/raw is the log as written, $T/out the same without that column. Guest
# output in $T/stdout and $T/stderr, the exit status in $RC.
hy() {
	RC=0
	timeout -k 5 "$TIMEOUT" "$HYTRACE" -o "$T/raw" "$@" >"$T/stdout" 2>"$T/stderr" || RC=$?
	[ "$RC" -eq 124 ] && fail "hytrace timed out after ${TIMEOUT}s: $*"
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out" 2>/dev/null || : >"$T/out"
	return 0
}

# Lines of the log made by a task other than the main one (children, threads);
# the main one is the last to exit in these guests.
child_lines() { # extended-regex
	local first
	first=$(grep -E '^[0-9]+ +\+\+\+ (exited|killed)' "$T/raw" | awk 'END {print $1}')
	awk -v p="$first" '$1 != p' "$T/raw" | sed -E 's/^[0-9]+ +//' | grep -E -- "$1"
}

assert_child_count() { # extended-regex expected-count
	local n
	n=$(child_lines "$1" | wc -l)
	[ "$n" -eq "$2" ] || fail "$n lines of child tasks match /$1/, expected $2"
}

# hy_raw [args...]: run hytrace without -o (for CLI error tests).
hy_raw() {
	RC=0
	timeout -k 5 "$TIMEOUT" "$HYTRACE" "$@" >"$T/stdout" 2>"$T/stderr" || RC=$?
	return 0
}

need_kernel() {
	if "$HYTRACE" -c -o /dev/null -- /bin/true 2>"$T/probe" && ! grep -q 'unavailable' "$T/probe"; then
		return 0
	fi
	if [ -n "${CI:-}" ]; then
		fail "the kernel recorder must work under CI: $(cat "$T/probe")"
	fi
	skip "kernel recorder unavailable: $(head -1 "$T/probe")"
}

assert_status() { # expected
	[ "$RC" -eq "$1" ] || fail "exit status $RC, expected $1 (stderr: $(head -3 "$T/stderr"))"
}

assert_line() { # file exact-line
	grep -qxF -- "$2" "$1" || fail "no line '$2' in $(basename "$1"):
$(head -40 "$1")"
}

assert_match() { # file extended-regex (whole line)
	grep -qxE -- "$2" "$1" || fail "no line matching /$2/ in $(basename "$1"):
$(head -40 "$1")"
}

assert_no_match() { # file extended-regex
	! grep -qE -- "$2" "$1" || fail "unexpected line matching /$2/ in $(basename "$1"): $(grep -E -- "$2" "$1" | head -3)"
}

assert_count() { # file extended-regex expected-count
	local n
	n=$(grep -cE -- "$2" "$1")
	[ "$n" -eq "$3" ] || fail "$n lines match /$2/ in $(basename "$1"), expected $3"
}

# A column (calls or errors) of a syscall in the -c/-C summary.
summary_field() { # file syscall column(calls|errors)
	# columns: %time total avg min max calls [errors] name
	awk -v sc="$2" -v col="$3" '$NF == sc && $1 ~ /^[0-9.]+$/ {
		if (NF == 8) { calls = $6; errors = $7 } else { calls = $6; errors = 0 }
		print (col == "calls" ? calls : errors); exit }' "$1"
}

# Kill what a test left running (a guest of a test that failed half-way, say):
# every process whose working directory is still the test's.
reap() { # dir
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/cwd" 2>/dev/null)" = "$1" ] && kill -KILL "${p#/proc/}" 2>/dev/null
	done
	return 0
}

run_tests() {
	local file t status t0 took
	file=$(basename "$0" .sh)
	for t in $(declare -F | awk '{print $3}' | grep '^t_'); do
		[ -n "${ONLY:-}" ] && [[ "$t" != *"$ONLY"* ]] && continue
		T=$(mktemp -d)
		t0=$EPOCHREALTIME
		(set -e; cd "$T"; "$t") >"$T/.log" 2>&1
		status=$?
		reap "$T"
		# how long each test took: vmtest's slow emulated kernels show where time goes
		took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1fs", b - a }')
		if [ -f "$T/.skip" ]; then
			echo "skip $file/$t: $(cat "$T/.skip")" | tee -a "$RESULTS"
		elif [ "$status" -eq 0 ]; then
			echo "ok   $file/$t $took" | tee -a "$RESULTS"
		else
			echo "FAIL $file/$t $took" | tee -a "$RESULTS"
			sed 's/^/    /' "$T/.log" | head -60
		fi
		rm -rf "$T"
	done
}
