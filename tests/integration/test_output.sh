#!/bin/bash
# SPDX-License-Identifier: MIT
# What hytrace writes: -e trace=, the record file, JSON Lines, -T, -t, and the
# no-loss statement under a syscall storm.
. "$(dirname "$0")/lib.sh"

t_trace_set_chooses_lines() {
	printf 'x\n' >"$T/a"
	hy -e trace=openat,close -- cat "$T/a"
	assert_status 0
	assert_match "$T/out" 'openat\(AT_FDCWD, "'"$T"'/a", O_RDONLY\) += 3'
	assert_match "$T/out" 'close\(3\) += 0'
	assert_no_match "$T/out" '^(read|write|mmap)\('
}

t_subscribe_without_trace_shows_subscribed() {
	hy --subscribe getppid -- "$GUESTS/forker" 1 2
	assert_status 0
	assert_no_match "$T/out" '^(wait4|clone|exit_group)\('
	assert_count "$T/out" '^getppid\(\) += [0-9]+$' 2
}

t_record_file_is_complete_json() {
	need_kernel
	hy --record "$T/rec.jsonl" -e trace=none -- "$GUESTS/forker" 1 7
	assert_status 0
	python3 - "$T/rec.jsonl" <<'PY' || fail "record check failed"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
keys = {"ts", "pid", "tid", "abi", "nr", "name", "args", "text", "ret", "errno", "dur_ns",
        "escalated", "source"}
for e in events:
    missing = keys - e.keys()
    assert not missing, f"missing {missing} in {e}"
getppid = [e for e in events if e["name"] == "getppid"]
assert len(getppid) == 7, len(getppid)
assert all(e["ret"] > 0 and e["dur_ns"] >= 0 and e["abi"] == "x86_64" for e in getppid)
assert any(e["name"] == "exit_group" and e["ret"] is None for e in events)
ts = [e["ts"] for e in events]
print(len(events), "events")
PY
}

t_json_log() {
	hy --json --subscribe getppid -- "$GUESTS/forker" 1 2
	assert_status 0
	python3 -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 2 and all(l["name"] == "getppid" and l["escalated"] for l in lines), lines
' "$T/raw" || fail "bad JSON log: $(head -3 "$T/raw")"
}

# A --json log holds JSON Lines only: hytrace's own lines (stacks cut short, the
# closing counts) go to stderr, and -C's text table is refused with it.
t_json_log_holds_json_only() {
	need_kernel
	hy --json -k --stack-size 64 -e trace=getppid -- "$GUESTS/forker" 1 2
	assert_status 0
	assert_json_lines "$T/raw"
	assert_count "$T/raw" '"name":"getppid"' 2
	assert_match "$T/stderr" 'hytrace: [1-9][0-9]* of [1-9][0-9]* stacks were deeper than the 64 bytes copied \(--stack-size\) and end early'
	hy_raw --json -C -o "$T/j" -- true
	assert_status 2
	assert_match "$T/stderr" 'hytrace: -C prints a text table after the log, which --json makes JSON Lines: .*'
	[ ! -e "$T/j" ] || fail "$T/j was created"
}

# strace's -o |CMD and -o !CMD: the log goes into a shell command, which has
# read all of it when hytrace ends; -ff cannot pipe (strace refuses it too).
t_output_piped_to_command() {
	hy_raw -o "|cat >$T/piped" -e trace=getppid -- "$GUESTS/forker" 1 2
	assert_status 0
	assert_count "$T/piped" '^[0-9]+ +getppid\(\) += [0-9]+$' 2
	assert_match "$T/piped" '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$'
	hy_raw -o '!sed s/^/piped:/' -e trace=getppid -- "$GUESTS/forker" 1 3
	assert_status 0
	assert_count "$T/stdout" '^piped:[0-9]+ +getppid\(\) += [0-9]+$' 3
	hy_raw -ff -o '|cat' -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: -ff writes a file per thread: it cannot pipe the log into a command (see 'hytrace --help')"
	[ -z "$(ls "$T" | grep -E '^[|!]')" ] || fail "a file named as the command: $(ls "$T")"
}

