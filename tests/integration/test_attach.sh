#!/bin/bash
# SPDX-License-Identifier: MIT
# -p: attaching to running processes, and leaving nothing behind.
. "$(dirname "$0")/lib.sh"

start_guest() { # args...: starts attach_me, sets G
	"$GUESTS/attach_me" "$@" >"$T/guest.out" &
	G=$!
	for _ in $(seq 100); do grep -q ready "$T/guest.out" && return 0; sleep 0.02; done
	fail "guest did not start"
}

# Up to 60 s of the clock, not a count of tries: in a VM under TCG and load a
# try (a grep and a sleep) takes far longer than its 50 ms, and 600 of them
# outlived the watchdog's 300 s when the guests were gone (a 7.3 VM in CI).
attached() { # pid: wait until hytrace says it is attached
	local end=$((SECONDS + 60))
	while [ "$SECONDS" -lt "$end" ]; do
		grep -q "^hytrace: Process $1 attached$" "$T/stderr" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "hytrace did not attach to $1: $(cat "$T/stderr")"
}

wake_and_wait() { # hytrace-pid: once it is attached to $G, wake $G; sets RC
	attached "$G"
	kill -USR1 "$G"
	RC=0
	wait "$1" || RC=$?
}

# SIGINT to hytrace (pid) once $T/raw has N getppid lines (or 20 s passed); sets RC.
interrupt_after() { # pid N
	for _ in $(seq 400); do
		[ "$(grep -c 'getppid()' "$T/raw" 2>/dev/null)" -ge "$2" ] && break
		sleep 0.05
	done
	kill -INT "$1"
	RC=0
	wait "$1" || RC=$?
}

untouched() { # pid: no tracer, no seccomp filter left
	grep -q '^TracerPid:[[:space:]]*0$' "/proc/$1/status" || fail "still traced: $(grep TracerPid "/proc/$1/status")"
	grep -q '^Seccomp:[[:space:]]*0$' "/proc/$1/status" || fail "a seccomp filter was left: $(grep Seccomp: "/proc/$1/status")"
}

# Without a subscription: the kernel recorder only, no ptrace, no stop.
t_kernel_only_attach() {
	need_kernel
	start_guest 1000
	"$HYTRACE" -C -e trace=getppid -o "$T/raw" -p "$G" 2>"$T/stderr" &
	local h=$!
	attached "$G"
	grep -q '^TracerPid:[[:space:]]*0$' "/proc/$G/status" || fail "kernel-only attach used ptrace"
	kill -USR1 "$G"
	RC=0
	wait "$h" || RC=$?
	assert_status 0
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	[ "$(summary_field "$T/out" getppid calls)" = 1000 ] || fail "summary counts $(summary_field "$T/out" getppid calls) getppid"
	assert_count "$T/out" '^getppid\(\) += [0-9]+$' 1000
	assert_match "$T/out" '\+\+\+ exited with 5 \+\+\+'
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded \([0-9]+ by the kernel, 0 escalated\), 0 lost, 0 skipped(;.*)?'
	# it ended by itself: nothing was let go (strace says "detached" only when interrupted)
	assert_no_match "$T/stderr" 'detached'
}

# tracer...: attach it to "attach_me child", wake the guest; its lines in $T/$1.lines
attach_signals() {
	local name h
	name=$(basename "$1")
	"$GUESTS/attach_me" child >"$T/guest.out" &
	G=$!
	for _ in $(seq 100); do grep -q ready "$T/guest.out" && break; sleep 0.02; done
	"$@" -p "$G" 2>"$T/stderr" &
	h=$!
	for _ in $(seq 600); do grep -q "Process $G attached" "$T/stderr" 2>/dev/null && break; sleep 0.05; done
	grep -q "Process $G attached" "$T/stderr" || fail "$name did not attach: $(cat "$T/stderr")"
	kill -USR1 "$G"
	RC=0
	wait "$h" || RC=$?
	assert_status 0
	cp "$T/stderr" "$T/$name.lines"
}

