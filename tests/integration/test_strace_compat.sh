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
t_compat_consts() { compat consts; }
# -X on the escalated path: the same printers, told the style the same way
t_compat_consts_escalated() { compat consts "$HYTRACE --no-kernel"; }

# -v on the escalated path: every call recorded by the tracer, none by the kernel
t_compat_verbose_escalated() {
	# not a shell wrapper: a shell reorders the environment execve shows
	compat verbose "$HYTRACE --no-kernel"
}

# -yy: lines printed while their sockets are open (the escalated path prints each
# call's line at its stop; the kernel path's later lines: test_output.sh)
t_compat_yy_escalated() { compat yy "$HYTRACE --no-kernel"; }
# -yy on the kernel path: sockets read in the kernel as each call ran, so a
# bind or connect shows the socket before it, and sockets closed long before the
# line is printed are named in full (bpf/sock_ends.bpf.h)
t_compat_yy() { compat yy; }
# -y of pipes, anon inodes, pidfds, memfds: read by the kernel as the call that made
# them returned (bpf/sock_ends.bpf.h's file_put), their lines printed after the
# process closed them; on the escalated path read from /proc at the call's stop
t_compat_fds() { compat fds; }
t_compat_fds_escalated() { compat fds "$HYTRACE --no-kernel"; }

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

# -i's addresses themselves: with address randomization off (setarch -R) the
# guest and its libraries sit where they sat under strace, so each call's
# instruction pointer, and a signal's, must be strace's to the digit, on both
# paths (libc's openat, kill and its signal, the guest's execve of /bin/true;
# not the first execve, which the tracer's own child makes).
t_compat_ip_exact() {
	need_kernel
	local tracer ip i=0
	printf 'hello\n' >a.txt
	for tracer in strace "$HYTRACE" "$HYTRACE --no-kernel"; do
		i=$((i + 1))
		setarch "$(uname -m)" -R $tracer -o "ip$i" -i -e trace=execve,openat,kill,exit_group \
			-- "$GUESTS/compat" stat a.txt >/dev/null 2>&1 || fail "$tracer stat failed"
		setarch "$(uname -m)" -R $tracer -o "sig$i" -i -e trace=kill -- "$GUESTS/compat" signal \
			>/dev/null || fail "$tracer signal failed"
		# the pid column, pids and the column of "=" (strace pads to 40)
		sed -i 1d "ip$i"
		cat "ip$i" "sig$i" | sed -E 's/^[0-9]+ +//; s/(kill\(|si_pid=)[0-9]+/\1PID/; s/ +=/ =/' >"lines$i"
	done
	assert_match lines1 '\[[0-9a-f]{16}\] execve\("/bin/true", .*'
	assert_match lines1 '\[[0-9a-f]{16}\] openat\(AT_FDCWD, "a.txt", O_RDONLY\) = 3'
	assert_match lines1 '\[[0-9a-f]{16}\] --- SIGUSR1 .*'
	diff lines1 lines2 >&2 || fail "-i: the kernel path's addresses are not strace's"
	diff lines1 lines3 >&2 || fail "-i: --no-kernel's addresses are not strace's"
	# --json: the same address, as a number
	setarch "$(uname -m)" -R "$HYTRACE" -o json -i --json -e trace=openat -- \
		"$GUESTS/compat" stat a.txt >/dev/null 2>&1
	ip=$(sed -nE 's/^\[([0-9a-f]{16})\] openat\(AT_FDCWD, "a.txt".*/\1/p' lines1)
	grep -q "\"name\":\"openat\".*\"a.txt\\\\\".*\"ip\":$((16#$ip))," json ||
		fail "--json -i: no \"ip\":$((16#$ip)) for openat a.txt: $(grep a.txt json)"
}

# Another run's pid may have another width (past 9999, or wrapped at pid_max): the
# result's padding moves with it, while the normalised lines are the same. A
# "hytrace" that is strace with every pid six digits wide must pass (it failed
# under load before the padding was made again after normalising).
t_compat_pid_width() {
	need_kernel
	mkdir -p "$T/data" "$T/work"
	echo 'x pid-width | -e trace=kill,rt_sigaction @G@/compat signal' >"$T/cases"
	cat >"$T/widen" <<'SH'
#!/bin/sh
strace "$@" 2>&1 >/dev/null | python3 -c '
import re, sys
text = sys.stdin.read()
pids = set(re.findall(r"si_pid=(\d+)", text))
for line in text.splitlines():
    wide = re.sub(r"\b\d+\b", lambda m: str(100000 + int(m.group(0))) if m.group(0) in pids else m.group(0), line)
    m = re.match(r"^(.*\S)( +)(= .*)$", wide)
    if m and wide != line:
        wide = m.group(1).ljust(39) + " " + m.group(3)
    print(wide, file=sys.stderr)
'
SH
	chmod +x "$T/widen"
	RC=0
	python3 "$HERE/strace_compat.py" "$T/widen" "$T/cases" "$ROOT/docs/strace-compat.md" \
		"$T/data" "$GUESTS" "$T/work" >"$T/report" 2>&1 || RC=$?
	[ "$RC" -eq 0 ] || fail "a pid of another width made lines differ: $(cat "$T/report")"
	assert_match "$T/report" "ok  pid-width .*"
}

# A pid of one run may equal a number of the other's lines (pids wrap at pid_max,
# 32768 here: strace's pid was 351 where both read 351 bytes). A "hytrace" that is
# strace with its pid made 832, the count the dynamic loader reads, must pass (its
# read's "= 832" became "= PID" while strace's stayed 832 before both sides were
# normalised with the pids of both runs).
t_compat_pid_coincidence() {
	need_kernel
	mkdir -p "$T/data" "$T/work"
	echo 'x pid-coincidence | -e trace=read,kill @G@/compat signal' >"$T/cases"
	cat >"$T/samepid" <<'SH'
#!/bin/sh
strace "$@" 2>&1 >/dev/null | python3 -c '
import re, sys
text = sys.stdin.read()
pids = set(re.findall(r"si_pid=(\d+)", text))
for line in text.splitlines():
    same = re.sub(r"\b\d+\b", lambda m: "832" if m.group(0) in pids else m.group(0), line)
    m = re.match(r"^(.*\S)( +)(= .*)$", same)
    if m and same != line:
        same = m.group(1).ljust(39) + " " + m.group(3)
    print(same, file=sys.stderr)
'
SH
	chmod +x "$T/samepid"
	RC=0
	python3 "$HERE/strace_compat.py" "$T/samepid" "$T/cases" "$ROOT/docs/strace-compat.md" \
		"$T/data" "$GUESTS" "$T/work" >"$T/report" 2>&1 || RC=$?
	[ "$RC" -eq 0 ] || fail "a number equal to the other run's pid made lines differ: $(cat "$T/report")"
	assert_match "$T/report" "ok  pid-coincidence .*"
}

run_tests