# A command that stops reading ("|head -1") ends the log, not the run: the
# broken pipe is said once and the status is the command's, as strace 6.1's
# (it says "|head -1: Broken pipe" for each line it could not write and exits
# as the command did). The log (~250 KiB) outgrows the pipe's 64 KiB, so its
# writes go on after head has ended.
t_output_piped_to_a_reader_that_stops() {
	local s
	for s in 0 3; do
		hy_raw -f -o "|head -1 >$T/piped" -- sh -c "for i in \$(seq 100); do /bin/true; done; exit $s"
		assert_status "$s"
		[ "$(wc -l <"$T/piped")" -eq 1 ] || fail "head printed $(wc -l <"$T/piped") lines"
		assert_line "$T/stderr" "hytrace: tool log: writing the log failed: Broken pipe: the log is incomplete"
	done
}

t_durations_and_timestamps() {
	hy -T -tt -e trace=nanosleep,clock_nanosleep -- sleep 0.1
	assert_status 0
	# at least the 0.1 s asked for; more on a loaded machine, never a whole second
	assert_match "$T/out" '[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} clock_nanosleep\(.*\) += 0 <0\.[1-9][0-9]{5}>'
	hy -ttt -e trace=exit_group -- /bin/true
	assert_match "$T/out" '[0-9]{10}\.[0-9]{6} exit_group\(0\) += \?'
}

# 4 threads x 1M getppid: every call counted, none lost (the ring drains in time
# or the guest is held back).
t_storm_counts_exactly() {
	need_kernel
	# In an emulated VM (vmtest) a tenth of it: a million calls took 27 s there
	# (four kernels make that CI's longest wait), and the kernel differences show
	# just as well with 400,000 (7.3 with tp_btf lost 80% of 100,000).
	local per=1000000
	[ -z "${VMTEST:-}" ] || per=100000
	hy -c --record "$T/rec.jsonl" -- "$GUESTS/getppid_storm" 4 $per
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = $((4 * per)) ] ||
		fail "summary counts $(summary_field "$T/out" getppid calls) getppid, not $((4 * per))"
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded .*, 0 lost, 0 skipped(;.*)?$'
	[ "$(grep -c '"name":"getppid"' "$T/rec.jsonl")" = $((4 * per)) ] ||
		fail "record has $(grep -c '"name":"getppid"' "$T/rec.jsonl") getppid, not $((4 * per))"
}

# The storm's exact count, for a run of hytrace with the environment given
# ($1 calls per thread); the record has every call, the closing line says
# nothing was lost or skipped.
storm_exact() { # per [VAR=value...]
	local per=$1
	shift
	env "$@" "$HYTRACE" -o "$T/raw" -c --record "$T/rec.jsonl" -- "$GUESTS/getppid_storm" 4 "$per" \
		>"$T/stdout" 2>"$T/stderr" || fail "hytrace $* exited $?: $(tail -3 "$T/stderr")"
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	[ "$(summary_field "$T/out" getppid calls)" = $((4 * per)) ] ||
		fail "$*: summary counts $(summary_field "$T/out" getppid calls) getppid, not $((4 * per))"
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded .*, 0 lost, 0 skipped(;.*)?$'
	[ "$(grep -c '"name":"getppid"' "$T/rec.jsonl")" = $((4 * per)) ] ||
		fail "$*: record has $(grep -c '"name":"getppid"' "$T/rec.jsonl") getppid, not $((4 * per))"
}

# A deliberately long program (HYTRACE_TEST_BPF_SPIN: a loop in sys_enter of
# ~256 clock reads) makes a preemption inside it likelier. Where the kernel
# runs tp_btf preemptibly, that skipped whole time slices of other threads'
# calls (83% of a storm on 7.3 in a 1-vCPU VM); the programs hytrace loads
# there run with preemption off, however long.
t_long_program_loses_nothing() {
	need_kernel
	local per=100000
	[ -z "${VMTEST:-}" ] || per=25000
	storm_exact $per HYTRACE_TEST_BPF_SPIN=256
}

