#!/bin/bash
# SPDX-License-Identifier: MIT
# Signals under the tracer: delivered once each, handlers run, restarts, job control.
. "$(dirname "$0")/lib.sh"

S=$GUESTS/signals

both() {
	if "$HYTRACE" -c -o /dev/null -- /bin/true 2>/dev/null; then "$@"; fi
	MODE=--no-kernel "$@"
}

t_handler_runs() {
	run() {
		hy ${MODE:-} --subscribe kill -- "$S" handler
		assert_status 0
		assert_line "$T/stdout" "hits 3"
		assert_count "$T/out" '^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, si_pid=[0-9]+, si_uid=[0-9]+\} ---$' 3
	}
	both run
}

t_sa_restart_restarts() {
	run() {
		hy ${MODE:-} --subscribe read -- "$S" restart
		assert_status 0
		assert_line "$T/stdout" "read 1 ok x hits 1"
		assert_match "$T/out" 'read\(3, 0x[0-9a-f]+, 1\) += \? ERESTARTSYS \(To be restarted if SA_RESTART is set\)'
		assert_match "$T/out" 'read\(3, "x", 1\) += 1'
	}
	both run
}

t_interrupted_syscall() {
	run() {
		hy ${MODE:-} --subscribe read -- "$S" eintr
		assert_status 0
		assert_line "$T/stdout" "read -1 EINTR - hits 1"
		assert_match "$T/out" 'read\(3, 0x[0-9a-f]+, 1\) += \? ERESTARTSYS \(To be restarted if SA_RESTART is set\)'
		assert_count "$T/out" "^"'read\(3, 0x' 1
	}
	both run
}

t_sigsuspend_and_sigtimedwait() {
	run() {
		hy ${MODE:-} -- "$S" sigsuspend
		assert_status 0
		assert_line "$T/stdout" "sigsuspend hits 1"
		hy ${MODE:-} -- "$S" sigtimedwait
		assert_status 0
		assert_line "$T/stdout" "sigtimedwait 12"
	}
	both run
}

t_signals_not_lost_or_doubled() {
	run() {
		hy ${MODE:-} --subscribe kill -- "$S" many 200
		assert_status 0
		assert_line "$T/stdout" "hits 200"
		assert_count "$T/out" '^--- SIGUSR1 ' 200
	}
	both run
}

t_exit_group_while_threads_wait() {
	run() {
		hy ${MODE:-} --subscribe exit_group -- "$S" futex_exit
		assert_status 6
		assert_match "$T/out" 'exit_group\(6\) += \?'
		assert_match "$T/out" '\+\+\+ exited with 6 \+\+\+'
	}
	both run
}

# SIGSTOP stops the guest (group-stop, held with PTRACE_LISTEN) until SIGCONT.
t_stop_and_continue() {
	run() {
		local pid st
		timeout 30 "$HYTRACE" ${MODE:-} -- "$S" stop >"$T/stdout" 2>"$T/out" &
		local hpid=$!
		for _ in $(seq 100); do grep -q stopping "$T/stdout" 2>/dev/null && break; sleep 0.05; done
		pid=$(pgrep -f "$S stop" | grep -v "^$hpid$" | tail -1)
		[ -n "$pid" ] || fail "guest not found"
		# it prints "stopping" before it stops itself: wait for the stop (a
		# fixed 0.3 s was too short on a loaded machine), not for a time
		for _ in $(seq 200); do
			st=$(awk '{print $3}' "/proc/$pid/stat")
			[ "$st" = t ] || [ "$st" = T ] && break
			sleep 0.05
		done
		[ "$st" = t ] || [ "$st" = T ] || fail "guest state $st, expected stopped"
		grep -q continued "$T/stdout" && fail "the guest ran on while stopped"
		kill -CONT "$pid"
		RC=0
		wait "$hpid" || RC=$?
		assert_status 0
		assert_line "$T/stdout" continued
		assert_match "$T/out" '--- SIGSTOP \{si_signo=SIGSTOP, si_code=SI_TKILL, .*\} ---'
		assert_match "$T/out" '--- SIGCONT \{si_signo=SIGCONT, si_code=SI_USER, .*\} ---'
		# strace's line for the stop, right after the signal's; none for SIGCONT
		[ "$(grep -A1 -E '^--- SIGSTOP ' "$T/out" | tail -1)" = "--- stopped by SIGSTOP ---" ] ||
			fail "no stop line after SIGSTOP's: $(cat "$T/out")"
		assert_count "$T/out" '^--- stopped by ' 1
		# a stop signal with a handler stops nothing: no such line
		hy ${MODE:-} -e trace=none -- sh -c 'trap "echo caught" TSTP; kill -TSTP $$'
		assert_status 0
		assert_line "$T/stdout" caught
		assert_match "$T/out" '--- SIGTSTP \{si_signo=SIGTSTP, si_code=SI_USER, .*\} ---'
		assert_no_match "$T/out" '--- stopped by .*'
	}
	both run
}

