#!/bin/bash
# SPDX-License-Identifier: MIT
# hytrace --gdbserver: Debian's gdb, in batch mode, debugs the guest through
# hytrace while the recording and the tools go on.
. "$(dirname "$0")/lib.sh"

# gdbserve "GUEST ARGS" [hytrace options...]: hytrace --gdbserver on an ephemeral
# port in the background ($HY_PID), its port in $PORT.
gdbserve() {
	local args=$1
	shift
	command -v gdb >/dev/null || fail "gdb is not installed (scripts/deps.sh installs it)"
	# shellcheck disable=SC2086
	timeout -k 5 "$TIMEOUT" "$HYTRACE" -o "$T/raw" --gdbserver 127.0.0.1:0 "$@" -- \
		"$GUESTS/debugee" $args >"$T/stdout" 2>"$T/stderr" &
	HY_PID=$!
	for _ in $(seq 400); do
		# the background shell may not have opened its stderr yet
		PORT=$(sed -nE 's/^hytrace: gdbserver: listening on 127\.0\.0\.1:([0-9]+);.*/\1/p' \
			"$T/stderr" 2>/dev/null || :)
		[ -n "$PORT" ] && return 0
		kill -0 "$HY_PID" 2>/dev/null || break
		sleep 0.05
	done
	fail "hytrace --gdbserver did not listen: $(cat "$T/stderr")"
}

# gdb_batch COMMAND...: gdb runs the commands against the server (output in
# $T/gdb), then hytrace ends ($RC, the log in $T/out).
gdb_batch() {
	local a=() c
	for c in "$@"; do a+=(-ex "$c"); done
	timeout -k 5 60 gdb -nx -batch -iex 'set debuginfod enabled off' -ex 'set confirm off' \
		-ex 'set pagination off' \
		-ex "target remote 127.0.0.1:$PORT" "${a[@]}" "$GUESTS/debugee" >"$T/gdb" 2>&1 || true
	RC=0
	wait "$HY_PID" || RC=$?
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out" 2>/dev/null || : >"$T/out"
}

t_stops_before_the_first_instruction() {
	gdbserve 5
	gdb_batch 'continue'
	# the loader's entry point: nothing of the program has run
	assert_match "$T/gdb" '0x[0-9a-f]+ in _start \(\) from /lib64/ld-linux-x86-64\.so\.2'
	assert_match "$T/gdb" '\[Inferior 1 \(.*\) exited with code 017\]'
	assert_status 15
}

# Break at a function, read a variable, step, continue to the exit.
t_break_read_step_continue() {
	gdbserve 5
	gdb_batch 'break work' 'continue' 'print n' 'next' 'next' 'info locals' 'print $pc' 'stepi' \
		'print $pc' 'continue'
	assert_match "$T/gdb" 'Breakpoint 1, work \(n=(n@entry=)?5\) at .*debugee\.c:[0-9]+'
	assert_line "$T/gdb" '$1 = 5'
	assert_match "$T/gdb" 'sum = 1'
	# one instruction later the PC moved
	local pcs
	pcs=$(sed -nE 's/^\$[23] = \(void \(\*\)\(\)\) (0x[0-9a-f]+) <work\+[0-9]+>$/\1/p' "$T/gdb" | sort -u | wc -l)
	[ "$pcs" = 2 ] || fail "stepi: $(grep -E '^\$[23]' "$T/gdb")"
	assert_match "$T/gdb" '\[Inferior 1 \(.*\) exited with code 017\]'
	assert_status 15
	assert_line "$T/stdout" "work(5) = 15"
	# the recording went on: the guest's calls are in hytrace's log
	assert_match "$T/out" 'write\(1, "work\(5\) = 15\\n", 13\) += 13'
	assert_match "$T/out" '\+\+\+ exited with 15 \+\+\+'
}

t_lists_threads() {
	gdbserve "5 3"
	gdb_batch 'break all_started' 'continue' 'info threads' 'continue'
	assert_match "$T/gdb" 'Thread 1 hit Breakpoint 1, all_started \(threads=(threads@entry=)?3\) at .*'
	assert_count "$T/gdb" '^[* ] +[1-4] +Thread [0-9]+ ' 4
	assert_status 15
}

