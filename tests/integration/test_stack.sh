#!/bin/bash
# SPDX-License-Identifier: MIT
# -k: the user stack of each shown call, from the kernel's record and from a
# stop (--no-kernel), on a known chain main -> run -> thread_main -> chain_a ->
# chain_b -> openat built without and with frame pointers, PIE and not, dynamic
# and static; in threads, forked children, after exec and dlopen; with -p; the
# same frames as strace -k; in --record, in --folded, and through
# hy_backtrace() in a plugin.
. "$(dirname "$0")/lib.sh"

VARIANTS="stack_chain stack_chain_fp stack_chain_static stack_chain_static_fp"
# what "stack_chain all" opens in each mode
MODES="chain:/dev/null thread:/dev/zero fork:/dev/full exec:/dev/urandom"

# The frame lines that follow the log line of the openat of @path.
frames_of() { # log path
	awk -v p="openat(AT_FDCWD, \"$2\"" 'index($0, p) { f = 1; next } f && /^ > / { print; next } { f = 0 }' "$1"
}

frames_of_null() { # log
	frames_of "$1" /dev/null
}

# The frames a variant's chain must show, innermost first, after libc's openat.
# Matched by the shell's own [[ =~ ]] (extended regular expressions, as grep
# -E): a grep and a sed per frame were ~60 processes per variant, most of
# t_stack_chain_kernel's 12-17 s in an emulated VM.
assert_chain() { # log guest-path mode path
	local libc='/usr/lib/x86_64-linux-gnu/libc\.so\.6\(openat64\+0x[0-9a-f]+\)'
	local f i=1 fn re frames=()
	f=$(frames_of "$1" "$4")
	mapfile -t frames <<<"$f"
	case "${2##*/}" in
	*static*) libc="[^ ]*/${2##*/}"'\(__openat64\+0x[0-9a-f]+\)' ;;
	esac
	re="^ > $libc \[0x[0-9a-f]+\]$"
	[[ ${frames[0]} =~ $re ]] ||
		fail "frame 0 of $2 $3 is not libc's openat: ${frames[0]}"
	for fn in chain_b chain_a thread_main; do
		re="^ > $2\($fn\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$"
		[[ ${frames[i]:-} =~ $re ]] ||
			fail "frame $i of $2 $3 is not $fn:
$f"
		i=$((i + 1))
	done
	if [ "$3" = thread ]; then
		if [[ $f == *"(main+"* ]]; then
			fail "a thread's stack reaches main:
$f"
		fi
		return 0
	fi
	for fn in run main; do
		re="^ > $2\($fn\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$"
		[[ ${frames[i]:-} =~ $re ]] ||
			fail "frame $i of $2 $3 is not $fn:
$f"
		i=$((i + 1))
	done
	re='\(_start\+0x[0-9a-f]+\)'
	[[ ${frames[-1]} =~ $re ]] || fail "the stack of $2 $3 does not end at _start:
$f"
}

assert_all_chains() { # log guest-path
	local m
	for m in $MODES; do
		assert_chain "$1" "$2" "${m%%:*}" "${m#*:}"
	done
}

t_stack_chain_kernel() {
	need_kernel
	local v
	for v in $VARIANTS; do
		hy -k -e trace=openat -- "$GUESTS/$v" all
		assert_status 0
		assert_all_chains "$T/out" "$GUESTS/$v"
	done
	assert_no_match "$T/stderr" 'unavailable'
}

t_stack_chain_no_kernel() {
	local v
	for v in $VARIANTS; do
		hy --no-kernel -k -e trace=openat -- "$GUESTS/$v" all
		assert_status 0
		assert_all_chains "$T/out" "$GUESTS/$v"
	done
}

# strace -k (libunwind) as the reference, run on the same guest. Where it works
# (dynamic executables) every frame line must be the same, including those of
# ld.so's own calls; on static ones it loses the chain (no frame pointers: one
# frame and garbage; frame pointers: chain_b skipped), so only the first frame.
need_strace_k() {
	strace -k -e trace=none -o /dev/null true 2>/dev/null ||
		skip "this strace has no -k (built without libunwind or libdw)"
}

