#!/bin/bash
# SPDX-License-Identifier: MIT
# The kernel filter (bpf/kfilter.bpf.h): the calls -P PATH and -z/-Z would drop
# never reach user space. tests/plugins/kfilter_probe.c asks for the filter and
# filters nothing itself, so each of its lines is a call the kernel delivered.
. "$(dirname "$0")/lib.sh"

PL=$ROOT/$OUT/tests/plugins

probe() { # probe options, then -- command
	local opts=()
	while [ "$1" != -- ]; do
		opts+=(--tool-opt "$1")
		shift
	done
	shift
	hy -e trace=none --tool "$PL/kfilter_probe.so" "${opts[@]}" -- "$@"
	assert_status 0
}

# -P: of 300 openat+close of /dev/null and 3 of the path, the kernel delivers
# the 3 and their closes (found by descriptor), and nothing else of the tree
# (sh's and the loader's calls). Without the kernel the probe sees them all.
t_kfilter_path() {
	need_kernel
	: >"$T/target"
	probe "path=$T/target" -- sh -c "$GUESTS/open_loop 300 /dev/null; $GUESTS/open_loop 3 $T/target"
	assert_count "$T/out" "^kf openat ok $T/target\$" 3
	assert_count "$T/out" '^kf close ok -$' 3
	assert_count "$T/out" '^kf ' 6
	hy --no-kernel -e trace=none --tool "$PL/kfilter_probe.so" --tool-opt "path=$T/target" \
		-- "$GUESTS/open_loop" 30 /dev/null
	assert_count "$T/out" '^kf openat ok /dev/null$' 30
}

# -Z: only failed calls arrive, a failed openat with its path (its entry memory,
# read at sys_exit once its status is known); -z: only successful ones. execve
# is the exception: its argv is gone after it succeeds, so it is recorded at
# entry and the tool filters it.
t_kfilter_status() {
	need_kernel
	: >"$T/target"
	probe status=failed -- sh -c "cat $T/missing 2>/dev/null; $GUESTS/open_loop 50 $T/target"
	grep -v '^kf execve ' "$T/out" >"$T/calls"
	assert_count "$T/calls" '^kf [a-z0-9_]+ ok ' 0
	assert_count "$T/calls" "^kf openat failed $T/missing\$" 1
	probe status=successful -- sh -c "cat $T/missing 2>/dev/null; $GUESTS/open_loop 50 $T/target"
	assert_count "$T/out" '^kf [a-z0-9_]+ failed ' 0
	assert_count "$T/out" "^kf openat ok $T/target\$" 50
}