# The signal lines of -p without ptrace (the kernel's records: signal_deliver,
# and signal_generate for the child's SIGCHLD, which the kernel drops as ignored
# but a tracer is shown) are strace -p's.
t_kernel_only_attach_signal_lines() {
	need_kernel
	command -v strace >/dev/null || fail "strace is not installed (scripts/deps.sh test installs it)"
	attach_signals strace
	attach_signals "$HYTRACE"
	for t in strace hytrace; do
		grep -E -- '^--- SIG' "$T/$t.lines" | sed -E 's/=[0-9]+/=N/g; s| /\* [0-9.]+ s \*/||g' >"$T/sig.$t"
	done
	assert_count "$T/sig.hytrace" '^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, .*' 1
	assert_count "$T/sig.hytrace" '^--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, .*' 1
	cmp -s "$T/sig.strace" "$T/sig.hytrace" ||
		fail "signal lines differ from strace -p's: $(diff "$T/sig.strace" "$T/sig.hytrace")"
	# where the tracer shows it: before the handler's return
	grep -A1 -E -- '^--- SIGUSR1' "$T/hytrace.lines" | grep -q '^rt_sigreturn' ||
		fail "the signal line is not before rt_sigreturn: $(cat "$T/hytrace.lines")"
	# the classic tracepoints (kernels after 6.18) carry no siginfo: number and code only
	HYTRACE_TRACEPOINTS=classic attach_signals "$HYTRACE"
	assert_count "$T/hytrace.lines" '^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, .*' 1
	assert_count "$T/hytrace.lines" '^--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, .*' 1
}

# -p without ptrace: a child's lines get "[pid N] " however late hytrace reads the
# records. hytrace is stopped while the guest forks and its child exits, so the
# fork is handled after the child's calls ended; the prefix was chosen by when
# hytrace handled the fork, and the child's exit_group had none.
t_kernel_only_attach_child_prefix() {
	need_kernel
	start_guest child
	"$HYTRACE" -p "$G" 2>"$T/stderr" &
	local h=$!
	attached "$G"
	kill -STOP "$h"
	kill -USR1 "$G"
	wait "$G" || true # it exits with 5
	kill -CONT "$h"
	RC=0
	wait "$h" || RC=$?
	assert_status 0
	assert_match "$T/stderr" '\[pid +[0-9]+\] exit_group\(3\) += \?'
	assert_match "$T/stderr" '\[pid +[0-9]+\] \+\+\+ exited with 3 \+\+\+'
}

# SIGKILL has no signal-delivery stop: strace shows only the death, and so does
# -p without ptrace (the kernel records its delivery all the same).
t_kernel_only_attach_sigkill() {
	need_kernel
	start_guest forever
	"$HYTRACE" -e trace=none -p "$G" 2>"$T/stderr" &
	local h=$!
	attached "$G"
	kill -KILL "$G"
	RC=0
	wait "$h" || RC=$?
	assert_match "$T/stderr" '\+\+\+ killed by SIGKILL \+\+\+'
	assert_no_match "$T/stderr" '--- SIG.*'
}

# A fatal signal with its default action ends a process no tracer stops when
# it is sent (the kernel makes it a SIGKILL): -p without ptrace still prints
# the line strace -p's signal-delivery stop shows, once, after the call it
# interrupted. Both program families (the classic one has the sender, not
# the siginfo: si_pid and si_uid are the sender's all the same).
t_kernel_only_attach_fatal_signal() {
	need_kernel
	local fam
	for fam in btf classic; do
		start_guest forever
		HYTRACE_TRACEPOINTS=$fam "$HYTRACE" -e trace=nanosleep,clock_nanosleep -p "$G" 2>"$T/stderr" &
		local h=$!
		attached "$G"
		kill -TERM "$G"
		RC=0
		wait "$h" || RC=$?
		assert_status 0
		assert_count "$T/stderr" "^--- SIGTERM \{si_signo=SIGTERM, si_code=SI_USER, si_pid=$BASHPID, si_uid=$(id -u)\} ---$" 1
		assert_match "$T/stderr" '\+\+\+ killed by SIGTERM \+\+\+'
		# (hytrace's own notices may follow: tp_btf programs the kernel skipped on 7.x)
		grep -B1 '^+++ killed by SIGTERM' "$T/stderr" | head -1 | grep -q '^--- SIGTERM' ||
			fail "$fam: the line is not right before the death: $(tail -3 "$T/stderr")"
	done
}