# The calls and their frames; not exits, nor signals (strace -k prints a stack where a
# signal is delivered, hytrace does not). A call strace split around another
# thread's ("NAME(... <unfinished ...>", later "<... NAME resumed>) = N", then
# its frames) is joined into one line, as hytrace printed it in that run (a
# 7.3 VM, once): which calls overlap is the scheduler's, not the tracer's.
calls_and_frames() { # log
	sed -E 's/^([0-9]+|\[pid +[0-9]+\]) +//' "$1" |
		awk '/^(\+\+\+|---) / { skip = 1; next } /^ > / && skip { next } { skip = 0; print }' |
		awk '/ <unfinished \.\.\.>$/ {
			n = $0; sub(/\(.*/, "", n); part[n] = substr($0, 1, length($0) - 17); next
		}
		/^<\.\.\. [a-z0-9_]+ resumed>/ && ($2 in part) {
			n = $2; sub(/^<\.\.\. [a-z0-9_]+ resumed>/, ""); $0 = part[n] $0; delete part[n]
		}
		{ gsub(/\) +=/, ") ="); print }'
}

t_stack_same_as_strace() {
	need_kernel
	need_strace_k
	local v mode
	for v in stack_chain stack_chain_fp; do
		strace -f -k -e trace=openat -o "$T/s.raw" "$GUESTS/$v" all
		calls_and_frames "$T/s.raw" >"$T/s"
		for mode in "" --no-kernel; do
			hy $mode -k -e trace=openat -- "$GUESTS/$v" all
			calls_and_frames "$T/out" >"$T/h"
			diff -u "$T/s" "$T/h" >"$T/diff" || fail "$v ${mode:-kernel}: not what strace -k printed:
$(head -30 "$T/diff")"
		done
	done
	for v in stack_chain_static stack_chain_static_fp; do
		strace -k -e trace=openat -o "$T/s" "$GUESTS/$v" chain /dev/null
		hy -k -e trace=openat -- "$GUESTS/$v" chain /dev/null
		[ "$(frames_of_null "$T/s" | head -1)" = "$(frames_of_null "$T/out" | head -1)" ] ||
			fail "$v: the first frame differs from strace's: $(frames_of_null "$T/s" | head -1)"
	done
}

# A library loaded, called and unloaded before the run ends: its frames resolve.
t_stack_dlopen() {
	local lib=$GUESTS/libstack_dl.so mode
	for mode in "" --no-kernel; do
		hy $mode -k -e trace=openat -- "$GUESTS/stack_dlopen" "$lib" /dev/null
		assert_status 0
		frames_of_null "$T/out" >"$T/f"
		[ "$(sed -n 2p "$T/f")" != "" ] || fail "no frames: $(cat "$T/out")"
		assert_match "$T/f" " > $lib\(dl_open\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]"
		assert_match "$T/f" " > $lib\(dl_chain\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]"
		assert_match "$T/f" " > $GUESTS/stack_dlopen\(main\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]"
		assert_no_match "$T/out" unexpected_backtracing_error
	done
}

# Only the calls shown have stacks, each line followed by its own.
t_stack_only_shown() {
	need_kernel
	hy -k -e trace=openat,close -- "$GUESTS/stack_chain" chain /dev/null
	assert_status 0
	awk '/^(openat|close)\(/ { if (prev_call && !frames) bad = bad "\n" prev; prev = $0;
		prev_call = 1; frames = 0; next } /^ > / { frames++; next }
		{ if (prev_call && !frames) bad = bad "\n" prev; prev_call = 0 }
		END { if (bad) { print "no stack after:" bad; exit 1 } }' "$T/out" || fail "$(cat "$T/out")"
	assert_no_match "$T/out" '^(mmap|read|execve)\('
}

# --record carries the frames: module, offset, symbol, and the file's build-id.
t_stack_record_json() {
	need_kernel
	local g=$GUESTS/stack_chain id
	id=$(readelf -n "$g" | sed -n 's/.*Build ID: //p')
	[ -n "$id" ] || fail "no build-id in $g"
	hy -k -e trace=openat --record "$T/rec" -- "$g" chain /dev/null
	assert_status 0
	python3 - "$T/rec" "$g" "$id" "$(frames_of_null "$T/out" | sed -n 2p)" <<'PY' || fail "record: $(grep dev/null "$T/rec")"
import json, sys
rec, guest, build_id, text = sys.argv[1:]
ev = next(e for e in map(json.loads, open(rec)) if e["name"] == "openat" and '"/dev/null"' in e["text"])
f = ev["stack"][1]
assert ev["stack_end"] == "complete", ev["stack_end"]
assert f["module"] == guest and f["symbol"] == "chain_b", f
assert f["build_id"] == build_id, (f["build_id"], build_id)
assert text == " > %s(chain_b+%#x) [%#x]" % (guest, f["symbol_offset"], f["offset"]), (text, f)
assert [s["symbol"] for s in ev["stack"][1:6]] == ["chain_b", "chain_a", "thread_main", "run", "main"]
PY
}