# The classic tracepoint programs record exactly on every kernel that has what
# they use (5.15: on the host too, where tp_btf is the default and the storm
# test covers that), and each
# kernel gets the family HACKING.md gives for it: tp_btf where it runs with
# preemption off (up to 6.18), the classic programs after. The default is read
# from hytrace's own program fds, by its guest (prog_type 5: a classic
# tracepoint program; 26: tp_btf).
t_program_families() {
	need_kernel
	local per=100000 rel major minor want
	[ -z "${VMTEST:-}" ] || per=25000
	rel=$(uname -r) major=${rel%%.*} minor=${rel#*.} minor=${minor%%[!0-9]*}
	# the classic programs take the user registers with bpf_task_pt_regs() (5.15)
	[ "$major" -lt 5 ] || { [ "$major" = 5 ] && [ "$minor" -lt 15 ]; } ||
		storm_exact $per HYTRACE_TRACEPOINTS=classic
	export HYTRACE_TRACEPOINTS=
	want=26
	[ "$major" -gt 6 ] || { [ "$major" = 6 ] && [ "$minor" -gt 18 ]; } && want=5
	hy -e trace=none -- sh -c "cat /proc/\$PPID/fdinfo/* >'$T/fdinfo' 2>/dev/null; true"
	assert_status 0
	assert_match "$T/fdinfo" "^prog_type:[[:space:]]+$want\$"
	assert_no_match "$T/fdinfo" "^prog_type:[[:space:]]+$((31 - want))\$"
}

# A guest in its own PID namespace: the ids it saw, and the ids hytrace sees.
t_pidns_translation() {
	command -v unshare >/dev/null || skip "no unshare(1) (util-linux) to make a PID namespace"
	hy --pidns-translation -e trace=getppid,wait4 -- unshare --pid --fork "$GUESTS/forker" 1 1
	assert_status 0
	assert_match "$T/out" "getppid\(\) += 1 /\* [0-9]+ in hytrace's PID NS \*/"
	assert_match "$T/out" "wait4\(-1, .*\) += 2 /\* [0-9]+ in hytrace's PID NS \*/"
	hy -e trace=getppid -- unshare --pid --fork "$GUESTS/forker" 1 1
	assert_match "$T/out" 'getppid\(\) += 1'
	assert_no_match "$T/out" 'PID NS'
}

# One capture plan, two interpreters: the kernel's (bpf/capture.bpf.h, from the
# record) and the tracer's (user/live_capture.c, from a ptrace stop with
# --no-kernel). A tree that meets every capture kind (strings, argv and envp,
# buffers by argument and by result, fixed structs, iovecs, msghdr, getdents'
# count, socklen in/out) must print the same lines both ways, task by task,
# apart from addresses, large numbers and random bytes. Output goes to files:
# a write to /dev/null never touches its buffer, so a page the kernel
# could not read at sys_enter is not resident at sys_exit either (HACKING.md).
t_capture_paths_agree() {
	need_kernel
	printf 'ab\ncdef' >"$T/in"
	# tasks renumbered by first appearance, each task's lines kept in order; the
	# shell's SIGCHLD comes in a call or between two, as the children's exits fall
	norm() {
		grep -vE '^[0-9]+ +(--- SIGCHLD|rt_sigreturn\()' "$1" |
			awk '{ if (!($1 in n)) n[$1] = ++k; printf "%d %s\n", n[$1], $0 }' |
			sort -s -n -k1,1 | sed -E 's/^([0-9]+) [0-9]+ +/\1 /; s/0x[0-9a-f]+/ADDR/g;
			s/[0-9]{3,}/N/g; s/ +=/ =/; s/getrandom\("[^"]*"/getrandom("RANDOM"/'
	}
	# a directory of the test's own: `ls -l /`'s column widths moved with /tmp's
	# link count when another test made or removed a directory between the runs
	mkdir -p "$T/tree/sub" && printf 'x' >"$T/tree/file" && ln -s file "$T/tree/link"
	for mode in kernel --no-kernel; do
		hy ${mode#kernel} -s 64 -- sh -c "ls -l '$T/tree' >'$T/ls.out'; '$GUESTS/iov' '$T/in' >'$T/iov.out'
			'$GUESTS/netpoll' >'$T/np.out'; '$GUESTS/open_read' /etc/hostname /etc/passwd '$T/none' 3"
		assert_status 0
		norm "$T/raw" >"$T/$mode"
	done
	for call in execve openat newfstatat getdents64 read writev readv sendmsg recvmsg getsockname; do
		grep -q "^[0-9]* $call(" "$T/kernel" || fail "no $call line to compare"
	done
	diff "$T/kernel" "$T/--no-kernel" >"$T/diff" ||
		fail "the kernel record and the ptrace stops print differently: $(head -20 "$T/diff")"
}

# Vectors: the array and each buffer, the read ones filled up to what was returned.
t_iovec_decoded() {
	printf 'ab\ncdef' >"$T/in"
	for mode in "" --no-kernel; do
		hy $mode -e trace=writev,readv -- "$GUESTS/iov" "$T/in"
		assert_status 0
		assert_line "$T/out" 'writev(1, [{iov_base="hello ", iov_len=6}, {iov_base="world\n", iov_len=6}], 2) = 12'
		assert_line "$T/out" 'readv(3, [{iov_base="ab", iov_len=2}, {iov_base="\ncdef", iov_len=8}], 2) = 7'
	done
}

# The same lines as strace, from the kernel record and from the tracer alike,
# apart from addresses, numbers and random bytes.
t_ls_matches_strace() {
	norm() {
		sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]+/ADDR/g; s/[0-9]{3,}/N/g; s/ +=/ =/;
			s/getrandom\("[^"]*"/getrandom("RANDOM"/' "$1"
	}
	# /usr, not /: the link counts of / change as other tests make directories in /tmp,
	# and ls pads its columns to them
	strace -f -o "$T/strace.raw" ls -l /usr >"$T/strace.stdout"
	norm "$T/strace.raw" >"$T/strace"
	for mode in "" --no-kernel; do
		hy $mode -- ls -l /usr
		assert_status 0
		norm "$T/raw" >"$T/hytrace"
		diff "$T/strace" "$T/hytrace" >"$T/diff" ||
			fail "hytrace $mode differs from strace: $(head -20 "$T/diff")"
	done
}

# getdents64 results larger than one kernel read window (8 KiB) are counted
# exactly, and fcntl's integer third argument (which the kernel must not read as
# memory) still prints as strace prints it.
t_big_directories_and_fcntl_match_strace() {
	local calls=getdents64,fcntl big
	norm() { sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]+/ADDR/g' "$1"; }
	# tmpfs packs short names tightly: 32 KiB results of ~1200 records
	big=$(mktemp -d /dev/shm/hytrace-big.XXXXXX 2>/dev/null) || big=$T/big
	mkdir -p "$big"
	(cd "$big" && seq -f 'f%g' 1500 | xargs touch)
	strace -e trace=$calls -o "$T/strace.raw" ls -f "$big" /etc >/dev/null
	norm "$T/strace.raw" >"$T/strace"
	awk '/^getdents64/ && $NF > 8192 { big = 1 } END { exit !big }' "$T/strace" ||
		fail "no getdents64 result larger than 8 KiB: $(grep getdents64 "$T/strace")"
	for mode in "" --no-kernel; do
		hy $mode -e trace=$calls -- ls -f "$big" /etc
		assert_status 0
		norm "$T/raw" >"$T/hytrace"
		diff "$T/strace" "$T/hytrace" >"$T/diff" || {
			rm -rf "$big"
			fail "hytrace $mode differs from strace: $(head -20 "$T/diff")"
		}
	done
	rm -rf "$big"
}

# A write error on the record is reported on stderr (not into the log, which may be
# /dev/null) and makes the status 74 (EX_IOERR) when the guest's would be 0.
t_record_write_error_reported() {
	need_kernel
	hy --record /dev/full -- "$GUESTS/forker" 1 3
	assert_status 74
	assert_line "$T/stderr" 'hytrace: tool record: --record /dev/full: No space left on device: the record is incomplete'
	hy --record /dev/full -- "$GUESTS/exit_with" 3
	assert_status 3
	assert_line "$T/stderr" 'hytrace: tool record: --record /dev/full: No space left on device: the record is incomplete'
}

# The log on a device that is full: one line on stderr, status 74 (it exited 0 in silence).
t_log_write_error_reported() {
	RC=0
	"$HYTRACE" -o /dev/full -- echo hi >"$T/stdout" 2>"$T/stderr" || RC=$?
	assert_status 74
	assert_line "$T/stdout" hi
	assert_line "$T/stderr" 'hytrace: tool log: writing the log failed: No space left on device: the log is incomplete'
	RC=0
	"$HYTRACE" -c -o /dev/full -- true 2>"$T/stderr" || RC=$?
	assert_status 74
	assert_line "$T/stderr" 'hytrace: writing /dev/full failed: No space left on device: the output is incomplete'
}

# A log cut off by a full file system is said so, however far it got.
t_log_on_full_file_system() {
	mkdir mnt
	mount -t tmpfs -o size=64k tmpfs mnt 2>/dev/null || skip "cannot mount a tmpfs here (not root?)"
	RC=0
	"$HYTRACE" -e trace=all -o mnt/log -- "$GUESTS/getppid_storm" 1 20000 >/dev/null 2>"$T/stderr" || RC=$?
	umount mnt
	assert_status 74
	assert_match "$T/stderr" 'hytrace: tool log: writing the log failed: No space left on device: the log is incomplete'
}

# Two outputs that resolve to one file would mix two streams: refused before anything is opened.
t_same_file_refused() {
	hy_raw -o "$T/x" --record "$T/x" -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: -o $T/x and --record $T/x are the same file: one file cannot hold both (see 'hytrace --help')"
	[ ! -e "$T/x" ] || fail "$T/x was created"
	mkdir d
	: >"$T/y"
	ln -s "$T/y" d/link
	hy_raw -o "$T/d/../y" --record "$T/d/link" -- true
	assert_status 2
	RC=0
	"$HYTRACE" --record "$T/y" -- true 2>"$T/y" || RC=$?
	assert_status 2
	assert_match "$T/y" "hytrace: the log on standard error and --record $T/y are the same file.*"
	hy_raw -o /dev/null --record /dev/null -- true
	assert_status 0
	# --folded is a file of its own too: it replaced the log or the record
	hy_raw -o "$T/z" --folded "$T/z" -k -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: -o $T/z and --folded $T/z are the same file: one file cannot hold both (see 'hytrace --help')"
	hy_raw --record "$T/z" --folded "$T/d/../z" -k -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: --record $T/z and --folded $T/d/../z are the same file: one file cannot hold both (see 'hytrace --help')"
	[ ! -e "$T/z" ] || fail "$T/z was created"
}

# Only tools that print need the memory of the calls; with -C both are right.
t_summary_with_log_still_decodes() {
	printf 'x\n' >"$T/a"
	hy -C -e trace=openat -- cat "$T/a"
	assert_status 0
	assert_match "$T/out" 'openat\(AT_FDCWD, "'"$T"'/a", O_RDONLY\) += 3'
	assert_match "$T/out" '^ *[0-9.]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]* *openat$'
}

# Nested structures (pollfd revents, epoll, msghdr with its name and vector,
# socklen in and out) print as strace prints them.
t_nested_structs_match_strace() {
	local calls=poll,epoll_wait,getcwd,getsockname,sendmsg,recvmsg
	norm() { sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]+/ADDR/g; s/htons\([0-9]+\)/htons(P)/; s/ +=/ =/' "$1"; }
	strace -e trace=$calls -o "$T/strace.raw" "$GUESTS/netpoll" >/dev/null
	norm "$T/strace.raw" >"$T/strace"
	for mode in "" --no-kernel; do
		hy $mode -e trace=$calls -- "$GUESTS/netpoll"
		assert_status 0
		norm "$T/raw" >"$T/hytrace"
		diff "$T/strace" "$T/hytrace" >"$T/diff" ||
			fail "hytrace $mode differs from strace: $(head -20 "$T/diff")"
	done
}

t_open_hint() {
	hy_raw --subscribe open -- /bin/true
	assert_status 0
	assert_match "$T/stderr" 'hytrace: hint: glibc on x86-64 calls openat, not open: subscribe to openat as well'
	hy_raw --subscribe open,openat -- /bin/true
	assert_no_match "$T/stderr" 'hint'
}

# Traced data is sensitive: new logs and records are 0600; an existing file keeps its mode.
t_outputs_created_private() {
	umask 022
	hy --record "$T/rec" -- cat /etc/hostname
	assert_status 0
	[ "$(stat -c %a "$T/raw")" = 600 ] || fail "log created $(stat -c %a "$T/raw")"
	[ "$(stat -c %a "$T/rec")" = 600 ] || fail "record created $(stat -c %a "$T/rec")"
	chmod 640 "$T/rec"
	hy --record "$T/rec" -- true
	[ "$(stat -c %a "$T/rec")" = 640 ] || fail "record's mode became $(stat -c %a "$T/rec")"
	# a rotated record's new files too: 0600, or the mode the file was given
	need_kernel
	hy --record "$T/rot" --record-max-size 64K --record-keep 2 -- "$GUESTS/getppid_storm" 1 5000
	assert_status 0
	[ -f "$T/rot.2" ] || fail "no rotation: $(ls "$T")"
	[ "$(stat -c %a "$T/rot" "$T/rot.1" "$T/rot.2" | sort -u)" = 600 ] ||
		fail "rotated records created $(stat -c '%n %a' "$T"/rot*)"
	hy --record "$T/rec" --record-max-size 64K --record-keep 2 -- "$GUESTS/getppid_storm" 1 5000
	[ "$(stat -c %a "$T/rec" "$T/rec.1" | sort -u)" = 640 ] ||
		fail "rotated records created $(stat -c '%n %a' "$T"/rec*)"
}

# No symbolic link is followed, dangling or not: a planted link cannot aim a root run's output.
t_outputs_refuse_symlinks() {
	echo precious >"$T/target"
	ln -s "$T/target" "$T/link"
	ln -s "$T/nowhere" "$T/dangling"
	hy_raw -o "$T/link" -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: $T/link: is a symbolic link: refusing to follow it"
	hy_raw -o "$T/dangling" -- true
	assert_status 2
	hy_raw -o /dev/null --record "$T/link" -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: tool record: $T/link: is a symbolic link: refusing to follow it"
	assert_line "$T/target" precious
	[ ! -e "$T/nowhere" ] || fail "the dangling link's target was created"
}

# As protected_regular: not another user's file in a sticky world-writable directory.
t_outputs_refuse_others_file_in_sticky_dir() {
	[ "$(id -u)" = 0 ] || skip "needs root to make a file of another user"
	mkdir -m 1777 "$T/tmp"
	echo theirs >"$T/tmp/log"
	chown nobody "$T/tmp/log"
	hy_raw -o "$T/tmp/log" -- true
	assert_status 2
	assert_line "$T/stderr" "hytrace: $T/tmp/log: refusing to write into another user's file in a sticky world-writable directory (as protected_regular does)"
	hy_raw -o /dev/null --record "$T/tmp/log" -- true
	assert_status 2
	assert_line "$T/tmp/log" theirs
	hy_raw -o "$T/tmp/mine" -- true
	assert_status 0
}

# A kernel whose sock_diag for $1 (TCP_DIAG, NETLINK_DIAG) is a module it cannot
# load (the VMs boot with a few modules only) answers no query: hytrace, as
# strace, then prints the protocol and the inode only (TCP:[14022]).
sock_diag_missing() { # CONFIG_ suffix, module
	local cfg
	cfg=$( (zcat /proc/config.gz || cat "/boot/config-$(uname -r)") 2>/dev/null |
		grep "^CONFIG_INET_$1=\|^CONFIG_$1=")
	case "$cfg" in *=y) return 1 ;; esac
	[ -d "/sys/module/$2" ] && return 1
	! modprobe -q "$2" 2>/dev/null
}

