#!/bin/bash
# SPDX-License-Identifier: MIT
# The guest sees what it sees natively: signal dispositions and mask, affinity,
# no_new_privs, rlimits, fds, umask, environment, and how a SIGPIPE'd writer
# ends, compared natively and under hytrace in every mode (guests/guest_view.c).
. "$(dirname "$0")/lib.sh"

# Run "$@" as a caller with unusual inherited state would: SIGHUP and SIGINT
# ignored, SIGUSR2 blocked, a small umask and fd limit, a fixed environment.
odd_start() {
	env -i PATH=/usr/bin:/bin HY_VIEW=1 bash -c '
		trap "" HUP INT
		umask 027
		ulimit -n 900
		ulimit -S -l 1234
		exec perl -e "use POSIX; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(12)); exec @ARGV or die" -- "$@"
	' odd_start "$@" </dev/null >/dev/null 2>"$T/start.err"
}

same_as_native() { # what: compares $T/native with $T/hy
	[ -s "$T/hy" ] || fail "$1: no report under hytrace: $(cat "$T/start.err")"
	diff "$T/native" "$T/hy" >"$T/diff" || fail "$1: the guest saw a difference:
$(cat "$T/diff")"
}

t_guest_view_same_in_every_mode() {
	local mode modes=("" "--no-kernel" "--subscribe getppid" "--subscribe getppid --no-kernel"
		"-c" "-c --subscribe getppid" "--inject getppid:error=EPERM:when=1000")
	odd_start "$GUESTS/guest_view" "$T/native"
	grep -q '^signal 1: ignored$' "$T/native" || fail "the set-up did not ignore SIGHUP: $(head "$T/native")"
	grep -q '^blocked: 12$' "$T/native" || fail "the set-up did not block SIGUSR2"
	grep -q '^writer into a closed pipe: killed by signal 13$' "$T/native" || fail "no SIGPIPE natively"
	for mode in "${modes[@]}"; do
		# shellcheck disable=SC2086 # the mode is words
		odd_start "$HYTRACE" $mode -o /dev/null -- "$GUESTS/guest_view" "$T/hy"
		same_as_native "hytrace $mode"
		rm -f "$T/hy"
	done
}

# The check can fail: with --pin-cpu (asked for) the guest sees one CPU while it escalates.
t_guest_view_pin_cpu_is_visible() {
	[ "$(nproc)" -ge 2 ] || skip "one CPU: pinning changes nothing here"
	odd_start "$GUESTS/guest_view" "$T/native"
	odd_start "$HYTRACE" --pin-cpu --subscribe getppid -o /dev/null -- "$GUESTS/guest_view" "$T/hy"
	! diff "$T/native" "$T/hy" >"$T/diff" || fail "--pin-cpu changed nothing the guest sees"
	assert_match "$T/hy" 'sched_getaffinity: 1 CPUs'
}

# -p: what the process saw before it was attached, it sees while attached.
attached_view() { # hytrace options...
	"$GUESTS/guest_view" "$T/native" "$T/go" "$T/hy" >"$T/guest.out" &
	local g=$! h
	for _ in $(seq 200); do grep -q ready "$T/guest.out" && break; sleep 0.02; done
	"$HYTRACE" "$@" -o /dev/null -p "$g" 2>"$T/stderr" &
	h=$!
	for _ in $(seq 600); do grep -q "attached" "$T/stderr" && break; sleep 0.05; done
	grep -q "attached" "$T/stderr" || fail "not attached: $(cat "$T/stderr")"
	sleep 0.1 # some getppid calls under the tracer
	touch "$T/go"
	wait "$g" || fail "the guest failed"
	wait "$h" || fail "hytrace failed: $(cat "$T/stderr")"
	same_as_native "hytrace $* -p"
}

t_guest_view_same_attached() {
	attached_view --subscribe getppid
}

t_guest_view_same_attached_kernel_only() {
	need_kernel
	attached_view -c
}

# Item 1: the CLI's own SIGPIPE handling does not reach the guest.
t_sigpipe_pipeline_status() {
	hy -- bash -c 'yes | head -c1 >/dev/null; echo ${PIPESTATUS[0]}'
	assert_status 0
	assert_line "$T/stdout" 141
	[ ! -s "$T/stderr" ] || fail "stderr: $(cat "$T/stderr")"
}

# Item 2: under nohup, a hangup reaches hytrace and the guest, and both go on.
t_nohup_keeps_sighup_ignored() {
	RC=0
	timeout -k 5 "$TIMEOUT" nohup "$HYTRACE" -o "$T/raw" -- \
		bash -c 'kill -HUP $PPID $$; sleep 0.2; echo survived' >"$T/stdout" 2>"$T/stderr" || RC=$?
	assert_status 0
	assert_line "$T/stdout" survived
}

# Item 3: a stop the guest's own filter asked for ends as with no tracer: ENOSYS.
t_own_seccomp_trace_is_enosys() {
	local mode
	"$GUESTS/own_seccomp" >"$T/native"
	assert_line "$T/native" "getppid: -1 ENOSYS"
	for mode in "" "--no-kernel" "--subscribe getppid" "--subscribe getppid --no-kernel" \
		"--inject getppid:error=EPERM"; do
		# shellcheck disable=SC2086
		hy $mode -e trace=getppid -- "$GUESTS/own_seccomp"
		assert_status 0
		assert_line "$T/stdout" "getppid: -1 ENOSYS"
		assert_line "$T/out" "getppid()                         = -1 ENOSYS (Function not implemented)"
	done
	# -c alone counts in the kernel, which never sees the call hytrace ended
	hy -c -- "$GUESTS/own_seccomp"
	assert_status 0
	[ "$(summary_field "$T/raw" getppid calls)/$(summary_field "$T/raw" getppid errors)" = 1/1 ] ||
		fail "-c counts getppid $(summary_field "$T/raw" getppid calls)/$(summary_field "$T/raw" getppid errors), expected 1/1"
}

# A call the guest's own filter ends before sys_enter (ERRNO: no syscall-entry
# record exists, only its exit) is in the log as strace shows it, on both
# backends, before and after an exec (the filter survives it), and -c counts it.
t_own_seccomp_errno_is_logged() {
	local b backends=(ptrace) line="getppid()                         = -1 EACCES (Permission denied)"
	need_kernel
	# the in-guest backend where it runs (tests/run.sh's condition for its pass)
	[[ "$OUT" != *san* ]] && have_sud && backends+=(guest)
	for b in "${backends[@]}"; do
		hy --backend=$b -f -- "$GUESTS/own_seccomp" errno
		assert_status 0
		assert_count "$T/stdout" '^getppid: -1 EACCES$' 3
		[ "$(grep -cxF "$line" "$T/out")" = 3 ] || fail "$b: not 3 lines '$line' in:
$(grep -e getppid -e execve "$T/out")"
		hy --backend=$b -c -f -- "$GUESTS/own_seccomp" errno
		[ "$(summary_field "$T/raw" getppid calls)/$(summary_field "$T/raw" getppid errors)" = 3/3 ] ||
			fail "$b: -c counts getppid calls/errors $(summary_field "$T/raw" getppid calls)/$(summary_field "$T/raw" getppid errors), expected 3/3"
	done
}

run_tests
