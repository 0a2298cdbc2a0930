#!/bin/bash
# SPDX-License-Identifier: MIT
# Held calls that wait (injected delays, deferred handlers) hold only their own
# thread: the rest of the tree runs on, and every call is still recorded once.
. "$(dirname "$0")/lib.sh"

PLUGIN="$ROOT/$OUT/tests/plugins/deferrer.so"

# One process calls getsid, each call delayed 2 s, until seven others have
# each forked and reaped 5 children. A tracer that holds only the delayed
# thread ends it after a delay or a few, however loaded the machine; one that
# waited in its own thread would hold their forks too, let them advance a call
# or so per delay, and end at the test's timeout. Not judged by time (the
# delays' sum is a lower bound of the slow one's).
t_delay_holds_only_its_thread() {
	local slow calls
	hy -e trace=getsid -e inject=getsid:delay_enter=2s -- "$GUESTS/delay_tree" 8 5
	assert_status 0
	assert_count "$T/stdout" '^fast [0-9]+ ms$' 7
	slow=$(sed -nE 's/^slow ([0-9]+) ms [0-9]+ calls$/\1/p' "$T/stdout")
	calls=$(sed -nE 's/^slow [0-9]+ ms ([0-9]+) calls$/\1/p' "$T/stdout")
	[ -n "$calls" ] || fail "the delayed process said nothing: $(cat "$T/stdout")"
	[ "$slow" -ge $((calls * 2000)) ] ||
		fail "the delayed process took $slow ms, less than its $calls delays of 2 s"
	assert_count "$T/out" '^getsid\(0\) += [0-9]+ \(DELAYED\)$' "$calls"
}

# strace's notation: "(DELAYED)" after the result, and -T counts a delay at entry.
t_delay_shown_as_strace_does() {
	hy -T -e trace=getppid -e inject=getppid:delay_enter=300ms:when=2 -- "$GUESTS/forker" 1 3
	assert_status 0
	assert_count "$T/out" '\(DELAYED\)' 1
	assert_match "$T/out" 'getppid\(\) += [0-9]+ \(DELAYED\) <0\.[3-9][0-9]{5}>'
	hy -T -e trace=getppid -e inject=getppid:error=EPERM:delay_enter=100ms:when=1 -- "$GUESTS/forker" 1 2
	assert_match "$T/out" 'getppid\(\) += -1 EPERM \(Operation not permitted\) \(INJECTED\) \(DELAYED\) <0\.[1-9][0-9]{5}>'
}

t_delay_at_exit() {
	hy -e trace=getppid -e inject=getppid:delay_exit=200ms:when=1 -- "$GUESTS/forker" 1 2
	assert_status 0
	assert_count "$T/out" '^getppid\(\) += [0-9]+ \(DELAYED\)$' 1
	assert_count "$T/out" '^getppid\(\) += [0-9]+$' 1
}

# 16 threads x 5 calls, each deferred 50 ms. The first 16 calls are kept until
# all 16 are held at once (the deferrer's gather=16), which only a tracer that
# holds each call's thread alone reaches: one that served them one after another
# would hold the other threads' calls behind the first (and the run would end
# at its timeout). Not judged by time: a loaded machine makes any span slow.
deferred_storm() { # mode
	hy -c --tool "$PLUGIN" --tool-opt mode="$1" --tool-opt ms=50 --tool-opt gather=16 \
		-- "$GUESTS/getppid_storm" 16 5
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = 80 ] ||
		fail "summary counts $(summary_field "$T/out" getppid calls) getppid, expected 80"
	assert_match "$T/out" 'deferrer: deferred 80 resumed 80 gone 0 delayed-events 80 held-at-once 16 span [0-9]+ ms'
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded .*, 0 lost(, 0 skipped)?(;.*)?'
}

t_deferred_to_a_timer() {
	deferred_storm timer
}

t_deferred_to_the_tools_thread() {
	# In the guest the tool calls pthread_create in its handler, where glibc
	# takes its stack-cache lock; the passthrough tool BACKEND=guest adds holds
	# every call, also the munmap an exiting thread makes under that lock, so
	# the two would wait for each other (a tool must not call what is not
	# async-signal-safe around calls that are held: docs/writing-tools.md).
	# The deferrer holds its calls itself: the run is the guest backend's still.
	[ "$BACKEND" = guest ] && BACKEND_OPT=(--backend=guest)
	deferred_storm thread
}

t_deferred_without_kernel_recorder() {
	ptrace_only "without the kernel recorder the run is ptrace's (tested above)"
	hy -c --no-kernel --tool "$PLUGIN" --tool-opt mode=timer -- "$GUESTS/getppid_storm" 4 5
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = 20 ] || fail "summary: $(grep getppid "$T/out")"
	assert_match "$T/out" 'deferrer: deferred 20 resumed 20 gone 0 delayed-events 20 held-at-once [0-9]+ span [0-9]+ ms'
}

# A call that is never resumed: Ctrl-C still ends the run, the guest is killed
# as any launched guest is (the tool still holds its handles: nothing is resumed).
t_interrupt_with_a_held_call() {
	"$HYTRACE" -o "$T/raw" --tool "$PLUGIN" --tool-opt mode=never -- "$GUESTS/getppid_storm" 2 5 \
		>"$T/stdout" 2>"$T/stderr" &
	local h=$!
	for _ in $(seq 200); do
		[ "$(grep -c ^deferrer "$T/raw" 2>/dev/null)" -gt 0 ] && break
		pgrep -P "$h" >/dev/null && sleep 0.3 && break
		sleep 0.05
	done
	kill -INT "$h"
	RC=0
	timeout 10 tail --pid="$h" -f /dev/null || fail "hytrace did not end after SIGINT"
	wait "$h" || RC=$?
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	assert_match "$T/out" 'deferrer: deferred 2 resumed 0 gone 0 delayed-events 0 held-at-once 2 span 0 ms'
}

# Attached: Ctrl-C detaches a thread held by a deferral, and it runs on.
t_detach_with_a_held_call() {
	ptrace_only "an attached process (-p) is held by ptrace (tested above)"
	"$GUESTS/attach_me" forever >"$T/guest.out" &
	G=$!
	for _ in $(seq 100); do grep -q ready "$T/guest.out" && break; sleep 0.02; done
	"$HYTRACE" -o "$T/raw" --tool "$PLUGIN" --tool-opt mode=never -p "$G" 2>"$T/stderr" &
	local h=$!
	for _ in $(seq 400); do
		grep -q "^hytrace: Process $G attached$" "$T/stderr" 2>/dev/null && break
		sleep 0.05
	done
	sleep 0.3
	kill -INT "$h"
	timeout 10 tail --pid="$h" -f /dev/null || fail "hytrace did not end after SIGINT"
	sleep 0.2
	kill -0 "$G" || fail "the guest died"
	grep -q '^TracerPid:[[:space:]]*0$' "/proc/$G/status" || fail "still traced"
	grep -q '^State:[[:space:]]*[RS]' "/proc/$G/status" || fail "guest left $(grep State: "/proc/$G/status")"
	kill "$G"
}

run_tests

# The same tests again with the calls held in the guest (tests/run.sh runs its
# own list of files so): not with SAN=1 (a guest cannot load ASan plugins), and
# in a VM only where the kernel has Syscall User Dispatch (as tests/run.sh).
if [ -z "$BACKEND" ] && [[ "$OUT" != *san* ]] && { [ -z "${VMTEST:-}" ] || have_sud; }; then
	BACKEND=guest bash "$0"
fi