# A signal stops the guest in gdb; continuing delivers it (gdb passes SIGUSR1).
t_signal_stops_then_reaches_the_guest() {
	gdbserve "5 0 usr1"
	gdb_batch 'continue' 'continue'
	assert_match "$T/gdb" 'Program received signal SIGUSR1, User defined signal 1\.'
	assert_line "$T/stdout" "got SIGUSR1"
	assert_status 15
}

# A forked child has no breakpoints of its parent's: it runs work() untrapped.
t_forked_child_runs_without_breakpoints() {
	gdbserve "5 0 fork"
	gdb_batch 'break work' 'continue' 'print n' 'continue'
	assert_count "$T/gdb" '^Breakpoint 1, work' 1
	assert_line "$T/gdb" '$1 = 5'
	assert_line "$T/stdout" "child exited 6"
	assert_status 15
}

# After detach the guest runs on under hytrace, without the breakpoints.
t_detach_lets_it_run() {
	gdbserve "5 0 fork"
	gdb_batch 'break work' 'continue' 'delete' 'break main' 'detach'
	assert_line "$T/gdb" '[Inferior 1 (Remote target) detached]'
	assert_line "$T/stdout" "work(5) = 15"
	assert_status 15
}

# A tool hands the task to gdb at the call it broke (chaos gdb=1).
t_chaos_stops_in_gdb_at_the_broken_call() {
	gdbserve "5 0 ask" --tool "$ROOT/$OUT/tools/chaos.so" --tool-opt syscalls=getppid \
		--tool-opt rate=1 --tool-opt errno=EPERM --tool-opt gdb=1
	gdb_batch 'continue' 'bt' 'continue'
	assert_match "$T/gdb" 'chaos: getppid\(\) fails with EPERM \(seed 1, call 1\)'
	assert_match "$T/gdb" 'Program received signal SIGTRAP, Trace/breakpoint trap\.'
	assert_match "$T/gdb" '#1 +0x[0-9a-f]+ in ask_parent \(\) at .*debugee\.c:[0-9]+'
	assert_line "$T/stdout" "ask_parent() = -1"
	assert_status 15
}

# The tools' interception goes on under the debugger: RDTSC reads the tool's.
t_rdtsc_tool_under_gdb() {
	need_tsc_faulting
	gdbserve "4 0 tsc" --tool "$ROOT/$OUT/tests/plugins/tsc_fixed.so"
	gdb_batch 'break work' 'continue' 'stepi' 'continue'
	assert_match "$T/stdout" '^tsc 10[0-9]{2}$'
	assert_match "$T/gdb" '\[Inferior 1 \(.*\) exited with code 012\]'
	assert_status 10
}

# What gdb in batch mode cannot do: Ctrl-C while the guest runs (a loop without
# a syscall), then detach; the packets as the protocol has them.
t_interrupt_a_running_guest() {
	gdbserve "5 0 spin"
	python3 "$ROOT/tests/integration/rsp.py" "$PORT" 'send:QStartNoAckMode' 'send:?' \
		'send:qfThreadInfo' 'go:vCont;c' 'sleep:0.5' 'intr' 'wait' 'send:m0,4' 'send:D' \
		>"$T/rsp" 2>&1 || fail "rsp.py: $(cat "$T/rsp")"
	RC=0
	wait "$HY_PID" || RC=$?
	local tid
	tid=$(sed -nE 's/^\? -> T05thread:([0-9a-f]+);$/\1/p' "$T/rsp")
	[ -n "$tid" ] || fail "no first stop: $(cat "$T/rsp")"
	assert_line "$T/rsp" "qfThreadInfo -> m$tid"
	# gdb's SIGINT is 2: the interrupted thread is the process's
	assert_line "$T/rsp" "stop -> T02thread:$tid;"
	assert_line "$T/rsp" "m0,4 -> E0e"
	assert_line "$T/rsp" "D -> OK"
	# detached, it ran on to its own end
	assert_line "$T/stdout" "spun until the time limit"
	assert_status 15
}

t_bad_address_and_attach_refused() {
	hy_raw --gdbserver nowhere -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: --gdbserver nowhere: want HOST:PORT"
	hy_raw --gdbserver 127.0.0.1:0 -p $$
	assert_status 2
	assert_line "$T/stderr" "hytrace: --gdbserver debugs a launched guest, not -p"
	hy_raw --gdbserver 127.0.0.1:0 -a -c
	assert_status 2
	assert_line "$T/stderr" "hytrace: --gdbserver debugs a launched guest, not -a"
}

run_tests