# -e signal=0, as strace takes it: a number no signal has, so no signal line and
# no "+++ killed by" either (strace leaves both out for a signal not in the
# set); "!0" shows them all.
t_signal_set_zero_shows_none() {
	hy -e trace=kill -e signal=0 -- sh -c 'exec /bin/kill -s USR1 $$'
	assert_match "$T/out" 'kill\([0-9]+, SIGUSR1\) += 0'
	assert_no_match "$T/out" '(--- SIG|\+\+\+ killed).*'
	hy -e trace=kill -e 'signal=!0' -- sh -c 'exec /bin/kill -s USR1 $$'
	assert_match "$T/out" '--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, .*\} ---'
	assert_line "$T/out" '+++ killed by SIGUSR1 +++'
}

# A call that kills its own process never returns: `= ?`, as strace prints it
# (no syscall-exit stop follows once SIGKILL is pending), and so does a
# thread's call when another thread exits; a fatal signal a tracer stops for
# returns first (`= 0`, then its line). Every path: the kernel recorder's,
# the tracer's, and the in-guest backend's (whose calls the kernel records).
t_call_that_kills_its_caller() {
	run() {
		hy ${MODE:-} -e trace=kill -- sh -c 'kill -KILL $$'
		assert_match "$T/out" 'kill\([0-9]+, SIGKILL\) += \?'
		assert_match "$T/out" '\+\+\+ killed by SIGKILL \+\+\+'
		hy ${MODE:-} -e trace=kill -- sh -c 'kill -TERM $$'
		assert_match "$T/out" 'kill\([0-9]+, SIGTERM\) += 0'
		assert_match "$T/out" '--- SIGTERM \{si_signo=SIGTERM, .*'
		hy ${MODE:-} -e trace=read,exit_group -- /usr/bin/python3 -S -c \
			'import os, threading, time; r, w = os.pipe(); threading.Thread(target=lambda: os.read(r, 1)).start(); time.sleep(0.3); os._exit(0)'
		assert_match "$T/out" 'read\([0-9]+, 0x[0-9a-f]+, 1\) += \?'
	}
	both run
	# (BACKEND=guest runs the whole file on it already; SAN=1 plugins carry
	# ASan, which guests cannot load)
	if [ -z "$BACKEND" ] && [[ "$OUT" != *san* ]] && have_sud; then
		MODE="--backend=guest --tool $ROOT/$OUT/tests/plugins/passthrough.so" run
	fi
}