# A stack copy too small for the whole chain: the frames it holds, marked truncated.
t_stack_size_truncates() {
	need_kernel
	hy -k --stack-size 64 -e trace=openat --record "$T/rec" -- "$GUESTS/stack_chain" chain /dev/null
	assert_status 0
	grep '"name":"openat"' "$T/rec" | grep 'dev/null' | grep -q '"stack_end":"truncated"' ||
		fail "$(grep dev/null "$T/rec")"
	[ "$(frames_of_null "$T/out" | wc -l)" -lt 8 ] || fail "64 bytes held the whole stack"
	assert_match "$T/out" 'hytrace: [1-9][0-9]* of [1-9][0-9]* stacks were deeper than the 64 bytes copied \(--stack-size\) and end early'
	hy_raw -k --stack-size 100000 -- true
	assert_status 2
	assert_match "$T/stderr" "hytrace: --stack-size wants a number of bytes from 64 to 16384, not '100000'.*"
}

# --folded: calls per stack, outermost first, the syscall last.
t_stack_folded() {
	need_kernel
	local v
	for v in stack_chain stack_chain_static; do
		hy --folded "$T/folded" -e trace=openat -- "$GUESTS/$v" chain /dev/null
		assert_status 0
		assert_match "$T/folded" "_start;.*;main;run;thread_main;chain_a;chain_b;(openat64|__openat64);openat 1"
	done
	hy --folded "$T/folded" --folded-weight time -- "$GUESTS/stack_chain" chain /dev/null
	assert_match "$T/folded" "_start;.*;chain_b;openat64;openat [1-9][0-9]*"
	awk '$NF !~ /^[0-9]+$/ || NF != 2 { exit 1 }' "$T/folded" || fail "not folded: $(head -3 "$T/folded")"
	# -c -k: the same after the summary table
	hy -c -k -e trace=openat -- "$GUESTS/stack_chain" chain /dev/null
	assert_match "$T/out" "_start;.*;main;run;thread_main;chain_a;chain_b;openat64;openat 1"
	assert_match "$T/out" ' *[0-9.]+ +[0-9]+ .* openat'
}

# -p: a process attached to, with the kernel recorder alone and with ptrace.
t_stack_attach() {
	need_kernel
	local mode h
	for mode in "" "--subscribe getppid"; do
		"$GUESTS/attach_me" 3 >"$T/guest.out" &
		G=$!
		for _ in $(seq 100); do grep -q ready "$T/guest.out" && break; sleep 0.02; done
		# shellcheck disable=SC2086
		"$HYTRACE" -k $mode -e trace=getppid -o "$T/raw" -p "$G" 2>"$T/stderr" &
		h=$!
		for _ in $(seq 600); do
			grep -q "^hytrace: Process $G attached$" "$T/stderr" 2>/dev/null && break
			sleep 0.05
		done
		kill -USR1 "$G"
		wait "$h" || fail "hytrace: $(cat "$T/stderr")"
		sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
		assert_count "$T/out" '^getppid\(\)' 3
		assert_count "$T/out" "^ > $GUESTS/attach_me\(main\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$" 3
		assert_no_match "$T/out" unexpected_backtracing_error
	done
}

# hy_backtrace(): the stopped call's stack, at entry and exit, and the event's.
t_stack_backtrace_api() {
	local mode want="openat64 chain_b chain_a thread_main run main __libc_init_first __libc_start_main _start"
	for mode in "" --no-kernel; do
		hy $mode --tool "$ROOT/$OUT/tests/plugins/backtrace.so" --tool-opt path=/dev/null \
			-- "$GUESTS/stack_chain" chain /dev/null
		assert_status 0
		assert_line "$T/out" "enter: $want"
		assert_line "$T/out" "exit: $want"
		assert_line "$T/out" "event: $want"
		assert_match "$T/out" "event frame 1: > $GUESTS/stack_chain\(chain_b\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]"
		assert_no_match "$T/out" '^ > ' # the log did not ask for stacks
	done
}

run_tests