in_call() { # pid syscall-number: wait until the process is blocked in that call
	for _ in $(seq 200); do
		[ "$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)" = "$2" ] && return 0
		sleep 0.02
	done
	fail "$1 is not in syscall $2: $(cat "/proc/$1/syscall")"
}

# A call in flight when -p attaches without ptrace is shown whole as it
# returns, as strace -p shows it (its attach restarts such a call): a read
# from a pipe with the bytes it read, and a sigsuspend ended by a signal with
# strace's line for it.
t_kernel_only_attach_call_in_flight() {
	need_kernel
	mkfifo "$T/fifo"
	/usr/bin/python3 -S -c "import os; f = os.open('$T/fifo', os.O_RDONLY); os.read(f, 10)" &
	G=$!
	exec 7>"$T/fifo"
	in_call "$G" 0
	"$HYTRACE" -e trace=read -p "$G" 2>"$T/stderr" &
	local h=$!
	attached "$G"
	echo hi >&7
	exec 7>&-
	RC=0
	wait "$h" || RC=$?
	assert_status 0
	assert_count "$T/stderr" 'read\(3, "hi\\n", 10\) += 3' 1
	# strace -p 6.1 prints this line too; not compared live: whether its attach
	# restarted the call before the signal came is the scheduler's
	"$GUESTS/attach_me" child >"$T/guest.out" &
	G=$!
	in_call "$G" 130 # rt_sigsuspend
	"$HYTRACE" -e trace=rt_sigsuspend -e signal=none -p "$G" 2>"$T/stderr" &
	h=$!
	wake_and_wait "$h"
	assert_status 0
	assert_count "$T/stderr" '^rt_sigsuspend\(\[\], 8\) += \? ERESTARTNOHAND \(To be restarted if no handler\)$' 1
}

