#!/bin/bash
# SPDX-License-Identifier: MIT
# Bad input gets one clear line and exit status 2 (127/126 for the command, like a shell).
. "$(dirname "$0")/lib.sh"

one_line() {
	[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "expected one error line, got: $(cat "$T/stderr")"
}

t_unknown_syscall_suggests() {
	hy_raw --subscribe opnat -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: unknown syscall 'opnat' \(did you mean openat.*\)"
}

t_unknown_class() {
	hy_raw --subscribe %files -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: unknown syscall class '%files'.*"
}

t_no_command() {
	hy_raw --subscribe openat
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: no command given.*"
}

t_command_not_found() {
	hy_raw -- /nonexistent/prog
	assert_status 127
	one_line
	assert_match "$T/stderr" "hytrace: /nonexistent/prog: No such file or directory"
	hy_raw -- no-such-command-anywhere
	assert_status 127
	assert_match "$T/stderr" "hytrace: no-such-command-anywhere: command not found"
}

t_command_not_executable() {
	printf 'x' >"$T/noexec"
	hy_raw -- "$T/noexec"
	assert_status 126
	one_line
}

t_unknown_option() {
	hy_raw --frobnicate -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: unknown option '--frobnicate'.*"
	hy_raw -s abc -- /bin/true
	assert_status 2
	one_line
}

t_missing_plugin() {
	hy_raw --tool "$T/nope.so" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool plugin .*nope.so: No such file or directory"
}

# Without privilege the kernel recorder cannot load: one line says why, and the
# run goes on with everything escalated (as strace --seccomp-bpf would).
t_unprivileged_falls_back() {
	command -v setpriv >/dev/null || skip "no setpriv(1) (util-linux) to drop privileges"
	RC=0
	chmod 755 "$T"
	touch "$T/summary" && chmod 666 "$T/summary"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$HYTRACE" -c -o "$T/summary" -- \
		"$GUESTS/forker" 1 3 >"$T/stdout" 2>"$T/stderr" || RC=$?
	assert_status 0
	one_line
	assert_match "$T/stderr" 'hytrace: kernel recorder unavailable: .*permission denied \(needs root, or CAP_BPF and CAP_PERFMON\); escalating every shown syscall instead'
	[ "$(summary_field "$T/summary" getppid calls)" = 3 ] || fail "getppid not counted without the kernel recorder"
	assert_no_match "$T/summary" '^(\+\+\+|--- )'  # -c prints the summary only
}

# The classic tracepoint programs (the default after 6.18) attach through
# tracefs: where it is not mounted, the line says so and how to mount it
# (before: libbpf's "failed to auto-attach: -2"). In a mount namespace of its own.
t_classic_tracepoints_without_tracefs() {
	command -v unshare >/dev/null || skip "no unshare(1) (util-linux)"
	RC=0
	HYTRACE_TRACEPOINTS=classic unshare -m sh -c 'umount /sys/kernel/tracing 2>/dev/null
		umount /sys/kernel/debug/tracing 2>/dev/null
		umount /sys/kernel/debug 2>/dev/null
		exec "$@"' sh "$HYTRACE" -c -o "$T/summary" -- "$GUESTS/forker" 1 3 \
		>"$T/stdout" 2>"$T/stderr" || RC=$?
	assert_status 0
	one_line
	assert_line "$T/stderr" "hytrace: kernel recorder unavailable: this kernel's syscall tracepoints are attached through tracefs, which is not mounted (mount -t tracefs nodev /sys/kernel/tracing); escalating every shown syscall instead"
	[ "$(summary_field "$T/summary" getppid calls)" = 3 ] || fail "getppid not counted without the kernel recorder"
}

t_help() {
	hy_raw --help
	assert_status 0
	assert_match "$T/stdout" "usage: hytrace .*"
}

# -s takes a number, not an empty string (it was read as 0).
t_strsize_strict() {
	local v
	for v in '' ' 8' 8x -1 4097 99999999999999999999; do
		hy_raw -s "$v" -- /bin/true
		assert_status 2
		one_line
		assert_line "$T/stderr" "hytrace: -s wants a number of bytes from 0 to 4096, not '$v' (see 'hytrace --help')"
	done
}

# strace's options hytrace has no equivalent of: one line that says why, status 2
t_strace_options_refused_with_reason() {
	local o
	for o in --strings-in-hex=non-ascii-chars -Y -d -F -b\ execve -D --daemonize --tips --kvm=vcpu \
		"-I 3" \
		"--relative-timestamps=ns" "--absolute-timestamps=unix,ns" "--syscall-times=ms"; do
		# shellcheck disable=SC2086
		hy_raw $o -- /bin/true
		assert_status 2
		one_line
		assert_match "$T/stderr" "hytrace: .*(not supported|no equivalent).*: .+"
	done
	# -e decode-fds= takes strace's set (path, socket, dev, pidfd, all, none) only
	hy_raw -e decode-fds=path,frob -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: -e decode-fds=path,frob: want path, socket, dev, pidfd, all or none.*"
	hy_raw -e abbrev=nosuchcall -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: unknown syscall 'nosuchcall'"
	hy_raw -e verbose=nosuchcall -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: unknown syscall 'nosuchcall'"
	hy_raw -X names -- /bin/true
	assert_status 2
	one_line
	assert_line "$T/stderr" "hytrace: -X wants abbrev, raw or verbose, not 'names' (see 'hytrace --help')"
	hy_raw -e frob=1 -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: unknown -e qualifier 'frob'.*"
	hy_raw -e status=bogus -- /bin/true
	assert_status 2
	assert_match "$T/stderr" ".*unknown status 'bogus'.*"
	hy_raw -e read=3,x -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" ".*read=3,x: 'x' is no descriptor.*"
	hy_raw -e signal=SIGNOPE -- /bin/true
	assert_status 2
	assert_match "$T/stderr" ".*unknown signal 'SIGNOPE'.*"
	hy_raw -u no-such-user-here -- /bin/true
	assert_status 2
	one_line
	hy_raw -S bogus -c -- /bin/true
	assert_status 2
	# an empty list is refused, as strace does (status= showed no call at all)
	local q v
	for q in status signal read write quiet decode-fds trace; do
		for v in '' , '!' '!,'; do
			hy_raw -e "$q=$v" -- /bin/true
			assert_status 2
			one_line
			assert_line "$T/stderr" "hytrace: -e $q=$v: an empty list (see 'hytrace --help')"
		done
	done
	hy_raw --status= -- /bin/true
	assert_line "$T/stderr" "hytrace: -e status=: an empty list (see 'hytrace --help')"
	# without -c or -C too, as strace: a bad value is refused, a good one has no effect
	hy_raw -S bogus -- /bin/true
	assert_status 2
	assert_line "$T/stderr" "hytrace: -S bogus: no such order of the summary (see 'hytrace --help')"
	hy_raw -U calls,bogus -- /bin/true
	assert_status 2
	one_line
	hy_raw -O -5 -- /bin/true
	assert_status 2
	one_line
	hy_raw -S calls -O 1us -U name,calls -e trace=none -- /bin/true
	assert_status 0
	assert_line "$T/stderr" "hytrace: -S, -U and -O change the summary: without -c or -C they have no effect"
}

# strace's long spellings and the options that change nothing in hytrace
t_strace_long_options_taken() {
	hy --follow-forks --seccomp-bpf --summary-wall-clock -I 2 -X abbrev -e abbrev=all \
		-e verbose=all --trace=close --string-limit=10 --syscall-times -- /bin/true
	assert_status 0
	assert_match "$T/out" 'close\(3\) += 0 <[0-9]+\.[0-9]{6}>'
	assert_no_match "$T/out" '^openat'
	# -a COLUMN (a number follows) is strace's; -a alone stays hytrace's every-task mode
	hy_raw -a 20 -e trace=close -- /bin/true
	assert_status 0
	assert_match "$T/stderr" 'close\(3\)            = 0'
	hy_raw -a -- /bin/true
	assert_status 2
	assert_match "$T/stderr" "hytrace: -a watches what runs: no command and no -p.*"
}

run_tests
