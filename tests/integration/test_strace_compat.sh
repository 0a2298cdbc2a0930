#!/bin/bash
# SPDX-License-Identifier: MIT
# strace's command lines run unchanged under hytrace and mean what they mean in
# strace: each line of strace_compat.cases runs under strace 6.x and under
# hytrace, and the normalised lines are compared (strace_compat.py). A line that
# differs must be one docs/strace-compat.md lists, with its reason; any other
# fails the test. One test per group of cases.
. "$(dirname "$0")/lib.sh"

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

compat() { # group [tracer]
	need_kernel
	command -v strace >/dev/null || fail "strace is not installed (scripts/deps.sh test installs it)"
	mkdir -p "$T/data/sub" "$T/work"
	printf 'hello\n' >"$T/data/a.txt"
	printf 'bee\n' >"$T/data/b.txt"
	: >"$T/data/sub/one"
	: >"$T/data/sub/two"
	# read once, so the first tracer's run does not move the access times the
	# second one's stat lines show (-v prints them)
	cat "$T/data/a.txt" "$T/data/b.txt" >/dev/null
	ls -l "$T/data/sub" >/dev/null
	RC=0
	python3 "$HERE/strace_compat.py" "${2:-$HYTRACE}" "$HERE/strace_compat.cases" \
		"$ROOT/docs/strace-compat.md" "$T/data" "$GUESTS" "$T/work" "$1" >"$T/report" 2>&1 || RC=$?
	[ "$RC" -eq 0 ] || fail "lines differ from strace's and docs/strace-compat.md does not list them:
$(grep -v '^ok ' "$T/report")"
	# the comparison ran every case of the group
	assert_match "$T/report" "([0-9]+) of \1 command lines match strace's.*"
}

t_compat_sets() { compat sets; }
t_compat_filters() { compat filter; }
t_compat_output_format() { compat format; }
t_compat_summary() { compat summary; }
t_compat_tampering() { compat inject; }
t_compat_guests() { compat guest; }
t_compat_verbose() { compat verbose; }

# -v on the escalated path: every call recorded by the tracer, none by the kernel
t_compat_verbose_escalated() {
	# not a shell wrapper: a shell reorders the environment execve shows
	compat verbose "$HYTRACE --no-kernel"
}

# The list has at least 60 command lines, and a difference that is not listed fails:
# the comparison is shown an output strace would not print.
t_compat_catches_a_difference() {
	[ "$(grep -c '^[a-z]* [a-z0-9-]* *|' "$HERE/strace_compat.cases")" -ge 60 ] ||
		fail "fewer than 60 command lines in strace_compat.cases"
	need_kernel
	mkdir -p "$T/data" "$T/work"
	printf 'hello\n' >"$T/data/a.txt"
	echo 'x one | -e trace=openat cat @D@/a.txt' >"$T/cases"
	# a "hytrace" that shows every call, whatever -e trace= says
	printf '#!/bin/sh\nshift 2\nexec "%s" "$@"\n' "$HYTRACE" >"$T/wrong"
	chmod +x "$T/wrong"
	RC=0
	python3 "$HERE/strace_compat.py" "$T/wrong" "$T/cases" "$ROOT/docs/strace-compat.md" \
		"$T/data" "$GUESTS" "$T/work" >"$T/report" 2>&1 || RC=$?
	[ "$RC" -eq 1 ] || fail "a wrong tracer passed the comparison: $(cat "$T/report")"
	assert_match "$T/report" "BAD one .*"
	assert_match "$T/report" " *only hytrace: close\(3\) += 0"
}

run_tests