# -P follows a descriptor a child inherited at fork: the kernel delivers the
# child's read and close of it (its process's set is its parent's copy), and
# the parent's own close after the child closed its copy; nothing of the 30
# opens of /dev/null after the fork. The log shows the same lines on both
# paths (strace's: test_strace_compat's path-inherit).
t_kfilter_inherited() {
	need_kernel
	local mode
	echo hello >"$T/target"
	probe "path=$T/target" -- sh -c "$GUESTS/compat inherit $T/target; $GUESTS/open_loop 30 /dev/null"
	assert_count "$T/out" "^kf openat ok $T/target\$" 1
	assert_count "$T/out" '^kf read ok -$' 1
	assert_count "$T/out" '^kf close ok -$' 2
	assert_count "$T/out" '^kf ' 4
	for mode in kernel --no-kernel; do
		hy ${mode#kernel} -f -P "$T/target" -- "$GUESTS/compat" inherit "$T/target"
		assert_status 0
		assert_count "$T/out" '^read\(3, "hello\\n", 16\) += 6$' 1
		assert_count "$T/out" '^close\(3\) += 0$' 2
		grep -E '^[a-z0-9_]+\(' "$T/out" >"lines.$mode"
	done
	diff lines.kernel lines.--no-kernel >&2 || fail "the kernel path and --no-kernel differ"
}

# -y -P: the filter stays in the kernel (3000 reads of /dev/zero never reach
# user space, nor does its open, whose path a fresh program's page hides at
# sys_enter) while the calls -y's descriptor table learns from (opens, closes,
# forks, execs) are kept; the lines are --no-kernel's, descriptors named.
t_kfilter_with_decode_fds() {
	need_kernel
	local mode n
	echo hello >"$T/target"
	for mode in kernel --no-kernel; do
		hy ${mode#kernel} -C -y -P "$T/target" -- \
			sh -c "$GUESTS/read_loop 3000 64 1000; cat $T/target >/dev/null"
		assert_status 0
		assert_line "$T/out" "openat(AT_FDCWD<$T>, \"$T/target\", O_RDONLY) = 3<$T/target>"
		assert_match "$T/out" "read\\(3<$T/target>, \"hello\\\\n\", [0-9]+\\) += 6"
		assert_match "$T/out" "close\(3<$T/target>\) += 0"
		assert_no_match "$T/out" 'read\(3</dev/zero>.*'
		grep -E '^[a-z0-9_]+\(' "$T/out" >"lines.$mode"
		[ "$mode" = kernel ] && n=$(sed -nE 's/^hytrace: ([0-9]+) syscalls recorded.*/\1/p' "$T/out")
	done
	diff lines.kernel lines.--no-kernel >&2 || fail "the kernel path and --no-kernel differ"
	[ -n "$n" ] && [ "$n" -lt 500 ] || fail "-y -P: $n calls recorded, the kernel filter is off"
}

# The -P log of fd_paths (the guest's arguments given) on both paths, as
# lines.kernel and lines.--no-kernel, which must be the same, and strace's.
# Each run starts with descriptor 7 open on PATH (a file offset of its own).
fd_paths_both() {
	local mode
	for mode in kernel --no-kernel; do
		hy ${mode#kernel} -f -P "$T/target" -- "$GUESTS/fd_paths" "$@" 7<"$T/target"
		assert_status 0
		grep -E '^[a-z0-9_]+\(' "$T/out" | sed -E 's/ +=/ =/' >"lines.$mode"
	done
	diff lines.kernel lines.--no-kernel >&2 || fail "the kernel path and --no-kernel differ"
	command -v strace >/dev/null || return 0
	strace -f -P "$T/target" -o "$T/strace" "$GUESTS/fd_paths" "$@" >/dev/null 2>&1 7<"$T/target" ||
		fail "strace failed"
	sed -E 's/^[0-9]+ +//; s/ +=/ =/' "$T/strace" | grep -E '^[a-z0-9_]+\(' >lines.strace
	diff lines.strace lines.kernel >&2 || fail "strace -P shows other lines"
}

# -P on a descriptor open before the run (strace finds it through /proc): the
# kernel compares the descriptor's file with PATH's (bpf/kfilter.bpf.h's
# kf_files), the tracer /proc/PID/fd/7 at the stop; the read of /dev/null
# after it stays filtered.
t_kfilter_path_fd_inherited() {
	need_kernel
	echo hello >"$T/target"
	fd_paths_both inherited 7
	assert_count lines.kernel '^read\(7, "hello\\n", 16\) = 6$' 1
	assert_count lines.kernel '^close\(7\) = 0$' 1
	assert_count lines.kernel '.' 2
}

# -P on a descriptor received over a unix socket (SCM_RIGHTS): the sender's
# open is shown by its path, the receiver's read and close by the file.
t_kfilter_path_fd_passed() {
	need_kernel
	echo hello >"$T/target"
	fd_paths_both passed "$T/target"
	assert_count lines.kernel "^openat\\(AT_FDCWD, \"$T/target\", O_RDONLY\\) = [0-9]+\$" 1
	assert_count lines.kernel '^read\([0-9]+, "hello\\n", 16\) = 6$' 1
	assert_count lines.kernel '^close\([0-9]+\) = 0$' 1
	assert_count lines.kernel '.' 3
}

# -P on descriptor 2000, which a child inherits: the kernel's per-process
# set of followed descriptors ends at 1024 and is what a child inherits, so
# the child's read and close are found by the file.
t_kfilter_path_fd_high() {
	need_kernel
	echo hello >"$T/target"
	fd_paths_both high "$T/target"
	assert_count lines.kernel '^dup2\(3, 2000\) = 2000$' 1
	assert_count lines.kernel '^read\(2000, "hello\\n", 16\) = 6$' 1
	assert_count lines.kernel '^close\(2000\) = 0$' 2
	assert_count lines.kernel '.' 6
}

# When every call is recorded (a held call's note, -k, the guest backend) the
# kernel filter drops none but still marks the calls it finds by a
# descriptor's file: user space could not find them later. -c -P counts them.
t_kfilter_path_fd_every_call() {
	need_kernel
	echo hello >"$T/target"
	hy -e inject=getpid:retval=1 -P "$T/target" -- "$GUESTS/fd_paths" inherited 7 7<"$T/target"
	assert_status 0
	assert_count "$T/out" '^read\(7, "hello\\n", 16\) += 6$' 1
	assert_count "$T/out" '^close\(7\) += 0$' 1
	assert_count "$T/out" '^[a-z0-9_]+\(' 2
	hy -c -P "$T/target" -- "$GUESTS/fd_paths" inherited 7 7<"$T/target"
	assert_status 0
	assert_match "$T/out" '.* 1 +read'
	assert_match "$T/out" '.* 2 +total'
}

# recorded() : the calls the kernel recorder delivered, from the closing line of -C
recorded() {
	sed -nE 's/^hytrace: ([0-9]+) syscalls recorded.*/\1/p' "$T/out"
}

# -P past the kernel's old limits stays in the kernel: 20 paths (the kernel
# compared 16), one of them found by the file of a descriptor open before the
# run, as strace -P finds it; a path of 259 bytes (compared by its first 255,
# user space decides the rest); two tools with different paths (the kernel
# keeps either's calls, each tool filters its own). Each used to turn the
# kernel filter off, and the inherited descriptor's calls were lost.
t_kfilter_path_limits() {
	need_kernel
	local args=() long probe n
	echo hello >"$T/target"
	for n in $(seq 19); do args+=(-P "$T/none$n"); done
	hy -C "${args[@]}" -P "$T/target" -- "$GUESTS/fd_paths" inherited 7 7<"$T/target"
	assert_status 0
	assert_count "$T/out" '^read\(7, "hello\\n", 16\) += 6$' 1
	assert_count "$T/out" '^close\(7\) += 0$' 1
	assert_count "$T/out" '^[a-z0-9_]+\(' 2
	[ "$(recorded)" = 2 ] || fail "20 -P: $(recorded) calls recorded, the kernel filter is off"
	long=$T/$(printf 'd%.0s' $(seq 80))/$(printf 'e%.0s' $(seq 80))/$(printf 'f%.0s' $(seq 80))
	mkdir -p "$long"
	long=$long/target
	echo hi >"$long"
	hy -C -P "$long" -- sh -c "$GUESTS/open_loop 300 /dev/null; $GUESTS/open_loop 3 $long"
	assert_status 0
	assert_count "$T/out" "^openat\\(AT_FDCWD, \"$long\", O_RDONLY\\) += 3\$" 3
	assert_count "$T/out" '^close\(3\) += 0$' 3
	assert_count "$T/out" '^[a-z0-9_]+\(' 6
	[ "$(recorded)" -lt 100 ] || fail "a long -P: $(recorded) calls recorded, the kernel filter is off"
	probe="--tool $PL/kfilter_probe.so --tool-opt path=$T/target"
	hy -C -P "$long" $probe -- sh -c "$GUESTS/open_loop 300 /dev/null; $GUESTS/open_loop 2 $long; $GUESTS/open_loop 3 $T/target"
	assert_status 0
	assert_count "$T/out" "^openat\\(AT_FDCWD, \"$long\", O_RDONLY\\) += 3\$" 2
	assert_count "$T/out" "^kf openat ok $T/target\$" 3
	assert_count "$T/out" "^kf openat ok $T/d+/e+/.*" 2 # the probe prints 255 bytes
	assert_count "$T/out" '^kf ' 10
	assert_count "$T/out" '^[a-z0-9_]+\(' 4
}

# More paths than the kernel compares (128): a line says so, and the calls are
# filtered in user space (the kernel keeps the calls with a path or a
# descriptor), the right ones shown.
t_kfilter_path_too_many() {
	need_kernel
	local args=() n
	for n in $(seq 129); do args+=(-P "$T/none$n"); done
	: >"$T/target"
	hy -C "${args[@]}" -P "$T/target" -- sh -c "$GUESTS/open_loop 30 /dev/null; $GUESTS/open_loop 3 $T/target"
	assert_status 0
	assert_line "$T/stderr" "hytrace: -P: 130 paths, the kernel compares 128: the calls are filtered in user space, and descriptors on the others that no call of the run opened are not found"
	assert_count "$T/out" "^openat\\(AT_FDCWD, \"$T/target\", O_RDONLY\\) += 3\$" 3
	assert_count "$T/out" '^close\(3\) += 0$' 3
	assert_count "$T/out" '^[a-z0-9_]+\(' 6
}

run_tests
