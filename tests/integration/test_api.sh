#!/bin/bash
# SPDX-License-Identifier: MIT
# The tool API through test plugins: handler operations (modify, inject, guest
# memory), state lifetimes, and embedding libhytrace in a program.
. "$(dirname "$0")/lib.sh"

PL=$ROOT/$OUT/tests/plugins

both() {
	if "$HYTRACE" -c -o /dev/null -- /bin/true 2>/dev/null; then "$@"; fi
	MODE=--no-kernel "$@"
}

# A handler rewrites a path in guest scratch memory and injects getpid and write
# calls before the original call, which then runs once.
static_open_read() {
	# static: no loader opens before the guest's three
	static_guest open_read
}

t_modify_and_inject() {
	static_open_read
	run() {
		printf 'redirected\n' >"$T/target"
		hy ${MODE:-} --tool "$PL/injector.so" --tool-opt from=/nonexistent/x --tool-opt "to=$T/target" \
			-e trace=openat,getpid,write -- "$T/open_read" /nonexistent/x "$T/target" "$T/missing" 0
		assert_status 0
		local pid
		pid=$(sed -n 's/^injector: getpid=\([0-9]*\) .*/\1/p' "$T/out" | head -1)
		[ -n "$pid" ] || fail "no injector report"
		assert_count "$T/out" "^injector: getpid=$pid write=9$" 3
		assert_count "$T/stderr" '^injected$' 3
		# the rewritten call ran once, on the new path
		assert_count "$T/out" '^openat\(AT_FDCWD, "'"$T"'/target", O_RDONLY\) += 3$' 1
		assert_count "$T/out" "^getpid\\(\\) += $pid\$" 3
		assert_count "$T/out" '^write\(2, "injected\\n", 9\) += 9$' 3
	}
	both run
}

t_injected_calls_marked_in_record() {
	need_kernel
	static_open_read
	hy --tool "$PL/injector.so" --record "$T/rec.jsonl" -e trace=none -- "$T/open_read" /etc/hostname /etc/hostname "$T/missing" 0
	assert_status 0
	[ "$(grep '"name":"getpid"' "$T/rec.jsonl" | grep -c '"injected":true')" = 3 ] || fail "injected getpid not marked"
	[ "$(grep '"name":"openat"' "$T/rec.jsonl" | grep -c '"escalated":true')" -ge 3 ] || fail "openat not marked escalated"
}

# Process state: fresh per process, or copied at fork and zeroed at exec.
t_state_lifetimes() {
	hy --tool "$PL/lifecycle_fresh.so" -e trace=none -- "$GUESTS/forker" 2 5
	assert_status 0
	assert_count "$T/out" '^process [0-9]+ parent [0-9]+ calls 5 inherited 0 execs 0 started 1$' 2
	assert_match "$T/out" '^process [0-9]+ parent [0-9]+ calls 0 inherited -1 execs 1 started 1$'
	assert_count "$T/out" '^thread [0-9]+ calls 5$' 2
	# a copy carries the parent's exec count and 'started'; exec zeroed the parent's
	hy --tool "$PL/lifecycle_copy.so" -e trace=none -- "$GUESTS/forker" 2 5
	assert_status 0
	assert_match "$T/out" '^process [0-9]+ parent [0-9]+ calls 0 inherited 0 execs 1 started 0$'
	assert_count "$T/out" '^process [0-9]+ parent [0-9]+ calls 5 inherited 0 execs 1 started 1$' 2
}

# hy_now_ns() is the records' clock, on ptrace and (this file's guest pass) in
# the guest's handler: a time taken at a getppid's exit lies between that
# call's exit record and the thread's next getppid's entry record
t_now_ns_is_the_records_clock() {
	hy --tool "$PL/clock_probe.so" -e trace=none -- "$GUESTS/getppid_storm" 1 5
	assert_status 0
	assert_line "$T/out" "clock_probe: 4 of 4 exit times between the two calls' records"
}

t_embedding() {
	run() {
		RC=0
		EMBED_NO_KERNEL=${MODE:+1} "$ROOT/$OUT/tests/embed/embed" "$GUESTS/forker" 3 7 >"$T/stdout" 2>"$T/stderr" || RC=$?
		assert_status 0
		assert_line "$T/stdout" "getppid 21 status 0 lost 0"
		RC=0
		"$ROOT/$OUT/tests/embed/embed" /nonexistent >"$T/stdout" 2>"$T/stderr" || RC=$?
		assert_status 2
		assert_line "$T/stderr" "embed: /nonexistent: No such file or directory"
	}
	both run
}

run_tests