# -P on a descriptor the process had before the attach (strace finds it
# through /proc): found by its file, on both paths; the read of /dev/null
# after it stays filtered.
t_attach_path_fd() {
	local mode h
	echo hello >"$T/target"
	for mode in --no-kernel kernel; do
		[ "$mode" = kernel ] && need_kernel
		"$GUESTS/fd_paths" attach 7 >"$T/guest.out" 7<"$T/target" &
		G=$!
		for _ in $(seq 100); do grep -q ready "$T/guest.out" && break; sleep 0.02; done
		"$HYTRACE" ${mode#kernel} -P "$T/target" -o "$T/raw" -p "$G" 2>"$T/stderr" &
		h=$!
		wake_and_wait "$h"
		assert_status 0
		sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
		assert_count "$T/out" '^read\(7, "hello\\n", 16\) += 6$' 1
		assert_count "$T/out" '^close\(7\) += 0$' 1
		assert_count "$T/out" '^[a-z0-9_]+\(' 2
	done
}

# With a subscription: ptrace; Ctrl-C detaches and the process runs on,
# unharmed. hytrace says so on stderr as strace does ("strace: Process N
# detached"; with -o too), never in the log.
t_ptrace_attach_and_detach() {
	start_guest forever
	"$HYTRACE" --subscribe getppid -o "$T/raw" -p "$G" 2>"$T/stderr" &
	local h=$!
	attached "$G"
	# let it make some calls under the tracer (slow VMs take their time)
	interrupt_after "$h" 10
	# ended by the signal that interrupted it, as strace (a shell's 130)
	assert_status 130
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	[ "$(grep -c '^getppid() ' "$T/out")" -ge 10 ] || fail "too few getppid lines: $(head -3 "$T/out")"
	sleep 0.2
	kill -0 "$G" || fail "the guest died"
	untouched "$G"
	grep -q '^State:[[:space:]]*[RS]' "/proc/$G/status" || fail "guest left $(grep State: "/proc/$G/status")"
	kill "$G"
	[ "$(cat "$T/stderr")" = "hytrace: Process $G attached
hytrace: Process $G detached" ] || fail "stderr: $(cat "$T/stderr")"
	assert_no_match "$T/raw" 'detached'
}

t_ptrace_attach_handles_injection() {
	start_guest 20
	"$HYTRACE" --inject getppid:retval=7 --subscribe getppid -o "$T/raw" -p "$G" 2>"$T/stderr" &
	local h=$!
	wake_and_wait "$h"
	assert_status 0
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	assert_count "$T/out" '^getppid\(\) += 7 \(INJECTED\)$' 20
}

# Attached, a call is skipped at the syscall-entry stop, before the kernel's
# sys_enter, which then sees a call of number -1: still one event per call.
t_ptrace_attach_skip_is_one_event() {
	need_kernel
	start_guest 20
	"$HYTRACE" -C -e trace=all --inject getppid:retval=7 --subscribe getppid -o "$T/raw" \
		-p "$G" 2>"$T/stderr" &
	local h=$!
	wake_and_wait "$h"
	assert_status 0
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	assert_count "$T/out" '^getppid\(\) += 7 \(INJECTED\)$' 20
	local calls
	calls=$(grep -cE '^[a-z_0-9]+\(' "$T/out")
	assert_match "$T/out" "hytrace: $calls syscalls recorded \\($calls by the kernel, 20 escalated\\), 0 lost.*"
}

# strace says so of each pid with no process and attaches the others; with
# none left its status is 1 (strace 6.1: "attach: ptrace(PTRACE_SEIZE, N): No
# such process"; hytrace's words name the option, as no ptrace may be used)
t_attach_missing_process() {
	hy_raw -p 999999,999998
	assert_status 1
	[ "$(cat "$T/stderr")" = "hytrace: -p 999999: no such process
hytrace: -p 999998: no such process" ] || fail "stderr: $(cat "$T/stderr")"
	hy_raw -p 999999 -- /bin/true
	assert_status 2
	assert_match "$T/stderr" 'hytrace: -p and a command exclude each other.*'
}

t_attach_live_and_missing_process() {
	local h p
	for p in "-p 999999 -p" "-p 999999,"; do
		start_guest 3
		# shellcheck disable=SC2086 # $p: the option, then the pid's start
		"$HYTRACE" -e trace=getppid -o "$T/raw" $p"$G" 2>"$T/stderr" &
		h=$!
		wake_and_wait "$h"
		assert_status 0
		assert_match "$T/stderr" 'hytrace: -p 999999: no such process'
		assert_count "$T/raw" '^([0-9]+ +)?getppid\(\) += [0-9]+$' 3
	done
}

# strace's rule: a pid is a decimal number from 1 to INT_MAX, never cut to an int
t_attach_pid_parsed_strictly() {
	local p
	for p in 4294967297 -1 0 '' 1x ' 1' 2147483648 '1,,2' ',1'; do
		hy_raw -p "$p"
		assert_status 2
		[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "-p '$p': $(cat "$T/stderr")"
		assert_line "$T/stderr" "hytrace: invalid process id: '$p' (see 'hytrace --help')"
	done
	hy_raw -p "1,2x"
	assert_line "$T/stderr" "hytrace: invalid process id: '2x' (see 'hytrace --help')"
}

# -q hides the attach and detach messages, as strace's -q (-e quiet=attach);
# -qq too, not quiet=exit
t_attach_quiet() {
	local q h
	start_guest forever
	for q in -q -qq -e\ quiet=attach --quiet -e\ quiet=all -e\ quiet=\!exit; do
		rm -f "$T/raw"
		# shellcheck disable=SC2086
		"$HYTRACE" $q -o "$T/raw" -e trace=getppid -p "$G" 2>"$T/stderr" &
		h=$!
		interrupt_after "$h" 1
		assert_status 130
		[ -s "$T/raw" ] || fail "$q: no getppid line"
		[ ! -s "$T/stderr" ] || fail "$q: $(cat "$T/stderr")"
	done
	"$HYTRACE" -e quiet=exit -o "$T/raw" -e trace=getppid -p "$G" 2>"$T/stderr" &
	h=$!
	attached "$G"
	kill -INT "$h"
	wait "$h" || :
	kill "$G"
	[ "$(cat "$T/stderr")" = "hytrace: Process $G attached
hytrace: Process $G detached" ] || fail "quiet=exit: $(cat "$T/stderr")"
}

# strace's -p takes a list too: -p "$(pidof a b)", -p "$(pgrep x)", -p 1,2
t_attach_pid_list() {
	local a b sep
	# four runs of hytrace, each a start and an end: long in an emulated VM
	sleep 600 &
	a=$!
	sleep 600 &
	b=$!
	for sep in , ' ' $'\n' $'\t'; do
		"$HYTRACE" -o "$T/raw" -p "$a$sep$b$sep" 2>"$T/stderr" &
		local h=$!
		attached "$a"
		attached "$b"
		kill -INT "$h"
		RC=0
		wait "$h" || RC=$?
		assert_status 130
	done
	kill "$a" "$b"
}

# A zombie makes no calls and never ends again; hytrace itself would record itself forever.
t_attach_refuses_zombie_and_itself() {
	sh -c 'sleep 0.05 & echo $! >zpid; exec sleep 30' &
	local parent=$! z
	for _ in $(seq 100); do
		[ -s zpid ] && z=$(cat zpid) && grep -q '^State:.*Z' "/proc/$z/status" 2>/dev/null && break
		sleep 0.05
	done
	grep -q '^State:.*Z' "/proc/$z/status" || fail "no zombie to attach to"
	hy_raw -p "$z"
	assert_status 2
	assert_line "$T/stderr" "hytrace: -p $z: the process has exited (a zombie): nothing to attach to"
	hy_raw --subscribe getppid -p "$z"
	assert_status 2
	assert_line "$T/stderr" "hytrace: -p $z: the process has exited (a zombie): nothing to attach to"
	kill "$parent"
	RC=0
	timeout -k 5 "$TIMEOUT" sh -c 'exec "$0" -p $$' "$HYTRACE" 2>"$T/stderr" || RC=$?
	assert_status 2
	[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "$(cat "$T/stderr")"
	assert_match "$T/stderr" "hytrace: -p [0-9]+: that is hytrace itself"
}

# No silent limit: every -p is attached (the 65th was dropped without a word).
t_attach_many_pids() {
	need_kernel
	local pids=() args=() p
	for _ in $(seq 70); do
		sleep 600 &
		pids+=($!)
		args+=(-p $!)
	done
	"$HYTRACE" -c -o "$T/raw" "${args[@]}" 2>"$T/stderr" &
	local h=$!
	attached "${pids[69]}"
	for p in "${pids[@]}"; do
		grep -qx "hytrace: Process $p attached" "$T/stderr" || fail "$p not attached: $(tail -3 "$T/stderr")"
	done
	kill -INT "$h"
	wait "$h" || :
	kill "${pids[@]}"
}

# A leader that ended before its threads shows as a zombie, yet the process runs: attachable.
t_attach_zombie_leader_with_threads() {
	"$GUESTS/procs" leader_exits &
	local g=$! h t threads
	for _ in $(seq 100); do grep -q '^State:.*Z' "/proc/$g/status" 2>/dev/null && break; sleep 0.02; done
	grep -q '^State:.*Z' "/proc/$g/status" || fail "the leader did not end"
	"$HYTRACE" --subscribe getppid -o "$T/raw" -p "$g" 2>"$T/stderr" &
	h=$!
	attached "$g"
	for _ in $(seq 200); do [ "$(grep -c 'getppid()' "$T/raw" 2>/dev/null)" -ge 3 ] && break; sleep 0.05; done
	threads=$(ls "/proc/$g/task")
	kill -INT "$h"
	RC=0
	wait "$h" || RC=$?
	assert_status 130
	kill "$g"
	[ "$(grep -c 'getppid()' "$T/raw")" -ge 3 ] || fail "no calls of the live thread: $(head -3 "$T/raw")"
	# each thread let go is named, as strace -f names them
	for t in $threads; do
		[ "$t" = "$g" ] || assert_line "$T/stderr" "hytrace: Process $t detached"
	done
}

run_tests