# -yy on the kernel path: sockets are read in the kernel as each call runs
# (bpf/sock_ends.bpf.h), so a bind shows the socket before it (as strace), and a
# close printed after the socket went names it in full. Both paths are compared
# with strace's lines too (t_compat_yy, t_compat_yy_escalated).
t_yy_socket_endpoints_kernel() {
	need_kernel
	local pid i port lo='127\.0\.0\.1'
	mkfifo "$T/in"
	timeout -k 5 "$TIMEOUT" "$HYTRACE" -o "$T/raw" -yy -e trace=bind,accept,write,shutdown,close \
		"$GUESTS/compat" tcp hold <"$T/in" >"$T/stdout" 2>"$T/stderr" &
	pid=$!
	exec 3>"$T/in"
	for i in $(seq 300); do
		grep -q 'bind(6<' "$T/raw" 2>/dev/null && break
		sleep 0.1
	done
	exec 3>&-
	RC=0
	wait "$pid" || RC=$?
	assert_status 0
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
	if sock_diag_missing TCP_DIAG tcp_diag; then
		assert_match "$T/out" "accept\(3<TCP:\[[0-9]+\]>, NULL, NULL\) += 5<TCP:\[[0-9]+\]>"
		assert_match "$T/out" "close\(5<TCP:\[[0-9]+\]>\) += 0"
	else
		# the listener's port is the kernel's pick (compat binds port 0)
		port=$(sed -nE "s/^accept\(3<TCP:\[$lo:([0-9]+)\]>.*/\1/p" "$T/out")
		[ -n "$port" ] || fail "no accept line with the listener's port: $(cat "$T/out")"
		assert_match "$T/out" "accept\(3<TCP:\[$lo:$port\]>, NULL, NULL\) += 5<TCP:\[$lo:$port->$lo:[0-9]+\]>"
		assert_match "$T/out" "write\(4<TCP:\[$lo:[0-9]+->$lo:$port\]>, \"ping\", 4\) += 4"
		assert_match "$T/out" "shutdown\(4<TCP:\[$lo:[0-9]+->$lo:$port\]>, SHUT_WR\) += 0"
		# after the hold: the socket is gone when this line is printed
		assert_match "$T/out" "close\(5<TCP:\[$lo:$port->$lo:[0-9]+\]>\) += 0"
	fi
	# not bound before its bind: strace's query does not find it yet
	assert_match "$T/out" "bind\(6<NETLINK:\[[0-9]+\]>, .*\) += 0"
	if ! sock_diag_missing NETLINK_DIAG netlink_diag; then
		assert_match "$T/out" "close\(6<NETLINK:\[ROUTE:[0-9]+\]>\) += 0"
	fi
	# a device's numbers, by its path: known from the record, stat()ed when printed
	hy -yy -e trace=write sh -c 'echo hi >/dev/null'
	assert_match "$T/out" 'write\(1</dev/null<char 1:3>>, "hi\\n", 3\) += 3'
}

# A tool's hy_output() lines share -o FILE with the log's, written by the log's
# own thread: each line of either stays whole. The tool's lines (3 KB each, 2.4
# MB in all) fill the output's buffer many times between two drains.
t_tool_lines_whole_beside_the_log() {
	need_kernel
	local tail='0123[0-9a-z]{2995}\.'
	hy --tool "$ROOT/$OUT/tests/plugins/sayer.so" --tool-opt tail=3000 -e trace=getppid -- \
		"$GUESTS/getppid_storm" 2 400
	assert_status 0
	assert_count "$T/raw" 'sayer' 800
	assert_count "$T/raw" "^sayer: tid [0-9]+ call [0-9]+ $tail\$" 800
	assert_count "$T/raw" '^[0-9]+ +getppid\(\) += [0-9]+$' 800
}

run_tests