# The kill, its signal's line, the death: once each and in that order (the
# lines of $T/out that are calls of kill, signal lines or ends of tasks).
assert_dies_by() { # SIGNAME
	local got
	got=$(grep -E '^(kill\(|--- SIG|\+\+\+ )' "$T/out" | sed -E 's/[0-9]+/N/g; s/ +=/ =/')
	[ "$got" = "kill(N, $1) = N
--- $1 {si_signo=$1, si_code=SI_USER, si_pid=N, si_uid=N} ---
+++ killed by $1 +++" ] || fail "not the kill, its $1 line and the death: $got"
}

# A fatal signal with its default action: with no tracer (the in-guest
# backend) the kernel ends the process when the signal is sent, never
# delivering it; the line a tracer's signal-delivery stop shows is printed all
# the same, once, also for a process with threads (not once per thread).
# /bin/kill, not the shell's: sh handles SIGINT itself and raises it again.
t_fatal_default_signal_shown() {
	run() {
		local s
		for s in TERM INT HUP; do
			hy ${MODE:-} -e trace=kill -- sh -c "exec /bin/kill -s $s \$\$"
			assert_dies_by "SIG$s"
		done
		hy ${MODE:-} -e trace=kill -- /usr/bin/python3 -S -c \
			'import os, threading, time; threading.Thread(target=time.sleep, args=(30,)).start(); time.sleep(0.2); os.kill(os.getpid(), 15)'
		assert_dies_by SIGTERM
	}
	both run
}

# What the kernel delivers as before: a signal that dumps core (ulimit -c 0:
# none written) and a handled one print their line once, as they did.
t_core_and_handled_signals_shown_once() {
	run() {
		local s
		for s in QUIT SEGV; do
			hy ${MODE:-} -e trace=kill -- sh -c "ulimit -c 0; exec /bin/kill -s $s \$\$"
			assert_dies_by "SIG$s"
		done
		hy ${MODE:-} -e trace=kill -- sh -c 'trap "echo caught" TERM; kill -TERM $$; echo after'
		assert_status 0
		assert_line "$T/stdout" caught
		assert_line "$T/stdout" after
		assert_count "$T/out" '^--- SIGTERM \{si_signo=SIGTERM, si_code=SI_USER, .*' 1
		assert_match "$T/out" '\+\+\+ exited with 0 \+\+\+'
	}
	both run
}

# The tracepoint families whose signal records make the lines (the in-guest
# backend's, on the kernel path): the classic programs have the target's tid,
# no task and no siginfo (the default family is the kernel's: tp_btf up to
# 6.18). The default only elsewhere.
kernel_families() {
	if [ "$BACKEND" = guest ] && [ -z "${MODE:-}" ]; then echo default classic; else echo default; fi
}

# The signal lines of LOG (strace's or hytrace's), without the tasks' column,
# the guest's pid (the line "pid N" of its STDOUT) as SELF.
signal_lines() { # LOG STDOUT
	local pid
	pid=$(sed -n 's/^pid //p' "$2")
	[ -n "$pid" ] || fail "the guest printed no pid: $(cat "$2")"
	grep -E -- '--- SIG' "$1" | sed -E "s/^[0-9]+ +//; s/=$pid([,}])/=SELF\1/g"
}

# Signals the kernel drops as ignored when they are sent, shown as strace -f
# shows them (a traced task's ignored signals are queued): kill(2)'s SIGCHLD,
# SIGPIPE set to SIG_IGN (sent with no siginfo: SI_USER and the sender) and
# SIGURG (sent as the kernel's: SI_KERNEL). The in-guest backend's lines come
# from the kernel's record of the sending.
t_ignored_signals_as_strace_shows_them() {
	command -v strace >/dev/null || fail "strace is not installed (scripts/deps.sh test installs it)"
	strace -f -o "$T/strace" "$S" ignored >"$T/strace.stdout" 2>&1 || fail "the guest failed under strace"
	signal_lines "$T/strace" "$T/strace.stdout" >"$T/sig.strace"
	assert_count "$T/sig.strace" '--- SIG(CHLD|PIPE|URG) .*' 3
	run() {
		local family
		for family in $(kernel_families); do
			HYTRACE_TRACEPOINTS=$family hy ${MODE:-} -- "$S" ignored
			assert_status 0
			signal_lines "$T/raw" "$T/stdout" >"$T/sig.hytrace"
			cmp -s "$T/sig.strace" "$T/sig.hytrace" ||
				fail "$family: signal lines differ from strace -f's: $(diff "$T/sig.strace" "$T/sig.hytrace")"
		done
	}
	both run
}

# The calls and signal lines of LOG, in order: each call by its name, each
# signal line whole (the guest's pid, from STDOUT, as SELF).
calls_and_signals() { # LOG STDOUT
	local pid
	pid=$(sed -n 's/^pid //p' "$2")
	[ -n "$pid" ] || fail "the guest printed no pid: $(cat "$2")"
	sed -E "s/^[0-9]+ +//; s/^([a-z0-9_]+)\(.*/\1/; s/=$pid([,}])/=SELF\1/g" "$1" | grep -v '^+++'
}

# An ignored signal a thread sends itself inside a call (kill(getpid(),
# SIGCHLD), SIGPIPE at a write, SIGURG at its own send of urgent data) follows
# that call's line on both backends, as under strace -f (a tracer sees it
# when the call returns). The in-guest backend, whose line comes from the
# kernel's record of the sending, made during the call, printed it before.
t_ignored_signal_after_the_call_that_sent_it() {
	command -v strace >/dev/null || fail "strace is not installed (scripts/deps.sh test installs it)"
	need_kernel
	strace -f -e trace=kill,write,sendto -o "$T/strace" "$S" ignored >"$T/strace.stdout" 2>&1 ||
		fail "the guest failed under strace"
	calls_and_signals "$T/strace" "$T/strace.stdout" >"$T/order.strace"
	assert_count "$T/order.strace" '--- SIG(CHLD|PIPE|URG) .*' 3
	local b family
	for b in ptrace guest; do
		[ $b = guest ] && ! have_sud && continue
		for family in $(BACKEND=$b kernel_families); do
			HYTRACE_TRACEPOINTS=$family hy --backend=$b -e trace=kill,write,sendto -- "$S" ignored
			assert_status 0
			calls_and_signals "$T/raw" "$T/stdout" >"$T/order.$b"
			cmp -s "$T/order.strace" "$T/order.$b" ||
				fail "$b ($family): not strace -f's order: $(diff "$T/order.strace" "$T/order.$b")"
		done
	done
}

# A signal sent to a process whose group exit has begun is dropped by the
# kernel (prepare_signal()) before any tracer could see it: no line. The guest's
# child holds it at its exit as a second tracer (PTRACE_EVENT_EXIT) and sends
# SIGUSR1 there; where the guest is traced already (ptrace, strace) that child
# cannot, and the case does not arise.
t_no_line_for_a_signal_to_an_exiting_process() {
	run() {
		local family
		for family in $(kernel_families); do
			HYTRACE_TRACEPOINTS=$family hy ${MODE:-} -e trace=kill -- "$S" at_exit
			assert_status 0
			if [ "$BACKEND" = guest ] && [ -z "${MODE:-}" ]; then
				assert_line "$T/stdout" "held at exit"
				assert_match "$T/out" 'kill\([0-9]+, SIGUSR1\) += 0'
			fi
			assert_no_match "$T/out" '--- SIGUSR1 .*'
		done
	}
	both run
}

run_tests
